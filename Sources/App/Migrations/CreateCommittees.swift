import Fluent

/// Governance: the committees of the région's comitologie (CRNS, COTAN, COPIL…), their members from
/// the directory, what they follow, and their meetings with agenda, attendance, minutes, decisions and
/// points of attention.
struct CreateCommittees: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("committees")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            /// Organisation codes of the directory, `ARS,GRADeS`.
            .field("organisations", .string, .required)
            .field("territory_code", .string)
            .field("frequency", .string, .required)
            .field("objectives", .string, .required)
            /// One agenda item per line: `20 min | Indicateurs de la feuille de route`.
            .field("agenda_template", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await db.schema("committee_members")
            .field("committee_id", .uuid, .required, .references("committees", "id", onDelete: .cascade))
            .field("contact_id", .uuid, .required, .references("contacts", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .unique(on: "committee_id", "contact_id")
            .create()
        try await db.schema("committee_follows")
            .field("committee_id", .uuid, .required, .references("committees", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("code", .string, .required)
            .unique(on: "committee_id", "kind", "code")
            .create()
        try await db.schema("meetings")
            .id()
            .field("committee_id", .uuid, .required, .references("committees", "id", onDelete: .cascade))
            .field("day", .string, .required)
            .field("start_time", .string, .required)
            .field("duration_minutes", .int, .required)
            .field("place", .string, .required)
            .field("video_url", .string, .required)
            .field("status", .string, .required)
            .field("minutes", .string, .required)
            .field("minutes_status", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("agenda_items")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("sort", .int, .required)
            .field("duration_minutes", .int, .required)
            .field("title", .string, .required)
            .field("speakers", .string, .required)
            .field("link_kind", .string, .required)
            .field("link_code", .string, .required)
            .create()
        try await db.schema("meeting_attendance")
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("contact_id", .uuid, .required, .references("contacts", "id", onDelete: .cascade))
            .field("presence", .string, .required)
            .field("represented_by", .string, .required)
            .unique(on: "meeting_id", "contact_id")
            .create()
        try await db.schema("decisions")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("owner", .string, .required)
            .field("due_on", .string)
            .field("link_kind", .string, .required)
            .field("link_code", .string, .required)
            .field("status", .string, .required)
            .field("task_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("attention_points")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("status", .string, .required)
            .field("closed_on", .string)
            .create()
    }

    func revert(on db: Database) async throws {
        for table in [
            "attention_points", "decisions", "meeting_attendance", "agenda_items", "meetings", "committee_follows",
            "committee_members", "committees"
        ] {
            try await db.schema(table).delete()
        }
    }
}

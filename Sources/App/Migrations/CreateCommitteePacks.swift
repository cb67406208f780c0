import Fluent

/// Committee packs: the committee's pack template (its sections in order, the indicators given a focus page),
/// and every pack generated, frozen as it was — its HTML, PDF and tables, with the SHA-256 of the photo it
/// was made from and its own.
struct CreateCommitteePacks: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("committees").field("pack_sections", .string, .required, .sql(.default(""))).update()
        try await db.schema("committees").field("pack_focus", .string, .required, .sql(.default(""))).update()
        try await db.schema("committee_packs")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("snapshot_id", .uuid, .required, .references("snapshots", "id", onDelete: .restrict))
            .field("snapshot_sha256", .string, .required)
            .field("sections", .string, .required)
            .field("focus", .string, .required)
            .field("html", .string, .required)
            .field("html_sha256", .string, .required)
            .field("pdf", .data, .required)
            .field("pdf_sha256", .string, .required)
            .field("xlsx", .data, .required)
            .field("pages", .int, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("committee_packs").delete()
        try await db.schema("committees").deleteField("pack_focus").update()
        try await db.schema("committees").deleteField("pack_sections").update()
    }
}

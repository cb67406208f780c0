import Fluent
import SQLKit

/// The field activity log: organisations, contacts, activities and what each touched (topics,
/// couloirs, territories, organisers, structures reached with who attended).
struct CreateActivities: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("organisations")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await db.schema("organisation_territories")
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("territory_code", .string, .required)
            .unique(on: "organisation_id", "territory_code")
            .create()
        try await db.schema("contacts")
            .id()
            .field("civility", .string, .required)
            .field("first_name", .string, .required)
            .field("last_name", .string, .required)
            .field("function", .string, .required)
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .setNull))
            .field("structure_id", .uuid)
            .field("email", .string, .required)
            .field("phone", .string, .required)
            .field("roles", .string, .required)
            .field("mailing_consent", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("contact_territories")
            .field("contact_id", .uuid, .required, .references("contacts", "id", onDelete: .cascade))
            .field("territory_code", .string, .required)
            .unique(on: "contact_id", "territory_code")
            .create()
        try await db.schema("activities")
            .id()
            .field("import_key", .string)
            .field("content_hash", .string, .required)
            .field("type", .string, .required)
            .field("title", .string, .required)
            .field("date", .string, .required)
            .field("duration_minutes", .int)
            .field("place", .string, .required)
            .field("remote", .bool, .required)
            .field("participants", .int)
            .field("notes", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "import_key")
            .create()
        for (table, column) in [
            ("activity_topics", "topic"), ("activity_couloirs", "couloir"), ("activity_territories", "territory_code")
        ] {
            try await db.schema(table)
                .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
                .field(.string(column), .string, .required)
                .unique(on: "activity_id", .string(column))
                .create()
        }
        try await db.schema("activity_organisers")
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .references("organisations", "id", onDelete: .setNull))
            .field("contact_id", .uuid, .references("contacts", "id", onDelete: .setNull))
            .field("label", .string, .required)
            .create()
        try await db.schema("activity_structures")
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("structure_id", .uuid, .required)
            .field("attendees", .string, .required)
            .unique(on: "activity_id", "structure_id")
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "activities_date_idx").on("activities").column("date").run()
        try await sql.create(index: "activity_structures_structure_idx").on("activity_structures").column(
            "structure_id"
        ).run()
        try await sql.create(index: "activity_territories_territory_idx").on("activity_territories").column(
            "territory_code"
        ).run()
        try await sql.create(index: "contacts_email_idx").on("contacts").column("email").run()
    }

    func revert(on db: Database) async throws {
        for table in [
            "activity_structures", "activity_organisers", "activity_territories", "activity_couloirs",
            "activity_topics", "activities",
            "contact_territories", "contacts", "organisation_territories", "organisations"
        ] {
            try await db.schema(table).delete()
        }
    }
}

import Fluent
import SQLKit

/// Practitioners' activities from the RPPS register (one row per activity line of the extraction),
/// and the key of the practices (cabinets outside FINESS) created for them among the structures.
struct CreatePractitioners: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("practitioner_activities")
            .id()
            .field("activity_key", .string, .required)
            .field("rpps", .string, .required)
            .field("last_name", .string, .required)
            .field("first_name", .string, .required)
            .field("profession_code", .string, .required)
            .field("profession_label", .string, .required)
            .field("skill_label", .string, .required)
            .field("practice_mode", .string, .required)
            .field("couloir", .string, .required)
            .field("structure_id", .uuid)
            .field("finess_site", .string, .required)
            .field("siret", .string, .required)
            .field("commune_code", .string)
            .field("content_hash", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "activity_key")
            .create()
        try await db.schema("structures").field("practice_key", .string).update()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "structures_practice_key_idx").on("structures").column("practice_key").run()
        try await sql.create(index: "practitioner_activities_rpps_idx").on("practitioner_activities").column("rpps")
            .run()
        try await sql.create(index: "practitioner_activities_structure_idx").on("practitioner_activities").column(
            "structure_id"
        ).run()
    }

    func revert(on db: Database) async throws {
        try await db.schema("practitioner_activities").delete()
        try await db.schema("structures").deleteField("practice_key").update()
    }
}

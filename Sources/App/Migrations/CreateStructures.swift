import Fluent
import SQLKit

/// Health and social-care structures: FINESS establishments, and practices FINESS does not list
/// (identified by RPPS or SIRET). Dates are ISO `AAAA-MM-JJ` strings: portable and comparable.
struct CreateStructures: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("structures")
            .id()
            .field("finess_et", .string)
            .field("finess_ej", .string, .required)
            .field("rpps", .string)
            .field("siret", .string, .required)
            .field("source", .string, .required)
            .field("name", .string, .required)
            .field("long_name", .string, .required)
            .field("complement", .string, .required)
            .field("address", .string, .required)
            .field("postal_code", .string, .required)
            .field("city", .string, .required)
            .field("commune_code", .string)
            .field("commune_raw", .string, .required)
            .field("phone", .string, .required)
            .field("category_code", .string, .required)
            .field("category_label", .string, .required)
            .field("couloir", .string, .required)
            .field("opened_on", .string)
            .field("authorised_on", .string)
            .field("closed_on", .string)
            .field("source_updated_on", .string)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("is_demo", .bool, .required)
            .field("content_hash", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "finess_et")
            .create()
        let sql = db as! any SQLDatabase
        for column in ["commune_code", "couloir", "category_code", "finess_ej", "name"] {
            try await sql.create(index: "structures_\(column)_idx").on("structures").column(column).run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("structures").delete()
    }
}

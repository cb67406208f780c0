import Fluent
import SQLKit

/// Indicators, their first-class targets, and their observations with a history of replaced values.
struct CreateIndicators: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("indicators")
            .field("code", .string, .identifier(auto: false))
            .field("label", .string, .required)
            .field("service", .string, .required)
            .field("couloir", .string, .required)
            .field("source", .string, .required)
            .field("kind", .string, .required)
            .field("unit", .string, .required)
            .field("nature", .string, .required)
            .field("cumulative_since", .string)
            .field("periodicity", .string, .required)
            .field("rollup", .string, .required)
            .field("direction", .string, .required)
            .field("formula", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("fiche_indicators")
            .field("fiche_id", .uuid, .required, .references("fiches", "id", onDelete: .cascade))
            .field("indicator_code", .string, .required, .references("indicators", "code", onDelete: .cascade))
            .field("sort", .int, .required)
            .unique(on: "fiche_id", "indicator_code")
            .create()
        try await db.schema("targets")
            .id()
            .field("indicator_code", .string, .required, .references("indicators", "code", onDelete: .cascade))
            .field("territory_code", .string, .required)
            .field("couloir", .string, .required)
            .field("due_on", .string, .required)
            .field("value_kind", .string, .required)
            .field("value_number", .double)
            .field("value_text", .string)
            .field("baseline", .double)
            .field("baseline_on", .string)
            .field("updated_at", .datetime)
            .unique(on: "indicator_code", "territory_code", "couloir", "due_on")
            .create()
        // `subject` is `T:<territory>` or `S:<structure id>`: a non-null natural key on both databases.
        try await db.schema("observations")
            .id()
            .field("indicator_code", .string, .required, .references("indicators", "code", onDelete: .cascade))
            .field("subject", .string, .required)
            .field("territory_code", .string)
            .field("structure_id", .uuid)
            .field("couloir", .string, .required)
            .field("period", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("value", .double)
            .field("numerator", .double)
            .field("denominator", .double)
            .field("not_provided", .bool, .required)
            .field("source", .string, .required)
            .field("comment", .string, .required)
            .field("provenance", .string, .required)
            .field("batch_id", .uuid)
            .field("recorded_at", .datetime, .required)
            .unique(on: "indicator_code", "subject", "couloir", "period")
            .create()
        try await db.schema("observation_history")
            .id()
            .field("observation_id", .uuid, .required)
            .field("indicator_code", .string, .required)
            .field("subject", .string, .required)
            .field("couloir", .string, .required)
            .field("period", .string, .required)
            .field("value", .double)
            .field("numerator", .double)
            .field("denominator", .double)
            .field("not_provided", .bool, .required)
            .field("source", .string, .required)
            .field("comment", .string, .required)
            .field("provenance", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("replaced_at", .datetime, .required)
            .field("replaced_by", .string, .required)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "observations_indicator_idx").on("observations").column("indicator_code").column(
            "couloir"
        ).column("period_end").run()
        try await sql.create(index: "observation_history_observation_idx").on("observation_history").column(
            "observation_id"
        ).run()
    }

    func revert(on db: Database) async throws {
        for table in ["observation_history", "observations", "targets", "fiche_indicators", "indicators"] {
            try await db.schema(table).delete()
        }
    }
}

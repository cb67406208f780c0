import Fluent
import Foundation
import SQLKit

/// A target belongs to a roadmap's use of an indicator (`roadmap_code`), or to the indicator itself
/// (`''`, shared by every roadmap that follows it). The natural key gains the roadmap, so the table is
/// rebuilt: SQLite cannot change a unique constraint in place. A target written before is given to the
/// one roadmap that follows its indicator over a period holding its due date, and stays shared when
/// none or several do (2023 is in both the 2021–2023 and the 2023–2027 plans).
struct UpdateTargetsAddRoadmap: AsyncMigration {
    static let columns = [
        "id", "indicator_code", "territory_code", "couloir", "due_on", "value_kind", "value_number", "value_text",
        "baseline", "baseline_on", "updated_at", "batch_id"
    ]

    func prepare(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        try await Self.create("targets_by_roadmap", keyedByRoadmap: true, on: db)
        let copied = SQLList(Self.columns.map { SQLIdentifier($0) })
        try await sql.raw(
            """
            INSERT INTO targets_by_roadmap (roadmap_code, \(copied))
            SELECT '', \(copied) FROM targets
            """
        ).run()
        for (roadmap, ids) in try await Self.owners(on: sql) {
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                try await sql.update("targets_by_roadmap").set("roadmap_code", to: roadmap)
                    .where("id", .in, Array(ids[chunk..<min(chunk + 500, ids.count)])).run()
            }
        }
        try await sql.drop(table: "targets").run()
        try await sql.raw("ALTER TABLE targets_by_roadmap RENAME TO targets").run()
    }

    /// The targets table, with or without the roadmap in its natural key.
    static func create(_ table: String, keyedByRoadmap: Bool, on db: Database) async throws {
        var schema = db.schema(table).id()
        if keyedByRoadmap { schema = schema.field("roadmap_code", .string, .required) }
        schema =
            schema
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
            .field("batch_id", .uuid)
        schema =
            keyedByRoadmap
            ? schema.unique(on: "roadmap_code", "indicator_code", "territory_code", "couloir", "due_on")
            : schema.unique(on: "indicator_code", "territory_code", "couloir", "due_on")
        try await schema.create()
    }

    /// The targets written before, by the one roadmap that follows their indicator at their due date.
    static func owners(on sql: any SQLDatabase) async throws -> [String: [UUID]] {
        struct FollowingRow: Decodable {
            var code, startOn, endOn, indicatorCode: String
        }
        let following = try await sql.raw(
            """
            SELECT DISTINCT r.code, r.start_on, r.end_on, fi.indicator_code
            FROM roadmaps r JOIN fiches f ON f.roadmap_id = r.id JOIN fiche_indicators fi ON fi.fiche_id = f.id
            """
        ).all(decoding: FollowingRow.self, with: .snakeCase)
        let byIndicator = Dictionary(grouping: following, by: \.indicatorCode)
        struct TargetRow: Decodable {
            var id: UUID
            var indicatorCode, dueOn: String
        }
        var owners: [String: [UUID]] = [:]
        for target in try await sql.select().columns("id", "indicator_code", "due_on").from("targets")
            .all(decoding: TargetRow.self, with: .snakeCase)
        {
            let covering = (byIndicator[target.indicatorCode] ?? []).filter {
                $0.startOn <= target.dueOn && target.dueOn <= $0.endOn
            }
            if covering.count == 1 { owners[covering[0].code, default: []].append(target.id) }
        }
        return owners
    }

    /// Back to one target per indicator, territory, couloir and due date: a roadmap's own target wins.
    func revert(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        try await Self.create("targets_shared", keyedByRoadmap: false, on: db)
        let copied = SQLList(Self.columns.map { SQLIdentifier($0) })
        try await sql.raw(
            """
            INSERT INTO targets_shared (\(copied))
            SELECT \(copied) FROM targets WHERE 1 = 1 ORDER BY roadmap_code DESC ON CONFLICT DO NOTHING
            """
        ).run()
        try await sql.drop(table: "targets").run()
        try await sql.raw("ALTER TABLE targets_shared RENAME TO targets").run()
    }
}

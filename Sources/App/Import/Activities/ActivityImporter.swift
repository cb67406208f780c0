import Foundation
import JalonCore
import SQLKit

/// `jalon import activities FILE`: a journal of activities as a CSV
/// (`date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs`, lists separated
/// by `|`, structures by FINESS number; optional `duree`, `lieu`, `distanciel`, `notes`). All lines or
/// none; a line already imported is recognised by its date, type and title and changes nothing.
struct ActivityImporter: Importer {
    let kind = ImportKind.activities

    struct Planned: Sendable {
        var activity: ActivityService.Resolved
        var change: ImportChange
    }

    static let columns: [(field: String, names: [String])] = [
        ("date", ["date"]), ("type", ["type"]), ("titre", ["titre", "title", "intitule"]),
        ("themes", ["themes", "thèmes", "topics", "services"]),
        ("couloirs", ["couloirs", "couloir", "sectors"]), ("territoires", ["territoires", "territoire", "territories"]),
        ("structures", ["structures", "finess"]), ("participants", ["participants"]),
        ("organisateurs", ["organisateurs", "organisers"]),
        ("duree", ["duree", "durée", "duration"]), ("lieu", ["lieu", "place"]),
        ("distanciel", ["distanciel", "remote", "a distance"]),
        ("notes", ["notes", "compte rendu", "commentaire"])
    ]

    /// The key that recognises a line on a second import.
    static func importKey(_ activity: ActivityService.Resolved) -> String {
        "\(activity.date.iso)|\(activity.type.rawValue)|\(activity.title.matchKey)"
    }

    func read(_ file: ImportFile, on db: any SQLDatabase) async throws -> [ImportLine<ActivityService.Input>] {
        let table = try CanonicalTable.read(file.data, fileName: file.name, columns: Self.columns)
        for required in ["date", "type", "titre"] where !table.has(required) {
            throw ServiceError.invalid(
                "\(file.name), ligne 1 : colonne « \(required) » absente (colonnes : "
                    + "date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs).")
        }
        return table.rows.map { row in
            let list = { (field: String) in CanonicalTable.list(table.cell(row, field)) }
            return ImportLine(
                number: row.line,
                input: ActivityService.Input(
                    date: table.cell(row, "date") ?? "", type: table.cell(row, "type") ?? "",
                    title: table.cell(row, "titre") ?? "",
                    durationMinutes: table.cell(row, "duree").flatMap { Int($0.filter(\.isNumber)) },
                    place: table.cell(row, "lieu"),
                    remote: table.cell(row, "distanciel").map { FrenchNumber.parse($0) == .boolean(true) },
                    participants: table.cell(row, "participants"), notes: table.cell(row, "notes"),
                    topics: list("themes"), couloirs: list("couloirs"), territories: list("territoires"),
                    structures: list("structures").map { .init(structure: $0) }, organisers: list("organisateurs")))
        }
    }

    func resolve(_ input: ActivityService.Input, on db: any SQLDatabase) async throws -> ActivityService.Resolved {
        try await ActivityService.resolve(input, on: db)
    }

    func keys(of activity: ActivityService.Resolved) -> [ImportKey] {
        [
            ImportKey(
                parts: [activity.date.iso, activity.type.rawValue, activity.title.matchKey],
                meaning: "même date, type et titre", field: "titre")
        ]
    }

    func authorize(_ activity: ActivityService.Resolved, actor: Actor, on db: any SQLDatabase) async throws {
        try await ActivityService.authorize(activity, actor: actor, on: db)
    }

    func plan(_ activities: [ActivityService.Resolved], on db: any SQLDatabase) async throws -> [Planned] {
        struct StoredRow: Decodable {
            var importKey: String
            var contentHash: String
        }
        var stored: [String: String] = [:]
        let keys = activities.map(Self.importKey)
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = Array(keys[start..<min(start + 500, keys.count)])
            for row in try await db.select().columns("import_key", "content_hash").from("activities")
                .where("import_key", .in, chunk).all(decoding: StoredRow.self, with: .snakeCase)
            {
                stored[row.importKey] = row.contentHash
            }
        }
        return activities.map { activity in
            let change: ImportChange =
                switch stored[Self.importKey(activity)] {
                case nil: .create
                case activity.hash?: .unchanged
                default: .update
                }
            return Planned(activity: activity, change: change)
        }
    }

    func change(of planned: Planned) -> ImportChange { planned.change }

    func notes(on plan: [Planned]) -> [String] {
        let reached = plan.filter { $0.change != .unchanged }.reduce(0) { $0 + $1.activity.structures.count }
        return ["\(Format.integer(reached)) structures touchées."]
    }

    func write(_ plan: [Planned], stamp: ImportStamp, on db: any SQLDatabase, actor: Actor) async throws {
        for planned in plan where planned.change != .unchanged {
            _ = try await ActivityService.save(
                planned.activity, importKey: Self.importKey(planned.activity), on: db, actor: actor)
        }
    }
}

import Foundation
import JalonCore
import SQLKit

/// `jalon import activities FILE`: a journal of activities as a CSV
/// (`date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs`, lists separated
/// by `|`, structures by FINESS number; optional `duree`, `lieu`, `distanciel`, `notes`). All lines or
/// none; a line already imported is recognised by its date, type and title and changes nothing.
enum ActivityImport {
    struct Summary: Sendable, Equatable {
        var file: String
        var read = 0, created = 0, updated = 0, unchanged = 0, structuresReached = 0
        var text: String {
            "\(file) : \(Format.integer(read)) activités lues — \(Format.integer(created)) créées, \(Format.integer(updated)) modifiées, \(Format.integer(unchanged)) inchangées ; \(Format.integer(structuresReached)) structures touchées."
        }
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

    static func list(_ s: String?) -> [String] {
        (s ?? "").split(separator: "|").map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
    }

    /// The key that recognises a line on a second import.
    static func key(_ r: ActivityService.Resolved) -> String { "\(r.date.iso)|\(r.type.rawValue)|\(r.title.matchKey)" }

    static func run(_ data: Data, fileName: String, on db: any SQLDatabase, actor: Actor) async throws -> Summary {
        let table = try CanonicalTable.read(data, fileName: fileName, columns: columns)
        for required in ["date", "type", "titre"] where !table.has(required) {
            throw ServiceError.invalid(
                "\(fileName), ligne 1 : colonne « \(required) » absente (colonnes : date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs)."
            )
        }
        var summary = Summary(file: fileName, read: table.rows.count)
        var resolved: [(line: Int, activity: ActivityService.Resolved)] = []
        var seen: [String: Int] = [:]
        var problems: [String] = []
        for r in table.rows {
            let duration = table.cell(r, "duree").flatMap { Int($0.filter(\.isNumber)) }
            let remote = table.cell(r, "distanciel").map { FrenchNumber.parse($0) == .boolean(true) }
            let input = ActivityService.Input(
                date: table.cell(r, "date") ?? "", type: table.cell(r, "type") ?? "",
                title: table.cell(r, "titre") ?? "", duration_minutes: duration,
                place: table.cell(r, "lieu"), remote: remote, participants: table.cell(r, "participants"),
                notes: table.cell(r, "notes"),
                topics: list(table.cell(r, "themes")), couloirs: list(table.cell(r, "couloirs")),
                territories: list(table.cell(r, "territoires")),
                structures: list(table.cell(r, "structures")).map { .init(structure: $0) },
                organisers: list(table.cell(r, "organisateurs")))
            do {
                let a = try await ActivityService.resolve(input, on: db)
                if let first = seen[key(a)] {
                    problems.append("ligne \(r.line) : même date, type et titre qu'à la ligne \(first)")
                    continue
                }
                seen[key(a)] = r.line
                resolved.append((r.line, a))
            } catch let e as ServiceError {
                problems.append("ligne \(r.line), champ \(e.field ?? "ligne") : \(e.message)")
            }
        }
        guard problems.isEmpty else {
            throw ServiceError.invalid(
                "\(fileName) : rien n'est importé, \(problems.count) ligne(s) à corriger — "
                    + problems.prefix(20).joined(separator: " ; ")
                    + (problems.count > 20 ? " ; …" : "") + ".")
        }
        for (_, a) in resolved {
            switch try await ActivityService.save(a, importKey: key(a), on: db, actor: actor) {
            case .created:
                summary.created += 1
                summary.structuresReached += a.structures.count
            case .updated:
                summary.updated += 1
                summary.structuresReached += a.structures.count
            case .unchanged: summary.unchanged += 1
            }
        }
        return summary
    }
}

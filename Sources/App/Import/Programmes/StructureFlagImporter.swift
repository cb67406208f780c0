import Foundation
import JalonCore
import SQLKit

/// Structures' flags from a file: `structure;drapeau`, one line per structure and flag (FINESS ET or EJ). A flag
/// the file names is held by exactly the structures it lists afterwards. All or nothing; written through
/// `StructureFlagService`.
struct StructureFlagImporter: Importer {
    let kind = ImportKind.flags
    private var authorized = false

    struct Input: Sendable {
        var structure, flag: String
    }

    struct Resolved: Sendable {
        var structure: Structure
        var flag: String
    }

    struct Planned: Sendable {
        var line: Resolved
        var holders: Set<UUID>
        var change: ImportChange
    }

    static let columns: [(field: String, names: [String])] = [
        ("structure", ["structure", "finess"]), ("drapeau", ["drapeau", "flag"])
    ]

    func read(_ file: ImportFile, on db: any SQLDatabase) async throws -> [ImportLine<Input>] {
        let table = try CanonicalTable.read(
            file.data, fileName: file.name, columns: Self.columns, sheet: file.options.sheet)
        guard table.has("structure"), table.has("drapeau") else {
            throw ServiceError.invalid("\(file.name), ligne 1 : colonnes attendues structure;drapeau.")
        }
        return table.rows.map { row in
            ImportLine(
                number: row.line,
                input: Input(structure: table.cell(row, "structure") ?? "", flag: table.cell(row, "drapeau") ?? ""))
        }
    }

    func resolve(_ input: Input, on db: any SQLDatabase) async throws -> Resolved {
        let flag = try StructureFlagService.flag(input.flag)
        return Resolved(structure: try await ApplicationService.applicant(input.structure, on: db), flag: flag)
    }

    func keys(of line: Resolved) -> [ImportKey] {
        [
            ImportKey(
                parts: [line.flag, line.structure.id.uuidString], meaning: "même structure et drapeau", field: "drapeau"
            )
        ]
    }

    mutating func authorize(_ line: Resolved, actor: Actor, on db: any SQLDatabase) async throws {
        guard !authorized else { return }
        try await actor.authorize(.regional, on: db)
        authorized = true
    }

    func plan(_ lines: [Resolved], on db: any SQLDatabase) async throws -> [Planned] {
        var holders: [String: Set<UUID>] = [:]
        for flag in Set(lines.map(\.flag)) { holders[flag] = try await StructureFlagService.holders(of: flag, on: db) }
        return lines.map { line in
            let held = holders[line.flag] ?? []
            return Planned(line: line, holders: held, change: held.contains(line.structure.id) ? .unchanged : .create)
        }
    }

    func change(of planned: Planned) -> ImportChange { planned.change }

    func sample(of planned: Planned, line: Int) -> ImportReport.Sample? {
        ImportReport.Sample(
            line: line, indicator: "drapeau \(planned.line.flag)",
            subject: planned.line.structure.finessET ?? planned.line.structure.finessEJ,
            couloir: planned.line.structure.couloir, period: "", before: nil, after: planned.line.structure.name)
    }

    /// Structures that held a flag the file names and that it no longer lists.
    func deletions(on plan: [Planned]) -> Int {
        Dictionary(grouping: plan, by: \.line.flag).values.reduce(0) { total, lines in
            total + (lines.first?.holders.subtracting(lines.map(\.line.structure.id)).count ?? 0)
        }
    }

    func write(_ plan: [Planned], stamp: ImportStamp, on db: any SQLDatabase, actor: Actor) async throws {
        for (flag, lines) in Dictionary(grouping: plan, by: \.line.flag).sorted(by: { $0.key < $1.key }) {
            try await StructureFlagService.set(
                flag, structures: Set(lines.map(\.line.structure.id)), on: db, actor: actor)
        }
    }
}

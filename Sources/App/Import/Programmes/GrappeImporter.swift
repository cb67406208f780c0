import Foundation
import JalonCore
import SQLKit

/// The grappes of a programme from a file: `programme;grappe;nom;structure;porteur`, one line per member, the
/// porteur marked `oui` (exactly one per grappe). A grappe the file names gets exactly the members it lists.
/// All or nothing; written through `GrappeService`. Applications then name the grappe in their `grappe` column.
struct GrappeImporter: Importer {
    let kind = ImportKind.grappes
    private var lookups: ApplicationService.Lookups?
    private var authorized = false

    struct Planned: Sendable {
        var line: GrappeService.Resolved
        var stored: GrappeService.Stored?
        var change: ImportChange
    }

    static let columns: [(field: String, names: [String])] = [
        ("programme", ["programme"]), ("grappe", ["grappe", "code"]), ("nom", ["nom", "name", "libelle"]),
        ("structure", ["structure", "finess"]), ("porteur", ["porteur"])
    ]

    func read(_ file: ImportFile, on db: any SQLDatabase) async throws -> [ImportLine<GrappeService.Input>] {
        let table = try CanonicalTable.read(
            file.data, fileName: file.name, columns: Self.columns, sheet: file.options.sheet)
        try table.require(["programme", "grappe", "structure", "porteur"], fileName: file.name, columns: Self.columns)
        return table.rows.map { row in
            func cell(_ field: String) -> String { table.cell(row, field) ?? "" }
            return ImportLine(
                number: row.line,
                input: .init(
                    programme: cell("programme"), grappe: cell("grappe"), name: cell("nom"),
                    structure: cell("structure"), porteur: cell("porteur")))
        }
    }

    mutating func resolve(_ input: GrappeService.Input, on db: any SQLDatabase) async throws -> GrappeService.Resolved {
        let lookups = self.lookups ?? ApplicationService.Lookups(db)
        self.lookups = lookups
        return try await GrappeService.resolve(input, lookups: lookups)
    }

    func keys(of line: GrappeService.Resolved) -> [ImportKey] {
        let grappe = [line.programme.code, line.code]
        return [
            ImportKey(
                parts: grappe + [line.structure.id.uuidString], meaning: "même structure dans la même grappe",
                field: "structure")
        ] + (line.isPorteur ? [ImportKey(parts: grappe, meaning: "un seul porteur par grappe", field: "porteur")] : [])
    }

    mutating func authorize(_ line: GrappeService.Resolved, actor: Actor, on db: any SQLDatabase) async throws {
        guard !authorized else { return }
        try await actor.authorize(.regional, on: db)
        authorized = true
    }

    func plan(_ lines: [GrappeService.Resolved], on db: any SQLDatabase) async throws -> [Planned] {
        var stored: [String: GrappeService.Stored?] = [:]
        let porteurs = Set(lines.filter(\.isPorteur).map { $0.programme.code + ":" + $0.code })
        if let orphan = lines.first(where: { !porteurs.contains($0.programme.code + ":" + $0.code) }) {
            throw ServiceError.invalid(
                "La grappe \(orphan.code) n'a pas de porteur : marquez « oui » dans la colonne porteur de l'une de "
                    + "ses structures.", field: "porteur")
        }
        var plan: [Planned] = []
        for line in lines {
            let key = line.programme.code + ":" + line.code
            if stored[key] == nil {
                stored[key] = .some(try await GrappeService.stored(line.programme.id, code: line.code, on: db))
            }
            let grappe = stored[key] ?? nil
            let change: ImportChange =
                if let grappe, grappe.members.contains(line.structure.id) {
                    line.isPorteur && (grappe.porteurID != line.structure.id || grappe.name != line.name)
                        ? .update : .unchanged
                } else {
                    .create
                }
            plan.append(Planned(line: line, stored: grappe, change: change))
        }
        return plan
    }

    func change(of planned: Planned) -> ImportChange { planned.change }

    func sample(of planned: Planned, line: Int) -> ImportReport.Sample? {
        ImportReport.Sample(
            line: line, indicator: "\(planned.line.programme.code) grappe \(planned.line.code)",
            subject: planned.line.structure.finessET ?? planned.line.structure.finessEJ,
            couloir: planned.line.structure.couloir, period: "", before: nil,
            after: planned.line.name + (planned.line.isPorteur ? " (porteur)" : ""))
    }

    /// Members a named grappe had that the file no longer lists.
    func deletions(on plan: [Planned]) -> Int {
        Dictionary(grouping: plan, by: { $0.line.programme.code + ":" + $0.line.code }).values.reduce(0) {
            total, lines in
            let listed = Set(lines.map(\.line.structure.id))
            return total + (lines.first?.stored?.members.subtracting(listed).count ?? 0)
        }
    }

    func write(_ plan: [Planned], stamp: ImportStamp, on db: any SQLDatabase, actor: Actor) async throws {
        let grappes = Dictionary(grouping: plan, by: { $0.line.programme.code + ":" + $0.line.code })
        for key in grappes.keys.sorted() {
            guard let lines = grappes[key], let first = lines.first,
                let porteur = lines.first(where: \.line.isPorteur)
            else { continue }
            let members = Set(lines.map(\.line.structure.id))
            let name = lines.first { $0.line.name != $0.line.code }?.line.name ?? first.line.code
            let stored = first.stored
            guard stored?.members != members || lines.contains(where: { $0.change != .unchanged }) else { continue }
            try await GrappeService.write(
                .init(
                    programme: first.line.programme.id, code: first.line.code, name: name,
                    porteur: porteur.line.structure.id, members: members), stored: stored, on: db, actor: actor)
        }
    }
}

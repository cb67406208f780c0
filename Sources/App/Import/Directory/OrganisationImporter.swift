import Foundation
import JalonCore
import SQLKit

/// `jalon import organisations FILE`, the directory's organisations (`code;nom;type;territoires`,
/// territories separated by `|`). All lines or none; a line already present changes nothing.
struct OrganisationImporter: Importer {
    let kind = ImportKind.organisations
    private var authorized = false

    struct Planned: Sendable {
        var organisation: DirectoryService.ResolvedOrganisation
        var stored: DirectoryService.StoredOrganisation?
        var change: ImportChange
    }

    static let columns: [(field: String, names: [String])] = [
        ("code", ["code"]), ("nom", ["nom", "name"]), ("type", ["type", "kind"]),
        ("territoires", ["territoires", "territories"])
    ]

    func read(_ file: ImportFile, on db: any SQLDatabase) async throws
        -> [ImportLine<DirectoryService.OrganisationInput>]
    {
        let table = try CanonicalTable.read(file.data, fileName: file.name, columns: Self.columns)
        guard table.has("code"), table.has("nom") else {
            throw ServiceError.invalid("\(file.name), ligne 1 : colonnes attendues code;nom;type;territoires.")
        }
        return table.rows.map { row in
            ImportLine(
                number: row.line,
                input: DirectoryService.OrganisationInput(
                    code: table.cell(row, "code") ?? "", name: table.cell(row, "nom") ?? "",
                    kind: table.cell(row, "type"), territories: CanonicalTable.list(table.cell(row, "territoires"))))
        }
    }

    func resolve(_ input: DirectoryService.OrganisationInput, on db: any SQLDatabase) async throws
        -> DirectoryService.ResolvedOrganisation
    {
        try await DirectoryService.resolveOrganisation(input, on: db)
    }

    func keys(of organisation: DirectoryService.ResolvedOrganisation) -> [ImportKey] {
        [ImportKey(parts: [organisation.code], meaning: "même code d'organisation", field: "code")]
    }

    mutating func authorize(
        _ organisation: DirectoryService.ResolvedOrganisation, actor: Actor, on db: any SQLDatabase
    ) async throws {
        guard !authorized else { return }
        try await actor.authorize(.regional, on: db)
        authorized = true
    }

    func plan(_ organisations: [DirectoryService.ResolvedOrganisation], on db: any SQLDatabase) async throws
        -> [Planned]
    {
        var plan: [Planned] = []
        for organisation in organisations {
            let stored = try await DirectoryService.storedOrganisation(organisation.code, on: db)
            let change: ImportChange = stored == nil ? .create : stored!.matches(organisation) ? .unchanged : .update
            plan.append(Planned(organisation: organisation, stored: stored, change: change))
        }
        return plan
    }

    func change(of planned: Planned) -> ImportChange { planned.change }

    func write(_ plan: [Planned], stamp: ImportStamp, on db: any SQLDatabase, actor: Actor) async throws {
        for planned in plan where planned.change != .unchanged {
            _ = try await DirectoryService.writeOrganisation(
                planned.organisation, replacing: planned.stored, on: db, actor: actor)
        }
    }
}

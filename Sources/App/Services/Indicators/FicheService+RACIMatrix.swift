import Foundation
import JalonCore
import SQLKit

/// A fiche's RACI matrix as a CSV file (`action;cible;<organisation>…`), out and back: the file replaces
/// the whole matrix or nothing, and a faulty cell is named by its line and column.
extension FicheService {
    struct MatrixAction: Sendable {
        var id: UUID
        var number: Int
        var title: String
    }

    static func matrixActions(fiche: UUID, on db: any SQLDatabase) async throws -> [MatrixAction] {
        struct ActionRow: Decodable {
            var id: UUID
            var number: Int
            var title: String
        }
        return try await db.select().columns("id", "number", "title").from("actions").where("fiche_id", .equal, fiche)
            .orderBy("number").all(decoding: ActionRow.self).map {
                MatrixAction(id: $0.id, number: $0.number, title: $0.title)
            }
    }

    static func organisationCodes(on db: any SQLDatabase) async throws -> [String] {
        struct CodeRow: Decodable { var code: String }
        return try await db.select().column("code").from("pilot_organisations").orderBy("sort")
            .all(decoding: CodeRow.self).map(\.code)
    }

    /// The matrix as a table: a line per action and audience that has a cell (every action at least once).
    static func raciMatrix(fiche: UUID, on db: any SQLDatabase) async throws -> ExportTable {
        let actions = try await matrixActions(fiche: fiche, on: db)
        let organisations = try await organisationCodes(on: db)
        let cells =
            actions.isEmpty
            ? []
            : try await db.select().columns("action_id", "party", "audience", "role").from("action_raci")
                .where("action_id", .in, actions.map(\.id)).all(decoding: RACICell.self, with: .snakeCase)
        var rows: [[ExportTable.Cell]] = []
        for action in actions {
            let audiences =
                [""]
                + audiences.map(\.code).filter { code in
                    cells.contains { $0.actionID == action.id && $0.audience == code }
                }
            for audience in audiences {
                let roles = organisations.map { organisation in
                    cells.first { $0.actionID == action.id && $0.party == organisation && $0.audience == audience }?
                        .role ?? ""
                }
                let name = action.title.isEmpty ? "\(action.number)" : "\(action.number). \(action.title)"
                rows.append(([name, audience] + roles).map { .text($0) })
            }
        }
        return ExportTable(sheet: "RACI", header: ["action", "cible"] + organisations, rows: rows)
    }

    /// Reads a matrix file into the cells `updateRACI` takes; every fault names the file, line and column.
    static func raciCells(
        fromCSV data: Data, fileName: String, fiche: UUID, on db: any SQLDatabase
    ) async throws -> [String: String] {
        let text = TextDecoding.decode(data).text
        let records = try CSVReader(separator: CSVReader.detectSeparator(text)).records(text)
        guard let header = records.first else {
            throw ServiceError.invalid("\(fileName) : fichier vide (colonnes action;cible;organisations attendues).")
        }
        let columns = header.fields.map { $0.trimmedSpaces.replacingOccurrences(of: "\u{FEFF}", with: "") }
        guard columns.count >= 3, columns[0].lowercased() == "action", columns[1].lowercased() == "cible" else {
            throw ServiceError.invalid(
                "\(fileName), ligne 1 : colonnes « action » et « cible » attendues en tête, puis une par organisation.")
        }
        let known = try await organisationCodes(on: db)
        for (index, organisation) in columns.enumerated().dropFirst(2) where !known.contains(organisation) {
            throw ServiceError.invalid(
                "\(fileName), ligne 1, colonne \(index + 1) : organisation inconnue « \(organisation.prefix(40)) » "
                    + "(connues : \(known.joined(separator: ", "))).")
        }
        let actions = try await matrixActions(fiche: fiche, on: db)
        var cells: [String: String] = [:]
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmedSpaces.isEmpty }) {
            let written = record[0].trimmedSpaces
            let number = Int(written.prefix { $0.isNumber })
            guard
                let action = actions.first(where: { $0.number == number })
                    ?? actions.first(where: { $0.title.lowercased() == written.lowercased() })
            else {
                throw ServiceError.invalid(
                    "\(fileName), ligne \(record.line), colonne action : action inconnue « \(written.prefix(60)) ».")
            }
            guard let audience = audience(written: record[1]) else {
                throw ServiceError.invalid(
                    "\(fileName), ligne \(record.line), colonne cible : cible inconnue « \(record[1].prefix(40)) » "
                        + "(un couloir, USAGERS, ou vide pour toutes).")
            }
            for (index, organisation) in columns.enumerated().dropFirst(2) {
                let raw = record[index]
                do { _ = try RACIRoles.parse(raw) } catch let error as RACIRoles.ParseError {
                    throw ServiceError.invalid(
                        "\(fileName), ligne \(record.line), colonne \(organisation) : rôle « \(error.written) » "
                            + "inconnu dans « \(raw.prefix(12)) » (R, A, C, I ou leur combinaison, ex. A/R).")
                }
                let key = raciKey(
                    action: action.id.uuidString.lowercased(), organisation: organisation, audience: audience)
                guard cells[key] == nil else {
                    throw ServiceError.invalid(
                        "\(fileName), ligne \(record.line) : l'action \(action.number) et la cible "
                            + "« \(audienceLabel(audience)) » sont déjà décrites plus haut.")
                }
                cells[key] = raw
            }
        }
        return cells
    }
}

import Foundation
import JalonCore
import SQLKit

/// `jalon import codes FILE`: `type;code_jalon;code_externe` (type: indicateur, territoire, couloir).
/// The file replaces the whole mapping, all lines or none; a code may be mapped only once each way.
struct ExchangeCodeImporter: Importer {
    let kind = ImportKind.codes
    private var authorized = false
    /// What the mapping held before, read by `plan`: the pairs the file no longer holds are removed.
    private var stored: [ExchangeCodes.Pair] = []

    struct Input: Sendable {
        var kind: String
        var jalonCode: String
        var externalCode: String
    }

    struct Planned: Sendable {
        var pair: ExchangeCodes.Pair
        var change: ImportChange
    }

    func read(_ file: ImportFile, on db: any SQLDatabase) async throws -> [ImportLine<Input>] {
        let records = try UploadedCSV.table(file.data, fileName: file.name)
        guard let header = records.first else { throw ServiceError.invalid("\(file.name) : fichier vide.") }
        let columns = CSVHeader(header.fields)
        guard let kindColumn = columns.index(["type", "kind"]),
            let jalonColumn = columns.index(["code_jalon", "jalon"]),
            let externalColumn = columns.index(["code_externe", "externe", "external"])
        else {
            throw ServiceError.invalid("\(file.name), ligne 1 : colonnes attendues type;code_jalon;code_externe.")
        }
        return records.dropFirst().compactMap { record in
            let input = Input(
                kind: record[kindColumn].trimmingCharacters(in: .whitespaces).lowercased(),
                jalonCode: record[jalonColumn].trimmingCharacters(in: .whitespaces),
                externalCode: record[externalColumn].trimmingCharacters(in: .whitespaces))
            if input.kind.isEmpty && input.jalonCode.isEmpty && input.externalCode.isEmpty { return nil }
            return ImportLine(number: record.line, input: input)
        }
    }

    func resolve(_ input: Input, on db: any SQLDatabase) async throws -> ExchangeCodes.Pair {
        guard ExchangeCodes.Kind(rawValue: input.kind) != nil else {
            throw ServiceError.invalid(
                "Type « \(input.kind.prefix(20)) » inconnu (indicateur, territoire ou couloir).", field: "type")
        }
        guard !input.jalonCode.isEmpty, !input.externalCode.isEmpty else {
            throw ServiceError.invalid("Code Jalon et code externe obligatoires.", field: "code_jalon")
        }
        return ExchangeCodes.Pair(kind: input.kind, jalonCode: input.jalonCode, externalCode: input.externalCode)
    }

    func keys(of pair: ExchangeCodes.Pair) -> [ImportKey] {
        [
            ImportKey(
                parts: ["jalon", pair.kind, pair.jalonCode], meaning: "même type et même code Jalon",
                field: "code_jalon"),
            ImportKey(
                parts: ["externe", pair.kind, pair.externalCode], meaning: "même type et même code externe",
                field: "code_externe")
        ]
    }

    mutating func authorize(_ pair: ExchangeCodes.Pair, actor: Actor, on db: any SQLDatabase) async throws {
        guard !authorized else { return }
        try await actor.authorize(.regional, on: db)
        authorized = true
    }

    mutating func plan(_ pairs: [ExchangeCodes.Pair], on db: any SQLDatabase) async throws -> [Planned] {
        stored = try await ExchangeCodes.pairs(on: db)
        let existing = Set(stored)
        let mappedJalonCodes = Set(stored.map { [$0.kind, $0.jalonCode] })
        return pairs.map { pair in
            let change: ImportChange =
                existing.contains(pair)
                ? .unchanged : mappedJalonCodes.contains([pair.kind, pair.jalonCode]) ? .update : .create
            return Planned(pair: pair, change: change)
        }
    }

    func change(of planned: Planned) -> ImportChange { planned.change }

    /// The stored pairs whose Jalon code the file no longer maps.
    func deletions(on plan: [Planned]) -> Int {
        let kept = Set(plan.map { [$0.pair.kind, $0.pair.jalonCode] })
        return stored.filter { !kept.contains([$0.kind, $0.jalonCode]) }.count
    }

    func write(_ plan: [Planned], stamp: ImportStamp, on db: any SQLDatabase, actor: Actor) async throws {
        let pairs = plan.map(\.pair)
        try await db.delete(from: "exchange_codes").run()
        try await db.insertBatched(
            into: "exchange_codes", columns: ["id", "kind", "jalon_code", "external_code"],
            rows: pairs.map { [UUID(), $0.kind, $0.jalonCode, $0.externalCode] })
        var changes = FieldChanges(limit: 2_000)
        changes.compare("correspondances", set: stored.map(\.text), pairs.map(\.text))
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "exchange_codes", objectID: stamp.provenance,
            summary: "Correspondances de codes d'échange : \(pairs.count) lignes", changes: changes)
    }
}

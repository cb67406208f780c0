import Foundation
import JalonCore
import SQLKit

/// The mapping between Jalon's codes and another system's, both ways.
struct ExchangeCodes: Sendable {
    enum Kind: String, CaseIterable, Sendable { case indicateur, territoire, couloir }

    private var toJalon: [String: String] = [:]
    private var toExternal: [String: String] = [:]

    func jalon(_ kind: Kind, _ external: String) -> String { toJalon[kind.rawValue + "|" + external] ?? external }
    func external(_ kind: Kind, _ jalon: String) -> String { toExternal[kind.rawValue + "|" + jalon] ?? jalon }
    var count: Int { toJalon.count }

    static func load(on db: any SQLDatabase) async throws -> ExchangeCodes {
        struct R: Decodable { var kind, jalon_code, external_code: String }
        var m = ExchangeCodes()
        for r in try await db.select().columns("kind", "jalon_code", "external_code").from("exchange_codes").all(
            decoding: R.self)
        {
            m.toJalon[r.kind + "|" + r.external_code] = r.jalon_code
            m.toExternal[r.kind + "|" + r.jalon_code] = r.external_code
        }
        return m
    }

    /// `type;code_jalon;code_externe` (type: indicateur, territoire, couloir): replaces the whole
    /// mapping, all lines or none.
    static func replace(with data: Data, fileName: String, on db: any SQLDatabase, actor: Actor) async throws -> Int {
        try await actor.authorize(.regional, on: db)
        let records = try UploadedCSV.table(data, fileName: fileName)
        guard let header = records.first else { throw ServiceError.invalid("\(fileName) : fichier vide.") }
        let h = CSVHeader(header.fields)
        guard let k = h.index(["type", "kind"]), let j = h.index(["code_jalon", "jalon"]),
            let e = h.index(["code_externe", "externe", "external"])
        else {
            throw ServiceError.invalid("\(fileName), ligne 1 : colonnes attendues type;code_jalon;code_externe.")
        }
        var rows: [(kind: String, jalon: String, external: String)] = []
        var seen: [String: Int] = [:]
        for r in records.dropFirst() {
            let kind = r[k].trimmingCharacters(in: .whitespaces).lowercased()
            let jalon = r[j].trimmingCharacters(in: .whitespaces)
            let ext = r[e].trimmingCharacters(in: .whitespaces)
            if kind.isEmpty && jalon.isEmpty && ext.isEmpty { continue }
            guard Kind(rawValue: kind) != nil else {
                throw ServiceError.invalid(
                    "\(fileName), ligne \(r.line) : type « \(kind.prefix(20)) » inconnu (indicateur, territoire ou couloir)."
                )
            }
            guard !jalon.isEmpty, !ext.isEmpty else {
                throw ServiceError.invalid("\(fileName), ligne \(r.line) : code Jalon et code externe obligatoires.")
            }
            for key in ["J|\(kind)|\(jalon)", "E|\(kind)|\(ext)"] {
                if let first = seen[key] {
                    throw ServiceError.invalid("\(fileName), ligne \(r.line) : code déjà associé ligne \(first).")
                }
                seen[key] = r.line
            }
            rows.append((kind, jalon, ext))
        }
        struct R: Decodable { var kind, jalon_code, external_code: String }
        let before = try await db.select().columns("kind", "jalon_code", "external_code").from("exchange_codes").all(
            decoding: R.self)
        try await db.delete(from: "exchange_codes").run()
        try await db.insertBatched(
            into: "exchange_codes", columns: ["id", "kind", "jalon_code", "external_code"],
            rows: rows.map { [UUID(), $0.kind, $0.jalon, $0.external] })
        var changes = FieldChanges(limit: 2_000)
        changes.compare(
            "correspondances", set: before.map { "\($0.kind) \($0.jalon_code) = \($0.external_code)" },
            rows.map { "\($0.kind) \($0.jalon) = \($0.external)" })
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "exchange_codes", objectID: fileName,
            summary: "Correspondances de codes d'échange : \(rows.count) lignes", changes: changes)
        return rows.count
    }

    static func csv(on db: any SQLDatabase) async throws -> String {
        struct R: Decodable { var kind, jalon_code, external_code: String }
        let rows = try await db.select().columns("kind", "jalon_code", "external_code").from("exchange_codes")
            .orderBy("kind").orderBy("jalon_code").all(decoding: R.self)
        return "\u{FEFF}type;code_jalon;code_externe\r\n"
            + rows.map {
                [$0.kind, $0.jalon_code, $0.external_code].map(Structures.quote).joined(separator: ";") + "\r\n"
            }.joined()
    }
}

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

    /// One pair of the mapping, as stored.
    struct Pair: Decodable, Sendable, Hashable {
        var kind: String
        var jalonCode: String
        var externalCode: String

        var text: String { "\(kind) \(jalonCode) = \(externalCode)" }
    }

    static func pairs(on db: any SQLDatabase) async throws -> [Pair] {
        try await db.select().columns("kind", "jalon_code", "external_code").from("exchange_codes")
            .all(decoding: Pair.self, with: .snakeCase)
    }

    static func load(on db: any SQLDatabase) async throws -> ExchangeCodes {
        var mapping = ExchangeCodes()
        for pair in try await pairs(on: db) {
            mapping.toJalon[pair.kind + "|" + pair.externalCode] = pair.jalonCode
            mapping.toExternal[pair.kind + "|" + pair.jalonCode] = pair.externalCode
        }
        return mapping
    }

    static func csv(on db: any SQLDatabase) async throws -> String {
        let pairs = try await pairs(on: db).sorted { ($0.kind, $0.jalonCode) < ($1.kind, $1.jalonCode) }
        return "\u{FEFF}type;code_jalon;code_externe\r\n"
            + pairs.map {
                [$0.kind, $0.jalonCode, $0.externalCode].map(CSVField.quote).joined(separator: ";") + "\r\n"
            }.joined()
    }
}

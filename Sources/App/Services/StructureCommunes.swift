import Foundation
import SQLKit

/// Resolves the INSEE code a structure was given to the commune (type COM) it belongs to.
enum StructureCommunes {
    /// Commune codes and aliases (arrondissements → their commune), loaded once per import.
    struct Index: Sendable {
        var communes: Set<String>
        var aliases: [String: String]

        func resolve(_ code: String) -> String? {
            if communes.contains(code) { return code }
            return aliases[code]
        }

        static func load(_ db: any SQLDatabase) async throws -> Index {
            struct InseeRow: Decodable { var insee: String }
            struct AliasRow: Decodable { var aliasCode, communeCode: String }
            let communes = try await db.select().column("insee").from("territories").where("kind", .equal, "commune")
                .all(decoding: InseeRow.self)
            let aliases = try await db.select().columns("alias_code", "commune_code").from("commune_aliases").all(
                decoding: AliasRow.self, with: .snakeCase)
            return Index(
                communes: Set(communes.map(\.insee)),
                aliases: Dictionary(
                    aliases.map { ($0.aliasCode, $0.communeCode) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Structures imported before the geography was loaded get their commune once it is.
    static func attachUnresolved(on db: any SQLDatabase) async throws -> Int {
        let index = try await Index.load(db)
        guard !index.communes.isEmpty else { return 0 }
        struct PendingRow: Decodable {
            var id: UUID
            var communeRaw: String
        }
        let pending = try await db.select().columns("id", "commune_raw").from("structures")
            .where("commune_code", .is, SQLLiteral.null).where("commune_raw", .notEqual, "")
            .all(decoding: PendingRow.self, with: .snakeCase)
        var attached = 0
        for row in pending {
            guard let commune = index.resolve(row.communeRaw) else { continue }
            try await db.update("structures").set("commune_code", to: commune).where("id", .equal, row.id).run()
            attached += 1
        }
        return attached
    }
}

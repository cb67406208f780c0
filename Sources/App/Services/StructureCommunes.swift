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
            struct C: Decodable { var insee: String }
            struct A: Decodable { var alias_code, commune_code: String }
            let communes = try await db.select().column("insee").from("territories").where("kind", .equal, "commune")
                .all(decoding: C.self)
            let aliases = try await db.select().columns("alias_code", "commune_code").from("commune_aliases").all(
                decoding: A.self)
            return Index(
                communes: Set(communes.map(\.insee)),
                aliases: Dictionary(aliases.map { ($0.alias_code, $0.commune_code) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// Structures imported before the geography was loaded get their commune once it is.
    static func attachUnresolved(on db: any SQLDatabase) async throws -> Int {
        let index = try await Index.load(db)
        guard !index.communes.isEmpty else { return 0 }
        struct Row: Decodable {
            var id: UUID
            var commune_raw: String
        }
        let pending = try await db.select().columns("id", "commune_raw").from("structures")
            .where("commune_code", .is, SQLLiteral.null).where("commune_raw", .notEqual, "").all(decoding: Row.self)
        var attached = 0
        for row in pending {
            guard let commune = index.resolve(row.commune_raw) else { continue }
            try await db.update("structures").set("commune_code", to: commune).where("id", .equal, row.id).run()
            attached += 1
        }
        return attached
    }
}

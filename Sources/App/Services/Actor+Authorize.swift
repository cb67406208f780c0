import Foundation
import JalonCore
import SQLKit

/// The territorial half of the rights: where the object of a write lies, in communes, compared with
/// the communes of the actor's territories. Every service calls `authorize` before writing.
extension Actor {
    /// Throws a French 403 when the actor may not make this write.
    func authorize(_ target: Grant.Target, on db: any SQLDatabase) async throws {
        guard !grant.isUnrestricted(in: target.area) else { return }
        let own = grant.territories.isEmpty ? [] : try await Self.communes(of: Array(grant.territories), on: db)
        if let reason = grant.refusal(target, ownCommunes: own) { throw ServiceError.forbidden(reason) }
    }

    /// A write in an area with no territory of its own (regional settings, administration).
    func authorize(_ area: Area, on db: any SQLDatabase) async throws {
        try await authorize(.init(area: area), on: db)
    }

    /// A write about territories (an activity, a contact, a task): all of them must be the actor's.
    func authorize(_ area: Area, territories: [String], on db: any SQLDatabase) async throws {
        guard !grant.isUnrestricted(in: area) else { return }
        let communes = territories.isEmpty ? nil : try await Self.communes(of: territories, on: db)
        try await authorize(.init(area: area, communes: communes), on: db)
    }

    /// The communes of each of some territories, in one query.
    static func communesByTerritory(of territories: [String], on db: any SQLDatabase) async throws -> [String: Set<
        String
    >] {
        guard !territories.isEmpty else { return [:] }
        struct TerritoryCommuneRow: Decodable {
            var territoryCode: String
            var communeCode: String
        }
        let rows = try await db.select().columns("territory_code", "commune_code").from("territory_communes")
            .where("territory_code", .in, territories).all(decoding: TerritoryCommuneRow.self, with: .snakeCase)
        return Dictionary(grouping: rows, by: \.territoryCode).mapValues { Set($0.map(\.communeCode)) }
    }

    /// The communes of some territories (each commune contains itself).
    static func communes(of territories: [String], on db: any SQLDatabase) async throws -> Set<String> {
        guard !territories.isEmpty else { return [] }
        struct CommuneCodeRow: Decodable { var communeCode: String }
        let rows = try await db.select().distinct().column("commune_code").from("territory_communes")
            .where("territory_code", .in, territories).all(decoding: CommuneCodeRow.self, with: .snakeCase)
        return Set(rows.map(\.communeCode))
    }
}

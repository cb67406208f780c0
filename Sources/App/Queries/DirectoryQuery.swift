import Foundation
import JalonCore
import SQLKit

/// Reads of the directory: organisations and contacts with their territories, who to contact per
/// territory of a découpage, which organisation covers which territory.
enum DirectoryQuery {
    struct Organisation: Sendable, Equatable {
        var id: UUID
        var code, name, kind: String
        var territories: [String]
    }
    struct Contact: Sendable, Equatable {
        var id: UUID
        var civility, firstName, lastName, function, email, phone: String
        var roles: [String]
        var organisation: String?
        var structure: String?
        var territories: [String]
        var mailingConsent: Bool
        var name: String { [civility, firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") }
    }

    static func organisations(on db: any SQLDatabase) async throws -> [Organisation] {
        struct O: Decodable {
            var id: UUID
            var code, name, kind: String
        }
        struct T: Decodable {
            var organisation_id: UUID
            var territory_code: String
        }
        let links = Dictionary(
            grouping: try await db.select().columns("organisation_id", "territory_code").from(
                "organisation_territories"
            ).orderBy("territory_code").all(decoding: T.self), by: \.organisation_id)
        return try await db.select().columns("id", "code", "name", "kind").from("organisations").orderBy("code").all(
            decoding: O.self
        ).map {
            Organisation(
                id: $0.id, code: $0.code, name: $0.name, kind: $0.kind,
                territories: (links[$0.id] ?? []).map(\.territory_code))
        }
    }

    static func contacts(structure: UUID? = nil, on db: any SQLDatabase) async throws -> [Contact] {
        struct C: Decodable {
            var id: UUID
            var civility, first_name, last_name, function, email, phone, roles: String
            var mailing_consent: Bool
            var org: String?
            var structure: String?
        }
        struct T: Decodable {
            var contact_id: UUID
            var territory_code: String
        }
        let links = Dictionary(
            grouping: try await db.select().columns("contact_id", "territory_code").from("contact_territories").orderBy(
                "territory_code"
            ).all(decoding: T.self), by: \.contact_id)
        return try await db.raw(
            """
            SELECT c.id, c.civility, c.first_name, c.last_name, c.function, c.email, c.phone, c.roles, c.mailing_consent, o.name AS org, s.name AS structure
            FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id LEFT JOIN structures s ON s.id = c.structure_id
            """ + (structure.map { " WHERE c.structure_id = \(bind: $0)" } ?? "")
                + " ORDER BY c.last_name, c.first_name, c.id"
        ).all(decoding: C.self).map { c in
            Contact(
                id: c.id, civility: c.civility, firstName: c.first_name, lastName: c.last_name, function: c.function,
                email: c.email, phone: c.phone,
                roles: c.roles.split(separator: "|").map(String.init), organisation: c.org, structure: c.structure,
                territories: (links[c.id] ?? []).map(\.territory_code), mailingConsent: c.mailing_consent)
        }
    }

    /// Pairs of territories that share a commune: `covering[t]` = the territories overlapping `t`.
    static func overlapping(_ territories: [String], on db: any SQLDatabase) async throws -> [String: Set<String>] {
        guard !territories.isEmpty else { return [:] }
        struct P: Decodable {
            var a: String
            var b: String
        }
        let pairs = try await db.raw(
            """
            SELECT DISTINCT x.territory_code AS a, y.territory_code AS b FROM territory_communes x JOIN territory_communes y ON y.commune_code = x.commune_code
            WHERE x.territory_code IN (\(binds: territories))
            """
        ).all(decoding: P.self)
        return Dictionary(grouping: pairs, by: \.a).mapValues { Set($0.map(\.b)) }
    }
}

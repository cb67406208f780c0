import Foundation
import JalonCore
import SQLKit

enum TerritoryQuery {
    struct Row: Decodable {
        var code, kind, name, insee: String
        var parentCode: String?
        var population: Int?
        var decoupageID: UUID?

        var territory: Territory {
            Territory(
                code: code, kind: TerritoryKind(rawValue: kind) ?? .custom, name: name, insee: insee,
                parentCode: parentCode, population: population ?? 0, decoupageID: decoupageID)
        }
    }

    static let columns = ["code", "kind", "name", "insee", "parent_code", "population", "decoupage_id"]

    /// Finds a territory by any code users write (`R32`, `d59`, `C75114` for a Paris arrondissement, `TAN-LITTORAL`).
    static func find(_ raw: String, on db: any SQLDatabase) async throws -> Territory? {
        guard let code = TerritoryCode(raw) else { return nil }
        if let row = try await db.select().columns(columns).from("territories").where("code", .equal, code.value)
            .first(decoding: Row.self, with: .snakeCase)
        {
            return row.territory
        }
        if code.kind == .commune {
            struct AliasRow: Decodable { var communeCode: String }
            if let alias = try await db.select().column("commune_code").from("commune_aliases").where(
                "alias_code", .equal, code.insee
            ).first(decoding: AliasRow.self, with: .snakeCase) {
                return try await db.select().columns(columns).from("territories").where(
                    "code", .equal, "C" + alias.communeCode
                ).first(decoding: Row.self, with: .snakeCase)?.territory
            }
        }
        return nil
    }

    static func list(kind: TerritoryKind?, parent: String?, on db: any SQLDatabase, limit: Int = 5000) async throws
        -> [Territory]
    {
        var query = db.select().columns(columns).from("territories")
        if let kind { query = query.where("kind", .equal, kind.rawValue) }
        if let parent { query = query.where("parent_code", .equal, parent) }
        return try await query.orderBy("code").limit(limit).all(decoding: Row.self, with: .snakeCase).map(\.territory)
    }

    static func children(of code: String, on db: any SQLDatabase) async throws -> [Territory] {
        try await list(kind: nil, parent: code, on: db)
    }

    static func count(kind: TerritoryKind, on db: any SQLDatabase) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("territories")
            .where("kind", .equal, kind.rawValue).first(decoding: CountRow.self)?.count ?? 0
    }

    /// Members of a custom territory (its definition).
    static func members(of code: String, on db: any SQLDatabase) async throws -> [Territory] {
        try await db.select().columns(columns.map { SQLColumn($0, table: "t") })
            .from(SQLAlias(SQLIdentifier("territory_members"), as: SQLIdentifier("m")))
            .join(
                SQLAlias(SQLIdentifier("territories"), as: SQLIdentifier("t")), on: SQLColumn("code", table: "t"),
                .equal, SQLColumn("member_code", table: "m")
            )
            .where(SQLColumn("territory_code", table: "m"), .equal, SQLBind(code))
            .orderBy(SQLColumn("code", table: "t")).all(decoding: Row.self, with: .snakeCase).map(\.territory)
    }

    /// The communes inside a territory (an EPCI's, a custom territory's), from its commune index.
    static func communes(of code: String, on db: any SQLDatabase) async throws -> [Territory] {
        try await db.raw(
            """
            SELECT t.code, t.kind, t.name, t.insee, t.parent_code, t.population, t.decoupage_id
            FROM territory_communes tc JOIN territories t ON t.code = 'C' || tc.commune_code
            WHERE tc.territory_code = \(bind: code)
            """
        ).all(decoding: Row.self, with: .snakeCase).map(\.territory)
    }

    /// The custom territories that contain all or part of this territory's communes.
    static func customMemberships(of code: String, on db: any SQLDatabase) async throws -> [TerritoryMembership] {
        struct MembershipRow: Decodable {
            var code, kind, name, insee: String
            var parentCode: String?
            var population: Int?
            var decoupageID: UUID?
            var inside: Int
        }
        let total = try await db.count(
            "SELECT COUNT(*) AS n FROM territory_communes WHERE territory_code = \(bind: code)")
        let rows = try await db.raw(
            """
            SELECT t.code, t.kind, t.name, t.insee, t.parent_code, t.population, t.decoupage_id, COUNT(*) AS inside
            FROM territory_communes mine
            JOIN territory_communes theirs ON theirs.commune_code = mine.commune_code
            JOIN territories t ON t.code = theirs.territory_code
            WHERE mine.territory_code = \(bind: code) AND t.kind = 'custom' AND t.code <> \(bind: code)
            GROUP BY t.code, t.kind, t.name, t.insee, t.parent_code, t.population, t.decoupage_id
            ORDER BY t.code
            """
        ).all(decoding: MembershipRow.self, with: .snakeCase)
        return rows.map {
            TerritoryMembership(
                territory: Row(
                    code: $0.code, kind: $0.kind, name: $0.name, insee: $0.insee, parentCode: $0.parentCode,
                    population: $0.population, decoupageID: $0.decoupageID
                ).territory,
                communesInside: $0.inside, communesTotal: total)
        }
    }

    /// The chain of parents up to France, nearest last (for the breadcrumb).
    static func ancestors(of territory: Territory, on db: any SQLDatabase) async throws -> [Territory] {
        var chain: [Territory] = []
        var next = territory.parentCode
        while let code = next, chain.count < 6, let parent = try await find(code, on: db) {
            chain.insert(parent, at: 0)
            next = parent.parentCode
        }
        return chain
    }

    /// Sum of the populations of a territory's communes (the definition of a territory's population).
    static func communePopulation(of code: String, on db: any SQLDatabase) async throws -> Int {
        struct PopulationRow: Decodable { var population: Int? }
        return try await db.raw(
            """
            SELECT CAST(SUM(c.population) AS BIGINT) AS population
            FROM territory_communes tc JOIN territories c ON c.code = 'C' || tc.commune_code
            WHERE tc.territory_code = \(bind: code)
            """
        ).first(decoding: PopulationRow.self)?.population ?? 0
    }

    /// Text search on names and codes, for pickers and the territory list.
    static func search(_ text: String, on db: any SQLDatabase, limit: Int = 20) async throws -> [Territory] {
        let pattern = "%" + StructureQuery.escapeLike(text.lowercased()) + "%"
        return try await db.raw(
            """
            SELECT code, kind, name, insee, parent_code, population, decoupage_id FROM territories
            WHERE LOWER(name) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(code) LIKE \(bind: pattern) ESCAPE '\\'
            ORDER BY kind, code LIMIT \(literal: limit)
            """
        ).all(decoding: Row.self, with: .snakeCase).map(\.territory)
    }
}

enum DecoupageQuery {
    struct Row: Decodable {
        var id: UUID
        var code, name: String
        var regionCode: String?
        var description: String

        var decoupage: Decoupage {
            Decoupage(id: id, code: code, name: name, regionCode: regionCode, description: description)
        }
    }

    static func all(on db: any SQLDatabase) async throws -> [Decoupage] {
        try await db.select().columns("id", "code", "name", "region_code", "description").from("decoupages").orderBy(
            "name"
        )
        .all(decoding: Row.self, with: .snakeCase).map(\.decoupage)
    }

    static func find(code: String, on db: any SQLDatabase) async throws -> Decoupage? {
        try await db.select().columns("id", "code", "name", "region_code", "description").from("decoupages").where(
            "code", .equal, code
        )
        .first(decoding: Row.self, with: .snakeCase)?.decoupage
    }

    static func territories(of id: UUID, on db: any SQLDatabase) async throws -> [Territory] {
        try await db.select().columns(TerritoryQuery.columns).from("territories").where("decoupage_id", .equal, id)
            .orderBy("code")
            .all(decoding: TerritoryQuery.Row.self, with: .snakeCase).map(\.territory)
    }
}

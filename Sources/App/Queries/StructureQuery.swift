import Foundation
import JalonCore
import SQLKit

enum StructureQuery {
    struct Row: Decodable {
        var id: UUID
        var finessET: String?
        var finessEJ: String
        var ejName: String?
        var siret: String
        var rpps: String?
        var source, name, longName, complement, address, postalCode, city: String
        var communeCode: String?
        var communeName: String?
        var communeRaw, phone, categoryCode, categoryLabel, couloir: String
        var openedOn, authorisedOn, closedOn, sourceUpdatedOn: String?
        var latitude, longitude: Double?
        var isDemo: Bool

        var structure: Structure {
            Structure(
                id: id, finessET: finessET, finessEJ: finessEJ, legalEntityName: ejName, siret: siret, rpps: rpps,
                source: source,
                name: name, longName: longName, complement: complement, address: address, postalCode: postalCode,
                city: city,
                communeCode: communeCode, communeName: communeName, communeRaw: communeRaw, phone: phone,
                categoryCode: categoryCode, categoryLabel: categoryLabel, couloir: couloir, openedOn: openedOn,
                authorisedOn: authorisedOn, closedOn: closedOn, sourceUpdatedOn: sourceUpdatedOn,
                latitude: latitude, longitude: longitude, isDemo: isDemo)
        }
    }

    static let select: SQLQueryString = """
        SELECT s.id, s.finess_et, s.finess_ej, e.name AS ej_name, s.siret, s.rpps, s.source, s.name, s.long_name,
               s.complement, s.address, s.postal_code, s.city, s.commune_code, c.name AS commune_name, s.commune_raw,
               s.phone, s.category_code, s.category_label, s.couloir, s.opened_on, s.authorised_on, s.closed_on,
               s.source_updated_on, s.latitude, s.longitude, s.is_demo
        FROM structures s
        LEFT JOIN territories c ON c.code = 'C' || s.commune_code
        LEFT JOIN legal_entities e ON e.finess_ej = s.finess_ej
        """

    /// `%` and `_` typed by users are literal characters, not wildcards.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    static func whereClause(_ filter: StructureFilter) -> SQLQueryString {
        var clause: SQLQueryString = " WHERE 1 = 1"
        if let territory = filter.territory {
            clause += """
                 AND s.commune_code IN (\(TerritoryQuery.communes(of: territory)))
                """
        }
        if let couloir = filter.couloir {
            clause += " AND s.couloir IN (\(binds: couloir.members.map(\.rawValue)))"
        }
        if let category = filter.category, !category.isEmpty { clause += " AND s.category_code = \(bind: category)" }
        switch filter.status {
        case .open: clause += " AND s.closed_on IS NULL"
        case .closed: clause += " AND s.closed_on IS NOT NULL"
        case .all: break
        }
        if let text = filter.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = "%" + escapeLike(text.lowercased()) + "%"
            clause += """
                 AND (LOWER(s.name) LIKE \(bind: pattern) ESCAPE '\\'
                      OR LOWER(s.long_name) LIKE \(bind: pattern) ESCAPE '\\'
                      OR LOWER(COALESCE(s.finess_et, '')) LIKE \(bind: pattern) ESCAPE '\\'
                      OR LOWER(s.city) LIKE \(bind: pattern) ESCAPE '\\'
                      OR LOWER(COALESCE(c.name, '')) LIKE \(bind: pattern) ESCAPE '\\')
                """
        }
        return clause
    }

    static func orderClause(_ filter: StructureFilter) -> SQLQueryString {
        let direction = filter.descending ? "DESC" : "ASC"
        let column: String
        switch filter.sort {
        case .name: column = "LOWER(s.name)"
        case .finess: column = "s.finess_et"
        case .commune: column = "c.name"
        case .category: column = "s.category_label"
        case .couloir: column = "s.couloir"
        case .opened: column = "s.opened_on"
        }
        return " ORDER BY \(unsafeRaw: column) \(unsafeRaw: direction), s.finess_et ASC, s.id ASC"
    }

    /// Resolves the filter's territory to its canonical code; an unknown code is reported, not applied.
    static func resolveTerritory(_ filter: inout StructureFilter, on db: any SQLDatabase) async throws -> (
        Territory?, String?
    ) {
        guard let raw = filter.territory else { return (nil, nil) }
        if let territory = try await TerritoryQuery.find(raw, on: db) {
            filter.territory = territory.code
            return (territory, nil)
        }
        filter.territory = nil
        return (nil, raw)
    }

    static func page(_ filter: StructureFilter, on db: any SQLDatabase) async throws -> StructurePage {
        let total = try await db.count(
            "SELECT COUNT(*) AS n FROM structures s LEFT JOIN territories c ON c.code = 'C' || s.commune_code"
                + whereClause(filter))
        let offset = max(0, (filter.page - 1) * filter.perPage)
        let query =
            select + whereClause(filter) + orderClause(filter)
            + " LIMIT \(literal: filter.perPage) OFFSET \(literal: offset)"
        let items = try await db.raw(query).all(decoding: Row.self, with: .snakeCase).map(\.structure)
        return StructurePage(items: items, total: total, page: filter.page, perPage: filter.perPage)
    }

    /// Every structure matching the filter, for exports (streamed page by page by the caller if needed).
    static func all(_ filter: StructureFilter, on db: any SQLDatabase) async throws -> [Structure] {
        try await db.raw(select + whereClause(filter) + orderClause(filter))
            .all(decoding: Row.self, with: .snakeCase).map(\.structure)
    }

    /// By FINESS number, a practitioner's RPPS (their place of activity), a SIRET, or by internal identifier.
    static func find(_ key: String, on db: any SQLDatabase) async throws -> Structure? {
        if let id = UUID(uuidString: key) {
            return try await db.raw(select + " WHERE s.id = \(bind: id)")
                .first(decoding: Row.self, with: .snakeCase)?.structure
        }
        let key = key.trimmingCharacters(in: .whitespaces).uppercased()
        if let structure = try await db.raw(select + " WHERE s.finess_et = \(bind: key)")
            .first(decoding: Row.self, with: .snakeCase)?.structure
        {
            return structure
        }
        guard key.allSatisfy(\.isNumber) else { return nil }
        // A practitioner's RPPS (11 digits, or 12 with the national prefix 8) names the place of their activity.
        if key.count == 11 || (key.count == 12 && key.hasPrefix("8")) {
            let national = key.count == 11 ? "8" + key : key
            struct PlaceRow: Decodable { var structureID: UUID }
            if let place = try await db.select().column("structure_id").from("practitioner_activities").where(
                "rpps", .equal, national
            )
            .where("structure_id", .isNot, SQLLiteral.null).orderBy("activity_key")
            .first(decoding: PlaceRow.self, with: .snakeCase) {
                return try await db.raw(select + " WHERE s.id = \(bind: place.structureID)")
                    .first(decoding: Row.self, with: .snakeCase)?.structure
            }
            return nil
        }
        // Practices outside FINESS are also named by their SIRET (14 digits); open ones first.
        guard key.count == 14 else { return nil }
        return try await db.raw(
            select
                + """
                 WHERE s.siret = \(bind: key)
                ORDER BY CASE WHEN s.closed_on IS NULL THEN 0 ELSE 1 END,
                         CASE WHEN s.finess_et IS NULL THEN 1 ELSE 0 END, s.finess_et, s.id
                """
        ).first(decoding: Row.self, with: .snakeCase)?.structure
    }

    /// Open structures whose name is the text (case ignored), or else contains it: the candidates for a
    /// structure typed by name in a pasted list.
    static func byName(_ text: String, limit: Int = 10, on db: any SQLDatabase) async throws -> [Structure] {
        let name = text.trimmedSpaces.lowercased()
        guard name.count >= 3 else { return [] }
        let exact = try await db.raw(
            select
                + """
                 WHERE s.closed_on IS NULL AND LOWER(s.name) = \(bind: name)
                ORDER BY s.name, s.id LIMIT \(literal: limit)
                """
        ).all(decoding: Row.self, with: .snakeCase)
        if !exact.isEmpty { return exact.map(\.structure) }
        let pattern = "%" + escapeLike(name) + "%"
        return try await db.raw(
            select
                + """
                 WHERE s.closed_on IS NULL AND LOWER(s.name) LIKE \(bind: pattern) ESCAPE '\\'
                ORDER BY s.name, s.id LIMIT \(literal: limit)
                """
        )
        .all(decoding: Row.self, with: .snakeCase).map(\.structure)
    }

    /// Open structures per couloir in a territory (all of France when nil).
    static func countsByCouloir(territory: String?, on db: any SQLDatabase) async throws -> [String: Int] {
        struct CouloirCountRow: Decodable {
            var couloir: String
            var structures: Int
        }
        var query: SQLQueryString =
            "SELECT s.couloir, COUNT(*) AS structures FROM structures s WHERE s.closed_on IS NULL"
        if let territory {
            query += """
                 AND s.commune_code IN (\(TerritoryQuery.communes(of: territory)))
                """
        }
        query += " GROUP BY s.couloir"
        let rows = try await db.raw(query).all(decoding: CouloirCountRow.self)
        return Dictionary(rows.map { ($0.couloir, $0.structures) }, uniquingKeysWith: +)
    }

    /// The territories a structure belongs to through its commune (official and custom).
    static func territories(ofCommune commune: String, on db: any SQLDatabase) async throws -> [Territory] {
        try await db.raw(
            """
            SELECT t.code, t.kind, t.name, t.insee, t.parent_code, t.population, t.decoupage_id
            FROM territory_communes tc JOIN territories t ON t.code = tc.territory_code
            WHERE tc.commune_code = \(bind: commune) ORDER BY t.kind, t.code
            """
        ).all(decoding: TerritoryQuery.Row.self, with: .snakeCase).map(\.territory)
    }
}

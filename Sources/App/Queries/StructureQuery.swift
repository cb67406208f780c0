import Foundation
import JalonCore
import SQLKit

/// A structure as pages, exports and the API show it.
struct Structure: Sendable, Equatable, Codable {
    var id: UUID
    var finessET: String?
    var finessEJ: String
    var legalEntityName: String?
    var siret: String
    var rpps: String?
    var source: String
    var name: String
    var longName: String
    var complement: String
    var address: String
    var postalCode: String
    var city: String
    var communeCode: String?
    var communeName: String?
    var communeRaw: String
    var phone: String
    var categoryCode: String
    var categoryLabel: String
    var couloir: String
    var openedOn: String?
    var authorisedOn: String?
    var closedOn: String?
    var sourceUpdatedOn: String?
    var latitude: Double?
    var longitude: Double?
    var isDemo: Bool

    var isOpen: Bool { closedOn == nil }
    /// The identifier used in URLs: the FINESS number when there is one.
    var key: String { finessET ?? id.uuidString.lowercased() }
}

struct StructureFilter: Sendable, Equatable {
    enum Status: String, Sendable, CaseIterable {
        case open = "ouvertes"
        case closed = "fermees"
        case all = "toutes"
    }
    enum Sort: String, Sendable, CaseIterable {
        case name = "nom"
        case finess, commune
        case category = "categorie"
        case couloir
        case opened = "ouverture"
    }

    var territory: String?
    var couloir: Couloir?
    var category: String?
    var status: Status = .open
    var text: String?
    var sort: Sort = .name
    var descending = false
    var page = 1
    var perPage = 50
}

struct StructurePage: Sendable, Equatable {
    var items: [Structure]
    var total: Int
    var page: Int
    var perPage: Int
    var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
}

enum StructureQuery {
    struct Row: Decodable {
        var id: UUID
        var finess_et: String?
        var finess_ej: String
        var ej_name: String?
        var siret: String
        var rpps: String?
        var source, name, long_name, complement, address, postal_code, city: String
        var commune_code: String?
        var commune_name: String?
        var commune_raw, phone, category_code, category_label, couloir: String
        var opened_on, authorised_on, closed_on, source_updated_on: String?
        var latitude, longitude: Double?
        var is_demo: Bool

        var structure: Structure {
            Structure(
                id: id, finessET: finess_et, finessEJ: finess_ej, legalEntityName: ej_name, siret: siret, rpps: rpps,
                source: source,
                name: name, longName: long_name, complement: complement, address: address, postalCode: postal_code,
                city: city,
                communeCode: commune_code, communeName: commune_name, communeRaw: commune_raw, phone: phone,
                categoryCode: category_code, categoryLabel: category_label, couloir: couloir, openedOn: opened_on,
                authorisedOn: authorised_on, closedOn: closed_on, sourceUpdatedOn: source_updated_on,
                latitude: latitude, longitude: longitude, isDemo: is_demo)
        }
    }

    static let select: SQLQueryString = """
        SELECT s.id, s.finess_et, s.finess_ej, e.name AS ej_name, s.siret, s.rpps, s.source, s.name, s.long_name, s.complement,
               s.address, s.postal_code, s.city, s.commune_code, c.name AS commune_name, s.commune_raw, s.phone,
               s.category_code, s.category_label, s.couloir, s.opened_on, s.authorised_on, s.closed_on, s.source_updated_on,
               s.latitude, s.longitude, s.is_demo
        FROM structures s
        LEFT JOIN territories c ON c.code = 'C' || s.commune_code
        LEFT JOIN legal_entities e ON e.finess_ej = s.finess_ej
        """

    /// `%` and `_` typed by users are literal characters, not wildcards.
    static func escapeLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(
            of: "_", with: "\\_")
    }

    static func whereClause(_ f: StructureFilter) -> SQLQueryString {
        var w: SQLQueryString = " WHERE 1 = 1"
        if let t = f.territory {
            w +=
                " AND s.commune_code IN (SELECT commune_code FROM territory_communes WHERE territory_code = \(bind: t))"
        }
        if let c = f.couloir {
            w += " AND s.couloir IN (\(binds: c.members.map(\.rawValue)))"
        }
        if let cat = f.category, !cat.isEmpty { w += " AND s.category_code = \(bind: cat)" }
        switch f.status {
        case .open: w += " AND s.closed_on IS NULL"
        case .closed: w += " AND s.closed_on IS NOT NULL"
        case .all: break
        }
        if let text = f.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let p = "%" + escapeLike(text.lowercased()) + "%"
            w +=
                " AND (LOWER(s.name) LIKE \(bind: p) ESCAPE '\\' OR LOWER(s.long_name) LIKE \(bind: p) ESCAPE '\\' OR LOWER(COALESCE(s.finess_et, '')) LIKE \(bind: p) ESCAPE '\\' OR LOWER(s.city) LIKE \(bind: p) ESCAPE '\\' OR LOWER(COALESCE(c.name, '')) LIKE \(bind: p) ESCAPE '\\')"
        }
        return w
    }

    static func orderClause(_ f: StructureFilter) -> SQLQueryString {
        let dir = f.descending ? "DESC" : "ASC"
        let column: String
        switch f.sort {
        case .name: column = "LOWER(s.name)"
        case .finess: column = "s.finess_et"
        case .commune: column = "c.name"
        case .category: column = "s.category_label"
        case .couloir: column = "s.couloir"
        case .opened: column = "s.opened_on"
        }
        return " ORDER BY \(unsafeRaw: column) \(unsafeRaw: dir), s.finess_et ASC, s.id ASC"
    }

    static func page(_ f: StructureFilter, on db: any SQLDatabase) async throws -> StructurePage {
        struct N: Decodable { var n: Int }
        let count: SQLQueryString =
            "SELECT COUNT(*) AS n FROM structures s LEFT JOIN territories c ON c.code = 'C' || s.commune_code"
            + whereClause(f)
        let total = try await db.raw(count).first(decoding: N.self)?.n ?? 0
        let offset = max(0, (f.page - 1) * f.perPage)
        let q = select + whereClause(f) + orderClause(f) + " LIMIT \(literal: f.perPage) OFFSET \(literal: offset)"
        let items = try await db.raw(q).all(decoding: Row.self).map(\.structure)
        return StructurePage(items: items, total: total, page: f.page, perPage: f.perPage)
    }

    /// Every structure matching the filter, for exports (streamed page by page by the caller if needed).
    static func all(_ f: StructureFilter, on db: any SQLDatabase) async throws -> [Structure] {
        try await db.raw(select + whereClause(f) + orderClause(f)).all(decoding: Row.self).map(\.structure)
    }

    /// By FINESS number, a practitioner's RPPS (their place of activity), a SIRET, or by internal identifier.
    static func find(_ key: String, on db: any SQLDatabase) async throws -> Structure? {
        if let id = UUID(uuidString: key) {
            return try await db.raw(select + " WHERE s.id = \(bind: id)").first(decoding: Row.self)?.structure
        }
        let key = key.trimmingCharacters(in: .whitespaces).uppercased()
        if let s = try await db.raw(select + " WHERE s.finess_et = \(bind: key)").first(decoding: Row.self)?.structure {
            return s
        }
        guard key.allSatisfy(\.isNumber) else { return nil }
        // A practitioner's RPPS (11 digits, or 12 with the national prefix 8) names the place of their activity.
        if key.count == 11 || (key.count == 12 && key.hasPrefix("8")) {
            let national = key.count == 11 ? "8" + key : key
            struct A: Decodable { var structure_id: UUID }
            if let a = try await db.select().column("structure_id").from("practitioner_activities").where(
                "rpps", .equal, national
            )
            .where("structure_id", .isNot, SQLLiteral.null).orderBy("activity_key").first(decoding: A.self) {
                return try await db.raw(select + " WHERE s.id = \(bind: a.structure_id)").first(decoding: Row.self)?
                    .structure
            }
            return nil
        }
        // Practices outside FINESS are also named by their SIRET (14 digits); open ones first.
        guard key.count == 14 else { return nil }
        return try await db.raw(
            select
                + " WHERE s.siret = \(bind: key) ORDER BY CASE WHEN s.closed_on IS NULL THEN 0 ELSE 1 END, CASE WHEN s.finess_et IS NULL THEN 1 ELSE 0 END, s.finess_et, s.id"
        ).first(decoding: Row.self)?.structure
    }

    /// Open structures whose name is the text (case ignored), or else contains it: the candidates for a
    /// structure typed by name in a pasted list.
    static func byName(_ text: String, limit: Int = 10, on db: any SQLDatabase) async throws -> [Structure] {
        let t = text.trimmedSpaces.lowercased()
        guard t.count >= 3 else { return [] }
        let exact = try await db.raw(
            select
                + " WHERE s.closed_on IS NULL AND LOWER(s.name) = \(bind: t) ORDER BY s.name, s.id LIMIT \(literal: limit)"
        ).all(decoding: Row.self)
        if !exact.isEmpty { return exact.map(\.structure) }
        let p = "%" + escapeLike(t) + "%"
        return try await db.raw(
            select
                + " WHERE s.closed_on IS NULL AND LOWER(s.name) LIKE \(bind: p) ESCAPE '\\' ORDER BY s.name, s.id LIMIT \(literal: limit)"
        )
        .all(decoding: Row.self).map(\.structure)
    }

    /// Open structures per couloir in a territory (all of France when nil).
    static func countsByCouloir(territory: String?, on db: any SQLDatabase) async throws -> [String: Int] {
        struct R: Decodable {
            var couloir: String
            var n: Int
        }
        var q: SQLQueryString = "SELECT s.couloir, COUNT(*) AS n FROM structures s WHERE s.closed_on IS NULL"
        if let territory {
            q +=
                " AND s.commune_code IN (SELECT commune_code FROM territory_communes WHERE territory_code = \(bind: territory))"
        }
        q += " GROUP BY s.couloir"
        let rows = try await db.raw(q).all(decoding: R.self)
        return Dictionary(rows.map { ($0.couloir, $0.n) }, uniquingKeysWith: +)
    }

    /// The territories a structure belongs to through its commune (official and custom).
    static func territories(ofCommune commune: String, on db: any SQLDatabase) async throws -> [Territory] {
        try await db.raw(
            """
            SELECT t.code, t.kind, t.name, t.insee, t.parent_code, t.population, t.decoupage_id
            FROM territory_communes tc JOIN territories t ON t.code = tc.territory_code
            WHERE tc.commune_code = \(bind: commune) ORDER BY t.kind, t.code
            """
        ).all(decoding: TerritoryQuery.Row.self).map(\.territory)
    }
}

import Vapor

/// JSON shapes of the API (snake_case, described in `OpenAPI.document`).
enum APIDTO {
    struct TerritoryItem: Content, Equatable {
        var code, kind, name: String
        var insee: String?
        var parent: String?
        var population: Int

        init(_ t: Territory) {
            code = t.code
            kind = t.kind.rawValue
            name = t.name
            insee = t.insee.isEmpty ? nil : t.insee
            parent = t.parentCode
            population = t.population
        }
    }

    struct TerritoryDetail: Content, Equatable {
        var code, kind, name: String
        var insee: String?
        var parent: String?
        var population: Int
        var communes: Int
        /// Open structures per couloir (every structural couloir present, zero included).
        var structures: [String: Int]
        var memberships: [Membership]
        var members: [String]?

        struct Membership: Content, Equatable {
            var code, name: String
            var complete: Bool
        }
    }

    struct StructureItem: Content, Equatable {
        var id: String
        var finess: String?
        var finess_ej: String
        var name: String
        var category: String
        var category_label: String
        var couloir: String
        var commune: String?
        var commune_name: String?
        var address: String
        var postal_code: String
        var city: String
        var status: String
        var opened_on: String?
        var closed_on: String?
        var latitude: Double?
        var longitude: Double?
        var demo: Bool

        init(_ s: Structure) {
            id = s.id.uuidString.lowercased()
            finess = s.finessET
            finess_ej = s.finessEJ
            name = s.name
            category = s.categoryCode
            category_label = s.categoryLabel
            couloir = s.couloir
            commune = s.communeCode
            commune_name = s.communeName
            address = s.address
            postal_code = s.postalCode
            city = s.city
            status = s.isOpen ? "open" : "closed"
            opened_on = s.openedOn
            closed_on = s.closedOn
            latitude = s.latitude
            longitude = s.longitude
            demo = s.isDemo
        }
    }

    struct StructureDetail: Content, Equatable {
        var structure: StructureItem
        var legal_entity_name: String?
        var siret: String
        var phone: String
        var territories: [String]
    }

    struct Page<T: Content & Equatable>: Content, Equatable {
        var total: Int
        var page: Int
        var per_page: Int
        var items: [T]
    }
}

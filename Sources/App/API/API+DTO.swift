import Vapor

/// JSON shapes of the API (snake_case, described in `OpenAPI.document`).
enum APIDTO {
    struct TerritoryItem: Content, Equatable {
        var code, kind, name: String
        var insee: String?
        var parent: String?
        var population: Int

        init(_ territory: Territory) {
            code = territory.code
            kind = territory.kind.rawValue
            name = territory.name
            insee = territory.insee.isEmpty ? nil : territory.insee
            parent = territory.parentCode
            population = territory.population
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
        var finessEJ: String
        var name: String
        var category: String
        var categoryLabel: String
        var couloir: String
        var commune: String?
        var communeName: String?
        var address: String
        var postalCode: String
        var city: String
        var status: String
        var openedOn: String?
        var closedOn: String?
        var latitude: Double?
        var longitude: Double?
        var demo: Bool

        enum CodingKeys: String, CodingKey {
            case id, finess
            case finessEJ = "finess_ej"
            case name, category
            case categoryLabel = "category_label"
            case couloir, commune
            case communeName = "commune_name"
            case address
            case postalCode = "postal_code"
            case city, status
            case openedOn = "opened_on"
            case closedOn = "closed_on"
            case latitude, longitude, demo
        }

        init(_ structure: Structure) {
            id = structure.id.uuidString.lowercased()
            finess = structure.finessET
            finessEJ = structure.finessEJ
            name = structure.name
            category = structure.categoryCode
            categoryLabel = structure.categoryLabel
            couloir = structure.couloir
            commune = structure.communeCode
            communeName = structure.communeName
            address = structure.address
            postalCode = structure.postalCode
            city = structure.city
            status = structure.isOpen ? "open" : "closed"
            openedOn = structure.openedOn
            closedOn = structure.closedOn
            latitude = structure.latitude
            longitude = structure.longitude
            demo = structure.isDemo
        }
    }

    struct StructureDetail: Content, Equatable {
        var structure: StructureItem
        var legalEntityName: String?
        var siret: String
        var phone: String
        var territories: [String]

        enum CodingKeys: String, CodingKey {
            case structure
            case legalEntityName = "legal_entity_name"
            case siret, phone, territories
        }
    }

    struct Page<Item: Content & Equatable>: Content, Equatable {
        var total: Int
        var page: Int
        var perPage: Int
        var items: [Item]

        enum CodingKeys: String, CodingKey {
            case total, page
            case perPage = "per_page"
            case items
        }
    }
}

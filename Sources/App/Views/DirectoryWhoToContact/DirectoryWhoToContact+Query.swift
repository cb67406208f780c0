import Foundation
import SQLKit

extension DirectoryWhoToContact {
    /// The territories of the découpage `code`, each with the contacts of the territories overlapping it
    /// (sharing a commune), and the CPAMs that cover them.
    static func query(decoupage code: String, on db: any SQLDatabase) async throws -> Model {
        var territories: [Territory] = []
        if let decoupage = try await DecoupageQuery.find(code: code, on: db) {
            territories = try await DecoupageQuery.territories(of: decoupage.id, on: db)
        }
        let overlap = try await DirectoryQuery.overlapping(territories.map(\.code), on: db)
        let contacts = try await DirectoryQuery.contacts(on: db)
        var byTerritory: [String: [Contact]] = [:]
        for territory in territories {
            let near = overlap[territory.code] ?? [territory.code]
            byTerritory[territory.code] = contacts.filter { contact in
                contact.territories.contains { near.contains($0) }
            }
        }
        let cpams = try await DirectoryQuery.organisations(on: db).filter { $0.kind == "cpam" }
        var covers: [UUID: Set<String>] = [:]
        for cpam in cpams {
            covers[cpam.id] = Set(
                territories.filter { territory in
                    cpam.territories.contains { (overlap[territory.code] ?? []).contains($0) }
                }
                .map(\.code))
        }
        return Model(decoupage: code, territories: territories, contacts: byTerritory, cpams: cpams, covers: covers)
    }
}

import Foundation
import JalonCore
import SQLKit

/// The demo directory: the real institutions of Hauts-de-France (ARS, GRADeS, DCGDR, the CPAM and the
/// territories they cover) and fictitious people — one animateur per TAN and a few referents — so
/// that "who to contact" and the CPAM × TAN matrix have something to show.
enum DemoDirectory {
    static let organisations: [DirectoryService.OrganisationInput] = [
        .init(code: "ARS-HDF", name: "ARS Hauts-de-France", kind: "ars", territories: ["R32"]),
        .init(code: "GRADES-HDF", name: "GRADeS Hauts-de-France", kind: "grades", territories: ["R32"]),
        .init(
            code: "DCGDR-HDF", name: "Assurance Maladie – DCGDR Hauts-de-France", kind: "dcgdr", territories: ["R32"]),
        .init(code: "CPAM-AISNE", name: "CPAM de l'Aisne", kind: "cpam", territories: ["D02"]),
        .init(code: "CPAM-NORD", name: "CPAM du Nord (démonstration)", kind: "cpam", territories: ["D59"]),
        .init(code: "CPAM-OISE", name: "CPAM de l'Oise", kind: "cpam", territories: ["D60"]),
        .init(code: "CPAM-PDC", name: "CPAM du Pas-de-Calais (démonstration)", kind: "cpam", territories: ["D62"]),
        .init(code: "CPAM-SOMME", name: "CPAM de la Somme", kind: "cpam", territories: ["D80"])
    ]

    static let firstNames = ["Camille", "Dominique", "Claude", "Sacha", "Alix", "Morgan", "Noa"]

    static func load(on db: any SQLDatabase, actor: Actor) async throws -> Int {
        guard try await db.count("SELECT COUNT(*) AS n FROM contacts WHERE email LIKE '%@demo.jalon.invalid'") == 0
        else {
            return 0
        }
        for organisation in organisations {
            try await DirectoryService.saveOrganisation(organisation, on: db, actor: actor)
        }
        var created = 0
        for (i, tan) in DemoRegion.tans.enumerated() {
            let first = firstNames[i % firstNames.count]
            let slug = tan.code.lowercased()
            try await DirectoryService.createContact(
                .init(
                    civility: "", firstName: first, lastName: "Démo",
                    function: "Animateur·rice territorial·e (démonstration)",
                    organisation: "GRADES-HDF", email: "animation.\(slug)@demo.jalon.invalid",
                    roles: ["animateur territorial"],
                    territories: [tan.code], mailingConsent: true), on: db, actor: actor)
            created += 1
        }
        for (code, role) in [
            ("CPAM-NORD", "référent e-santé CPAM"), ("CPAM-PDC", "référent e-santé CPAM"),
            ("ARS-HDF", "référent INS / identitovigilance")
        ] {
            let territory = organisations.first { $0.code == code }?.territories?.first ?? "R32"
            try await DirectoryService.createContact(
                .init(
                    civility: "", firstName: "Référent", lastName: "Démo \(code)",
                    function: "\(role) (démonstration)",
                    organisation: code, email: "\(code.lowercased())@demo.jalon.invalid", roles: [role],
                    territories: [territory], mailingConsent: false), on: db, actor: actor)
            created += 1
        }
        return created
    }
}

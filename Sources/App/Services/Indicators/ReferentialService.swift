import Foundation
import JalonCore
import SQLKit

/// Services, couloirs and pilot organisations: shipped defaults, never overwriting users' edits.
enum ReferentialService {
    static let services: [(String, String)] = [
        ("TOUS", "Tous services"), ("FDR", "Feuille de route"), ("SEGUR", "Équipement Ségur"), ("DMP", "DMP"), ("MES", "Mon Espace Santé"),
        ("MSS", "MSSanté"), ("INS", "INS"), ("PSC", "Pro Santé Connect"), ("RPPS", "RPPS+"), ("EPRESC", "e-prescription"),
        ("APCV", "ApCV"), ("CYBER", "Cybersécurité"), ("TELESANTE", "Télésanté"),
    ]
    static let organisations: [(String, String)] = [
        ("ARS", "Agence régionale de santé"), ("AM", "Assurance Maladie"), ("GRADES", "GRADeS"),
    ]
    static let aliases: [Couloir: String] = [.es: "HOP", .radio: "RAD", .ms: "ESMS", .tous: "Tous"]

    static func installDefaults(on db: any SQLDatabase) async throws {
        struct C: Decodable { var code: String }
        let haveServices = Set(try await db.select().column("code").from("services").all(decoding: C.self).map(\.code))
        try await db.insertBatched(into: "services", columns: ["code", "label", "sort"],
                                   rows: services.enumerated().filter { !haveServices.contains($0.element.0) }.map { [$0.element.0, $0.element.1, $0.offset] })
        let haveCouloirs = Set(try await db.select().column("code").from("couloirs").all(decoding: C.self).map(\.code))
        try await db.insertBatched(into: "couloirs", columns: ["code", "label", "aliases", "sort"],
                                   rows: Couloir.allCases.enumerated().filter { !haveCouloirs.contains($0.element.rawValue) }
                                       .map { [$0.element.rawValue, $0.element.label, aliases[$0.element] ?? "", $0.offset] })
        let haveOrgs = Set(try await db.select().column("code").from("pilot_organisations").all(decoding: C.self).map(\.code))
        try await db.insertBatched(into: "pilot_organisations", columns: ["code", "name", "sort"],
                                   rows: organisations.enumerated().filter { !haveOrgs.contains($0.element.0) }.map { [$0.element.0, $0.element.1, $0.offset] })
    }
}

import Foundation
import JalonCore
import SQLKit

/// Grappes: named groups of structures sharing a software that apply together (ESMS numérique), with their
/// porteur. The one place that writes `grappes` and `grappe_members`; runs in the caller's transaction.
enum GrappeService {
    /// One line of a file: a member of a grappe.
    struct Input: Sendable, Equatable {
        var programme: String
        var grappe: String
        var name: String
        var structure: String
        var porteur: String
    }

    struct Resolved: Sendable {
        var programme: ProgrammeQuery.Programme
        /// Upper-cased, as stored.
        var code: String
        var name: String
        var structure: Structure
        var isPorteur: Bool
    }

    static func resolve(_ input: Input, lookups: ApplicationService.Lookups) async throws -> Resolved {
        guard let programme = try await lookups.programme(input.programme) else {
            throw ServiceError.invalid("Programme inconnu « \(input.programme.prefix(40)) ».", field: "programme")
        }
        let code = input.grappe.trimmedSpaces.uppercased()
        guard !code.isEmpty, code.count <= 40 else {
            throw ServiceError.invalid("Donnez le code de la grappe (40 caractères au plus).", field: "grappe")
        }
        let name = input.name.trimmedSpaces
        guard name.count <= 200 else { throw ServiceError.invalid("Nom trop long (200 caractères).", field: "nom") }
        let structure = try await ApplicationService.applicant(input.structure, on: lookups.db)
        let porteur = input.porteur.trimmedSpaces.lowercased()
        guard
            let isPorteur = ["oui", "o", "x", "1", "vrai", "porteur"].contains(porteur)
                ? true
                : ["", "non", "n", "0", "faux"].contains(porteur) ? false : nil
        else {
            throw ServiceError.invalid(
                "Porteur « \(input.porteur.prefix(20)) » illisible (oui ou vide).", field: "porteur")
        }
        return Resolved(
            programme: programme, code: code, name: name.isEmpty ? code : name, structure: structure,
            isPorteur: isPorteur)
    }

    struct Stored: Decodable, Sendable, Equatable {
        var id: UUID
        var name: String
        var porteurID: UUID?
        var members: Set<UUID> = []

        enum CodingKeys: String, CodingKey {
            case id, name
            case porteurID = "porteur_id"
        }
    }

    static func stored(_ programme: UUID, code: String, on db: any SQLDatabase) async throws -> Stored? {
        guard
            var grappe = try await db.select().columns("id", "name", "porteur_id").from("grappes")
                .where("programme_id", .equal, programme).where("code", .equal, code).first(decoding: Stored.self)
        else { return nil }
        struct MemberRow: Decodable { var structureID: UUID }
        grappe.members = Set(
            try await db.select().column("structure_id").from("grappe_members").where("grappe_id", .equal, grappe.id)
                .all(decoding: MemberRow.self, with: .snakeCase).map(\.structureID))
        return grappe
    }

    /// One grappe as a file states it: its name, porteur and exactly the members listed.
    struct Grappe: Sendable {
        var programme: UUID
        var code, name: String
        var porteur: UUID
        var members: Set<UUID>
    }

    /// Writes the grappe as stated; returns how many members it lost.
    @discardableResult
    static func write(_ grappe: Grappe, stored: Stored?, on db: any SQLDatabase, actor: Actor) async throws -> Int {
        let id = stored?.id ?? UUID()
        if stored == nil {
            try await db.insert(into: "grappes").columns("id", "programme_id", "code", "name", "porteur_id")
                .values(
                    SQLBind(id), SQLBind(grappe.programme), SQLBind(grappe.code), SQLBind(grappe.name),
                    SQLBind(grappe.porteur)
                ).run()
        } else if stored?.name != grappe.name || stored?.porteurID != grappe.porteur {
            try await db.update("grappes").set("name", to: grappe.name).set("porteur_id", to: grappe.porteur)
                .where("id", .equal, id).run()
        }
        let before = stored?.members ?? []
        for member in grappe.members.subtracting(before).sorted(by: { $0.uuidString < $1.uuidString }) {
            try await db.insert(into: "grappe_members").columns("grappe_id", "structure_id")
                .values(SQLBind(id), SQLBind(member)).run()
        }
        let gone = before.subtracting(grappe.members)
        if !gone.isEmpty {
            try await db.delete(from: "grappe_members").where("grappe_id", .equal, id)
                .where("structure_id", .in, Array(gone)).run()
        }
        try await AuditService.record(
            db, actor: actor, action: stored == nil ? "create" : "update", objectType: "grappe", objectID: grappe.code,
            summary: "Grappe « \(grappe.name) » : \(grappe.members.count) structure(s)"
                + (gone.isEmpty ? "" : ", \(gone.count) retirée(s)"))
        // The programme indicators count each member of an applicant grappe.
        try await RollupCache.invalidateComputed(on: db)
        return gone.count
    }
}

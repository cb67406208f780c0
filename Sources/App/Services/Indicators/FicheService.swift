import Foundation
import JalonCore
import SQLKit

/// Edits of a fiche synthèse: its texts, its semester workload calendar and its actions' RACI.
enum FicheService {
    static let roles: Set<String> = ["R", "A", "C", "I"]
    /// The audiences of the RACI, as the roadmaps name them.
    static let audiences: [(code: String, label: String)] = [("ES", "ES"), ("ESMS", "ESMS"), ("LIB", "Libéraux"), ("BIORADIO", "Bio/radio"), ("CITOYENS", "Citoyens")]

    static func updateTexts(fiche: UUID, objectives: String, levers: String, obstacles: String, contacts: String, on db: any SQLDatabase, actor: Actor) async throws {
        for (name, text) in [("objectifs", objectives), ("leviers", levers), ("freins", obstacles), ("contacts", contacts)] where text.count > 10_000 {
            throw ServiceError.invalid("Le champ « \(name) » dépasse 10 000 caractères.")
        }
        try await db.update("fiches").set("objectives_text", to: objectives).set("levers", to: levers).set("obstacles", to: obstacles)
            .set("contacts", to: contacts).where("id", .equal, fiche).run()
        try await AuditService.record(db, actor: actor, action: "update", objectType: "fiche", objectID: fiche.uuidString, summary: "Textes de la fiche modifiés")
    }

    /// `cells`: "<action id>|<period>" → intensity 0…3. Replaces the fiche's calendar.
    static func updateCalendar(fiche: UUID, cells: [String: String], on db: any SQLDatabase, actor: Actor) async throws {
        var rows: [[any Encodable & Sendable]] = []
        for (key, raw) in cells.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|")
            guard parts.count == 2, let action = UUID(uuidString: String(parts[0])), Period(String(parts[1])) != nil else {
                throw ServiceError.invalid("Case de calendrier invalide « \(key.prefix(60)) ».")
            }
            guard let intensity = Int(raw), (0...3).contains(intensity) else { throw ServiceError.invalid("Intensité invalide « \(raw.prefix(10)) » (0 à 3).") }
            if intensity > 0 { rows.append([fiche, action, String(parts[1]), intensity]) }
        }
        try await db.delete(from: "fiche_calendar").where("fiche_id", .equal, fiche).run()
        try await db.insertBatched(into: "fiche_calendar", columns: ["fiche_id", "action_id", "period", "intensity"], rows: rows)
        try await AuditService.record(db, actor: actor, action: "update", objectType: "fiche", objectID: fiche.uuidString, summary: "Calendrier de la fiche modifié")
    }

    /// `cells`: "<action id>|<organisation|audience>|<party>" → R, A, C, I or empty. Replaces the fiche's RACI.
    static func updateRACI(fiche: UUID, cells: [String: String], on db: any SQLDatabase, actor: Actor) async throws {
        struct A: Decodable { var id: UUID }
        let actions = Set(try await db.select().column("id").from("actions").where("fiche_id", .equal, fiche).all(decoding: A.self).map(\.id))
        var rows: [[any Encodable & Sendable]] = []
        for (key, raw) in cells.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|").map(String.init)
            guard parts.count == 3, let action = UUID(uuidString: parts[0]), actions.contains(action), ["organisation", "audience"].contains(parts[1]) else {
                throw ServiceError.invalid("Case RACI invalide « \(key.prefix(60)) ».")
            }
            let role = raw.trimmingCharacters(in: .whitespaces).uppercased()
            guard role.isEmpty || roles.contains(role) else { throw ServiceError.invalid("Rôle RACI invalide « \(raw.prefix(5)) » (R, A, C, I ou vide).") }
            if !role.isEmpty { rows.append([action, parts[1], parts[2], role]) }
        }
        for action in actions { try await db.delete(from: "action_raci").where("action_id", .equal, action).run() }
        try await db.insertBatched(into: "action_raci", columns: ["action_id", "party_kind", "party", "role"], rows: rows)
        try await AuditService.record(db, actor: actor, action: "update", objectType: "fiche", objectID: fiche.uuidString, summary: "RACI des actions de la fiche modifié")
    }
}

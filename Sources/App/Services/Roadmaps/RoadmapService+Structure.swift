import Foundation
import JalonCore
import SQLKit

/// Editing a roadmap's structure after it is written: renumber or retitle an objective, change its
/// priority; retitle a fiche, give it a service or another objective, move it up or down. Each change
/// bumps the roadmap's version (a form built on an older page is refused) and is audited before → after.
extension RoadmapService {
    static func updateObjective(
        roadmap code: String, number: Int, newNumber: Int, title rawTitle: String, priority: Int?, version: Int?,
        on db: any SQLDatabase, actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        let roadmap = try await existing(code, on: db)
        let before = try await storedObjective(roadmap: roadmap, number: number, on: db)
        let title = try checkedObjective(number: newNumber, title: rawTitle, priority: priority)
        if newNumber != number {
            let taken = try await db.count(
                """
                SELECT COUNT(*) AS n FROM objectives
                WHERE roadmap_id = \(bind: roadmap.id) AND number = \(bind: newNumber)
                """)
            guard taken == 0 else { throw ServiceError.conflict("L'objectif \(newNumber) existe déjà.") }
        }
        try await OptimisticVersion.bump(
            "roadmaps", id: roadmap.id, expected: version, label: "La feuille de route", on: db)
        try await db.update("objectives").set("number", to: newNumber).set("title", to: title)
            .set("priority", to: priority).where("id", .equal, before.id).run()
        var changes = FieldChanges()
        changes.compare("numéro", "\(number)", "\(newNumber)")
        changes.compare("titre", before.title, title)
        changes.compare("priorité", before.priority.map { "\($0)" }, priority.map { "\($0)" })
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "roadmap", objectID: roadmap.code,
            summary: "Objectif \(number) modifié", changes: changes)
    }

    struct FicheEdit: Sendable, Equatable {
        var title: String
        var service: String?
        var objective: Int?
    }

    static func updateFiche(
        roadmap code: String, fiche ficheCode: String, _ edit: FicheEdit, version: Int?, on db: any SQLDatabase,
        actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        let roadmap = try await existing(code, on: db)
        let before = try await storedFiche(roadmap: roadmap, code: ficheCode, on: db)
        let title = edit.title.trimmedSpaces
        guard !title.isEmpty, title.count <= 300 else {
            throw ServiceError.invalid("Donnez un titre à la fiche (300 caractères au plus).", field: "title")
        }
        let service = edit.service?.trimmedSpaces.nilIfEmpty
        guard (service?.count ?? 0) <= 40 else {
            throw ServiceError.invalid("Service de 40 caractères au plus.", field: "service")
        }
        let objectiveID = try await objectiveID(edit.objective, of: roadmap, on: db)
        try await OptimisticVersion.bump(
            "roadmaps", id: roadmap.id, expected: version, label: "La feuille de route", on: db)
        try await db.update("fiches").set("title", to: title).set("service_code", to: service)
            .set("objective_id", to: objectiveID).where("id", .equal, before.id).run()
        var changes = FieldChanges()
        changes.compare("titre", before.title, title)
        changes.compare("service", before.serviceCode, service)
        changes.compare("objectif", before.objective.map { "\($0)" }, edit.objective.map { "\($0)" })
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "roadmap", objectID: roadmap.code,
            summary: "Fiche « \(ficheCode) » modifiée", changes: changes)
    }

    /// Moves a fiche one place up (`offset` -1) or down (+1) in the roadmap's order.
    static func moveFiche(
        roadmap code: String, fiche ficheCode: String, offset: Int, version: Int?, on db: any SQLDatabase, actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        let roadmap = try await existing(code, on: db)
        struct OrderRow: Decodable {
            var id: UUID
            var code: String
        }
        var order = try await db.select().columns("id", "code").from("fiches").where("roadmap_id", .equal, roadmap.id)
            .orderBy("sort").orderBy("code").all(decoding: OrderRow.self)
        guard let index = order.firstIndex(where: { $0.code == ficheCode }) else {
            throw ServiceError.notFound("Fiche inconnue « \(ficheCode.prefix(40)) ».")
        }
        let target = index + offset
        guard offset == -1 || offset == 1, order.indices.contains(target) else {
            throw ServiceError.invalid(
                "La fiche « \(ficheCode) » est déjà \(offset < 0 ? "la première" : "la dernière").")
        }
        try await OptimisticVersion.bump(
            "roadmaps", id: roadmap.id, expected: version, label: "La feuille de route", on: db)
        order.swapAt(index, target)
        // Renumbered 0…n-1 so that the order is whole again whatever it was.
        for (sort, fiche) in order.enumerated() {
            try await db.update("fiches").set("sort", to: sort).where("id", .equal, fiche.id).run()
        }
        var changes = FieldChanges()
        changes.compare("position", "\(index + 1)", "\(target + 1)")
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "roadmap", objectID: roadmap.code,
            summary: "Fiche « \(ficheCode) » déplacée", changes: changes)
    }

    /// An objective's rules, for a new one and an edited one: its trimmed title, or the French refusal.
    static func checkedObjective(number: Int, title rawTitle: String, priority: Int?) throws -> String {
        let title = rawTitle.trimmedSpaces
        guard !title.isEmpty, title.count <= 300 else {
            throw ServiceError.invalid("Donnez un titre à l'objectif (300 caractères au plus).", field: "title")
        }
        guard (1...99).contains(number) else {
            throw ServiceError.invalid("Numéro d'objectif \(number) hors de 1 à 99.", field: "number")
        }
        if let priority, !(1...9).contains(priority) {
            throw ServiceError.invalid("Priorité \(priority) hors de 1 à 9.", field: "priority")
        }
        return title
    }

    /// The id of the roadmap's objective with this number (nil for none); an unknown number is refused.
    static func objectiveID(_ number: Int?, of roadmap: Roadmap, on db: any SQLDatabase) async throws -> UUID? {
        guard let number else { return nil }
        struct IDRow: Decodable { var id: UUID }
        guard
            let found = try await db.select().column("id").from("objectives")
                .where("roadmap_id", .equal, roadmap.id).where("number", .equal, number)
                .first(decoding: IDRow.self)
        else { throw ServiceError.invalid("Objectif \(number) inconnu.", field: "objective") }
        return found.id
    }

    struct StoredObjective: Decodable {
        var id: UUID
        var number: Int
        var title: String
        var priority: Int?
    }

    static func storedObjective(roadmap: Roadmap, number: Int, on db: any SQLDatabase) async throws
        -> StoredObjective
    {
        guard
            let objective = try await db.select().columns("id", "number", "title", "priority").from("objectives")
                .where("roadmap_id", .equal, roadmap.id).where("number", .equal, number)
                .first(decoding: StoredObjective.self)
        else { throw ServiceError.notFound("Objectif \(number) inconnu.") }
        return objective
    }

    /// An objective as stored, for the callers that change only the fields they are given (the CLI and
    /// the API): they send the others back as they are.
    static func objective(roadmap code: String, number: Int, on db: any SQLDatabase) async throws
        -> StoredObjective
    {
        try await storedObjective(roadmap: try await existing(code, on: db), number: number, on: db)
    }

    /// A fiche's editable fields as stored, for the same callers.
    static func ficheEdit(roadmap code: String, fiche ficheCode: String, on db: any SQLDatabase) async throws
        -> FicheEdit
    {
        let fiche = try await storedFiche(roadmap: try await existing(code, on: db), code: ficheCode, on: db)
        return FicheEdit(title: fiche.title, service: fiche.serviceCode, objective: fiche.objective)
    }

    /// The offset of a move, from its direction as the CLI and the API write it (English or French).
    static func moveOffset(_ direction: String) throws -> Int {
        switch direction.trimmedSpaces.lowercased() {
        case "up", "haut": return -1
        case "down", "bas": return 1
        default:
            throw ServiceError.invalid(
                "Sens de déplacement « \(direction.prefix(20)) » inconnu : up ou down (haut ou bas).",
                field: "direction")
        }
    }

    struct StoredFiche: Decodable {
        var id: UUID
        var title: String
        var serviceCode: String?
        var objective: Int?
    }

    static func storedFiche(roadmap: Roadmap, code: String, on db: any SQLDatabase) async throws -> StoredFiche {
        guard
            let fiche = try await db.raw(
                """
                SELECT f.id, f.title, f.service_code, o.number AS objective
                FROM fiches f LEFT JOIN objectives o ON o.id = f.objective_id
                WHERE f.roadmap_id = \(bind: roadmap.id) AND f.code = \(bind: code)
                """
            ).first(decoding: StoredFiche.self, with: .snakeCase)
        else { throw ServiceError.notFound("Fiche inconnue « \(code.prefix(40)) ».") }
        return fiche
    }
}

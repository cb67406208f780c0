import Foundation
import JalonCore
import SQLKit

/// Writes of a roadmap's own fields: create, edit (optimistic version), archive. Validated, audited
/// with before → after; the pilote role (`regional`) is needed.
enum RoadmapService {
    struct Input: Sendable, Equatable {
        var code: String
        var title: String
        var region: String
        var startOn: String
        var endOn: String
        var status: String
    }

    /// A region starts from nothing (or from a template, `RoadmapTemplate`, or a document).
    static func create(_ input: Input, on db: any SQLDatabase, actor: Actor) async throws -> Roadmap {
        try await actor.authorize(.regional, on: db)
        let document = try validated(input)
        guard try await RoadmapQuery.find(code: document.code, on: db) == nil else {
            throw ServiceError.conflict("La feuille de route « \(document.code) » existe déjà.")
        }
        _ = try await RoadmapDocumentService.write(document, file: "formulaire", on: db, actor: actor)
        guard let created = try await RoadmapQuery.find(code: document.code, on: db) else {
            throw ServiceError.invalid("Feuille de route non créée.")
        }
        return created
    }

    static func update(_ code: String, _ input: Input, version: Int?, on db: any SQLDatabase, actor: Actor)
        async throws -> Roadmap
    {
        try await actor.authorize(.regional, on: db)
        guard let before = try await RoadmapQuery.find(code: code, on: db) else {
            throw ServiceError.notFound("Feuille de route inconnue « \(code.prefix(60)) ».")
        }
        var written = input
        written.code = before.code
        let document = try validated(written)
        guard let region = try await TerritoryQuery.find(document.region ?? "", on: db), region.kind == .region else {
            throw ServiceError.invalid("Région inconnue « \(input.region.prefix(20)) ».", field: "region")
        }
        let status = RoadmapStatus(parsing: document.status) ?? .preparing
        try await OptimisticVersion.bump(
            "roadmaps", id: before.id, expected: version, label: "La feuille de route", on: db)
        try await db.update("roadmaps").set("name", to: document.title).set("region_code", to: region.code)
            .set("start_on", to: document.startOn).set("end_on", to: document.endOn).set("status", to: status.rawValue)
            .where("id", .equal, before.id).run()
        var changes = FieldChanges()
        changes.compare("titre", before.name, document.title)
        changes.compare("région", before.regionCode, region.code)
        changes.compare("début", before.startOn, document.startOn)
        changes.compare("fin", before.endOn, document.endOn)
        changes.compare("statut", before.status.label, status.label)
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "roadmap", objectID: before.code,
            summary: "Feuille de route modifiée", changes: changes)
        return try await RoadmapQuery.find(id: before.id, on: db) ?? before
    }

    /// Archiving hides a roadmap from the selectors; its fiches, tasks and photos stay.
    static func archive(_ code: String, on db: any SQLDatabase, actor: Actor) async throws {
        try await actor.authorize(.regional, on: db)
        guard let roadmap = try await RoadmapQuery.find(code: code, on: db) else {
            throw ServiceError.notFound("Feuille de route inconnue « \(code.prefix(60)) ».")
        }
        guard !roadmap.archived else { return }
        try await db.update("roadmaps").set("archived_at", to: Date()).set("version", to: roadmap.version + 1)
            .where("id", .equal, roadmap.id).run()
        var changes = FieldChanges()
        changes.compare("archivée", "non", "oui")
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "roadmap", objectID: roadmap.code,
            summary: "Feuille de route archivée", changes: changes)
    }

    /// A new objective at the end of the roadmap (or at the number given, when free).
    static func addObjective(
        roadmap code: String, number: Int, title rawTitle: String, priority: Int?, on db: any SQLDatabase,
        actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        let roadmap = try await existing(code, on: db)
        let title = try checkedObjective(number: number, title: rawTitle, priority: priority)
        let taken = try await db.count(
            "SELECT COUNT(*) AS n FROM objectives WHERE roadmap_id = \(bind: roadmap.id) AND number = \(bind: number)")
        guard taken == 0 else { throw ServiceError.conflict("L'objectif \(number) existe déjà.") }
        try await db.insert(into: "objectives").columns("id", "roadmap_id", "number", "title", "priority")
            .values(SQLBind(UUID()), SQLBind(roadmap.id), SQLBind(number), SQLBind(title), SQLBind(priority)).run()
        var changes = FieldChanges()
        changes.compare("objectifs", set: [], ["\(number). \(title)"])
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "roadmap", objectID: roadmap.code,
            summary: "Objectif \(number) ajouté", changes: changes)
    }

    /// A new fiche, after the others; its code defaults to the slug of its title.
    static func addFiche(
        roadmap code: String, code rawCode: String, title rawTitle: String, objective: Int?, on db: any SQLDatabase,
        actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        let roadmap = try await existing(code, on: db)
        let title = rawTitle.trimmedSpaces
        guard !title.isEmpty, title.count <= 300 else {
            throw ServiceError.invalid("Donnez un titre à la fiche (300 caractères au plus).", field: "title")
        }
        let ficheCode = rawCode.trimmedSpaces.isEmpty ? DecoupageService.slug(title) : rawCode.trimmedSpaces
        guard RoadmapDocumentService.isCode(ficheCode) else {
            throw ServiceError.invalid(
                "Code de fiche « \(ficheCode.prefix(40)) » invalide (lettres sans accent, chiffres, - _ et .).",
                field: "code")
        }
        let objectiveID = try await objectiveID(objective, of: roadmap, on: db)
        let taken = try await db.count(
            "SELECT COUNT(*) AS n FROM fiches WHERE roadmap_id = \(bind: roadmap.id) AND code = \(bind: ficheCode)")
        guard taken == 0 else { throw ServiceError.conflict("La fiche « \(ficheCode) » existe déjà.") }
        let sort = try await db.count("SELECT COUNT(*) AS n FROM fiches WHERE roadmap_id = \(bind: roadmap.id)")
        try await db.insert(into: "fiches")
            .columns(
                "id", "roadmap_id", "objective_id", "code", "title", "service_code", "objectives_text", "levers",
                "obstacles", "sort"
            )
            .values(
                SQLBind(UUID()), SQLBind(roadmap.id), SQLBind(objectiveID), SQLBind(ficheCode), SQLBind(title),
                SQLBind(String?.none), SQLBind(""), SQLBind(""), SQLBind(""), SQLBind(sort)
            ).run()
        var changes = FieldChanges()
        changes.compare("fiches", set: [], ["\(ficheCode) — \(title)"])
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "roadmap", objectID: roadmap.code,
            summary: "Fiche « \(title) » ajoutée", changes: changes)
    }

    static func existing(_ code: String, on db: any SQLDatabase) async throws -> Roadmap {
        guard let roadmap = try await RoadmapQuery.find(code: code, on: db) else {
            throw ServiceError.notFound("Feuille de route inconnue « \(code.prefix(60)) ».")
        }
        return roadmap
    }

    /// The input as an empty document, checked by the same rules as an imported one.
    static func validated(_ input: Input) throws -> RoadmapDocument {
        let document = RoadmapDocument(
            code: input.code.trimmedSpaces.lowercased(), title: input.title.trimmedSpaces,
            region: input.region.trimmedSpaces.uppercased(), startOn: input.startOn.trimmedSpaces,
            endOn: input.endOn.trimmedSpaces,
            status: (RoadmapStatus(parsing: input.status) ?? .preparing).rawValue)
        guard RoadmapStatus(parsing: input.status) != nil || input.status.trimmedSpaces.isEmpty else {
            throw ServiceError.invalid(
                "Statut inconnu « \(input.status.prefix(30)) » (en préparation, en cours ou clôturée).",
                field: "statut")
        }
        try RoadmapDocumentService.check(document, file: "feuille de route")
        return document
    }
}

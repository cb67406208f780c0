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

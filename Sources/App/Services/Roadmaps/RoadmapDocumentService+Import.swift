import Foundation
import JalonCore
import SQLKit

extension RoadmapDocumentService {
    /// Writes `document` for `regionCode` (the document's own région when nil). `file` names the source
    /// in messages: "feuille.json, fiches[2].actions[0].raci[1].roles : rôle « X » inconnu…".
    static func write(
        _ document: RoadmapDocument, region regionCode: String? = nil, file: String, on db: any SQLDatabase,
        actor: Actor
    ) async throws -> Summary {
        try await actor.authorize(.regional, on: db)
        try check(document, file: file)
        func invalid(_ path: String, _ message: String) -> ServiceError {
            ServiceError.invalid("\(file), \(path) : \(message).")
        }
        let written = regionCode ?? document.region ?? ""
        guard let region = try await TerritoryQuery.find(written, on: db), region.kind == .region else {
            throw invalid(
                "region",
                written.isEmpty
                    ? "donnez la région de la feuille de route (--region R32)"
                    : "région inconnue « \(written.prefix(20)) » (chargez la géographie et donnez un code comme R32)")
        }
        let status = RoadmapStatus(parsing: document.status) ?? .preparing
        let code = code(of: document, region: region.code)
        var summary = Summary(roadmap: code)
        // Indicators first: the fiches link them, formulas may read one another; an indicator naming a
        // companion comes after the others, so that its companion exists when it is written.
        let ordered =
            document.indicators.enumerated().filter { $0.element.companion == nil }
            + document.indicators.enumerated().filter { $0.element.companion != nil }
        for (index, indicator) in ordered {
            do {
                if try await IndicatorService.upsert(input(indicator), on: db, actor: actor) {
                    summary.indicatorsWritten += 1
                }
            } catch let error as ServiceError {
                throw invalid("indicators[\(index)]", error.message.trimmedFinalPeriod)
            }
            summary.indicators += 1
        }
        let title = document.region == nil ? "\(document.title) — \(region.name)" : document.title
        let roadmapID: UUID
        if let stored = try await RoadmapQuery.find(code: code, on: db) {
            roadmapID = stored.id
            if stored.name != title || stored.regionCode != region.code || stored.startOn != document.startOn
                || stored.endOn != document.endOn || stored.status != status
            {
                try await db.update("roadmaps").set("name", to: title).set("region_code", to: region.code)
                    .set("start_on", to: document.startOn).set("end_on", to: document.endOn)
                    .set("status", to: status.rawValue).set("version", to: stored.version + 1)
                    .where("id", .equal, roadmapID).run()
                summary.structureWritten += 1
            }
        } else {
            roadmapID = UUID()
            try await db.insert(into: "roadmaps")
                .columns("id", "code", "name", "region_code", "start_on", "end_on", "status", "created_at")
                .values(
                    SQLBind(roadmapID), SQLBind(code), SQLBind(title), SQLBind(region.code),
                    SQLBind(document.startOn), SQLBind(document.endOn), SQLBind(status.rawValue), SQLBind(Date())
                ).run()
            summary.created = true
        }
        let objectiveIDs = try await writeObjectives(document.objectives, roadmap: roadmapID, on: db, summary: &summary)
        for (sort, fiche) in document.fiches.enumerated() {
            let ficheID = try await writeFiche(
                fiche, sort: sort, objective: fiche.objective.flatMap { objectiveIDs[$0] }, roadmap: roadmapID,
                on: db, summary: &summary)
            for (index, link) in fiche.indicators.enumerated() {
                try await writeLink(link, sort: index, fiche: ficheID, on: db, summary: &summary)
                for (targetIndex, target) in link.targets.enumerated() {
                    summary.targets += 1
                    do {
                        let changed = try await TargetService.set(
                            .init(
                                indicator: link.code, territory: target.territory ?? region.code,
                                couloir: target.couloir, due: target.due, target: target.target,
                                baseline: target.baseline, baselineOn: target.baselineOn, roadmap: code),
                            allowText: true, on: db, actor: actor)
                        if changed { summary.targetsWritten += 1 }
                    } catch let error as ServiceError {
                        throw invalid(
                            "fiches[\(sort)].indicators[\(index)].targets[\(targetIndex)]",
                            error.message.trimmedFinalPeriod)
                    }
                }
            }
            for action in fiche.actions {
                try await writeAction(action, fiche: ficheID, on: db, summary: &summary)
            }
        }
        summary.objectives = document.objectives.count
        summary.fiches = document.fiches.count
        summary.actions = document.fiches.reduce(0) { $0 + $1.actions.count }
        if summary.created || summary.structureWritten > 0 || summary.indicatorsWritten > 0
            || summary.targetsWritten > 0
        {
            try await AuditService.record(
                db, actor: actor, action: summary.created ? "create" : "import", objectType: "roadmap",
                objectID: code, summary: summary.text, details: ["fichier": file])
        }
        return summary
    }

    static func input(_ indicator: RoadmapDocument.Indicator) -> IndicatorService.Input {
        IndicatorService.Input(
            code: indicator.code, label: indicator.label, service: indicator.service.nilIfEmpty,
            couloir: indicator.couloir.nilIfEmpty, source: indicator.source.nilIfEmpty, type: indicator.type.nilIfEmpty,
            unit: indicator.unit, nature: indicator.nature.nilIfEmpty, cumulativeSince: indicator.cumulativeSince,
            periodicity: indicator.periodicity, rollup: indicator.rollup.nilIfEmpty,
            direction: indicator.direction, formula: indicator.formula?.nilIfEmpty,
            computed: indicator.computed?.nilIfEmpty, companion: indicator.companion)
    }
}

import Foundation
import JalonCore
import SQLKit

/// Which indicators a fiche follows: any indicator — national, regional, computed or brought by an
/// import profile — attached as *national* or *régional complémentaire*, in an order.
extension FicheService {
    static let indicatorRoles: [(code: String, label: String)] = [
        ("national", "national"), ("complementaire", "régional complémentaire")
    ]

    static func attach(
        fiche: UUID, indicator rawCode: String, role: String, version: Int?, on db: any SQLDatabase, actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        let code = rawCode.trimmedSpaces
        guard let indicator = try await IndicatorQuery.find(code, on: db) else {
            throw ServiceError.invalid("Indicateur inconnu « \(code.prefix(40)) ».", field: "indicator")
        }
        guard let roleLabel = indicatorRoles.first(where: { $0.code == role })?.label else {
            throw ServiceError.invalid(
                "Rôle inconnu « \(role.prefix(20)) » (national ou complementaire).", field: "role")
        }
        try await OptimisticVersion.bump("fiches", id: fiche, expected: version, label: "La fiche", on: db)
        struct SortRow: Decodable { var sort: Int? }
        let last = try await db.raw(
            "SELECT MAX(sort) AS sort FROM fiche_indicators WHERE fiche_id = \(bind: fiche)"
        ).first(decoding: SortRow.self)?.sort
        let existing = try await db.count(
            "SELECT COUNT(*) AS n FROM fiche_indicators "
                + "WHERE fiche_id = \(bind: fiche) AND indicator_code = \(bind: code)"
        )
        var changes = FieldChanges()
        if existing > 0 {
            try await db.update("fiche_indicators").set("role", to: role).where("fiche_id", .equal, fiche)
                .where("indicator_code", .equal, indicator.code).run()
            changes.compare("rôle de \(indicator.code)", nil, roleLabel)
        } else {
            try await db.insert(into: "fiche_indicators").columns("fiche_id", "indicator_code", "sort", "role")
                .values(SQLBind(fiche), SQLBind(indicator.code), SQLBind((last ?? -1) + 1), SQLBind(role)).run()
            changes.compare("indicateurs", set: [], ["\(indicator.code) (\(roleLabel))"])
        }
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "fiche", objectID: fiche.uuidString,
            summary: "Indicateur \(indicator.code) rattaché à la fiche (\(roleLabel))", changes: changes)
    }

    static func detach(fiche: UUID, indicator code: String, version: Int?, on db: any SQLDatabase, actor: Actor)
        async throws
    {
        try await actor.authorize(.regional, on: db)
        try await OptimisticVersion.bump("fiches", id: fiche, expected: version, label: "La fiche", on: db)
        let linked = try await db.count(
            "SELECT COUNT(*) AS n FROM fiche_indicators "
                + "WHERE fiche_id = \(bind: fiche) AND indicator_code = \(bind: code)"
        )
        guard linked > 0 else {
            throw ServiceError.invalid("L'indicateur « \(code.prefix(40)) » n'est pas rattaché à cette fiche.")
        }
        try await db.delete(from: "fiche_indicators").where("fiche_id", .equal, fiche)
            .where("indicator_code", .equal, code).run()
        var changes = FieldChanges()
        changes.compare("indicateurs", set: [code], [])
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "fiche", objectID: fiche.uuidString,
            summary: "Indicateur \(code) retiré de la fiche", changes: changes)
    }
}

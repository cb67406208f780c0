import Foundation
import JalonCore
import SQLKit
import Vapor

/// Targets: indicator × territory × couloir × due date → a number, yes/no, a text or a marker. A target
/// belongs to a roadmap's use of the indicator, or — without a roadmap — to the indicator itself, and is
/// then shared by every roadmap that follows it; a roadmap's own target wins over a shared one.
enum TargetService {
    struct Input: Content, Equatable {
        var indicator: String
        var territory: String
        var couloir: String?
        /// A date or a milestone: `fin 2021`, `mi-2022`, `T3 2023`, `2022-06-30`.
        var due: String
        /// As written: `9,85 %`, `2 000`, `OUI`, `ni`, `A venir`, `En place`.
        var target: String
        var baseline: String?
        var baselineOn: String?
        /// The code of the roadmap the target belongs to; nil or empty for a target shared by all.
        var roadmap: String? = nil

        enum CodingKeys: String, CodingKey {
            case indicator, territory, couloir, due, target, baseline, roadmap
            case baselineOn = "baseline_on"
        }
    }

    struct Resolved: Sendable {
        /// A roadmap's code, `""` for a shared target.
        var roadmap: String
        var indicator: StoredIndicator
        var territory: String
        var couloir: Couloir
        var due: Day
        var value: TargetValue
        var baseline: Double?
        var baselineOn: Day?
    }

    /// `allowText`: a template keeps printed targets such as "ni (BFC) / 5% (NA)" verbatim.
    static func resolve(_ input: Input, allowText: Bool = false, on db: any SQLDatabase) async throws -> Resolved {
        guard
            let indicator = try await IndicatorQuery.find(input.indicator.trimmingCharacters(in: .whitespaces), on: db)
        else {
            throw ServiceError.invalid("Indicateur inconnu « \(input.indicator.prefix(40)) ».", field: "indicateur")
        }
        guard let territory = try await TerritoryQuery.find(input.territory, on: db) else {
            throw ServiceError.invalid("Territoire inconnu « \(input.territory.prefix(40)) ».", field: "territoire")
        }
        let roadmap = input.roadmap?.trimmedSpaces ?? ""
        if !roadmap.isEmpty, try await RoadmapQuery.find(code: roadmap, on: db) == nil {
            throw ServiceError.invalid(
                "Feuille de route inconnue « \(roadmap.prefix(60)) ».", field: "feuille_de_route")
        }
        let couloirRaw = input.couloir?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let couloir = couloirRaw.isEmpty ? indicator.definition.couloir : Couloir(code: couloirRaw) else {
            throw ServiceError.invalid("Couloir inconnu « \(couloirRaw.prefix(20)) ».", field: "couloir")
        }
        guard let due = Milestone.parse(input.due) else {
            throw ServiceError.invalid(
                "Échéance illisible « \(input.due.prefix(40)) » (ex. fin 2021, mi-2022, T3 2023, 2022-06-30).",
                field: "echeance")
        }
        guard let value = TargetValue.parse(input.target) else {
            throw ServiceError.invalid("Cible vide pour \(indicator.code).", field: "cible")
        }
        try ServiceError.checkYear(due, raw: input.due, label: "Échéance", field: "echeance")
        if case .number(let number) = value {
            _ = try ServiceError.bounded(number, raw: input.target, label: "Cible", field: "cible")
        }
        if case .text = value, indicator.definition.kind != .qualitative, !allowText {
            throw ServiceError.invalid(
                "Cible illisible « \(input.target.prefix(40)) » pour \(indicator.code) : nombre (12,5 %, 2 000), "
                    + "OUI/NON, ni, « à venir » ou « en cours de définition » attendu.",
                field: "cible")
        }
        var baseline: Double?
        if let written = input.baseline?.trimmingCharacters(in: .whitespaces), !written.isEmpty {
            guard case .number(let number, _)? = FrenchNumber.parse(written) else {
                throw ServiceError.invalid(
                    "Valeur de référence illisible « \(written.prefix(40)) ».", field: "reference")
            }
            baseline = try ServiceError.bounded(number, raw: written, label: "Valeur de référence", field: "reference")
        }
        var baselineOn: Day?
        if let written = input.baselineOn, !written.isEmpty {
            guard let day = Milestone.parse(written) else {
                throw ServiceError.invalid(
                    "Date de référence illisible « \(written.prefix(40)) ».", field: "date_reference")
            }
            try ServiceError.checkYear(day, raw: written, label: "Date de référence", field: "date_reference")
            baselineOn = day
        }
        return Resolved(
            roadmap: roadmap, indicator: indicator, territory: territory.code, couloir: couloir, due: due, value: value,
            baseline: baseline, baselineOn: baselineOn)
    }

    static func storage(_ value: TargetValue) -> (kind: String, number: Double?, text: String?) {
        switch value {
        case .number(let number): ("number", number, nil)
        case .boolean(let flag): ("boolean", flag ? 1 : 0, nil)
        case .text(let text): ("text", nil, text)
        case .notDefined: ("not_defined", nil, nil)
        case .upcoming: ("upcoming", nil, nil)
        case .beingDefined: ("being_defined", nil, nil)
        }
    }

    /// A stored target written back as the targets import and the roadmap document read it.
    static func written(kind: String, number: Double?, text: String?) -> String {
        switch kind {
        case "number": ExportTable.number(number)
        case "boolean": (number ?? 0) != 0 ? "OUI" : "NON"
        case "text": text ?? ""
        case "upcoming": "A venir"
        case "being_defined": "en cours de définition"
        default: "ni"
        }
    }

    struct Existing: Decodable, Sendable, Equatable {
        var id: UUID
        var valueKind: String
        var valueNumber: Double?
        var valueText: String?
        var baseline: Double?
        var baselineOn: String?
        var batchID: UUID?
    }

    /// What writing this target would do: nil when it is already stored as is.
    static func existing(_ target: Resolved, on db: any SQLDatabase) async throws -> (Existing?, changed: Bool) {
        let stored = storage(target.value)
        let existing = try await db.select().columns(
            "id", "value_kind", "value_number", "value_text", "baseline", "baseline_on", "batch_id"
        ).from("targets")
            .where("roadmap_code", .equal, target.roadmap).where("indicator_code", .equal, target.indicator.code).where(
                "territory_code", .equal, target.territory
            )
            .where("couloir", .equal, target.couloir.rawValue).where("due_on", .equal, target.due.iso).first(
                decoding: Existing.self, with: .snakeCase)
        guard let existing else { return (nil, true) }
        let same =
            existing.valueKind == stored.kind && existing.valueNumber == stored.number
            && existing.valueText == stored.text && existing.baseline == target.baseline
            && existing.baselineOn == target.baselineOn?.iso
        return (existing, !same)
    }

    /// Sets one target (replacing the one with the same key); returns whether something changed.
    @discardableResult
    static func set(_ input: Input, allowText: Bool = false, on db: any SQLDatabase, actor: Actor) async throws -> Bool
    {
        try await actor.authorize(.regional, on: db)
        return try await write(
            try await resolve(input, allowText: allowText, on: db), label: input.target,
            provenance: "saisie:\(actor.name)", batch: nil, on: db, actor: actor)
    }

    /// Writes a resolved target; a replaced one goes to `target_history` with what replaced it.
    @discardableResult
    static func write(
        _ target: Resolved, label: String, provenance: String, batch: UUID?, on db: any SQLDatabase, actor: Actor
    ) async throws -> Bool {
        let stored = storage(target.value)
        let (existing, changed) = try await self.existing(target, on: db)
        guard changed else { return false }
        if let replaced = existing {
            try await db.insert(into: "target_history")
                .columns(
                    "id", "target_id", "value_kind", "value_number", "value_text", "baseline", "baseline_on",
                    "batch_id", "replaced_at", "replaced_by"
                )
                .values(
                    SQLBind(UUID()), SQLBind(replaced.id), SQLBind(replaced.valueKind), SQLBind(replaced.valueNumber),
                    SQLBind(replaced.valueText), SQLBind(replaced.baseline),
                    SQLBind(replaced.baselineOn), SQLBind(replaced.batchID), SQLBind(Date()), SQLBind(provenance)
                )
                .run()
            try await db.update("targets").set("value_kind", to: stored.kind).set("value_number", to: stored.number)
                .set("value_text", to: stored.text).set("baseline", to: target.baseline)
                .set("baseline_on", to: target.baselineOn?.iso).set("batch_id", to: batch).set("updated_at", to: Date())
                .where("id", .equal, replaced.id).run()
        } else {
            try await db.insert(into: "targets")
                .columns(
                    "id", "roadmap_code", "indicator_code", "territory_code", "couloir", "due_on", "value_kind",
                    "value_number", "value_text", "baseline", "baseline_on", "batch_id", "updated_at"
                )
                .values(
                    SQLBind(UUID()), SQLBind(target.roadmap), SQLBind(target.indicator.code), SQLBind(target.territory),
                    SQLBind(target.couloir.rawValue), SQLBind(target.due.iso), SQLBind(stored.kind),
                    SQLBind(stored.number), SQLBind(stored.text), SQLBind(target.baseline),
                    SQLBind(target.baselineOn?.iso), SQLBind(batch), SQLBind(Date())
                )
                .run()
        }
        let definition = target.indicator.definition
        var changes = FieldChanges()
        let before = existing.flatMap {
            ProgressQuery.point(target.due.iso, $0.valueKind, $0.valueNumber, $0.valueText, $0.baseline, $0.baselineOn)
        }
        changes.compare(
            "cible", before.map { IndicatorFormat.target($0, definition) },
            IndicatorFormat.target(TargetPoint(due: target.due, value: target.value), definition))
        changes.compare(
            "référence", before?.baseline.map { IndicatorFormat.value($0, definition) },
            target.baseline.map { IndicatorFormat.value($0, definition) })
        changes.compare(
            "date de référence", existing?.baselineOn.map { Format.date(iso: $0) },
            target.baselineOn.map { Format.date(iso: $0.iso) })
        try await AuditService.record(
            db, actor: actor, action: existing == nil ? "create" : "update", objectType: "target",
            objectID: "\(target.indicator.code)/\(target.territory)/\(target.couloir.rawValue)/\(target.due.iso)"
                + (target.roadmap.isEmpty ? "" : "/\(target.roadmap)"),
            summary:
                "Cible \(target.indicator.code) \(target.territory) \(target.couloir.rawValue) "
                + "\(Milestone.label(target.due)) : \(label)"
                + (target.roadmap.isEmpty ? "" : " (feuille de route \(target.roadmap))"),
            changes: changes)
        return true
    }
}

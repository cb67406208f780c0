import Foundation
import JalonCore
import SQLKit
import Vapor

/// Targets: indicator × territory × couloir × due date → a number, yes/no, a text or a marker.
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
        var baseline_on: String?
    }

    struct Resolved: Sendable {
        var indicator: StoredIndicator
        var territory: String
        var couloir: Couloir
        var due: Day
        var value: TargetValue
        var baseline: Double?
        var baselineOn: Day?
    }

    /// `allowText`: a template keeps printed targets such as "ni (BFC) / 5% (NA)" verbatim.
    static func resolve(_ i: Input, allowText: Bool = false, on db: any SQLDatabase) async throws -> Resolved {
        guard let indicator = try await IndicatorQuery.find(i.indicator.trimmingCharacters(in: .whitespaces), on: db)
        else {
            throw ServiceError.invalid("Indicateur inconnu « \(i.indicator.prefix(40)) ».", field: "indicateur")
        }
        guard let territory = try await TerritoryQuery.find(i.territory, on: db) else {
            throw ServiceError.invalid("Territoire inconnu « \(i.territory.prefix(40)) ».", field: "territoire")
        }
        let couloirRaw = i.couloir?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let couloir = couloirRaw.isEmpty ? indicator.definition.couloir : Couloir(code: couloirRaw) else {
            throw ServiceError.invalid("Couloir inconnu « \(couloirRaw.prefix(20)) ».", field: "couloir")
        }
        guard let due = Milestone.parse(i.due) else {
            throw ServiceError.invalid(
                "Échéance illisible « \(i.due.prefix(40)) » (ex. fin 2021, mi-2022, T3 2023, 2022-06-30).",
                field: "echeance")
        }
        guard let value = TargetValue.parse(i.target) else {
            throw ServiceError.invalid("Cible vide pour \(indicator.code).", field: "cible")
        }
        try ServiceError.checkYear(due, raw: i.due, label: "Échéance", field: "echeance")
        if case .number(let number) = value {
            _ = try ServiceError.bounded(number, raw: i.target, label: "Cible", field: "cible")
        }
        if case .text = value, indicator.definition.kind != .qualitative, !allowText {
            throw ServiceError.invalid(
                "Cible illisible « \(i.target.prefix(40)) » pour \(indicator.code) : nombre (12,5 %, 2 000), OUI/NON, ni, « à venir » ou « en cours de définition » attendu.",
                field: "cible")
        }
        var baseline: Double?
        if let b = i.baseline?.trimmingCharacters(in: .whitespaces), !b.isEmpty {
            guard case .number(let v, _)? = FrenchNumber.parse(b) else {
                throw ServiceError.invalid("Valeur de référence illisible « \(b.prefix(40)) ».", field: "reference")
            }
            baseline = try ServiceError.bounded(v, raw: b, label: "Valeur de référence", field: "reference")
        }
        var baselineOn: Day?
        if let b = i.baseline_on, !b.isEmpty {
            guard let d = Milestone.parse(b) else {
                throw ServiceError.invalid("Date de référence illisible « \(b.prefix(40)) ».", field: "date_reference")
            }
            try ServiceError.checkYear(d, raw: b, label: "Date de référence", field: "date_reference")
            baselineOn = d
        }
        return Resolved(
            indicator: indicator, territory: territory.code, couloir: couloir, due: due, value: value,
            baseline: baseline, baselineOn: baselineOn)
    }

    static func storage(_ v: TargetValue) -> (kind: String, number: Double?, text: String?) {
        switch v {
        case .number(let n): ("number", n, nil)
        case .boolean(let b): ("boolean", b ? 1 : 0, nil)
        case .text(let t): ("text", nil, t)
        case .notDefined: ("not_defined", nil, nil)
        case .upcoming: ("upcoming", nil, nil)
        case .beingDefined: ("being_defined", nil, nil)
        }
    }

    struct Existing: Decodable, Sendable, Equatable {
        var id: UUID
        var value_kind: String
        var value_number: Double?
        var value_text: String?
        var baseline: Double?
        var baseline_on: String?
        var batch_id: UUID?
    }

    /// What writing this target would do: nil when it is already stored as is.
    static func existing(_ r: Resolved, on db: any SQLDatabase) async throws -> (Existing?, changed: Bool) {
        let s = storage(r.value)
        let e = try await db.select().columns(
            "id", "value_kind", "value_number", "value_text", "baseline", "baseline_on", "batch_id"
        ).from("targets")
            .where("indicator_code", .equal, r.indicator.code).where("territory_code", .equal, r.territory)
            .where("couloir", .equal, r.couloir.rawValue).where("due_on", .equal, r.due.iso).first(
                decoding: Existing.self)
        guard let e else { return (nil, true) }
        let same =
            e.value_kind == s.kind && e.value_number == s.number && e.value_text == s.text && e.baseline == r.baseline
            && e.baseline_on == r.baselineOn?.iso
        return (e, !same)
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
        _ r: Resolved, label: String, provenance: String, batch: UUID?, on db: any SQLDatabase, actor: Actor
    ) async throws -> Bool {
        let s = storage(r.value)
        let (existing, changed) = try await self.existing(r, on: db)
        guard changed else { return false }
        if let e = existing {
            try await db.insert(into: "target_history")
                .columns(
                    "id", "target_id", "value_kind", "value_number", "value_text", "baseline", "baseline_on",
                    "batch_id", "replaced_at", "replaced_by"
                )
                .values(
                    SQLBind(UUID()), SQLBind(e.id), SQLBind(e.value_kind), SQLBind(e.value_number),
                    SQLBind(e.value_text), SQLBind(e.baseline),
                    SQLBind(e.baseline_on), SQLBind(e.batch_id), SQLBind(Date()), SQLBind(provenance)
                )
                .run()
            try await db.update("targets").set("value_kind", to: s.kind).set("value_number", to: s.number).set(
                "value_text", to: s.text
            )
            .set("baseline", to: r.baseline).set("baseline_on", to: r.baselineOn?.iso).set("batch_id", to: batch).set(
                "updated_at", to: Date()
            )
            .where("id", .equal, e.id).run()
        } else {
            try await db.insert(into: "targets")
                .columns(
                    "id", "indicator_code", "territory_code", "couloir", "due_on", "value_kind", "value_number",
                    "value_text", "baseline", "baseline_on", "batch_id", "updated_at"
                )
                .values(
                    SQLBind(UUID()), SQLBind(r.indicator.code), SQLBind(r.territory), SQLBind(r.couloir.rawValue),
                    SQLBind(r.due.iso), SQLBind(s.kind),
                    SQLBind(s.number), SQLBind(s.text), SQLBind(r.baseline), SQLBind(r.baselineOn?.iso), SQLBind(batch),
                    SQLBind(Date())
                )
                .run()
        }
        let d = r.indicator.definition
        var changes = FieldChanges()
        let before = existing.flatMap {
            ProgressQuery.point(r.due.iso, $0.value_kind, $0.value_number, $0.value_text, $0.baseline, $0.baseline_on)
        }
        changes.compare(
            "cible", before.map { IndicatorFormat.target($0, d) },
            IndicatorFormat.target(TargetPoint(due: r.due, value: r.value), d))
        changes.compare(
            "référence", before?.baseline.map { IndicatorFormat.value($0, d) },
            r.baseline.map { IndicatorFormat.value($0, d) })
        changes.compare(
            "date de référence", existing?.baseline_on.map { Format.date(iso: $0) },
            r.baselineOn.map { Format.date(iso: $0.iso) })
        try await AuditService.record(
            db, actor: actor, action: existing == nil ? "create" : "update", objectType: "target",
            objectID: "\(r.indicator.code)/\(r.territory)/\(r.couloir.rawValue)/\(r.due.iso)",
            summary:
                "Cible \(r.indicator.code) \(r.territory) \(r.couloir.rawValue) \(Milestone.label(r.due)) : \(label)",
            changes: changes)
        return true
    }
}

import Foundation
import JalonCore
import SQLKit
import Vapor

/// Indicator definitions: validation, audit, one transaction per write.
enum IndicatorService {
    /// What a user, a CSV line or the API gives to define an indicator (French or canonical values).
    struct Input: Content, Equatable {
        var code: String
        var label: String
        var service: String?
        var couloir: String?
        var source: String?
        var type: String?
        var unit: String?
        var nature: String?
        var cumulative_since: String?
        var periodicity: String?
        var rollup: String?
        var direction: String?
        var formula: String?
        /// `touchees:ES`, `actions`…: computed from the activity log.
        var computed: String?
    }

    static func kind(_ raw: String?) -> IndicatorDefinition.Kind? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces).lowercased(), !raw.isEmpty else { return .count }
        switch raw {
        case "nombre", "compte": return .count
        case "part", "pourcentage", "%": return .share
        case "taux": return .rate
        case "par habitant", "per inhabitant": return .perInhabitant
        case "oui/non", "o/n", "booleen", "booléen": return .boolean
        case "qualitatif": return .qualitative
        default: return IndicatorDefinition.Kind(rawValue: raw)
        }
    }

    static func validate(_ i: Input) throws -> IndicatorDefinition {
        let code = i.code.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 40, code.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
        else {
            throw ServiceError.invalid(
                "Code d'indicateur invalide « \(i.code.prefix(40)) » : lettres, chiffres, - _ et . (40 caractères au plus)."
            )
        }
        let label = i.label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 500 else {
            throw ServiceError.invalid("Le libellé de l'indicateur \(code) est obligatoire (500 caractères au plus).")
        }
        guard let couloir = Couloir(code: i.couloir?.isEmpty == false ? i.couloir! : "TOUS") else {
            throw ServiceError.invalid("Couloir inconnu « \(i.couloir ?? "") » pour l'indicateur \(code).")
        }
        guard let kind = kind(i.type) else {
            throw ServiceError.invalid(
                "Type inconnu « \(i.type ?? "") » pour \(code) (count, share, rate, per_inhabitant, boolean, qualitative)."
            )
        }
        let natureRaw = (i.nature ?? "").lowercased().trimmingCharacters(in: .whitespaces)
        guard
            let nature = natureRaw.isEmpty
                ? .stock : IndicatorDefinition.Nature(rawValue: natureRaw == "flux" ? "flow" : natureRaw)
        else {
            throw ServiceError.invalid("Nature inconnue « \(i.nature ?? "") » pour \(code) (stock ou flow).")
        }
        let defaultRule: IndicatorDefinition.RollupRule =
            switch kind {
            case .count: .sum
            case .share, .rate, .perInhabitant: .ratio
            case .boolean, .qualitative: .none
            }
        let ruleRaw = (i.rollup ?? "").lowercased().trimmingCharacters(in: .whitespaces)
        guard let rule = ruleRaw.isEmpty ? defaultRule : IndicatorDefinition.RollupRule(rawValue: ruleRaw) else {
            throw ServiceError.invalid("Règle d'agrégation inconnue « \(i.rollup ?? "") » pour \(code).")
        }
        guard let direction = IndicatorDefinition.Direction(french: i.direction ?? "") else {
            throw ServiceError.invalid("Sens inconnu « \(i.direction ?? "") » pour \(code) (hausse ou baisse).")
        }
        var since: Day?
        if let s = i.cumulative_since, !s.isEmpty {
            // `2021-06` or `mi-2021` both name the day the cumul starts.
            guard let d = Period(s)?.start ?? Milestone.parse(s) else {
                throw ServiceError.invalid("Date de début de cumul illisible « \(s) » pour \(code).")
            }
            since = d
        }
        var formula: String?
        if let f = i.formula?.trimmingCharacters(in: .whitespaces), !f.isEmpty {
            do { _ = try Formula(f) } catch let e as Formula.ParseError {
                throw ServiceError.invalid("Indicateur \(code) : \(e.description).")
            }
            formula = f
        }
        var computed: ActivityMeasure?
        if let c = i.computed?.trimmingCharacters(in: .whitespaces), !c.isEmpty {
            guard let m = ActivityMeasure(text: c) else {
                throw ServiceError.invalid(
                    "Indicateur \(code) : calcul inconnu « \(c.prefix(40)) » (actions, actions:<type>, actions-theme:<thème>, participants, touchees:<couloir>, touchees-nombre:<couloir>)."
                )
            }
            guard formula == nil else {
                throw ServiceError.invalid(
                    "Indicateur \(code) : une formule ou un calcul depuis les activités, pas les deux.")
            }
            computed = m
        }
        return IndicatorDefinition(
            code: code, label: label, service: i.service ?? "", couloir: couloir, source: i.source ?? "", kind: kind,
            nature: nature, cumulativeSince: since, rollup: rule, direction: direction, formula: formula,
            computed: computed)
    }

    /// Creates or updates; returns whether something changed.
    @discardableResult
    static func upsert(_ input: Input, on db: any SQLDatabase, actor: Actor) async throws -> Bool {
        try await actor.authorize(.regional, on: db)
        let d = try validate(input)
        if let formula = d.formula {
            for dep in try Formula(formula).dependencies where dep != d.code {
                guard try await IndicatorQuery.find(dep, on: db) != nil else {
                    throw ServiceError.invalid("Indicateur \(d.code) : la formule lit {\(dep)}, indicateur inconnu.")
                }
            }
            if try Formula(formula).dependencies.contains(d.code) {
                throw ServiceError.invalid("Indicateur \(d.code) : la formule se lit elle-même.")
            }
        }
        let existing = try await IndicatorQuery.find(d.code, on: db)
        let unit = input.unit ?? existing?.unit ?? ""
        let periodicity = input.periodicity ?? existing?.periodicity ?? "mensuelle"
        if let existing, existing.definition == d, existing.unit == unit, existing.periodicity == periodicity {
            return false
        }
        let now = Date()
        let values: [(String, any Encodable & Sendable)] = [
            ("label", d.label), ("service", d.service), ("couloir", d.couloir.rawValue), ("source", d.source),
            ("kind", d.kind.rawValue),
            ("unit", unit), ("nature", d.nature.rawValue), ("cumulative_since", d.cumulativeSince?.iso),
            ("periodicity", periodicity),
            ("rollup", d.rollup.rawValue), ("direction", d.direction.rawValue), ("formula", d.formula),
            ("computed", d.computed?.description), ("updated_at", now)
        ]
        if existing == nil {
            try await db.insert(into: "indicators").columns(["code", "created_at"] + values.map(\.0))
                .values([SQLBind(d.code), SQLBind(now)] + values.map { SQLBind($0.1) }).run()
        } else {
            var u = db.update("indicators")
            for (c, v) in values { u = u.set(c, to: v) }
            try await u.where("code", .equal, d.code).run()
        }
        // A rule, nature or formula change alters every series of the indicator and of the formulas reading it.
        if existing != nil { try await RollupCache.invalidateAll(on: db) }
        var changes = FieldChanges()
        let b = existing?.definition
        changes.compare("libellé", b?.label, d.label)
        changes.compare("service", b?.service, d.service)
        changes.compare("couloir", b?.couloir.rawValue, d.couloir.rawValue)
        changes.compare("source", b?.source, d.source)
        changes.compare("type", b?.kind.rawValue, d.kind.rawValue)
        changes.compare("unité", existing?.unit, unit)
        changes.compare("nature", b?.nature.rawValue, d.nature.rawValue)
        changes.compare(
            "cumul depuis", b?.cumulativeSince.map { Format.date(iso: $0.iso) },
            d.cumulativeSince.map { Format.date(iso: $0.iso) })
        changes.compare("périodicité", existing?.periodicity, periodicity)
        changes.compare("agrégation", b?.rollup.rawValue, d.rollup.rawValue)
        changes.compare("sens", b?.direction.rawValue, d.direction.rawValue)
        changes.compare("formule", b?.formula, d.formula)
        changes.compare("calcul", b?.computed?.description, d.computed?.description)
        try await AuditService.record(
            db, actor: actor, action: existing == nil ? "create" : "update", objectType: "indicator", objectID: d.code,
            summary: "\(existing == nil ? "Création" : "Modification") de l'indicateur \(d.code)"
                + (existing == nil || changes.isEmpty ? "" : " : " + changes.fields.joined(separator: ", ")),
            changes: changes)
        return true
    }

    /// `code;libelle;service;couloir;source;type;nature;regle;sens;format;formule` — all lines or none.
    static func parseCSV(_ data: Data, fileName: String) throws -> [(Int, Input)] {
        let records = try UploadedCSV.records(data, fileName: fileName)
        guard let header = records.first else { throw ServiceError.invalid("\(fileName) : fichier vide.") }
        let columns = CSVHeader(header.fields)
        guard let ci = columns["code"], let li = columns["libelle", "label"] else {
            throw ServiceError.invalid("\(fileName), ligne 1 : colonnes « code » et « libelle » attendues.")
        }
        func field(_ r: CSVRecord, _ names: String...) -> String? {
            guard let i = columns.index(names) else { return nil }
            let v = r[i].trimmingCharacters(in: .whitespaces)
            return v.isEmpty ? nil : v
        }
        var rows: [(Int, Input)] = []
        for r in records.dropFirst() where !r.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let input = Input(
                code: r[ci], label: r[li], service: field(r, "service"), couloir: field(r, "couloir", "sector"),
                source: field(r, "source"), type: field(r, "type"), unit: field(r, "format", "unite", "unit"),
                nature: field(r, "nature"), cumulative_since: field(r, "cumul_depuis", "cumulative_since"),
                periodicity: field(r, "periodicite", "periodicity"), rollup: field(r, "regle", "rollup"),
                direction: field(r, "sens", "direction"), formula: field(r, "formule", "formula"),
                computed: field(r, "calcul", "computed"))
            do { _ = try validate(input) } catch let e as ServiceError {
                throw ServiceError.invalid("\(fileName), ligne \(r.line) : \(e.message)")
            }
            rows.append((r.line, input))
        }
        return rows
    }
}

/// Column lookup by header name: case, accents and spaces ignored.
struct CSVHeader {
    private var index: [String: Int] = [:]

    init(_ fields: [String]) {
        for (i, f) in fields.enumerated() { index[Self.normalise(f)] = i }
    }

    static func normalise(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .filter { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    func index(_ names: [String]) -> Int? { names.lazy.compactMap { index[Self.normalise($0)] }.first }
    subscript(_ names: String...) -> Int? { index(names) }
}

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
        var cumulativeSince: String?
        var periodicity: String?
        var rollup: String?
        var direction: String?
        var formula: String?
        /// `touchees:ES`, `actions`…: computed from the activity log.
        var computed: String?
        /// The code of the indicator shown with this one (INSi users with the calls); nil keeps the stored
        /// one, empty removes it — a template that does not name it leaves a profile's in place.
        var companion: String? = nil

        enum CodingKeys: String, CodingKey {
            case code, label, service, couloir, source, type, unit, nature
            case cumulativeSince = "cumulative_since"
            case periodicity, rollup, direction, formula, computed, companion
        }
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

    static func validate(_ input: Input) throws -> IndicatorDefinition {
        let code = input.code.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 40, code.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
        else {
            throw ServiceError.invalid(
                "Code d'indicateur invalide « \(input.code.prefix(40)) » : "
                    + "lettres, chiffres, - _ et . (40 caractères au plus).")
        }
        let label = input.label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 500 else {
            throw ServiceError.invalid("Le libellé de l'indicateur \(code) est obligatoire (500 caractères au plus).")
        }
        guard let couloir = Couloir(code: input.couloir?.isEmpty == false ? input.couloir! : "TOUS") else {
            throw ServiceError.invalid("Couloir inconnu « \(input.couloir ?? "") » pour l'indicateur \(code).")
        }
        guard let kind = kind(input.type) else {
            throw ServiceError.invalid(
                "Type inconnu « \(input.type ?? "") » pour \(code) "
                    + "(count, share, rate, per_inhabitant, boolean, qualitative).")
        }
        let natureRaw = (input.nature ?? "").lowercased().trimmingCharacters(in: .whitespaces)
        guard
            let nature = natureRaw.isEmpty
                ? .stock : IndicatorDefinition.Nature(rawValue: natureRaw == "flux" ? "flow" : natureRaw)
        else {
            throw ServiceError.invalid("Nature inconnue « \(input.nature ?? "") » pour \(code) (stock ou flow).")
        }
        let defaultRule: IndicatorDefinition.RollupRule =
            switch kind {
            case .count: .sum
            case .share, .rate, .perInhabitant: .ratio
            case .boolean, .qualitative: .none
            }
        let ruleRaw = (input.rollup ?? "").lowercased().trimmingCharacters(in: .whitespaces)
        guard let rule = ruleRaw.isEmpty ? defaultRule : IndicatorDefinition.RollupRule(rawValue: ruleRaw) else {
            throw ServiceError.invalid("Règle d'agrégation inconnue « \(input.rollup ?? "") » pour \(code).")
        }
        guard let direction = IndicatorDefinition.Direction(french: input.direction ?? "") else {
            throw ServiceError.invalid("Sens inconnu « \(input.direction ?? "") » pour \(code) (hausse ou baisse).")
        }
        var since: Day?
        if let written = input.cumulativeSince, !written.isEmpty {
            // `2021-06` or `mi-2021` both name the day the cumul starts.
            guard let start = Period(written)?.start ?? Milestone.parse(written) else {
                throw ServiceError.invalid("Date de début de cumul illisible « \(written) » pour \(code).")
            }
            since = start
        }
        var formula: String?
        if let written = input.formula?.trimmingCharacters(in: .whitespaces), !written.isEmpty {
            do { _ = try Formula(written) } catch let error as Formula.ParseError {
                throw ServiceError.invalid("Indicateur \(code) : \(error.description).")
            }
            formula = written
        }
        var computed: ComputedMeasure?
        if let written = input.computed?.trimmingCharacters(in: .whitespaces), !written.isEmpty {
            guard let measure = ComputedMeasure(text: written) else {
                throw ServiceError.invalid(
                    "Indicateur \(code) : calcul inconnu « \(written.prefix(60)) » (\(ComputedMeasure.syntax)).")
            }
            guard formula == nil else {
                throw ServiceError.invalid("Indicateur \(code) : une formule ou un calcul, pas les deux.")
            }
            computed = measure
        }
        return IndicatorDefinition(
            code: code, label: label, service: input.service ?? "", couloir: couloir, source: input.source ?? "",
            kind: kind,
            nature: nature, cumulativeSince: since, rollup: rule, direction: direction, formula: formula,
            computed: computed)
    }

    /// Creates or updates; returns whether something changed.
    @discardableResult
    static func upsert(_ input: Input, on db: any SQLDatabase, actor: Actor) async throws -> Bool {
        try await actor.authorize(.regional, on: db)
        let definition = try validate(input)
        if let formula = definition.formula {
            for dependency in try Formula(formula).dependencies where dependency != definition.code {
                guard try await IndicatorQuery.find(dependency, on: db) != nil else {
                    throw ServiceError.invalid(
                        "Indicateur \(definition.code) : la formule lit {\(dependency)}, indicateur inconnu.")
                }
            }
            if try Formula(formula).dependencies.contains(definition.code) {
                throw ServiceError.invalid("Indicateur \(definition.code) : la formule se lit elle-même.")
            }
        }
        let existing = try await IndicatorQuery.find(definition.code, on: db)
        let unit = input.unit ?? existing?.unit ?? ""
        let periodicity = input.periodicity ?? existing?.periodicity ?? "mensuelle"
        let companion =
            try await checkedCompanion(input.companion, of: definition.code, on: db) ?? existing?.companion ?? ""
        if let existing, existing.definition == definition, existing.unit == unit, existing.periodicity == periodicity,
            existing.companion == companion
        {
            return false
        }
        let now = Date()
        let values: [(String, any Encodable & Sendable)] = [
            ("label", definition.label), ("service", definition.service), ("couloir", definition.couloir.rawValue),
            ("source", definition.source),
            ("kind", definition.kind.rawValue),
            ("unit", unit), ("nature", definition.nature.rawValue),
            ("cumulative_since", definition.cumulativeSince?.iso),
            ("periodicity", periodicity),
            ("rollup", definition.rollup.rawValue), ("direction", definition.direction.rawValue),
            ("formula", definition.formula),
            ("computed", definition.computed?.description), ("companion", companion), ("updated_at", now)
        ]
        if existing == nil {
            try await db.insert(into: "indicators").columns(["code", "created_at"] + values.map(\.0))
                .values([SQLBind(definition.code), SQLBind(now)] + values.map { SQLBind($0.1) }).run()
        } else {
            var update = db.update("indicators")
            for (column, value) in values { update = update.set(column, to: value) }
            try await update.where("code", .equal, definition.code).run()
        }
        // A rule, nature or formula change alters every series of the indicator and of the formulas
        // reading it.
        if existing != nil { try await RollupCache.invalidateAll(on: db) }
        var changes = FieldChanges()
        let before = existing?.definition
        changes.compare("libellé", before?.label, definition.label)
        changes.compare("service", before?.service, definition.service)
        changes.compare("couloir", before?.couloir.rawValue, definition.couloir.rawValue)
        changes.compare("source", before?.source, definition.source)
        changes.compare("type", before?.kind.rawValue, definition.kind.rawValue)
        changes.compare("unité", existing?.unit, unit)
        changes.compare("nature", before?.nature.rawValue, definition.nature.rawValue)
        changes.compare(
            "cumul depuis", before?.cumulativeSince.map { Format.date(iso: $0.iso) },
            definition.cumulativeSince.map { Format.date(iso: $0.iso) })
        changes.compare("périodicité", existing?.periodicity, periodicity)
        changes.compare("agrégation", before?.rollup.rawValue, definition.rollup.rawValue)
        changes.compare("sens", before?.direction.rawValue, definition.direction.rawValue)
        changes.compare("formule", before?.formula, definition.formula)
        changes.compare("calcul", before?.computed?.description, definition.computed?.description)
        changes.compare("compagnon", existing?.companion.nilIfEmpty, companion.nilIfEmpty)
        try await AuditService.record(
            db, actor: actor, action: existing == nil ? "create" : "update", objectType: "indicator",
            objectID: definition.code,
            summary: "\(existing == nil ? "Création" : "Modification") de l'indicateur \(definition.code)"
                + (existing == nil || changes.isEmpty ? "" : " : " + changes.fields.joined(separator: ", ")),
            changes: changes)
        return true
    }

    /// The companion as written, once it is known to name another indicator that exists; nil when not given.
    static func checkedCompanion(_ written: String?, of code: String, on db: any SQLDatabase) async throws -> String? {
        guard let companion = written?.trimmedSpaces else { return nil }
        guard !companion.isEmpty else { return "" }
        guard companion != code else {
            throw ServiceError.invalid("Indicateur \(code) : il ne peut être son propre compagnon.", field: "compagnon")
        }
        guard try await IndicatorQuery.find(companion, on: db) != nil else {
            throw ServiceError.invalid(
                "Indicateur \(code) : compagnon inconnu « \(companion.prefix(40)) » (créez-le d'abord).",
                field: "compagnon")
        }
        return companion
    }

    /// A target of an indicator as stored, for the API's detail of the indicator.
    struct StoredTarget: Decodable, Sendable, Equatable {
        /// `""` for a target shared by every roadmap following the indicator.
        var roadmapCode, territoryCode, couloir, dueOn, valueKind: String
        var valueNumber: Double?
        var valueText: String?
    }

    /// Every target of an indicator, by territory then due date.
    static func targets(of indicator: String, on db: any SQLDatabase) async throws -> [StoredTarget] {
        try await db.select().columns(
            "roadmap_code", "territory_code", "couloir", "due_on", "value_kind", "value_number", "value_text"
        ).from("targets")
            .where("indicator_code", .equal, indicator).orderBy("territory_code").orderBy("due_on")
            .orderBy("roadmap_code")
            .all(decoding: StoredTarget.self, with: .snakeCase)
    }

    /// How many observations an indicator has, every territory and structure together.
    static func observationCount(of indicator: String, on db: any SQLDatabase) async throws -> Int {
        try await db.count("SELECT COUNT(*) AS n FROM observations WHERE indicator_code = \(bind: indicator)")
    }

    /// `code;libelle;service;couloir;source;type;nature;regle;sens;format;formule` — all lines or none.
    static func parseCSV(_ data: Data, fileName: String) throws -> [(Int, Input)] {
        let records = try UploadedCSV.records(data, fileName: fileName)
        guard let header = records.first else { throw ServiceError.invalid("\(fileName) : fichier vide.") }
        let columns = CSVHeader(header.fields)
        guard let codeColumn = columns["code"], let labelColumn = columns["libelle", "label"] else {
            throw ServiceError.invalid("\(fileName), ligne 1 : colonnes « code » et « libelle » attendues.")
        }
        func field(_ record: CSVRecord, _ names: String...) -> String? {
            guard let column = columns.index(names) else { return nil }
            let value = record[column].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        var rows: [(Int, Input)] = []
        for record in records.dropFirst()
        where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let input = Input(
                code: record[codeColumn], label: record[labelColumn], service: field(record, "service"),
                couloir: field(record, "couloir", "sector"), source: field(record, "source"),
                type: field(record, "type"), unit: field(record, "format", "unite", "unit"),
                nature: field(record, "nature"), cumulativeSince: field(record, "cumul_depuis", "cumulative_since"),
                periodicity: field(record, "periodicite", "periodicity"), rollup: field(record, "regle", "rollup"),
                direction: field(record, "sens", "direction"), formula: field(record, "formule", "formula"),
                computed: field(record, "calcul", "computed"), companion: field(record, "compagnon", "companion"))
            do { _ = try validate(input) } catch let error as ServiceError {
                throw ServiceError.invalid("\(fileName), ligne \(record.line) : \(error.message)")
            }
            rows.append((record.line, input))
        }
        return rows
    }
}

/// Column lookup by header name: case, accents and spaces ignored.
struct CSVHeader {
    private var index: [String: Int] = [:]

    init(_ fields: [String]) {
        for (i, field) in fields.enumerated() { index[Self.normalise(field)] = i }
    }

    static func normalise(_ name: String) -> String {
        name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .filter { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    func index(_ names: [String]) -> Int? { names.lazy.compactMap { index[Self.normalise($0)] }.first }
    subscript(_ names: String...) -> Int? { index(names) }
}

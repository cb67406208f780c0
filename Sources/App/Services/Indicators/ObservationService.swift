import FluentSQLiteDriver
import Foundation
import JalonCore
import SQLKit
import Vapor

/// Observations: one value per natural key (indicator × territory or structure × couloir × period);
/// a newer write replaces it and the replaced value goes to `observation_history`.
enum ObservationService {
    struct Input: Content, Equatable {
        var indicator: String
        var territory: String?
        var structure: String?
        var couloir: String?
        var period: String
        /// As written: `2 551 301`, `12,83 %`, `OUI`, `ND`. Optional when numerator and denominator are
        /// given.
        var value: String?
        var numerator: String?
        var denominator: String?
        var source: String?
        var comment: String?
        /// The pilote's status for a qualitative value (`atteint`, `en cours`…); optional.
        var status: String?
    }

    struct Outcome: Sendable, Equatable, Codable { var created = 0, updated = 0, unchanged = 0 }

    struct Resolved: Sendable, Equatable {
        var indicator: String
        var subject: String
        var territory: String?
        var structureID: UUID?
        /// The FINESS (or RPPS, SIRET) the line named the structure by, for previews.
        var structureKey: String? = nil
        /// The commune of the structure, for invalidating the roll-up layer.
        var structureCommune: String?
        var couloir: String
        var period: Period
        var value: Double?
        var numerator: Double?
        var denominator: Double?
        var notProvided: Bool
        var source: String
        var comment: String
        /// A qualitative indicator's text photo, and the status its pilote gives it.
        var text: String? = nil
        var assessedStatus: String? = nil

        /// The natural key, `indicator|subject|couloir|period`, computed once per line.
        var key: String { Self.key(indicator, subject, couloir, period.description) }
        static func key(_ indicator: String, _ subject: String, _ couloir: String, _ period: String) -> String {
            indicator + "|" + subject + "|" + couloir + "|" + period
        }
    }

    /// nil for an empty cell or a "not provided" marker; an error for anything unreadable.
    static func number(_ raw: String?, field: String) throws -> Double? {
        guard let raw, !raw.trimmedSpaces.isEmpty else { return nil }
        let fieldKey = field.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        switch FrenchNumber.parse(raw) {
        case .number(let number, _)?:
            return try ServiceError.bounded(number, raw: raw, label: field, field: fieldKey)
        case .boolean(let flag)?: return flag ? 1 : 0
        case .notProvided?: return nil
        case nil:
            throw ServiceError.invalid(
                "\(field) illisible « \(raw.prefix(40)) » (nombre, pourcentage, OUI/NON ou ND attendu).",
                field: fieldKey)
        }
    }

    static func resolve(_ input: Input, using lookups: ObservationLookups) async throws -> Resolved {
        guard let indicator = try await lookups.indicator(input.indicator) else {
            throw ServiceError.invalid("Indicateur inconnu « \(input.indicator.prefix(40)) ».", field: "indicateur")
        }
        guard indicator.definition.formula == nil else {
            throw ServiceError.invalid(
                "L'indicateur \(indicator.code) est calculé par formule : il ne se saisit pas.", field: "indicateur")
        }
        if let measure = indicator.definition.computed {
            throw ServiceError.invalid(
                "L'indicateur \(indicator.code) se calcule depuis \(measure.source) (\(measure.label)) : "
                    + "il ne se saisit pas.",
                field: "indicateur")
        }
        var subject: String
        var territory: String?
        var structureID: UUID?
        var structureCommune: String?
        var structureKey: String?
        if let key = input.structure?.trimmedSpaces, !key.isEmpty {
            structureKey = key
            guard let found = try await lookups.structure(key) else {
                throw ServiceError.invalid(
                    "Structure inconnue « \(key.prefix(40)) » (FINESS, RPPS ou SIRET).", field: "structure")
            }
            structureID = found.id
            structureCommune = found.communeCode
            subject = "S:" + found.id.uuidString.lowercased()
        } else if let written = input.territory, !written.trimmedSpaces.isEmpty,
            let found = try await lookups.territory(written)
        {
            territory = found
            subject = "T:" + found
        } else {
            let written = input.territory?.trimmingCharacters(in: .whitespaces) ?? ""
            throw ServiceError.invalid(
                written.isEmpty ? "Territoire ou structure manquant." : "Territoire inconnu « \(written.prefix(40)) ».",
                field: "territoire")
        }
        let couloirRaw = input.couloir?.trimmedSpaces ?? ""
        guard let couloir = couloirRaw.isEmpty ? indicator.definition.couloir : Couloir(code: couloirRaw) else {
            throw ServiceError.invalid("Couloir inconnu « \(couloirRaw.prefix(20)) ».", field: "couloir")
        }
        guard let period = lookups.period(input.period) else {
            throw ServiceError.invalid(
                "Période illisible « \(input.period.prefix(40)) » (ex. 2021-12, 2021-T4, déc. 2021, 31/12/2021).",
                field: "periode")
        }
        guard ValueBounds.accepts(period) else {
            throw ServiceError.invalid(
                "Période hors de la période admise « \(input.period.prefix(40)) » : "
                    + "années \(ValueBounds.yearsLabel).",
                field: "periode")
        }
        let photo = try textPhoto(input, indicator: indicator.definition)
        let value = photo == nil ? try number(input.value, field: "Valeur") : photo?.value
        let notProvided = value == nil && input.value.map { FrenchNumber.parse($0) == .notProvided } ?? false
        let numerator = try number(input.numerator, field: "Numérateur")
        let denominator = try number(input.denominator, field: "Dénominateur")
        if value == nil && photo == nil && !notProvided && (numerator == nil || denominator == nil) {
            throw ServiceError.invalid(
                "Valeur manquante pour \(indicator.code) \(period.label) : "
                    + "une valeur, ou un numérateur et un dénominateur.",
                field: "valeur")
        }
        if let denominator, denominator == 0, numerator != nil {
            throw ServiceError.invalid(
                "Dénominateur nul pour \(indicator.code) \(period.label).", field: "denominateur")
        }
        if value == nil, let numerator, let denominator, denominator != 0, !ValueBounds.accepts(numerator / denominator)
        {
            throw ServiceError.invalid(
                "Numérateur / dénominateur hors limites pour \(indicator.code) \(period.label) : "
                    + "le rapport dépasse \(ValueBounds.limitLabel).",
                field: "denominateur")
        }
        return Resolved(
            indicator: indicator.code, subject: subject, territory: territory, structureID: structureID,
            structureKey: structureKey,
            structureCommune: structureCommune, couloir: couloir.rawValue,
            period: period, value: value, numerator: numerator, denominator: denominator, notProvided: notProvided,
            source: input.source ?? "", comment: input.comment ?? "", text: photo?.text,
            assessedStatus: try assessedStatus(input.status, indicator: indicator.definition))
    }

    /// A qualitative or yes/no indicator's value written as text ("Rédigée et partagée", "Oui > Département
    /// de la Dordogne"): kept as written, and read as yes or no when it starts so, for a yes/no target.
    /// Numbers, OUI/NON and ND keep their usual meaning.
    static func textPhoto(_ input: Input, indicator: IndicatorDefinition) throws -> (text: String, value: Double?)? {
        guard indicator.takesTextPhotos, let raw = input.value?.trimmedSpaces, !raw.isEmpty,
            FrenchNumber.parse(raw) == nil
        else { return nil }
        guard raw.count <= 500 else {
            throw ServiceError.invalid(
                "Photo qualitative trop longue pour \(indicator.code) : 500 caractères au plus.", field: "valeur")
        }
        let key = raw.matchKey
        return (raw, key.hasPrefix("oui") ? 1 : key.hasPrefix("non") ? 0 : nil)
    }

    /// The statuses a pilote may give a qualitative value, by their stored code.
    static let assessedStatuses: [JalonCore.Progress.Status] = [.atteint, .enBonneVoie, .enCours, .aRisque, .enRetard]

    /// Reads the status a pilote gives a qualitative value (its code or its label).
    static func assessedStatus(_ raw: String?, indicator: IndicatorDefinition) throws -> String? {
        guard let raw = raw?.trimmedSpaces, !raw.isEmpty else { return nil }
        let key = raw.matchKey
        guard let status = assessedStatuses.first(where: { $0.rawValue.matchKey == key || $0.label.matchKey == key })
        else {
            throw ServiceError.invalid(
                "Statut inconnu « \(raw.prefix(30)) » ("
                    + assessedStatuses.map { $0.label.lowercased() }.joined(separator: ", ") + ").",
                field: "statut")
        }
        guard indicator.takesTextPhotos else {
            throw ServiceError.invalid(
                "Un statut se donne aux indicateurs qualitatifs ou oui/non ; "
                    + "celui de \(indicator.code) se calcule de sa cible.",
                field: "statut")
        }
        return status.rawValue
    }

    /// The stored value a write replaces, with what its history keeps.
    struct Existing: Decodable, Sendable, Equatable {
        var id: UUID
        var value: Double?
        var numerator: Double?
        var denominator: Double?
        var notProvided: Bool
        var source: String
        var comment: String
        var textValue: String?
        var assessedStatus: String?
        var provenance: String
        var recordedAt: Date
        var batchID: UUID?
    }

    struct Planned: Sendable {
        var resolved: Resolved
        var existing: Existing?
        var change: ImportChange
    }

    /// What the comparison needs of a stored value; what the history needs is read for the values to
    /// replace.
    struct StoredValue: Decodable {
        var id: UUID
        var subject: String
        var couloir: String
        var period: String
        var value: Double?
        var numerator: Double?
        var denominator: Double?
        var notProvided: Bool
        var source: String
        var comment: String
        var textValue: String?
        var assessedStatus: String?
    }

    static let storedColumns = [
        "id", "subject", "couloir", "period", "value", "numerator", "denominator", "not_provided", "source", "comment",
        "text_value", "assessed_status"
    ]

    /// On SQLite the rows are read straight from SQLite values: a re-import compares a million of them,
    /// and Codable decoding would cost more than the query.
    static func storedValues(indicator: String, subjects: [String], on db: any SQLDatabase) async throws
        -> [StoredValue]
    {
        guard let lite = db as? any SQLiteDatabase else {
            return try await db.select().columns(storedColumns).from("observations").where(
                "indicator_code", .equal, indicator
            )
            .where("subject", .in, subjects).all(decoding: StoredValue.self, with: .snakeCase)
        }
        let sql =
            "SELECT " + storedColumns.joined(separator: ", ")
            + " FROM observations WHERE indicator_code = ? AND subject IN ("
            + Array(repeating: "?", count: subjects.count).joined(separator: ", ") + ")"
        let rows = try await lite.query(sql, [.text(indicator)] + subjects.map { .text($0) })
        return try rows.map { row in
            guard let id = row.column("id")?.string.flatMap(UUID.init(uuidString:)),
                let subject = row.column("subject")?.string,
                let couloir = row.column("couloir")?.string, let period = row.column("period")?.string
            else {
                throw ServiceError.invalid("Observation illisible dans la base (\(indicator)).")
            }
            func number(_ column: String) -> Double? { row.column(column).flatMap { $0.isNull ? nil : $0.double } }
            return StoredValue(
                id: id, subject: subject, couloir: couloir, period: period, value: number("value"),
                numerator: number("numerator"),
                denominator: number("denominator"), notProvided: row.column("not_provided")?.bool ?? false,
                source: row.column("source")?.string ?? "", comment: row.column("comment")?.string ?? "",
                textValue: row.column("text_value")?.string, assessedStatus: row.column("assessed_status")?.string)
        }
    }

    /// Compares each resolved line with what is stored (the pipeline has made sure no key repeats).
    /// Stored values are read per indicator and per few hundred subjects, not per line.
    static func plan(_ resolved: [Resolved], on db: any SQLDatabase) async throws -> [Planned] {
        var subjects: [String: Set<String>] = [:]
        for line in resolved { subjects[line.indicator, default: []].insert(line.subject) }
        var stored: [String: StoredValue] = [:]
        for (indicator, subjectSet) in subjects.sorted(by: { $0.key < $1.key }) {
            let sortedSubjects = subjectSet.sorted()
            for start in stride(from: 0, to: sortedSubjects.count, by: 500) {
                let chunk = Array(sortedSubjects[start..<min(start + 500, sortedSubjects.count)])
                for value in try await storedValues(indicator: indicator, subjects: chunk, on: db) {
                    stored[Resolved.key(indicator, value.subject, value.couloir, value.period)] = value
                }
            }
        }
        struct ProvenanceRow: Decodable {
            var id: UUID
            var provenance: String
            var recordedAt: Date
            var batchID: UUID?
        }
        let changed = resolved.compactMap { line -> UUID? in
            guard let value = stored[line.key], !same(value, line) else { return nil }
            return value.id
        }
        var provenance: [UUID: ProvenanceRow] = [:]
        for start in stride(from: 0, to: changed.count, by: 500) {
            let chunk = Array(changed[start..<min(start + 500, changed.count)])
            for row in try await db.select().columns("id", "provenance", "recorded_at", "batch_id").from("observations")
                .where("id", .in, chunk).all(decoding: ProvenanceRow.self, with: .snakeCase)
            {
                provenance[row.id] = row
            }
        }
        return resolved.map { line in
            guard let value = stored[line.key] else { return Planned(resolved: line, existing: nil, change: .create) }
            guard let replaced = provenance[value.id] else {
                return Planned(resolved: line, existing: nil, change: .unchanged)
            }
            let existing = Existing(
                id: value.id, value: value.value, numerator: value.numerator, denominator: value.denominator,
                notProvided: value.notProvided, source: value.source, comment: value.comment,
                textValue: value.textValue, assessedStatus: value.assessedStatus, provenance: replaced.provenance,
                recordedAt: replaced.recordedAt, batchID: replaced.batchID)
            return Planned(resolved: line, existing: existing, change: .update)
        }
    }

    /// Whether a stored value already says what the line says.
    static func same(_ stored: StoredValue, _ line: Resolved) -> Bool {
        close(stored.value, line.value) && close(stored.numerator, line.numerator)
            && close(stored.denominator, line.denominator) && stored.notProvided == line.notProvided
            && stored.source == line.source && stored.comment == line.comment && stored.textValue == line.text
            && stored.assessedStatus == line.assessedStatus
    }

    /// Equal to 15 significant digits, as spreadsheets keep them: `12,83 %` read from a workbook is
    /// the value stored from a CSV even if the last bit of the double differs.
    static func close(_ stored: Double?, _ written: Double?) -> Bool {
        guard let stored, let written else { return stored == nil && written == nil }
        return stored == written || abs(stored - written) <= 1e-14 * max(abs(stored), abs(written))
    }

    /// Writes typed values (the entry form, an API batch): every line checked as a file's line is,
    /// then all written in the caller's transaction, or none. `provenance` is `saisie:<who>`.
    static func record(_ inputs: [Input], provenance: String, on db: any SQLDatabase, actor: Actor) async throws
        -> ImportReport
    {
        var importer = ObservationImporter(actor: actor, on: db)
        return try await ImportPipeline.write(&importer, inputs: inputs, provenance: provenance, on: db, actor: actor)
    }

    @discardableResult
    static func apply(_ plan: [Planned], provenance: String, batch: UUID? = nil, on db: any SQLDatabase, actor: Actor)
        async throws -> Outcome
    {
        if actor.override != nil {
            let changes = plan.filter { $0.change != .unchanged }.map { ($0.resolved.indicator, $0.resolved.period) }
            for locked in try await PeriodLock.lockedChanges(changes, on: db) {
                try await PeriodLock.auditOverride(
                    of: locked.lock, count: locked.count, actor: actor, subject: provenance, on: db)
            }
        }
        var outcome = Outcome()
        var changes = FieldChanges()
        func shown(_ value: Double?, _ notProvided: Bool) -> String? {
            notProvided ? "non fourni" : value.map { Format.number($0) }
        }
        let now = Date()
        var history: [[any Encodable & Sendable]] = []
        var created: [[any Encodable & Sendable]] = []
        // Written every few thousand rows so that a million-line import never holds all its bound
        // values at once.
        func flush(_ force: Bool) async throws {
            if force || history.count >= 5_000 {
                try await db.insertBatched(
                    into: "observation_history",
                    columns: [
                        "id", "observation_id", "indicator_code", "subject", "couloir", "period", "value", "numerator",
                        "denominator",
                        "not_provided", "source", "comment", "provenance", "recorded_at", "replaced_at", "replaced_by",
                        "batch_id", "text_value", "assessed_status"
                    ], rows: history)
                history.removeAll(keepingCapacity: true)
            }
            if force || created.count >= 5_000 {
                try await db.insertBatched(
                    into: "observations",
                    columns: [
                        "id", "indicator_code", "subject", "territory_code", "structure_id", "couloir", "period",
                        "period_start", "period_end",
                        "value", "numerator", "denominator", "not_provided", "source", "comment", "provenance",
                        "batch_id", "recorded_at", "text_value", "assessed_status"
                    ], rows: created)
                created.removeAll(keepingCapacity: true)
            }
        }
        for planned in plan {
            let line = planned.resolved
            switch planned.change {
            case .unchanged:
                outcome.unchanged += 1
            case .update:
                let replaced = planned.existing!
                // The first replaced values are told in the trail itself; all of them are in
                // observation_history.
                if changes.details.count < 20 {
                    changes.compare(
                        "\(line.indicator) \(line.subject) \(line.period.description)",
                        replaced.textValue ?? shown(replaced.value, replaced.notProvided),
                        line.text ?? shown(line.value, line.notProvided))
                }
                history.append([
                    UUID.ordered(), replaced.id, line.indicator, line.subject, line.couloir, line.period.description,
                    replaced.value, replaced.numerator, replaced.denominator, replaced.notProvided, replaced.source,
                    replaced.comment, replaced.provenance, replaced.recordedAt, now, provenance, replaced.batchID,
                    replaced.textValue, replaced.assessedStatus
                ])
                try await db.update("observations").set("value", to: line.value).set("numerator", to: line.numerator)
                    .set("denominator", to: line.denominator).set("not_provided", to: line.notProvided)
                    .set("source", to: line.source).set("comment", to: line.comment)
                    .set("text_value", to: line.text).set("assessed_status", to: line.assessedStatus)
                    .set("provenance", to: provenance).set("batch_id", to: batch).set("recorded_at", to: now)
                    .where("id", .equal, replaced.id).run()
                outcome.updated += 1
            case .create:
                created.append([
                    UUID.ordered(), line.indicator, line.subject, line.territory, line.structureID, line.couloir,
                    line.period.description, line.period.start.iso, line.period.end.iso, line.value, line.numerator,
                    line.denominator, line.notProvided, line.source, line.comment, provenance, batch, now, line.text,
                    line.assessedStatus
                ])
                outcome.created += 1
            }
            try await flush(false)
        }
        try await flush(true)
        if outcome.created + outcome.updated > 0 {
            try await invalidate(plan.filter { $0.change != .unchanged }.map(\.resolved), on: db)
            try await AuditService.record(
                db, actor: actor, action: "write", objectType: "observations", objectID: provenance,
                summary: "Observations : \(outcome.created) créées, \(outcome.updated) remplacées",
                details: changes.details.merging([
                    "créées": "\(outcome.created)", "remplacées": "\(outcome.updated)",
                    "inchangées": "\(outcome.unchanged)"
                ]) { first, _ in first })
        }
        return outcome
    }

    /// An indicator a structure reports a value for, with the first period it did.
    struct ServiceInUse: Decodable, Sendable, Equatable {
        var indicatorCode: String
        var label: String
        var period: String
    }

    /// The services a structure uses: indicators with a non-zero value provided for it, by code.
    static func servicesInUse(structure: UUID, on db: any SQLDatabase) async throws -> [ServiceInUse] {
        try await db.raw(
            """
            SELECT o.indicator_code, i.label, MIN(o.period) AS period
            FROM observations o JOIN indicators i ON i.code = o.indicator_code
            WHERE o.structure_id = \(bind: structure) AND o.value <> 0 AND o.not_provided = \(bind: false)
            GROUP BY o.indicator_code, i.label ORDER BY o.indicator_code
            """
        ).all(decoding: ServiceInUse.self, with: .snakeCase)
    }

    /// Every series these values feed is dropped from the roll-up layer, in the same transaction.
    static func invalidate(_ written: [Resolved], on db: any SQLDatabase) async throws {
        var places: [String: Set<String>] = [:]
        for line in written {
            places[line.indicator, default: []].insert(line.territory ?? line.structureCommune.map { "C" + $0 } ?? "")
        }
        try await RollupCache.invalidate(places: places, on: db)
    }
}

extension IndicatorDefinition {
    /// Qualitative and yes/no indicators take a text photo and a status given by their pilote.
    var takesTextPhotos: Bool { kind == .qualitative || kind == .boolean }
}

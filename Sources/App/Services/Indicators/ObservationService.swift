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
        /// As written: `2 551 301`, `12,83 %`, `OUI`, `ND`. Optional when numerator and denominator are given.
        var value: String?
        var numerator: String?
        var denominator: String?
        var source: String?
        var comment: String?
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
        case .number(let v, _)?: return try ServiceError.bounded(v, raw: raw, label: field, field: fieldKey)
        case .boolean(let b)?: return b ? 1 : 0
        case .notProvided?: return nil
        case nil:
            throw ServiceError.invalid(
                "\(field) illisible « \(raw.prefix(40)) » (nombre, pourcentage, OUI/NON ou ND attendu).",
                field: fieldKey)
        }
    }

    static func resolve(_ i: Input, using lookups: ObservationLookups) async throws -> Resolved {
        guard let indicator = try await lookups.indicator(i.indicator) else {
            throw ServiceError.invalid("Indicateur inconnu « \(i.indicator.prefix(40)) ».", field: "indicateur")
        }
        guard indicator.definition.formula == nil else {
            throw ServiceError.invalid(
                "L'indicateur \(indicator.code) est calculé par formule : il ne se saisit pas.", field: "indicateur")
        }
        if let m = indicator.definition.computed {
            throw ServiceError.invalid(
                "L'indicateur \(indicator.code) se calcule depuis le journal des activités (\(m.label)) : il ne se saisit pas.",
                field: "indicateur")
        }
        var subject: String
        var territory: String?
        var structureID: UUID?
        var structureCommune: String?
        var structureKey: String?
        if let s = i.structure?.trimmedSpaces, !s.isEmpty {
            structureKey = s
            guard let found = try await lookups.structure(s) else {
                throw ServiceError.invalid(
                    "Structure inconnue « \(s.prefix(40)) » (FINESS, RPPS ou SIRET).", field: "structure")
            }
            structureID = found.id
            structureCommune = found.communeCode
            subject = "S:" + found.id.uuidString.lowercased()
        } else if let t = i.territory, !t.trimmedSpaces.isEmpty, let found = try await lookups.territory(t) {
            territory = found
            subject = "T:" + found
        } else {
            let t = i.territory?.trimmingCharacters(in: .whitespaces) ?? ""
            throw ServiceError.invalid(
                t.isEmpty ? "Territoire ou structure manquant." : "Territoire inconnu « \(t.prefix(40)) ».",
                field: "territoire")
        }
        let couloirRaw = i.couloir?.trimmedSpaces ?? ""
        guard let couloir = couloirRaw.isEmpty ? indicator.definition.couloir : Couloir(code: couloirRaw) else {
            throw ServiceError.invalid("Couloir inconnu « \(couloirRaw.prefix(20)) ».", field: "couloir")
        }
        guard let period = lookups.period(i.period) else {
            throw ServiceError.invalid(
                "Période illisible « \(i.period.prefix(40)) » (ex. 2021-12, 2021-T4, déc. 2021, 31/12/2021).",
                field: "periode")
        }
        guard ValueBounds.accepts(period) else {
            throw ServiceError.invalid(
                "Période hors de la période admise « \(i.period.prefix(40)) » : années \(ValueBounds.yearsLabel).",
                field: "periode")
        }
        let value = try number(i.value, field: "Valeur")
        let notProvided = value == nil && i.value.map { FrenchNumber.parse($0) == .notProvided } ?? false
        let num = try number(i.numerator, field: "Numérateur")
        let den = try number(i.denominator, field: "Dénominateur")
        if value == nil && !notProvided && (num == nil || den == nil) {
            throw ServiceError.invalid(
                "Valeur manquante pour \(indicator.code) \(period.label) : une valeur, ou un numérateur et un dénominateur.",
                field: "valeur")
        }
        if let den, den == 0, num != nil {
            throw ServiceError.invalid(
                "Dénominateur nul pour \(indicator.code) \(period.label).", field: "denominateur")
        }
        if value == nil, let num, let den, den != 0, !ValueBounds.accepts(num / den) {
            throw ServiceError.invalid(
                "Numérateur / dénominateur hors limites pour \(indicator.code) \(period.label) : le rapport dépasse \(ValueBounds.limitLabel).",
                field: "denominateur")
        }
        return Resolved(
            indicator: indicator.code, subject: subject, territory: territory, structureID: structureID,
            structureKey: structureKey,
            structureCommune: structureCommune, couloir: couloir.rawValue,
            period: period, value: value, numerator: num, denominator: den, notProvided: notProvided,
            source: i.source ?? "", comment: i.comment ?? "")
    }

    /// What a write would do to one natural key.
    enum Change: Sendable, Equatable { case create, update, unchanged }

    struct Existing: Decodable, Sendable, Equatable {
        var id: UUID
        var value: Double?
        var numerator: Double?
        var denominator: Double?
        var not_provided: Bool
        var source, comment, provenance: String
        var recorded_at: Date
        var batch_id: UUID?
    }

    struct Planned: Sendable {
        var resolved: Resolved
        var existing: Existing?
        var change: Change
    }

    /// What the comparison needs of a stored value; what the history needs is read for the values to replace.
    struct StoredValue: Decodable {
        var id: UUID
        var subject, couloir, period: String
        var value, numerator, denominator: Double?
        var not_provided: Bool
        var source, comment: String
    }

    static let storedColumns = [
        "id", "subject", "couloir", "period", "value", "numerator", "denominator", "not_provided", "source", "comment"
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
            .where("subject", .in, subjects).all(decoding: StoredValue.self)
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
            func number(_ c: String) -> Double? { row.column(c).flatMap { $0.isNull ? nil : $0.double } }
            return StoredValue(
                id: id, subject: subject, couloir: couloir, period: period, value: number("value"),
                numerator: number("numerator"),
                denominator: number("denominator"), not_provided: row.column("not_provided")?.bool ?? false,
                source: row.column("source")?.string ?? "", comment: row.column("comment")?.string ?? "")
        }
    }

    /// Compares each resolved line with what is stored. When a key repeats, the last line wins.
    /// Stored values are read per indicator and per few hundred subjects, not per line.
    static func plan(_ resolved: [Resolved], on db: any SQLDatabase) async throws -> [Planned] {
        let keys = resolved.map(\.key)
        var lastIndex: [String: Int] = [:]
        lastIndex.reserveCapacity(resolved.count)
        var subjects: [String: Set<String>] = [:]
        for (i, r) in resolved.enumerated() {
            lastIndex[keys[i]] = i
            subjects[r.indicator, default: []].insert(r.subject)
        }
        var stored: [String: StoredValue] = [:]
        for (indicator, set) in subjects.sorted(by: { $0.key < $1.key }) {
            let all = set.sorted()
            for start in stride(from: 0, to: all.count, by: 500) {
                for e in try await storedValues(
                    indicator: indicator, subjects: Array(all[start..<min(start + 500, all.count)]), on: db)
                {
                    stored[Resolved.key(indicator, e.subject, e.couloir, e.period)] = e
                }
            }
        }
        struct Provenance: Decodable {
            var id: UUID
            var provenance: String
            var recorded_at: Date
            var batch_id: UUID?
        }
        var changed: [UUID] = []
        for (i, r) in resolved.enumerated() {
            let k = keys[i]
            guard lastIndex[k] == i, let e = stored[k],
                !same(e.value, e.numerator, e.denominator, e.not_provided, e.source, e.comment, r)
            else { continue }
            changed.append(e.id)
        }
        var provenance: [UUID: Provenance] = [:]
        for start in stride(from: 0, to: changed.count, by: 500) {
            for p in try await db.select().columns("id", "provenance", "recorded_at", "batch_id").from("observations")
                .where("id", .in, Array(changed[start..<min(start + 500, changed.count)])).all(
                    decoding: Provenance.self)
            {
                provenance[p.id] = p
            }
        }
        var out: [Planned] = []
        out.reserveCapacity(lastIndex.count)
        for (i, r) in resolved.enumerated() {
            let k = keys[i]
            guard lastIndex[k] == i else { continue }
            guard let e = stored[k] else {
                out.append(Planned(resolved: r, existing: nil, change: .create))
                continue
            }
            let p = provenance[e.id]
            let existing = Existing(
                id: e.id, value: e.value, numerator: e.numerator, denominator: e.denominator,
                not_provided: e.not_provided,
                source: e.source, comment: e.comment, provenance: p?.provenance ?? "",
                recorded_at: p?.recorded_at ?? Date(), batch_id: p?.batch_id)
            out.append(Planned(resolved: r, existing: existing, change: p == nil ? .unchanged : .update))
        }
        return out
    }

    static func same(
        _ value: Double?, _ numerator: Double?, _ denominator: Double?, _ notProvided: Bool, _ source: String,
        _ comment: String, _ r: Resolved
    ) -> Bool {
        close(value, r.value) && close(numerator, r.numerator) && close(denominator, r.denominator)
            && notProvided == r.notProvided
            && source == r.source && comment == r.comment
    }

    /// Equal to 15 significant digits, as spreadsheets keep them: `12,83 %` read from a workbook is
    /// the value stored from a CSV even if the last bit of the double differs.
    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a == b || abs(a - b) <= 1e-14 * max(abs(a), abs(b))
    }

    /// Writes a batch: every line is validated first (errors name the line), then all are written in the
    /// caller's transaction. `provenance` is `saisie:<who>` or `import:<batch>`.
    static func record(_ inputs: [Input], provenance: String, batch: UUID? = nil, on db: any SQLDatabase, actor: Actor)
        async throws -> Outcome
    {
        let lookups = ObservationLookups(db)
        var rights = ObservationRights(actor: actor, on: db)
        var resolved: [Resolved] = []
        for (n, i) in inputs.enumerated() {
            do {
                let r = try await resolve(i, using: lookups)
                try await rights.check(r)
                resolved.append(r)
            } catch let e as ServiceError {
                throw ServiceError(
                    kind: e.kind, message: inputs.count > 1 ? "Ligne \(n + 1) : \(e.message)" : e.message,
                    field: e.field)
            }
        }
        let planned = try await plan(resolved, on: db)
        if let (i, reason) = try await PeriodLock.refusals(planned, actor: actor, on: db).min(by: { $0.key < $1.key }) {
            throw ServiceError(
                kind: .forbidden, message: inputs.count > 1 ? "Ligne \(i + 1) : \(reason)" : reason, field: "periode")
        }
        return try await apply(planned, provenance: provenance, batch: batch, on: db, actor: actor)
    }

    static func apply(_ plan: [Planned], provenance: String, batch: UUID? = nil, on db: any SQLDatabase, actor: Actor)
        async throws -> Outcome
    {
        if actor.override != nil, let lock = try await PeriodLock.current(on: db) {
            let locked = plan.filter { $0.change != .unchanged && PeriodLock.isLocked($0.resolved.period, by: lock) }
                .count
            try await PeriodLock.auditOverride(of: lock, count: locked, actor: actor, subject: provenance, on: db)
        }
        var outcome = Outcome()
        var changes = FieldChanges()
        func shown(_ v: Double?, _ notProvided: Bool) -> String? {
            notProvided ? "non fourni" : v.map { Format.number($0) }
        }
        let now = Date()
        var history: [[any Encodable & Sendable]] = []
        var created: [[any Encodable & Sendable]] = []
        // Written every few thousand rows so that a million-line import never holds all its bound values at once.
        func flush(_ force: Bool) async throws {
            if force || history.count >= 5_000 {
                try await db.insertBatched(
                    into: "observation_history",
                    columns: [
                        "id", "observation_id", "indicator_code", "subject", "couloir", "period", "value", "numerator",
                        "denominator",
                        "not_provided", "source", "comment", "provenance", "recorded_at", "replaced_at", "replaced_by",
                        "batch_id"
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
                        "batch_id", "recorded_at"
                    ], rows: created)
                created.removeAll(keepingCapacity: true)
            }
        }
        for p in plan {
            let r = p.resolved
            switch p.change {
            case .unchanged:
                outcome.unchanged += 1
            case .update:
                let e = p.existing!
                // The first replaced values are told in the trail itself; all of them are in observation_history.
                if changes.details.count < 20 {
                    changes.compare(
                        "\(r.indicator) \(r.subject) \(r.period.description)", shown(e.value, e.not_provided),
                        shown(r.value, r.notProvided))
                }
                history.append([
                    UUID.ordered(), e.id, r.indicator, r.subject, r.couloir, r.period.description,
                    e.value, e.numerator, e.denominator, e.not_provided, e.source,
                    e.comment, e.provenance, e.recorded_at, now, provenance, e.batch_id
                ])
                try await db.update("observations").set("value", to: r.value).set("numerator", to: r.numerator).set(
                    "denominator", to: r.denominator
                )
                .set("not_provided", to: r.notProvided).set("source", to: r.source).set("comment", to: r.comment)
                .set("provenance", to: provenance).set("batch_id", to: batch).set("recorded_at", to: now).where(
                    "id", .equal, e.id
                ).run()
                outcome.updated += 1
            case .create:
                created.append([
                    UUID.ordered(), r.indicator, r.subject, r.territory, r.structureID, r.couloir,
                    r.period.description, r.period.start.iso, r.period.end.iso, r.value, r.numerator,
                    r.denominator, r.notProvided, r.source, r.comment, provenance, batch, now
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
                ]) { a, _ in a })
        }
        return outcome
    }

    /// Every series these values feed is dropped from the roll-up layer, in the same transaction.
    /// Beyond `placeLimit` places, the whole indicator is dropped: cheaper than tracing each place.
    static func invalidate(_ written: [Resolved], on db: any SQLDatabase) async throws {
        var places: [String: Set<String>] = [:]
        for r in written {
            places[r.indicator, default: []].insert(r.territory ?? r.structureCommune.map { "C" + $0 } ?? "")
        }
        for (indicator, set) in places.sorted(by: { $0.key < $1.key }) {
            if set.count > placeLimit || set.contains("") {
                try await RollupCache.invalidate(indicator: indicator, on: db)
            } else {
                for place in set.sorted() {
                    try await RollupCache.invalidate(indicator: indicator, territory: place, on: db)
                }
            }
        }
    }

    static let placeLimit = 50

}

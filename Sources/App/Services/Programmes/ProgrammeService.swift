import Foundation
import JalonCore
import SQLKit

/// A funding programme as its definition writes it — windows with their dates, domains with their eligibility
/// rule and envelope — created or updated as a whole (the shipped templates, the API, the pages). A window's
/// dates that move keep their previous values and the reason in `programme_window_history`. Runs in the
/// caller's transaction; a pilote writes (regional rights); audited.
enum ProgrammeService {
    struct Definition: Codable, Sendable, Equatable {
        var code: String
        var name: String
        /// `national` or `regional`.
        var scope: String
        var volets: [String]?
        var startsOn: String?
        var endsOn: String?
        var description: String?
        /// `13 M€`, `3 686 489 €`…
        var envelope: String?
        var windows: [Window]
        var domains: [Domain]

        struct Window: Codable, Sendable, Equatable {
            var number: Int
            var opensOn, closesOn, instructionEndsOn, targetsDueOn, paymentDueOn: String?

            enum CodingKeys: String, CodingKey {
                case number
                case opensOn = "opens_on"
                case closesOn = "closes_on"
                case instructionEndsOn = "instruction_ends_on"
                case targetsDueOn = "targets_due_on"
                case paymentDueOn = "payment_due_on"
            }
        }

        struct Domain: Codable, Sendable, Equatable {
            var code: String
            var label: String
            var volet: String?
            /// `couloir: ES; drapeau: PMSI` (see `EligibilityRule`).
            var rule: String?
            var envelope: String?
        }

        enum CodingKeys: String, CodingKey {
            case code, name, scope, volets
            case startsOn = "starts_on"
            case endsOn = "ends_on"
            case description, envelope, windows, domains
        }
    }

    /// The definition checked: dates read, amounts in cents, rules parsed; a French message names the field.
    struct Checked: Sendable, Equatable {
        var definition: Definition
        var envelope: Int64?
        var windows: [(number: Int, dates: [String?])]
        var domains: [(code: String, label: String, volet: String, rule: String, envelope: Int64?)]

        static func == (lhs: Checked, rhs: Checked) -> Bool { lhs.definition == rhs.definition }
    }

    static let dateFields = ["opens_on", "closes_on", "instruction_ends_on", "targets_due_on", "payment_due_on"]

    static func checked(_ definition: Definition) throws -> Checked {
        let code = definition.code.trimmedSpaces.lowercased()
        guard !code.isEmpty, code.count <= 40, code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw ServiceError.invalid("Code de programme : lettres, chiffres et tirets (40 au plus).", field: "code")
        }
        guard !definition.name.trimmedSpaces.isEmpty, definition.name.count <= 200 else {
            throw ServiceError.invalid("Donnez un nom au programme (200 caractères au plus).", field: "name")
        }
        guard ["national", "regional"].contains(definition.scope) else {
            throw ServiceError.invalid(
                "Portée « \(definition.scope.prefix(20)) » : national ou regional.", field: "scope")
        }
        func day(_ text: String?, _ field: String) throws -> String? {
            guard let text = text?.trimmedSpaces, !text.isEmpty else { return nil }
            guard let day = Day(iso: text) ?? Milestone.parse(text) else {
                throw ServiceError.invalid("Date illisible « \(text.prefix(20)) » (ex. 2022-04-30).", field: field)
            }
            try ServiceError.checkYear(day, raw: text, label: "Date", field: field)
            return day.iso
        }
        func amount(_ text: String?, _ field: String) throws -> Int64? {
            guard let text = text?.trimmedSpaces, !text.isEmpty else { return nil }
            guard let cents = Money.cents(french: text) else {
                throw ServiceError.invalid("Montant illisible « \(text.prefix(30)) » (ex. 9,92 M€).", field: field)
            }
            return cents
        }
        try ServiceError.checkCount(definition.windows.count, limit: 50, label: "Fenêtres", field: "windows")
        try ServiceError.checkCount(definition.domains.count, limit: 100, label: "Domaines", field: "domains")
        var windows: [(Int, [String?])] = []
        for window in definition.windows {
            guard (1...50).contains(window.number), !windows.contains(where: { $0.0 == window.number }) else {
                throw ServiceError.invalid("Fenêtre n° \(window.number) : de 1 à 50, une seule fois.", field: "windows")
            }
            let dates = try zip(
                [window.opensOn, window.closesOn, window.instructionEndsOn, window.targetsDueOn, window.paymentDueOn],
                dateFields
            ).map { try day($0, "fenetre \(window.number) \($1)") }
            if let opens = dates[0], let closes = dates[1], closes < opens {
                throw ServiceError.invalid(
                    "Fenêtre \(window.number) : la clôture précède l'ouverture.", field: "closes_on")
            }
            windows.append((window.number, dates))
        }
        var domains: [(String, String, String, String, Int64?)] = []
        for domain in definition.domains {
            let domainCode = domain.code.trimmedSpaces.uppercased()
            guard !domainCode.isEmpty, domainCode.count <= 40, !domains.contains(where: { $0.0 == domainCode }) else {
                throw ServiceError.invalid(
                    "Code de domaine vide ou répété « \(domainCode.prefix(40)) ».", field: "domains")
            }
            guard !domain.label.trimmedSpaces.isEmpty else {
                throw ServiceError.invalid("Domaine \(domainCode) : donnez son libellé.", field: "label")
            }
            let rule: EligibilityRule
            do {
                rule = try EligibilityRule.parse(domain.rule ?? "")
            } catch EligibilityRule.ParseError.unreadable(let clause) {
                throw ServiceError.invalid(
                    "Domaine \(domainCode) : règle d'éligibilité illisible « \(clause) » (couloir:, categories:, "
                        + "liste:, drapeau:).", field: "rule")
            }
            domains.append(
                (
                    domainCode, domain.label.trimmedSpaces, domain.volet?.trimmedSpaces ?? "", rule.text,
                    try amount(domain.envelope, "domaine \(domainCode) envelope")
                ))
        }
        var normalized = definition
        normalized.code = code
        return Checked(
            definition: normalized, envelope: try amount(definition.envelope, "envelope"),
            windows: windows.map { (number: $0.0, dates: $0.1) },
            domains: domains.map { (code: $0.0, label: $0.1, volet: $0.2, rule: $0.3, envelope: $0.4) })
    }

    /// Creates or updates the programme; returns whether it was created. Windows and domains the definition no
    /// longer names are kept (applications may refer to them).
    @discardableResult
    static func save(_ definition: Definition, reason: String = "", on db: any SQLDatabase, actor: Actor) async throws
        -> Bool
    {
        try await actor.authorize(.regional, on: db)
        let checked = try checked(definition)
        let now = Date()
        let existing = try await ProgrammeQuery.find(checked.definition.code, on: db)
        let id = existing?.id ?? UUID()
        let volets = (checked.definition.volets ?? []).joined(separator: ", ")
        if existing == nil {
            try await db.insert(into: "programmes")
                .columns(
                    "id", "code", "name", "scope", "volets", "starts_on", "ends_on", "description", "envelope_cents",
                    "version", "created_at", "updated_at"
                )
                .values(
                    SQLBind(id), SQLBind(checked.definition.code), SQLBind(checked.definition.name.trimmedSpaces),
                    SQLBind(checked.definition.scope), SQLBind(volets), SQLBind(checked.definition.startsOn),
                    SQLBind(checked.definition.endsOn), SQLBind(checked.definition.description ?? ""),
                    SQLBind(checked.envelope), SQLBind(1), SQLBind(now), SQLBind(now)
                ).run()
        } else {
            try await db.update("programmes").set("name", to: checked.definition.name.trimmedSpaces)
                .set("scope", to: checked.definition.scope).set("volets", to: volets)
                .set("starts_on", to: checked.definition.startsOn).set("ends_on", to: checked.definition.endsOn)
                .set("description", to: checked.definition.description ?? "")
                .set("envelope_cents", to: checked.envelope).set("updated_at", to: now)
                .set(SQLIdentifier("version"), to: SQLRaw("version + 1")).where("id", .equal, id).run()
        }
        let windows = try await ProgrammeQuery.windows(of: id, on: db)
        for window in checked.windows {
            if let stored = windows.first(where: { $0.number == window.number }) {
                try await replaceDates(
                    of: stored, with: window.dates, reason: reason.isEmpty ? "Dates mises à jour" : reason, on: db,
                    actor: actor, now: now)
            } else {
                try await db.insert(into: "programme_windows")
                    .columns(["id", "programme_id", "number"] + dateFields + ["version", "updated_at"])
                    .values(
                        [SQLBind(UUID()), SQLBind(id), SQLBind(window.number)] + window.dates.map { SQLBind($0) }
                            + [SQLBind(1), SQLBind(now)]
                    ).run()
            }
        }
        let domains = try await ProgrammeQuery.domains(of: id, on: db)
        for (sort, domain) in checked.domains.enumerated() {
            if let stored = domains.first(where: { $0.code == domain.code }) {
                try await db.update("programme_domains").set("label", to: domain.label).set("volet", to: domain.volet)
                    .set("rule", to: domain.rule).set("envelope_cents", to: domain.envelope).set("sort", to: sort)
                    .where("id", .equal, stored.id).run()
            } else {
                try await db.insert(into: "programme_domains")
                    .columns("id", "programme_id", "code", "label", "volet", "rule", "envelope_cents", "sort")
                    .values(
                        SQLBind(UUID()), SQLBind(id), SQLBind(domain.code), SQLBind(domain.label),
                        SQLBind(domain.volet), SQLBind(domain.rule), SQLBind(domain.envelope), SQLBind(sort)
                    ).run()
            }
        }
        try await AuditService.record(
            db, actor: actor, action: existing == nil ? "create" : "update", objectType: "programme",
            objectID: checked.definition.code,
            summary: "Programme « \(checked.definition.name) » \(existing == nil ? "créé" : "mis à jour") : "
                + "\(checked.windows.count) fenêtre(s), \(checked.domains.count) domaine(s)")
        // Rules, envelopes and closing dates feed the programme indicators.
        try await RollupCache.invalidateComputed(on: db)
        return existing == nil
    }

    /// Moves a window's dates (a deadline postponed nationally): the previous ones stay in its history with
    /// the reason, which is required.
    static func moveWindow(
        _ code: String, number: Int, _ window: Definition.Window, reason: String, version: Int?,
        on db: any SQLDatabase, actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        guard let programme = try await ProgrammeQuery.find(code, on: db),
            let stored = try await ProgrammeQuery.windows(of: programme.id, on: db).first(where: { $0.number == number }
            )
        else { throw ServiceError.notFound("Fenêtre inconnue.") }
        let why = reason.trimmedSpaces
        guard !why.isEmpty, why.count <= 500 else {
            throw ServiceError.invalid("Dites pourquoi les dates changent (500 caractères au plus).", field: "reason")
        }
        var definition = Definition(
            code: programme.code, name: programme.name, scope: programme.scope, windows: [window], domains: [])
        definition.windows[0].number = number
        guard let dates = try checked(definition).windows.first?.dates else { return }
        if let version, version != stored.version {
            throw ServiceError.conflict("La fenêtre a changé entre-temps : rechargez la page.")
        }
        guard dates != stored.dates else { return }
        try await replaceDates(of: stored, with: dates, reason: why, on: db, actor: actor, now: Date())
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "programme", objectID: programme.code,
            summary: "Fenêtre \(number) du programme « \(programme.name) » : dates modifiées (\(why.prefix(120)))")
    }

    /// The window's new dates, its previous ones kept in its history.
    private static func replaceDates(
        of stored: ProgrammeQuery.Window, with dates: [String?], reason: String, on db: any SQLDatabase, actor: Actor,
        now: Date
    ) async throws {
        guard stored.dates != dates else { return }
        try await db.insert(into: "programme_window_history")
            .columns(["id", "window_id"] + dateFields + ["reason", "changed_by", "changed_at"])
            .values(
                [SQLBind(UUID()), SQLBind(stored.id)] + stored.dates.map { SQLBind($0) }
                    + [SQLBind(reason), SQLBind(actor.name), SQLBind(now)]
            ).run()
        var update = db.update("programme_windows")
        for (field, value) in zip(dateFields, dates) { update = update.set(field, to: value) }
        try await update.set(SQLIdentifier("version"), to: SQLRaw("version + 1")).set("updated_at", to: now)
            .where("id", .equal, stored.id).run()
        try await RollupCache.invalidateComputed(on: db)
    }

    /// A shipped definition (`Resources/programmes/CODE.json`): the national programmes as the seeds describe them.
    static func template(_ code: String) throws -> Definition {
        guard
            let url = Bundle.module.url(forResource: code, withExtension: "json", subdirectory: "Resources/programmes")
        else {
            throw ServiceError.notFound(
                "Programme type inconnu « \(code.prefix(30)) » (" + templates.joined(separator: ", ") + ").")
        }
        return try JSONDecoder().decode(Definition.self, from: Data(contentsOf: url))
    }

    static var templates: [String] {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Resources/programmes") else {
            return []
        }
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}

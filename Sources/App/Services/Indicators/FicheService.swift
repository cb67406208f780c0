import Foundation
import JalonCore
import SQLKit

/// Edits of a fiche synthèse: its texts, its semester workload calendar and its actions' RACI.
enum FicheService {
    /// Every combination a RACI cell can hold, single letters first ("R", "A"…, then "A/R"…): a select
    /// offers them all, so that a composite cell needs no JavaScript.
    static let raciCombinations: [String] = {
        let roles = RACIRoles.Role.allCases
        var combinations: [RACIRoles] = []
        for mask in 1..<(1 << roles.count) {
            combinations.append(RACIRoles(Set(roles.indices.filter { mask & (1 << $0) != 0 }.map { roles[$0] })))
        }
        let singles = ["R", "A", "C", "I"]
        return singles
            + combinations.map(\.text).filter { !singles.contains($0) }.sorted {
                ($0.count, $0) < ($1.count, $1)
            }
    }()

    /// The choices of one cell: none, every combination, and the stored value if it were another.
    static func raciChoices(keeping stored: String) -> [String] {
        [""] + raciCombinations + (stored.isEmpty || raciCombinations.contains(stored) ? [] : [stored])
    }
    /// The audiences a RACI cell may be for: the couloirs and the usagers (empty: every audience).
    static let audiences: [(code: String, label: String)] =
        ([Couloir.es, .ms] + Couloir.structural.filter { $0 != .es }).map { ($0.rawValue, $0.label) }
        + [("USAGERS", "Usagers")]

    static func audienceLabel(_ code: String) -> String {
        code.isEmpty ? "Toutes cibles" : audiences.first { $0.code == code }?.label ?? code
    }

    /// Reads an audience as written in a matrix: its code or its label, or empty for every audience.
    static func audience(written raw: String) -> String? {
        let key = raw.matchKey
        if key.isEmpty || key == "toutescibles" || key == "tous" { return "" }
        return audiences.first { $0.code.matchKey == key || $0.label.matchKey == key }?.code
    }

    /// The key of a RACI cell in forms and in `updateRACI`: "<action id>|<organisation>|<audience>".
    static func raciKey(action: String, organisation: String, audience: String) -> String {
        "\(action)|\(organisation)|\(audience)"
    }

    static func updateTexts(
        fiche: UUID, objectives: String, levers: String, obstacles: String, contacts: String, version: Int? = nil,
        on db: any SQLDatabase, actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        try await OptimisticVersion.bump("fiches", id: fiche, expected: version, label: "La fiche", on: db)
        for (name, text) in [
            ("objectifs", objectives), ("leviers", levers), ("freins", obstacles), ("contacts", contacts)
        ] where text.count > 10_000 {
            throw ServiceError.invalid("Le champ « \(name) » dépasse 10 000 caractères.")
        }
        struct TextsRow: Decodable { var objectivesText, levers, obstacles, contacts: String }
        let before = try await db.select().columns("objectives_text", "levers", "obstacles", "contacts").from("fiches")
            .where("id", .equal, fiche).first(decoding: TextsRow.self, with: .snakeCase)
        var changes = FieldChanges()
        if let before {
            changes.compare("objectifs", before.objectivesText, objectives)
            changes.compare("leviers", before.levers, levers)
            changes.compare("freins", before.obstacles, obstacles)
            changes.compare("contacts", before.contacts, contacts)
        }
        try await db.update("fiches").set("objectives_text", to: objectives).set("levers", to: levers).set(
            "obstacles", to: obstacles
        )
        .set("contacts", to: contacts).where("id", .equal, fiche).run()
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "fiche", objectID: fiche.uuidString,
            summary: "Textes de la fiche modifiés"
                + (changes.isEmpty ? "" : " : " + changes.fields.joined(separator: ", ")), changes: changes)
    }

    /// `cells`: "<action id>|<period>" → intensity 0…3. Replaces the fiche's calendar.
    static func updateCalendar(
        fiche: UUID, cells: [String: String], version: Int? = nil, on db: any SQLDatabase, actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        try await OptimisticVersion.bump("fiches", id: fiche, expected: version, label: "La fiche", on: db)
        var after: [(action: UUID, period: String, intensity: Int)] = []
        for (key, raw) in cells.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|")
            guard parts.count == 2, let action = UUID(uuidString: String(parts[0])), Period(String(parts[1])) != nil
            else {
                throw ServiceError.invalid("Case de calendrier invalide « \(key.prefix(60)) ».")
            }
            guard let intensity = Int(raw), (0...3).contains(intensity) else {
                throw ServiceError.invalid("Intensité invalide « \(raw.prefix(10)) » (0 à 3).")
            }
            if intensity > 0 { after.append((action, String(parts[1]), intensity)) }
        }
        struct CalendarCellRow: Decodable {
            var actionID: UUID
            var period: String
            var intensity: Int
        }
        let before = try await db.select().columns("action_id", "period", "intensity").from("fiche_calendar").where(
            "fiche_id", .equal, fiche
        ).all(decoding: CalendarCellRow.self, with: .snakeCase)
        try await db.delete(from: "fiche_calendar").where("fiche_id", .equal, fiche).run()
        try await db.insertBatched(
            into: "fiche_calendar", columns: ["fiche_id", "action_id", "period", "intensity"],
            rows: after.map { [fiche, $0.action, $0.period, $0.intensity] })
        let names = actionNames(try await matrixActions(fiche: fiche, on: db))
        func cell(_ action: UUID, _ period: String, _ intensity: Int) -> String {
            "\(names[action] ?? "?") \(period) : \(intensity)"
        }
        var changes = FieldChanges()
        changes.compare(
            "cases", set: before.map { cell($0.actionID, $0.period, $0.intensity) },
            after.map { cell($0.action, $0.period, $0.intensity) })
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "fiche", objectID: fiche.uuidString,
            summary: "Calendrier de la fiche modifié", changes: changes)
    }

    /// `cells`: "<action id>|<organisation>|<audience>" → roles as the regions write them ("R", "A/R",
    /// "R/C/I") or empty; the audience is a couloir, `USAGERS`, or empty for every audience. Replaces the
    /// fiche's RACI; an unknown letter is named with its cell.
    static func updateRACI(
        fiche: UUID, cells: [String: String], version: Int? = nil, on db: any SQLDatabase, actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        try await OptimisticVersion.bump("fiches", id: fiche, expected: version, label: "La fiche", on: db)
        let ficheActions = try await matrixActions(fiche: fiche, on: db)
        let actions = Set(ficheActions.map(\.id))
        let names = actionNames(ficheActions)
        let organisations = Set(try await organisationCodes(on: db))
        var after: [RACICell] = []
        for (key, raw) in cells.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let action = UUID(uuidString: parts[0]), actions.contains(action) else {
                throw ServiceError.invalid("Case RACI invalide « \(key.prefix(60)) ».")
            }
            guard organisations.contains(parts[1]) else {
                throw ServiceError.invalid("Organisation inconnue « \(parts[1].prefix(40)) » dans le RACI.")
            }
            guard parts[2].isEmpty || audiences.contains(where: { $0.code == parts[2] }) else {
                throw ServiceError.invalid("Cible inconnue « \(parts[2].prefix(40)) » dans le RACI.")
            }
            let roles: RACIRoles
            do { roles = try RACIRoles.parse(raw) } catch let error as RACIRoles.ParseError {
                let audience = parts[2].isEmpty ? "" : " · \(audienceLabel(parts[2]))"
                throw ServiceError.invalid(
                    "Rôle RACI invalide « \(error.written) » dans « \(raw.prefix(12)) » "
                        + "(\(names[action] ?? "action") · \(parts[1].prefix(40))\(audience)) : R, A, C, I ou leur "
                        + "combinaison, ex. A/R.")
            }
            if !roles.isEmpty {
                after.append(RACICell(actionID: action, party: parts[1], audience: parts[2], role: roles.text))
            }
        }
        var before: [RACICell] = []
        for action in actions {
            before += try await db.select().columns("action_id", "party", "audience", "role").from("action_raci")
                .where("action_id", .equal, action).all(decoding: RACICell.self, with: .snakeCase)
            try await db.delete(from: "action_raci").where("action_id", .equal, action).run()
        }
        try await db.insertBatched(
            into: "action_raci", columns: ["action_id", "party_kind", "party", "audience", "role"],
            rows: after.map { [$0.actionID, "organisation", $0.party, $0.audience, $0.role] })
        func told(_ cell: RACICell) -> String {
            let audience = cell.audience.isEmpty ? "" : " · \(audienceLabel(cell.audience))"
            return "\(names[cell.actionID] ?? "?") · \(cell.party)\(audience) : \(cell.role)"
        }
        var changes = FieldChanges()
        changes.compare("cases", set: before.map(told), after.map(told))
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "fiche", objectID: fiche.uuidString,
            summary: "RACI des actions de la fiche modifié", changes: changes)
    }

    /// One stored RACI cell: an action, an organisation, an audience ("" for all), the roles.
    struct RACICell: Decodable, Sendable, Equatable {
        var actionID: UUID
        var party: String
        var audience: String
        var role: String
    }

    /// "Action 3" for each action of a fiche: how the calendar and RACI changes are told in its history.
    private static func actionNames(_ actions: [MatrixAction]) -> [UUID: String] {
        Dictionary(actions.map { ($0.id, "Action \($0.number)") }, uniquingKeysWith: { first, _ in first })
    }
}

extension FicheService {
    static let actionStatuses: [(code: String, label: String)] = [
        ("a_faire", "À faire"), ("en_cours", "En cours"), ("termine", "Terminée"), ("abandonne", "Abandonnée")
    ]

    struct ActionInput: Sendable, Equatable {
        var id: UUID?
        var title: String
        var description: String
        var pilot: String?
        var status: String
        var start: String?
        var end: String?
        /// The action's version the form was built from (updates only).
        var version: Int? = nil
    }

    /// Creates (no id) or updates an action of the fiche.
    static func saveAction(fiche: UUID, _ action: ActionInput, on db: any SQLDatabase, actor: Actor) async throws {
        try await actor.authorize(.regional, on: db)
        let title = action.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 300 else {
            throw ServiceError.invalid("Le titre de l'action est obligatoire (300 caractères au plus).")
        }
        guard action.description.count <= 5_000 else {
            throw ServiceError.invalid("La description dépasse 5 000 caractères.")
        }
        guard actionStatuses.contains(where: { $0.code == action.status }) else {
            throw ServiceError.invalid("Statut d'action inconnu « \(action.status.prefix(20)) ».")
        }
        var pilot: String?
        if let code = action.pilot, !code.isEmpty {
            guard try await ReferentialService.items(.organisations, on: db).contains(where: { $0.code == code }) else {
                throw ServiceError.invalid("Organisation pilote inconnue « \(code.prefix(20)) ».")
            }
            pilot = code
        }
        func day(_ raw: String?, _ name: String) throws -> String? {
            guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            guard let parsed = Milestone.parse(raw) else {
                throw ServiceError.invalid("Date de \(name) illisible « \(raw.prefix(20)) ».")
            }
            try ServiceError.checkYear(parsed, raw: raw, label: "Date de \(name)", field: name)
            return parsed.iso
        }
        let start = try day(action.start, "début")
        let end = try day(action.end, "fin")
        if let start, let end, end < start { throw ServiceError.invalid("La fin de l'action précède son début.") }
        var changes = FieldChanges()
        let statusLabel = { (code: String) in actionStatuses.first { $0.code == code }?.label ?? code }
        let id: UUID
        if let existing = action.id {
            struct StoredActionRow: Decodable {
                var ficheID: UUID
                var title, description, status: String
                var pilotCode, startOn, endOn: String?
            }
            guard
                let before = try await db.select().columns(
                    "fiche_id", "title", "description", "status", "pilot_code", "start_on", "end_on"
                ).from("actions")
                    .where("id", .equal, existing).first(decoding: StoredActionRow.self, with: .snakeCase),
                before.ficheID == fiche
            else {
                throw ServiceError.notFound("Action inconnue dans cette fiche.")
            }
            try await OptimisticVersion.bump(
                "actions", id: existing, expected: action.version, label: "L'action « \(title.prefix(80)) »", on: db)
            try await db.update("actions").set("title", to: title).set("description", to: action.description)
                .set("pilot_code", to: pilot).set("status", to: action.status).set("start_on", to: start)
                .set("end_on", to: end).where("id", .equal, existing).run()
            changes.compare("titre", before.title, title)
            changes.compare("description", before.description, action.description)
            changes.compare("pilote", before.pilotCode, pilot)
            changes.compare("statut", statusLabel(before.status), statusLabel(action.status))
            changes.compare("début", before.startOn.map { Format.date(iso: $0) }, start.map { Format.date(iso: $0) })
            changes.compare("fin", before.endOn.map { Format.date(iso: $0) }, end.map { Format.date(iso: $0) })
            id = existing
        } else {
            struct HighestNumberRow: Decodable { var highest: Int? }
            let next =
                (try await db.raw("SELECT MAX(number) AS highest FROM actions WHERE fiche_id = \(bind: fiche)").first(
                    decoding: HighestNumberRow.self)?.highest ?? 0) + 1
            id = UUID()
            try await db.insert(into: "actions").columns(
                "id", "fiche_id", "number", "title", "description", "pilot_code", "status", "start_on", "end_on"
            )
            .values(
                SQLBind(id), SQLBind(fiche), SQLBind(next), SQLBind(title), SQLBind(action.description), SQLBind(pilot),
                SQLBind(action.status),
                SQLBind(start), SQLBind(end)
            ).run()
            changes.compare("titre", nil, title)
            changes.compare("statut", nil, statusLabel(action.status))
        }
        try await AuditService.record(
            db, actor: actor, action: action.id == nil ? "create" : "update", objectType: "action",
            objectID: id.uuidString,
            summary: action.id == nil
                ? "Nouvelle action : \(title)"
                : "Action « \(title) » modifiée"
                    + (changes.isEmpty ? "" : " : " + changes.fields.joined(separator: ", ")),
            changes: changes)
    }
}

import Foundation
import JalonCore
import SQLKit

/// The register of committees: create and edit a committee, its members, and propose a year's meetings
/// from its frequency. Runs in the caller's transaction; every write is authorised (a pilote writes
/// every committee, an animateur those of his territories) and audited before → after.
enum CommitteeService {
    struct Input: Sendable, Equatable {
        var name: String
        /// A `CommitteeKind` raw value (`crns`, `cotan`…).
        var kind: String
        /// Organisation codes of the directory, separated by commas or spaces (`ARS, GRADeS`).
        var organisations: String = ""
        /// The territory a COTAN animates (a TAN's code), empty for a regional committee.
        var territory: String = ""
        /// `3 par an`, `mensuelle`, `toutes les 6 semaines`…
        var frequency: String
        var objectives: String = ""
        /// One agenda item per line: `20 min | Indicateurs de la feuille de route`.
        var agendaTemplate: String = ""
        /// The code; the slug of the name when empty (at creation only).
        var code: String = ""
    }

    struct Checked: Sendable, Equatable {
        var name, kind, organisations, frequency, objectives, agendaTemplate: String
        var territory: String?
    }

    static let maxName = 200
    static let maxText = 4_000

    static func checked(_ input: Input, on db: any SQLDatabase) async throws -> Checked {
        let name = input.name.trimmedSpaces
        guard !name.isEmpty, name.count <= maxName else {
            throw ServiceError.invalid("Donnez un nom au comité (\(maxName) caractères au plus).", field: "name")
        }
        guard let kind = CommitteeKind(rawValue: input.kind.trimmedSpaces.lowercased()) else {
            throw ServiceError.invalid(
                "Type de comité inconnu « \(input.kind.prefix(30)) » ("
                    + CommitteeKind.allCases.map(\.rawValue).joined(separator: ", ") + ").", field: "kind")
        }
        guard let frequency = CommitteeFrequency(french: input.frequency) else {
            throw ServiceError.invalid(
                "Fréquence illisible « \(input.frequency.prefix(40)) » (ex. 3 par an, mensuelle, "
                    + "toutes les 6 semaines, hebdomadaire).", field: "frequency")
        }
        let territoryCode = input.territory.trimmedSpaces
        var territory: String?
        if !territoryCode.isEmpty {
            guard let found = try await TerritoryQuery.find(territoryCode, on: db) else {
                throw ServiceError.invalid("Territoire inconnu « \(territoryCode.prefix(40)) ».", field: "territory")
            }
            territory = found.code
        } else if kind.needsTerritory {
            throw ServiceError.invalid("Un COTAN anime un territoire : donnez le code de son TAN.", field: "territory")
        }
        let codes = input.organisations.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        struct OrganisationRow: Decodable { var code: String }
        let known =
            codes.isEmpty
            ? []
            : try await db.select().column("code").from("organisations").where("code", .in, codes)
                .all(decoding: OrganisationRow.self).map(\.code)
        if let unknown = codes.first(where: { !known.contains($0) }) {
            throw ServiceError.invalid(
                "Organisation inconnue « \(unknown.prefix(30)) » (codes de l'annuaire, ex. ARS, GRADeS).",
                field: "organisations")
        }
        let objectives = input.objectives.trimmingCharacters(in: .whitespacesAndNewlines)
        let agenda = input.agendaTemplate.trimmingCharacters(in: .whitespacesAndNewlines)
        guard objectives.count <= maxText, agenda.count <= maxText else {
            throw ServiceError.invalid("Objectifs et ordre du jour type : \(maxText) caractères au plus.")
        }
        for (number, line) in agenda.split(whereSeparator: \.isNewline).enumerated() {
            guard AgendaTemplate.item(String(line)) != nil else {
                throw ServiceError.invalid(
                    "Ordre du jour type, ligne \(number + 1) : écrivez « 20 min | Titre ».", field: "agenda_template")
            }
        }
        var unique: [String] = []
        for code in codes where !unique.contains(code) { unique.append(code) }
        return Checked(
            name: name, kind: kind.rawValue, organisations: unique.joined(separator: ","),
            frequency: frequency.description, objectives: objectives, agendaTemplate: agenda, territory: territory)
    }

    /// The committee's code.
    @discardableResult
    static func create(_ input: Input, on db: any SQLDatabase, actor: Actor) async throws -> String {
        let committee = try await checked(input, on: db)
        try await actor.authorize(.committees, territories: committee.territory.map { [$0] } ?? [], on: db)
        let code = (input.code.trimmedSpaces.isEmpty ? DecoupageService.slug(committee.name) : input.code.trimmedSpaces)
            .lowercased()
        guard !code.isEmpty, code.count <= 80, code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw ServiceError.invalid(
                "Code de comité « \(code.prefix(40)) » : lettres, chiffres et tirets seulement.", field: "code")
        }
        guard try await CommitteeQuery.find(code, on: db) == nil else {
            throw ServiceError.conflict("Le comité « \(code) » existe déjà.")
        }
        let now = Date()
        try await db.insert(into: "committees")
            .columns(
                "id", "code", "name", "kind", "organisations", "territory_code", "frequency", "objectives",
                "agenda_template", "version", "created_at", "updated_at"
            )
            .values(
                SQLBind(UUID()), SQLBind(code), SQLBind(committee.name), SQLBind(committee.kind),
                SQLBind(committee.organisations), SQLBind(committee.territory), SQLBind(committee.frequency),
                SQLBind(committee.objectives), SQLBind(committee.agendaTemplate), SQLBind(1), SQLBind(now),
                SQLBind(now)
            ).run()
        var changes = FieldChanges()
        changes.compare("nom", nil, committee.name)
        changes.compare("fréquence", nil, committee.frequency)
        changes.compare("territoire", nil, committee.territory)
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "committee", objectID: code,
            summary: "Comité « \(committee.name) » créé", changes: changes)
        return code
    }

    static func update(_ code: String, _ input: Input, version: Int?, on db: any SQLDatabase, actor: Actor)
        async throws
    {
        let before = try await existing(code, on: db)
        try await actor.authorize(.committees, territories: before.territoryCode.map { [$0] } ?? [], on: db)
        let after = try await checked(input, on: db)
        try await actor.authorize(.committees, territories: after.territory.map { [$0] } ?? [], on: db)
        try await OptimisticVersion.bump("committees", id: before.id, expected: version, label: "Le comité", on: db)
        try await db.update("committees").set("name", to: after.name).set("kind", to: after.kind)
            .set("organisations", to: after.organisations).set("territory_code", to: after.territory)
            .set("frequency", to: after.frequency).set("objectives", to: after.objectives)
            .set("agenda_template", to: after.agendaTemplate).set("updated_at", to: Date())
            .where("id", .equal, before.id).run()
        var changes = FieldChanges()
        changes.compare("nom", before.name, after.name)
        changes.compare("type", before.kind, after.kind)
        changes.compare("organisations", before.organisations, after.organisations)
        changes.compare("territoire", before.territoryCode, after.territory)
        changes.compare("fréquence", before.frequency, after.frequency)
        changes.compare("objectifs", before.objectives, after.objectives)
        changes.compare("ordre du jour type", before.agendaTemplate, after.agendaTemplate)
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "committee", objectID: code,
            summary: "Comité « \(after.name) » modifié", changes: changes)
    }

    static func existing(_ code: String, on db: any SQLDatabase) async throws -> CommitteeQuery.Committee {
        guard let committee = try await CommitteeQuery.find(code, on: db) else {
            throw ServiceError.notFound("Comité inconnu « \(code.prefix(60)) ».")
        }
        return committee
    }
}

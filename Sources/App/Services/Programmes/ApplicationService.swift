import Foundation
import JalonCore
import SQLKit

/// Applications to a funding programme, one domain at a time: resolved against the programme (window,
/// domain, eligibility of the structure, envelope left), compared with what is stored, and written with the
/// status they replace kept in `application_domain_history` (for the trail and the undo). The one place that
/// writes `application_domains`; runs in the caller's transaction.
enum ApplicationService {
    /// One line of a file or of the API: an application × domain.
    struct Input: Sendable, Equatable {
        var programme: String
        var window: String
        /// FINESS ET or EJ.
        var structure: String
        var grappe: String = ""
        var domain: String
        var status: String
        var statusOn: String
        var amount: String = ""
        var signature: String = ""
        var targets: String = ""
        var reference: String = ""
        var motive: String = ""
    }

    struct Resolved: Sendable {
        var programme: ProgrammeQuery.Programme
        var window: ProgrammeQuery.Window
        /// The applicant; for a grappe, its porteur (what a preview line shows).
        var structure: Structure
        var grappe: ApplicantGrappe? = nil
        var domain: ProgrammeQuery.Domain
        var status: ApplicationStatus
        var statusOn: Day
        var amount, signature, targets: Int64?
        var reference, motive: String

        var applicantKey: String {
            grappe.map { "G:" + $0.id.uuidString.lowercased() } ?? "S:" + structure.id.uuidString.lowercased()
        }
    }

    struct ApplicantGrappe: Sendable, Equatable {
        var id: UUID
        var code: String
        var members: [Structure]
    }

    /// Reads shared by the lines of one input: programmes, windows and domains once each.
    final class Lookups: @unchecked Sendable {
        let db: any SQLDatabase
        private var programmes: [String: ProgrammeQuery.Programme?] = [:]
        private var windows: [UUID: [ProgrammeQuery.Window]] = [:]
        private var domains: [UUID: [ProgrammeQuery.Domain]] = [:]
        private var grappes: [String: ApplicantGrappe?] = [:]

        init(_ db: any SQLDatabase) { self.db = db }

        func programme(_ code: String) async throws -> ProgrammeQuery.Programme? {
            let key = code.trimmedSpaces.lowercased()
            if let hit = programmes[key] { return hit }
            let found = try await ProgrammeQuery.find(key, on: db)
            programmes[key] = found
            return found
        }

        func windows(_ programme: UUID) async throws -> [ProgrammeQuery.Window] {
            if let hit = windows[programme] { return hit }
            let found = try await ProgrammeQuery.windows(of: programme, on: db)
            windows[programme] = found
            return found
        }

        func grappe(_ written: String, programme: ProgrammeQuery.Programme) async throws -> ApplicantGrappe? {
            let key = programme.code + ":" + written.trimmedSpaces.uppercased()
            if let hit = grappes[key] { return hit }
            let found = try await ApplicationService.applicantGrappe(written, programme: programme, on: db)
            grappes[key] = found
            return found
        }

        func domains(_ programme: UUID) async throws -> [ProgrammeQuery.Domain] {
            if let hit = domains[programme] { return hit }
            let found = try await ProgrammeQuery.domains(of: programme, on: db)
            domains[programme] = found
            return found
        }
    }

    static func resolve(_ input: Input, lookups: Lookups) async throws -> Resolved {
        let db = lookups.db
        guard let programme = try await lookups.programme(input.programme) else {
            throw ServiceError.invalid("Programme inconnu « \(input.programme.prefix(40)) ».", field: "programme")
        }
        let number = Int(
            input.window.trimmedSpaces.lowercased().replacingOccurrences(of: "fenêtre", with: "")
                .replacingOccurrences(of: "fenetre", with: "").trimmedSpaces)
        guard let window = try await lookups.windows(programme.id).first(where: { $0.number == number }) else {
            throw ServiceError.invalid(
                "Fenêtre « \(input.window.prefix(20)) » inconnue pour \(programme.code).", field: "fenetre")
        }
        let domainCode = input.domain.trimmedSpaces.uppercased()
        guard let domain = try await lookups.domains(programme.id).first(where: { $0.code == domainCode }) else {
            throw ServiceError.invalid(
                "Domaine « \(input.domain.prefix(40)) » inconnu pour \(programme.code).", field: "domaine")
        }
        let grappe = try await lookups.grappe(input.grappe, programme: programme)
        let structure: Structure
        if let grappe {
            structure = try await grappeApplicant(input.structure, grappe: grappe, on: db)
        } else {
            structure = try await applicant(input.structure, on: db)
        }
        for candidate in grappe?.members ?? [structure] {
            guard try await eligible(candidate, for: domain, on: db) else {
                throw ServiceError.invalid(
                    "\(candidate.name) (\(candidate.finessET ?? candidate.finessEJ))"
                        + (grappe.map { ", de la grappe \($0.code)," } ?? "") + " n'est pas éligible au domaine "
                        + "\(domain.code) (\(domain.rule.isEmpty ? "règle vide" : domain.rule)).",
                    field: grappe == nil ? "domaine" : "grappe")
            }
        }
        guard let status = ApplicationStatus(french: input.status) else {
            throw ServiceError.invalid(
                "Statut inconnu « \(input.status.prefix(30)) » ("
                    + ApplicationStatus.allCases.map(\.label).joined(separator: ", ") + ").", field: "statut")
        }
        guard let statusOn = Day(iso: input.statusOn.trimmedSpaces) ?? Milestone.parse(input.statusOn) else {
            throw ServiceError.invalid(
                "Date de statut illisible « \(input.statusOn.prefix(20)) » (ex. 2022-03-15).", field: "date_statut")
        }
        try ServiceError.checkYear(statusOn, raw: input.statusOn, label: "Date de statut", field: "date_statut")
        func amount(_ text: String, _ field: String) throws -> Int64? {
            guard !text.trimmedSpaces.isEmpty else { return nil }
            guard let cents = Money.cents(french: text) else {
                throw ServiceError.invalid("Montant illisible « \(text.prefix(30)) » (ex. 78 000 €).", field: field)
            }
            return cents
        }
        let total = try amount(input.amount, "montant")
        let signature = try amount(input.signature, "montant_signature")
        let targets = try amount(input.targets, "montant_cibles")
        if let total, (signature ?? 0) + (targets ?? 0) > total {
            throw ServiceError.invalid(
                "La part à la signature et la part aux cibles dépassent le montant total.", field: "montant_signature")
        }
        let motive = input.motive.trimmedSpaces
        guard motive.count <= 1_000, input.reference.count <= 100 else {
            throw ServiceError.invalid("Motif (1 000 caractères) ou référence (100) trop long.", field: "motif")
        }
        return Resolved(
            programme: programme, window: window, structure: structure, grappe: grappe, domain: domain,
            status: status,
            statusOn: statusOn, amount: total, signature: signature, targets: targets,
            reference: input.reference.trimmedSpaces, motive: motive)
    }

    /// The grappe a line names (nil when it names none), with its members.
    static func applicantGrappe(_ written: String, programme: ProgrammeQuery.Programme, on db: any SQLDatabase)
        async throws -> ApplicantGrappe?
    {
        let code = written.trimmedSpaces.uppercased()
        guard !code.isEmpty else { return nil }
        guard let stored = try await GrappeService.stored(programme.id, code: code, on: db) else {
            throw ServiceError.invalid(
                "Grappe inconnue « \(code.prefix(40)) » pour \(programme.code) : importez d'abord ses structures "
                    + "(jalon import grappes).", field: "grappe")
        }
        var members: [Structure] = []
        for id in stored.members.sorted(by: { $0.uuidString < $1.uuidString }) {
            if let structure = try await StructureQuery.find(id.uuidString, on: db) { members.append(structure) }
        }
        members.sort { ($0.id == stored.porteurID ? 0 : 1, $0.name) < ($1.id == stored.porteurID ? 0 : 1, $1.name) }
        guard !members.isEmpty else {
            throw ServiceError.invalid("La grappe \(code) n'a aucune structure.", field: "grappe")
        }
        return ApplicantGrappe(id: stored.id, code: code, members: members)
    }

    /// For a grappe's line the structure column may stay empty (the porteur is shown), or name one of its members.
    static func grappeApplicant(_ written: String, grappe: ApplicantGrappe, on db: any SQLDatabase) async throws
        -> Structure
    {
        guard !written.trimmedSpaces.isEmpty else { return grappe.members[0] }
        let structure = try await applicant(written, on: db)
        guard grappe.members.contains(where: { $0.id == structure.id }) else {
            throw ServiceError.invalid(
                "\(structure.name) ne fait pas partie de la grappe \(grappe.code).", field: "structure")
        }
        return grappe.members[0]
    }

    /// The structure by its FINESS ET, or by its FINESS EJ when the entity has one establishment only.
    static func applicant(_ written: String, on db: any SQLDatabase) async throws -> Structure {
        let key = written.trimmedSpaces.uppercased()
        guard !key.isEmpty else { throw ServiceError.invalid("Donnez le FINESS de la structure.", field: "structure") }
        if let structure = try await StructureQuery.find(key, on: db), structure.finessET == key {
            return structure
        }
        struct IDRow: Decodable { var id: UUID }
        let establishments = try await db.select().column("id").from("structures").where("finess_ej", .equal, key)
            .limit(2).all(decoding: IDRow.self)
        guard let only = establishments.first else {
            throw ServiceError.invalid("FINESS inconnu « \(key.prefix(20)) ».", field: "structure")
        }
        guard establishments.count == 1, let structure = try await StructureQuery.find(only.id.uuidString, on: db)
        else {
            throw ServiceError.invalid(
                "L'entité juridique \(key) a plusieurs établissements : donnez le FINESS de l'établissement.",
                field: "structure")
        }
        return structure
    }

    static func eligible(_ structure: Structure, for domain: ProgrammeQuery.Domain, on db: any SQLDatabase)
        async throws -> Bool
    {
        let rule = (try? EligibilityRule.parse(domain.rule)) ?? EligibilityRule()
        struct FlagRow: Decodable { var flag: String }
        let flags =
            rule.flags.isEmpty
            ? []
            : try await db.select().column("flag").from("structure_flags").where("structure_id", .equal, structure.id)
                .all(decoding: FlagRow.self).map(\.flag)
        return rule.admits(
            .init(
                couloir: structure.couloir, category: structure.categoryCode, finessET: structure.finessET,
                finessEJ: structure.finessEJ, flags: Set(flags)))
    }

    /// What is stored for the line's application × domain.
    struct Existing: Decodable, Sendable, Equatable {
        var applicationID: UUID
        var reference: String
        var id: UUID?
        var status: String?
        var statusOn: String?
        var motive: String?
        var amountCents, signatureCents, targetsCents, paidCents: Int64?
        var batchID: UUID?
    }

    static func existing(_ line: Resolved, on db: any SQLDatabase) async throws -> Existing? {
        try await db.raw(
            """
            SELECT a.id AS application_id, a.reference, d.id, d.status, d.status_on, d.motive, d.amount_cents,
                   d.signature_cents, d.targets_cents, d.paid_cents, d.batch_id
            FROM applications a LEFT JOIN application_domains d
              ON d.application_id = a.id AND d.domain_id = \(bind: line.domain.id)
            WHERE a.window_id = \(bind: line.window.id) AND a.applicant_key = \(bind: line.applicantKey)
            """
        ).first(decoding: Existing.self, with: .snakeCase)
    }

    /// Whether writing the line changes what is stored.
    static func changes(_ line: Resolved, _ existing: Existing?) -> Bool {
        guard let existing, existing.id != nil else { return true }
        return existing.status != line.status.rawValue || existing.statusOn != line.statusOn.iso
            || existing.motive != line.motive || existing.amountCents != line.amount
            || existing.signatureCents != line.signature || existing.targetsCents != line.targets
            || (!line.reference.isEmpty && existing.reference != line.reference)
    }

    /// A status that goes backwards (a validation withdrawn, a refusal reversed) needs its reason.
    static func checkTransition(_ line: Resolved, _ existing: Existing?) throws {
        guard let before = existing?.status.flatMap(ApplicationStatus.init(rawValue:)),
            before.isBackwards(to: line.status), line.motive.isEmpty
        else { return }
        throw ServiceError.invalid(
            "Le statut revient de « \(before.label) » à « \(line.status.label) » : donnez-en le motif.", field: "motif")
    }

    /// A validated amount must fit in what the domain's envelope has left (`alsoCommitted`: earlier lines of the
    /// same input).
    static func checkEnvelope(_ line: Resolved, _ existing: Existing?, alsoCommitted: Int64 = 0, on db: any SQLDatabase)
        async throws
    {
        guard line.status.isValidated, let amount = line.amount, let envelope = line.domain.envelopeCents else {
            return
        }
        let stored = try await committed(line.domain.id, excluding: existing?.id, on: db)
        guard stored + alsoCommitted + amount <= envelope else {
            throw ServiceError.invalid(
                "Montant au-delà de l'enveloppe du domaine \(line.domain.code) : reste "
                    + Money.french(max(0, envelope - stored - alsoCommitted)) + " pour " + Money.french(amount) + ".",
                field: "montant")
        }
    }

    /// One application × domain changed by hand (the application's page): the same checks as a file's line,
    /// audited, the replaced status kept. Returns false when nothing changed.
    @discardableResult
    static func change(_ input: Input, on db: any SQLDatabase, actor: Actor) async throws -> Bool {
        try await actor.authorize(.regional, on: db)
        let line = try await resolve(input, lookups: Lookups(db))
        let existing = try await existing(line, on: db)
        try checkTransition(line, existing)
        try await checkEnvelope(line, existing, on: db)
        guard changes(line, existing) else { return false }
        try await write(line, existing: existing, provenance: "saisie:\(actor.name)", batch: nil, on: db, actor: actor)
        let before = existing?.status.flatMap(ApplicationStatus.init(rawValue:))?.label ?? "nouveau"
        try await AuditService.record(
            db, actor: actor, action: existing?.id == nil ? "create" : "update", objectType: "application",
            objectID: existing?.applicationID.uuidString ?? line.applicantKey,
            summary: "\(line.programme.name), fenêtre \(line.window.number), \(line.structure.name), domaine "
                + "\(line.domain.code) : \(before) → \(line.status.label) au \(Format.date(iso: line.statusOn.iso))"
                + (line.motive.isEmpty ? "" : " (\(line.motive.prefix(120)))"))
        try await RollupCache.invalidateComputed(on: db)
        return true
    }

    static func write(
        _ line: Resolved, existing: Existing?, provenance: String, batch: UUID?, on db: any SQLDatabase, actor: Actor
    ) async throws {
        let now = Date()
        struct ApplicationRow: Decodable { var id: UUID }
        // An earlier line of the same input may have created the application (another domain of it).
        var applicationID = existing?.applicationID
        if applicationID == nil {
            applicationID = try await db.select().column("id").from("applications")
                .where("window_id", .equal, line.window.id).where("applicant_key", .equal, line.applicantKey)
                .first(decoding: ApplicationRow.self)?.id
        }
        if applicationID == nil {
            let id = UUID()
            try await db.insert(into: "applications")
                .columns(
                    "id", "programme_id", "window_id", "structure_id", "grappe_id", "applicant_key", "reference",
                    "created_at"
                )
                .values(
                    SQLBind(id), SQLBind(line.programme.id), SQLBind(line.window.id),
                    SQLBind(line.grappe == nil ? line.structure.id : nil), SQLBind(line.grappe?.id),
                    SQLBind(line.applicantKey), SQLBind(line.reference), SQLBind(now)
                ).run()
            applicationID = id
        } else if !line.reference.isEmpty, existing?.reference != line.reference, let applicationID {
            try await db.update("applications").set("reference", to: line.reference).where("id", .equal, applicationID)
                .run()
        }
        if let existing, let rowID = existing.id {
            try await db.insert(into: "application_domain_history")
                .columns(
                    "id", "application_domain_id", "status", "status_on", "motive", "amount_cents", "signature_cents",
                    "targets_cents", "paid_cents", "batch_id", "replaced_by", "changed_by", "changed_at"
                )
                .values(
                    SQLBind(UUID()), SQLBind(rowID), SQLBind(existing.status ?? ""), SQLBind(existing.statusOn ?? ""),
                    SQLBind(existing.motive ?? ""), SQLBind(existing.amountCents), SQLBind(existing.signatureCents),
                    SQLBind(existing.targetsCents), SQLBind(existing.paidCents), SQLBind(existing.batchID),
                    SQLBind(provenance), SQLBind(actor.name), SQLBind(now)
                ).run()
            try await db.update("application_domains").set("status", to: line.status.rawValue)
                .set("status_on", to: line.statusOn.iso).set("motive", to: line.motive)
                .set("amount_cents", to: line.amount).set("signature_cents", to: line.signature)
                .set("targets_cents", to: line.targets).set("batch_id", to: batch).set("updated_at", to: now)
                .where("id", .equal, rowID).run()
        } else {
            try await db.insert(into: "application_domains")
                .columns(
                    "id", "application_id", "domain_id", "status", "status_on", "motive", "amount_cents",
                    "signature_cents", "targets_cents", "paid_cents", "batch_id", "updated_at"
                )
                .values(
                    SQLBind(UUID()), SQLBind(applicationID!), SQLBind(line.domain.id), SQLBind(line.status.rawValue),
                    SQLBind(line.statusOn.iso), SQLBind(line.motive), SQLBind(line.amount), SQLBind(line.signature),
                    SQLBind(line.targets), SQLBind(Int64?.none), SQLBind(batch), SQLBind(now)
                ).run()
        }
    }

    /// What the domain's validated applications commit, in cents, leaving out the given application × domain.
    static func committed(_ domain: UUID, excluding row: UUID?, on db: any SQLDatabase) async throws -> Int64 {
        let validated = ApplicationStatus.allCases.filter(\.isValidated).map(\.rawValue)
        struct SumRow: Decodable { var total: Int64? }
        // PostgreSQL sums a BIGINT as NUMERIC: cast back.
        var query = db.select()
            .column(SQLFunction("CAST", args: SQLRaw("SUM(amount_cents) AS BIGINT")), as: "total")
            .from("application_domains").where("domain_id", .equal, domain).where("status", .in, validated)
        if let row { query = query.where("id", .notEqual, row) }
        return try await query.first(decoding: SumRow.self)?.total ?? 0
    }
}

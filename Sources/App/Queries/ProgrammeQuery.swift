import Foundation
import JalonCore
import SQLKit

/// Reads of funding programmes: a programme, its windows (with their dates' history) and domains.
enum ProgrammeQuery {
    struct Programme: Decodable, Sendable, Equatable {
        var id: UUID
        var code, name, scope, volets, description: String
        var startsOn, endsOn: String?
        var envelopeCents: Int64?
        var version: Int
    }

    static let columns = [
        "id", "code", "name", "scope", "volets", "description", "starts_on", "ends_on", "envelope_cents", "version"
    ]

    static func find(_ code: String, on db: any SQLDatabase) async throws -> Programme? {
        try await db.select().columns(columns).from("programmes").where("code", .equal, code.lowercased())
            .first(decoding: Programme.self, with: .snakeCase)
    }

    static func all(on db: any SQLDatabase) async throws -> [Programme] {
        try await db.select().columns(columns).from("programmes").orderBy("name")
            .all(decoding: Programme.self, with: .snakeCase)
    }

    struct Window: Decodable, Sendable, Equatable {
        var id: UUID
        var number: Int
        var opensOn, closesOn, instructionEndsOn, targetsDueOn, paymentDueOn: String?
        var version: Int

        /// In the order of `ProgrammeService.dateFields`.
        var dates: [String?] { [opensOn, closesOn, instructionEndsOn, targetsDueOn, paymentDueOn] }

        /// Where the window stands on a day, as seed 003 prints it.
        func phase(on day: Day) -> String {
            let today = day.iso
            if let opens = opensOn, today < opens { return "À venir" }
            if let closes = closesOn, today <= closes { return "Candidatures ouvertes" }
            if let instruction = instructionEndsOn, today <= instruction { return "Instruction" }
            if let targets = targetsDueOn, today <= targets { return "Atteinte des cibles d'usage" }
            if let payment = paymentDueOn, today <= payment { return "Paiement" }
            return "Clôturée"
        }
    }

    static func windows(of programme: UUID, on db: any SQLDatabase) async throws -> [Window] {
        try await db.select()
            .columns(
                "id", "number", "opens_on", "closes_on", "instruction_ends_on", "targets_due_on", "payment_due_on",
                "version"
            )
            .from("programme_windows").where("programme_id", .equal, programme).orderBy("number")
            .all(decoding: Window.self, with: .snakeCase)
    }

    struct WindowChange: Decodable, Sendable, Equatable {
        var windowID: UUID
        var opensOn, closesOn, instructionEndsOn, targetsDueOn, paymentDueOn: String?
        var reason, changedBy: String
        var changedAt: Date
    }

    /// The earlier dates of the programme's windows, newest change first.
    static func windowHistory(of programme: UUID, on db: any SQLDatabase) async throws -> [WindowChange] {
        try await db.raw(
            """
            SELECT h.window_id, h.opens_on, h.closes_on, h.instruction_ends_on, h.targets_due_on, h.payment_due_on,
                   h.reason, h.changed_by, h.changed_at
            FROM programme_window_history h JOIN programme_windows w ON w.id = h.window_id
            WHERE w.programme_id = \(bind: programme) ORDER BY h.changed_at DESC
            """
        ).all(decoding: WindowChange.self, with: .snakeCase)
    }

    struct Domain: Decodable, Sendable, Equatable {
        var id: UUID
        var code, label, volet, rule: String
        var envelopeCents: Int64?
        var sort: Int
    }

    static func domains(of programme: UUID, on db: any SQLDatabase) async throws -> [Domain] {
        try await db.select().columns("id", "code", "label", "volet", "rule", "envelope_cents", "sort")
            .from("programme_domains").where("programme_id", .equal, programme).orderBy("sort")
            .all(decoding: Domain.self, with: .snakeCase)
    }

    /// Each application with the structures it stands for: its applicant, or every member of its grappe.
    static var applicantStructures: SQLQueryString {
        """
        SELECT id AS application_id, structure_id FROM applications WHERE structure_id IS NOT NULL
        UNION ALL
        SELECT ga.id AS application_id, m.structure_id FROM applications ga
        JOIN grappe_members m ON m.grappe_id = ga.grappe_id
        """
    }

    struct ApplicationLine: Decodable, Sendable, Equatable {
        var applicationID: UUID
        var programmeCode, programmeName: String
        var structureName: String
        var finessET: String?
        var finessEJ: String
        var window: Int
        var domainCode, domainLabel, status, statusOn, motive, reference: String
        var amountCents: Int64?

        enum CodingKeys: String, CodingKey {
            case applicationID = "application_id"
            case programmeCode = "programme_code"
            case programmeName = "programme_name"
            case structureName = "structure_name"
            case finessET = "finess_et"
            case finessEJ = "finess_ej"
            case window
            case domainCode = "domain_code"
            case domainLabel = "domain_label"
            case status
            case statusOn = "status_on"
            case motive, reference
            case amountCents = "amount_cents"
        }
    }

    /// The applications behind a count: one line per application × domain, filtered by window, domain and
    /// status (`valide` keeps every validated status).
    static func applications(
        of programme: UUID? = nil, structure: UUID? = nil, window: Int? = nil, domain: String? = nil,
        status: ApplicationStatus? = nil, on db: any SQLDatabase
    ) async throws -> [ApplicationLine] {
        var sql: SQLQueryString = """
            SELECT a.id AS application_id, g.code AS programme_code, g.name AS programme_name,
                   CASE WHEN gr.id IS NULL THEN s.name ELSE 'Grappe ' || gr.name END AS structure_name,
                   s.finess_et, s.finess_ej, w.number AS window, p.code AS domain_code, p.label AS domain_label,
                   d.status, d.status_on, d.motive, a.reference, d.amount_cents
            FROM application_domains d JOIN applications a ON a.id = d.application_id
            JOIN programmes g ON g.id = a.programme_id
            JOIN programme_windows w ON w.id = a.window_id JOIN programme_domains p ON p.id = d.domain_id
            LEFT JOIN grappes gr ON gr.id = a.grappe_id
            JOIN structures s ON s.id = COALESCE(a.structure_id, gr.porteur_id)
            WHERE 1 = 1
            """
        if let programme { sql = sql + " AND a.programme_id = \(bind: programme)" }
        if let structure {
            // A member of an applicant grappe lists its applications too.
            sql =
                sql + " AND (a.structure_id = \(bind: structure) OR a.grappe_id IN "
                + "(SELECT grappe_id FROM grappe_members WHERE structure_id = \(bind: structure)))"
        }
        if let window { sql = sql + " AND w.number = \(bind: window)" }
        if let domain { sql = sql + " AND p.code = \(bind: domain.uppercased())" }
        if let status {
            let kept =
                status.isValidated
                ? ApplicationStatus.allCases.filter(\.isValidated).map(\.rawValue) : [status.rawValue]
            sql =
                sql + " AND d.status IN (" + kept.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")"
        }
        return try await db.raw(sql + " ORDER BY w.number, p.sort, s.name LIMIT 5000").all(
            decoding: ApplicationLine.self)
    }
}

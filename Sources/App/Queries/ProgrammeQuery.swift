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
}

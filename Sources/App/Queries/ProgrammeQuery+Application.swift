import Foundation
import JalonCore
import SQLKit

/// Reads of one application: its applicant, its domains with their status and amounts, and the statuses each
/// domain had before.
extension ProgrammeQuery {
    struct ApplicationRecord: Decodable, Sendable, Equatable {
        var id: UUID
        var programmeID: UUID
        var windowID: UUID
        var reference: String
        var createdAt: Date
        var structureName, finessET, finessEJ, couloir: String?
        var grappeCode, grappeName: String?

        /// The structure's own page, or nil for a grappe.
        var structureKey: String? { finessET ?? finessEJ }
    }

    static func application(_ id: UUID, on db: any SQLDatabase) async throws -> ApplicationRecord? {
        try await db.raw(
            """
            SELECT a.id, a.programme_id, a.window_id, a.reference, a.created_at, s.name AS structure_name,
                   s.finess_et, s.finess_ej, s.couloir, gr.code AS grappe_code, gr.name AS grappe_name
            FROM applications a LEFT JOIN structures s ON s.id = a.structure_id
            LEFT JOIN grappes gr ON gr.id = a.grappe_id
            WHERE a.id = \(bind: id)
            """
        ).first(decoding: ApplicationRecord.self, with: .snakeCase)
    }

    struct ApplicationDomain: Decodable, Sendable, Equatable {
        var id: UUID
        var domainCode, domainLabel, volet, status, statusOn, motive: String
        var amountCents, signatureCents, targetsCents, paidCents: Int64?
        var updatedAt: Date

        var applicationStatus: ApplicationStatus? { ApplicationStatus(rawValue: status) }
    }

    static func domains(ofApplication id: UUID, on db: any SQLDatabase) async throws -> [ApplicationDomain] {
        try await db.raw(
            """
            SELECT d.id, p.code AS domain_code, p.label AS domain_label, p.volet, d.status, d.status_on, d.motive,
                   d.amount_cents, d.signature_cents, d.targets_cents, d.paid_cents, d.updated_at
            FROM application_domains d JOIN programme_domains p ON p.id = d.domain_id
            WHERE d.application_id = \(bind: id) ORDER BY p.sort
            """
        ).all(decoding: ApplicationDomain.self, with: .snakeCase)
    }

    struct StatusChange: Decodable, Sendable, Equatable {
        var applicationDomainID: UUID
        var status, statusOn, motive, replacedBy, changedBy: String
        var amountCents: Int64?
        var changedAt: Date
    }

    /// The statuses the application's domains had before their current one, newest first.
    static func statusHistory(ofApplication id: UUID, on db: any SQLDatabase) async throws -> [StatusChange] {
        try await db.raw(
            """
            SELECT h.application_domain_id, h.status, h.status_on, h.motive, h.replaced_by, h.changed_by,
                   h.amount_cents, h.changed_at
            FROM application_domain_history h JOIN application_domains d ON d.id = h.application_domain_id
            WHERE d.application_id = \(bind: id) ORDER BY h.changed_at DESC, h.status_on DESC
            """
        ).all(decoding: StatusChange.self, with: .snakeCase)
    }
}

extension ProgrammeQuery {
    struct GrappeMember: Decodable, Sendable, Equatable {
        var structureName: String
        var finessET: String?
        var finessEJ, couloir: String
        var communeName: String?
        /// Null when the grappe names no porteur.
        var isPorteur: Bool?
    }

    /// The structures of the applicant grappe, porteur first.
    static func members(ofApplication id: UUID, on db: any SQLDatabase) async throws -> [GrappeMember] {
        try await db.raw(
            """
            SELECT s.name AS structure_name, s.finess_et, s.finess_ej, s.couloir, c.name AS commune_name,
                   gr.porteur_id = s.id AS is_porteur
            FROM applications a JOIN grappes gr ON gr.id = a.grappe_id
            JOIN grappe_members m ON m.grappe_id = gr.id JOIN structures s ON s.id = m.structure_id
            LEFT JOIN territories c ON c.code = 'C' || s.commune_code
            WHERE a.id = \(bind: id)
            ORDER BY s.name
            """
        ).all(decoding: GrappeMember.self, with: .snakeCase).sorted {
            ($0.isPorteur ?? false) && !($1.isPorteur ?? false)
        }
    }
}

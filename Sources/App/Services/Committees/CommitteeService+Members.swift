import Foundation
import JalonCore
import SQLKit

/// A committee's members: contacts of the directory, each with his role in the committee.
extension CommitteeService {
    static let roles = ["président", "co-président", "secrétariat", "animateur", "membre", "invité permanent"]

    static func setMember(
        _ code: String, contact: UUID, role rawRole: String, on db: any SQLDatabase, actor: Actor
    ) async throws {
        let committee = try await existing(code, on: db)
        try await actor.authorize(.committees, territories: committee.territoryCode.map { [$0] } ?? [], on: db)
        let role = rawRole.trimmedSpaces.isEmpty ? "membre" : rawRole.trimmedSpaces.lowercased()
        guard roles.contains(role) else {
            throw ServiceError.invalid(
                "Rôle inconnu « \(rawRole.prefix(30)) » (\(roles.joined(separator: ", "))).", field: "role")
        }
        struct ContactRow: Decodable { var firstName, lastName: String }
        guard
            let person = try await db.select().columns("first_name", "last_name").from("contacts")
                .where("id", .equal, contact).first(decoding: ContactRow.self, with: .snakeCase)
        else { throw ServiceError.notFound("Contact inconnu.") }
        let before = try await CommitteeQuery.members(of: committee.id, on: db).first { $0.contactID == contact }
        guard before?.role != role else { return }
        if before == nil {
            try await db.insert(into: "committee_members").columns("committee_id", "contact_id", "role")
                .values(SQLBind(committee.id), SQLBind(contact), SQLBind(role)).run()
        } else {
            try await db.update("committee_members").set("role", to: role).where("committee_id", .equal, committee.id)
                .where("contact_id", .equal, contact).run()
        }
        var changes = FieldChanges()
        changes.compare("rôle", before?.role, role)
        try await AuditService.record(
            db, actor: actor, action: before == nil ? "create" : "update", objectType: "committee", objectID: code,
            summary: "\(person.firstName) \(person.lastName) \(before == nil ? "rejoint" : "change de rôle dans") "
                + "le comité « \(committee.name) » (\(role))", changes: changes)
    }

    static func removeMember(_ code: String, contact: UUID, on db: any SQLDatabase, actor: Actor) async throws {
        let committee = try await existing(code, on: db)
        try await actor.authorize(.committees, territories: committee.territoryCode.map { [$0] } ?? [], on: db)
        guard
            let before = try await CommitteeQuery.members(of: committee.id, on: db).first(where: {
                $0.contactID == contact
            })
        else { return }
        try await db.delete(from: "committee_members").where("committee_id", .equal, committee.id)
            .where("contact_id", .equal, contact).run()
        var changes = FieldChanges()
        changes.compare("rôle", before.role, nil)
        try await AuditService.record(
            db, actor: actor, action: "delete", objectType: "committee", objectID: code,
            summary: "\(before.name) quitte le comité « \(committee.name) »", changes: changes)
    }
}

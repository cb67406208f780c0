import Foundation
import JalonCore
import SQLKit

/// Calendar subscriptions to a committee's meetings or to a contact's (those of his committees and those he
/// is invited to): the address carries a random token shown once, of which only the digest is stored, and
/// revoking it stops the feed at once.
enum CalendarFeedService {
    enum Kind: String, Sendable {
        case committee = "comite"
        case contact
    }

    /// The clear token, to put in the address; the pilote or animateur of the committee creates it.
    static func create(
        for committee: CommitteeQuery.Committee, contact: UUID? = nil, keys: TokenKeys, on db: any SQLDatabase,
        actor: Actor
    ) async throws -> String {
        try await actor.authorize(.committees, territories: committee.territoryCode.map { [$0] } ?? [], on: db)
        var label = "Réunions du comité « \(committee.name) »"
        if let contact {
            guard
                let member = try await CommitteeQuery.members(of: committee.id, on: db).first(where: {
                    $0.contactID == contact
                })
            else { throw ServiceError.invalid("Ce contact n'est pas membre du comité.", field: "contact") }
            label = "Réunions de \(member.name)"
        }
        let token = "cal_" + SessionService.randomToken()
        let id = UUID()
        try await db.insert(into: "calendar_feeds")
            .columns("id", "token_digest", "kind", "subject", "label", "created_by", "created_at", "revoked_at")
            .values(
                SQLBind(id), SQLBind(keys.digest(token)),
                SQLBind((contact == nil ? Kind.committee : .contact).rawValue),
                SQLBind(contact?.uuidString.lowercased() ?? committee.code), SQLBind(label), SQLBind(actor.name),
                SQLBind(Date()), SQLBind(Date?.none)
            ).run()
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "calendar_feed", objectID: id.uuidString.lowercased(),
            summary: "Abonnement calendrier créé : \(label)")
        return token
    }

    static func revoke(_ id: UUID, committee: CommitteeQuery.Committee, on db: any SQLDatabase, actor: Actor)
        async throws
    {
        try await actor.authorize(.committees, territories: committee.territoryCode.map { [$0] } ?? [], on: db)
        guard let feed = try await CalendarFeedQuery.find(id: id, on: db), feed.revokedAt == nil else {
            throw ServiceError.notFound("Abonnement inconnu ou déjà révoqué.")
        }
        try await db.update("calendar_feeds").set("revoked_at", to: Date()).where("id", .equal, id).run()
        try await AuditService.record(
            db, actor: actor, action: "revoke", objectType: "calendar_feed", objectID: id.uuidString.lowercased(),
            summary: "Abonnement calendrier révoqué : \(feed.label)")
    }
}

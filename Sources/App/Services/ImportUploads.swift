import Foundation
import JalonCore
import SQLKit

/// Files uploaded from the pages and waiting between their preview and their validation. Each
/// belongs to its uploader (administrators may open any) and expires after a day; expired ones
/// are removed whenever a new file is uploaded, so no reader ever writes.
enum ImportUploads {
    static let lifetime: TimeInterval = 24 * 3600

    struct Upload: Decodable, Sendable {
        var file_name: String
        var content: Data
        var options: String?
        var owner_id: UUID?
        var created_at: Date
    }

    static func save(
        name: String, data: Data, options: String? = nil, actor: Actor, on db: any SQLDatabase, now: Date = Date()
    ) async throws -> UUID {
        try await db.delete(from: "import_uploads").where("created_at", .lessThan, now.addingTimeInterval(-lifetime))
            .run()
        let id = UUID()
        try await db.insert(into: "import_uploads").columns(
            "id", "file_name", "content", "options", "owner_id", "created_at"
        )
        .values(SQLBind(id), SQLBind(name), SQLBind(data), SQLBind(options), SQLBind(actor.userID), SQLBind(now)).run()
        return id
    }

    /// The upload, when it exists, has not expired and is the actor's to open; otherwise nil, without
    /// telling another user's upload from a missing one.
    static func find(_ id: UUID, actor: Actor, on db: any SQLDatabase, now: Date = Date()) async throws -> Upload? {
        guard
            let upload = try await db.select().columns("file_name", "content", "options", "owner_id", "created_at")
                .from("import_uploads")
                .where("id", .equal, id).first(decoding: Upload.self)
        else { return nil }
        guard now.timeIntervalSince(upload.created_at) < lifetime else { return nil }
        let mine = upload.owner_id != nil && upload.owner_id == actor.userID
        return mine || actor.grant.role == .administrateur ? upload : nil
    }
}

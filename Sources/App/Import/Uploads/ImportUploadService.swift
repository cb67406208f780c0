import Foundation
import JalonCore
import SQLKit

/// Files uploaded from the import page, waiting between their preview and their validation. Each
/// belongs to its uploader (administrators may open any) and expires after a day. Staging and
/// discarding are writes like any other: audited, in the caller's transaction; expired uploads are
/// removed when a new one is staged, so that no reader ever writes.
enum ImportUploadService {
    static let lifetime: TimeInterval = 24 * 3600

    /// A staged file, with how it is to be read.
    struct Upload: Sendable {
        var id: UUID
        var file: ImportFile
        var kind: ImportKind
        var ownerID: UUID?
        var createdAt: Date
    }

    /// What is stored with the file: its kind and how to read it.
    private struct Pending: Codable {
        var kind: String
        var options: ImportOptions
    }

    static func stage(_ file: ImportFile, kind: ImportKind, actor: Actor, on db: any SQLDatabase, now: Date = Date())
        async throws -> UUID
    {
        try await db.delete(from: "import_uploads").where("created_at", .lessThan, now.addingTimeInterval(-lifetime))
            .run()
        let id = UUID()
        let pending = String(
            decoding: try JSONEncoder().encode(Pending(kind: kind.rawValue, options: file.options)), as: UTF8.self)
        try await db.insert(into: "import_uploads")
            .columns("id", "file_name", "content", "options", "owner_id", "created_at")
            .values(
                SQLBind(id), SQLBind(file.name), SQLBind(file.data), SQLBind(pending), SQLBind(actor.userID),
                SQLBind(now)
            )
            .run()
        try await AuditService.record(
            db, actor: actor, action: "stage", objectType: "import_upload", objectID: id.uuidString,
            summary: "Fichier \(file.name) déposé pour aperçu (\(kind.label.lowercased()))",
            details: ["sha256": file.sha256, "octets": "\(file.data.count)"])
        return id
    }

    /// The upload, when it exists, has not expired and is the actor's to open; otherwise nil, without
    /// telling another user's upload from a missing one.
    static func find(_ id: UUID, actor: Actor, on db: any SQLDatabase, now: Date = Date()) async throws -> Upload? {
        struct UploadRow: Decodable {
            var fileName: String
            var content: Data
            var options: String?
            var ownerID: UUID?
            var createdAt: Date
        }
        guard
            let row = try await db.select().columns("file_name", "content", "options", "owner_id", "created_at")
                .from("import_uploads").where("id", .equal, id).first(decoding: UploadRow.self, with: .snakeCase)
        else { return nil }
        guard now.timeIntervalSince(row.createdAt) < lifetime else { return nil }
        let mine = row.ownerID != nil && row.ownerID == actor.userID
        guard mine || actor.grant.role == .administrateur else { return nil }
        let pending =
            row.options.flatMap { try? JSONDecoder().decode(Pending.self, from: Data($0.utf8)) }
            ?? Pending(kind: ImportKind.observations.rawValue, options: .init())
        return Upload(
            id: id, file: ImportFile(name: row.fileName, data: row.content, options: pending.options),
            kind: ImportKind(rawValue: pending.kind) ?? .observations, ownerID: row.ownerID, createdAt: row.createdAt)
    }

    /// Removes a staged file once its batch is committed, in the commit's transaction.
    static func discard(_ upload: Upload, actor: Actor, on db: any SQLDatabase) async throws {
        try await db.delete(from: "import_uploads").where("id", .equal, upload.id).run()
        try await AuditService.record(
            db, actor: actor, action: "discard", objectType: "import_upload", objectID: upload.id.uuidString,
            summary: "Fichier \(upload.file.name) validé : retiré des fichiers en attente")
    }
}

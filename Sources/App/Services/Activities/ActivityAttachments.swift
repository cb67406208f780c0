import Foundation
import JalonCore
import SQLKit

/// Attachments of an activity: a file name made safe (no path, no control characters), a size limit,
/// a content type from the extension; served back as a download, never inline.
enum ActivityAttachments {
    static let maxSize = 10 * 1024 * 1024
    static let types: [String: String] = [
        "pdf": "application/pdf", "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odp": "application/vnd.oasis.opendocument.presentation", "odt": "application/vnd.oasis.opendocument.text",
        "png": "image/png", "jpg": "image/jpeg",
        "jpeg": "image/jpeg", "csv": "text/csv", "txt": "text/plain"
    ]

    /// `../../etc/passwd` → `passwd`; `C:\\agenda.pdf` → `agenda.pdf`.
    static func safeName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(
            last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init)
        ).trimmedSpaces
        let name = cleaned.drop { $0 == "." }
        return name.isEmpty ? "piece-jointe" : String(name.prefix(150))
    }

    static func attach(activity: UUID, fileName: String, data: Data, on db: any SQLDatabase, actor: Actor) async throws
        -> UUID
    {
        guard !data.isEmpty else { throw ServiceError.invalid("Le fichier « \(safeName(fileName)) » est vide.") }
        guard data.count <= maxSize else {
            throw ServiceError.invalid("Le fichier « \(safeName(fileName)) » dépasse 10 Mo.")
        }
        guard
            try await db.count("SELECT COUNT(*) AS n FROM activities WHERE id = \(bind: activity)") > 0
        else {
            throw ServiceError.notFound("Activité inconnue.")
        }
        try await ActivityService.authorize(existing: activity, actor: actor, on: db)
        let name = safeName(fileName)
        let type = types[(name as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
        let id = UUID()
        try await db.insert(into: "activity_attachments").columns(
            "id", "activity_id", "file_name", "content_type", "size", "content", "created_at"
        )
        .values(
            SQLBind(id), SQLBind(activity), SQLBind(name), SQLBind(type), SQLBind(data.count), SQLBind(data),
            SQLBind(Date())
        ).run()
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "activity_attachment", objectID: id.uuidString,
            summary: "Pièce jointe « \(name) » ajoutée à l'activité \(activity.uuidString.prefix(8).lowercased())")
        return id
    }

    static func list(activity: UUID, on db: any SQLDatabase) async throws -> [ActivityAttachment] {
        try await db.select().columns("id", "file_name", "size").from("activity_attachments").where(
            "activity_id", .equal, activity
        )
        .orderBy("created_at").all(decoding: ActivityAttachment.self, with: .snakeCase)
    }

    static func file(_ id: UUID, activity: UUID, on db: any SQLDatabase) async throws -> (
        name: String, type: String, data: Data
    )? {
        struct AttachmentFileRow: Decodable {
            var fileName: String
            var contentType: String
            var content: Data
        }
        return try await db.select().columns("file_name", "content_type", "content").from("activity_attachments")
            .where("id", .equal, id)
            .where("activity_id", .equal, activity).first(decoding: AttachmentFileRow.self, with: .snakeCase).map {
                ($0.fileName, $0.contentType, $0.content)
            }
    }
}

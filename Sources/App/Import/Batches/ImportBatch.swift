import Foundation
import JalonCore
import SQLKit

/// A committed import: one row of `import_batches`, what it did, and whether it was undone. Every
/// value a batch writes carries its id, which is how it is undone (see `ImportBatch+Undo.swift`).
struct ImportBatch: Codable, Sendable, Equatable {
    var id: UUID
    var kind: String
    var fileName: String
    var sha256: String
    var actor: String
    var status: String
    var profile: String?
    var read: Int
    var created: Int
    var updated: Int
    var unchanged: Int
    var rejected: Int
    var createdAt: Date
    var undoneAt: Date?

    static let valid = "valide"
    static let undone = "annule"

    /// The first characters the CLI prints and accepts.
    var shortID: String { String(id.uuidString.prefix(8)).lowercased() }

    var importKind: ImportKind? { ImportKind(rawValue: kind) }

    /// What every value written by the batch records as its provenance.
    static func provenance(file: String, batch: UUID) -> String {
        "import:\(file) #\(batch.uuidString.prefix(8).lowercased())"
    }

    var provenance: String { Self.provenance(file: fileName, batch: id) }

    private static let columns = [
        "id", "kind", "file_name", "sha256", "actor", "status", "profile", "read", "created", "updated", "unchanged",
        "rejected", "created_at", "undone_at"
    ]

    /// The batch row and its audit entry, in the transaction of the writes.
    static func record(_ report: ImportReport, kind: ImportKind, batch: UUID, on db: any SQLDatabase, actor: Actor)
        async throws
    {
        let rejections = String(decoding: try JSONEncoder().encode(report.rejected), as: UTF8.self)
        try await db.insert(into: "import_batches")
            .columns(
                "id", "kind", "file_name", "sha256", "profile", "actor", "status", "read", "created", "updated",
                "unchanged", "rejected", "report", "created_at"
            )
            .values(
                SQLBind(batch), SQLBind(kind.rawValue), SQLBind(report.file), SQLBind(report.sha256),
                SQLBind(report.profile), SQLBind(actor.name), SQLBind(valid), SQLBind(report.read),
                SQLBind(report.created), SQLBind(report.updated), SQLBind(report.unchanged),
                SQLBind(report.rejected.count), SQLBind(rejections), SQLBind(Date())
            )
            .run()
        try await AuditService.record(
            db, actor: actor, action: "import", objectType: "import_batch", objectID: batch.uuidString,
            summary: "Import \(report.file) (\(kind.rawValue)) : \(report.created) créées, \(report.updated) modifiées",
            details: ["sha256": report.sha256, "rejected": "\(report.rejected.count)"])
    }

    /// The latest batches, newest first.
    static func all(on db: any SQLDatabase) async throws -> [ImportBatch] {
        try await db.select().columns(columns).from("import_batches").orderBy("created_at", .descending).limit(200)
            .all(decoding: ImportBatch.self, with: .snakeCase)
    }

    /// By full id or by the first characters the CLI prints (at least six).
    static func find(_ raw: String, on db: any SQLDatabase) async throws -> ImportBatch? {
        let key = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard key.count >= 6 else { return nil }
        return try await all(on: db).first { $0.id.uuidString.lowercased().hasPrefix(key) }
    }

    /// The lines the batch rejected, as recorded with it.
    static func rejections(of batch: UUID, on db: any SQLDatabase) async throws -> [ImportReport.Rejection] {
        struct ReportRow: Decodable { var report: String }
        let row = try await db.select().column("report").from("import_batches").where("id", .equal, batch)
            .first(decoding: ReportRow.self)
        return row.flatMap { try? JSONDecoder().decode([ImportReport.Rejection].self, from: Data($0.report.utf8)) }
            ?? []
    }
}

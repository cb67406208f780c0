import Foundation
import JalonCore
import Vapor

/// Imports through the API, for machines that send the national files every night.
enum ImportAPIController {
    struct ReportDTO: Content {
        var file: String
        var sha256: String
        var profile: String?
        var read: Int
        var created: Int
        var updated: Int
        var unchanged: Int
        var rejected: [ImportReport.Rejection]
        var batch: String?
        var dryRun: Bool

        enum CodingKeys: String, CodingKey {
            case file, sha256, profile, read, created, updated, unchanged, rejected, batch
            case dryRun = "dry_run"
        }
    }

    struct UndoDTO: Content {
        var batch: String
        var restored: Int
        var deleted: Int
        var keptBecauseChangedSince: Int

        enum CodingKeys: String, CodingKey {
            case batch, restored, deleted
            case keptBecauseChangedSince = "kept_because_changed_since"
        }
    }

    /// Multipart (field `file`) or a raw body (`X-File-Name` header or `?file=`); `?dry_run=true`
    /// previews.
    @Sendable static func create(req: Request) async throws -> Response {
        let dryRun =
            (try? req.query.get(Bool.self, at: "dry_run")) ?? ((try? req.query.get(String.self, at: "dry_run")) == "1")
        let rawKind = (try? req.query.get(String.self, at: "kind")) ?? "observations"
        guard let kind = ImportKind(rawValue: rawKind) else {
            let known = ImportKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw Abort(.badRequest, reason: "Type d'import inconnu « \(rawKind.prefix(20)) » (\(known)).")
        }
        var data: Data
        var name =
            (try? req.query.get(String.self, at: "file")) ?? req.headers.first(name: "X-File-Name") ?? "import.csv"
        if req.headers.contentType?.type == "multipart" {
            struct Upload: Content { var file: File }
            let upload = try req.content.decode(Upload.self)
            data = Data(buffer: upload.file.data)
            name = upload.file.filename
        } else {
            guard let body = req.body.data else {
                throw Abort(.badRequest, reason: "Corps de requête vide : envoyez le fichier CSV.")
            }
            data = Data(buffer: body)
        }
        // A profile's parameters come as query fields named like the canonical fields (`periode=2022-02`).
        let options = ImportOptions(
            profile: try? req.query.get(String.self, at: "profile"),
            settings: ImportOptions.settings(fromFields: { try? req.query.get(String.self, at: $0) }),
            sheet: try? req.query.get(String.self, at: "sheet"))
        let file = ImportFile(name: String(name.prefix(200)), data: data, options: options)
        let report = try await req.db.sqlTransaction { db in
            try await kind.run(
                file, mode: dryRun ? .preview : .commit, on: db,
                actor: req.actor(overriding: try? req.query.get(String.self, at: "override")))
        }
        let dto = ReportDTO(
            file: report.file, sha256: report.sha256, profile: report.profile, read: report.read,
            created: report.created, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected,
            batch: report.batch?.uuidString.lowercased(), dryRun: dryRun)
        return try .json(dto, status: report.batch == nil ? .ok : .created)
    }

    static func batch(_ req: Request) async throws -> ImportBatch {
        let id = req.parameters.get("id") ?? ""
        guard let batch = try await ImportBatch.find(id, on: req.sql) else {
            throw Abort(.notFound, reason: "Lot d'import inconnu « \(id.prefix(40)) ».")
        }
        return batch
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let batch = try await batch(req)
        struct BatchDTO: Content {
            var id: String
            var kind: String
            var file: String
            var sha256: String
            var actor: String
            var status: String
            var read: Int
            var created: Int
            var updated: Int
            var unchanged: Int
            var rejected: [ImportReport.Rejection]
            var createdAt: String
            var undoneAt: String?

            enum CodingKeys: String, CodingKey {
                case id, kind, file, sha256, actor, status, read, created, updated, unchanged, rejected
                case createdAt = "created_at"
                case undoneAt = "undone_at"
            }
        }
        let iso = ISO8601DateFormatter()
        return try .json(
            BatchDTO(
                id: batch.id.uuidString.lowercased(), kind: batch.kind, file: batch.fileName, sha256: batch.sha256,
                actor: batch.actor, status: batch.status, read: batch.read, created: batch.created,
                updated: batch.updated, unchanged: batch.unchanged,
                rejected: try await ImportBatch.rejections(of: batch.id, on: req.sql),
                createdAt: iso.string(from: batch.createdAt), undoneAt: batch.undoneAt.map(iso.string(from:))))
    }

    @Sendable static func undo(req: Request) async throws -> UndoDTO {
        let batch = try await batch(req)
        let report = try await req.db.sqlTransaction { db in
            try await batch.undo(on: db, actor: req.actor(overriding: try? req.query.get(String.self, at: "override")))
        }
        return UndoDTO(
            batch: batch.id.uuidString.lowercased(), restored: report.restored, deleted: report.deleted,
            keptBecauseChangedSince: report.keptBecauseChangedSince)
    }

    struct ProfileSummaryDTO: Content {
        var name: String
        var version: Int
        var description: String
        var parameters: [String: String]
        var shipped: Bool
    }

    @Sendable static func profiles(req: Request) async throws -> [ProfileSummaryDTO] {
        try await ImportProfileService.all(on: req.sql).map {
            ProfileSummaryDTO(
                name: $0.profile.name, version: $0.profile.version, description: $0.profile.description,
                parameters: $0.profile.parameters ?? [:], shipped: $0.shipped)
        }
    }

    /// The JSON document (profile + indicators it brings), `?version=` for an older one.
    @Sendable static func profile(req: Request) async throws -> Response {
        let name = req.parameters.get("name") ?? ""
        let version = try? req.query.get(Int.self, at: "version")
        guard
            let stored = try await ImportProfileService.find(name, version: version, on: req.sql)
        else {
            throw Abort(.notFound, reason: "Profil d'import inconnu « \(name.prefix(40)) ».")
        }
        return .json(data: stored.document.encoded())
    }

    struct SavedDTO: Content {
        var name: String
        var version: Int
        var created: Bool
    }

    /// A profile document: 201 with a new version when it changed, 200 when identical.
    @Sendable static func saveProfile(req: Request) async throws -> Response {
        guard let body = req.body.data else {
            throw Abort(.badRequest, reason: "Corps de requête vide : envoyez le profil JSON.")
        }
        let doc = try ImportProfileDocument.decode(Data(buffer: body), fileName: "profil")
        let saved = try await req.db.sqlTransaction { db in
            try await ImportProfileService.save(doc, on: db, actor: req.actor)
        }
        let dto: SavedDTO =
            switch saved {
            case .created(let version): SavedDTO(name: doc.profile.name, version: version, created: true)
            case .unchanged(let version): SavedDTO(name: doc.profile.name, version: version, created: false)
            }
        return try .json(dto, status: dto.created ? .created : .ok)
    }
}

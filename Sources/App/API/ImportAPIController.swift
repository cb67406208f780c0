import Foundation
import JalonCore
import Vapor

/// Imports through the API, for machines that send the national files every night.
enum ImportAPIController {
    struct ReportDTO: Content {
        var file, sha256: String
        var profile: String?
        var read, created, updated, unchanged: Int
        var rejected: [ObservationImport.Rejection]
        var batch: String?
        var dry_run: Bool
    }

    struct UndoDTO: Content {
        var batch: String
        var restored, deleted, kept_because_changed_since: Int
    }

    /// Multipart (field `file`) or a raw body (`X-File-Name` header or `?file=`); `?dry_run=true` previews.
    @Sendable static func create(req: Request) async throws -> Response {
        let dryRun =
            (try? req.query.get(Bool.self, at: "dry_run")) ?? ((try? req.query.get(String.self, at: "dry_run")) == "1")
        let rawKind = (try? req.query.get(String.self, at: "kind")) ?? "observations"
        guard let kind = ImportKind(rawValue: rawKind) else {
            throw Abort(
                .badRequest, reason: "Type d'import inconnu « \(rawKind.prefix(20)) » (observations ou targets).")
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
        let (fileData, fileName) = (data, String(name.prefix(200)))
        // A profile's parameters come as query fields named like the canonical fields (`periode=2022-02`).
        var settings: [String: String] = [:]
        for f in ImportProfile.fields {
            if let v = try? req.query.get(String.self, at: f), !v.isEmpty { settings[f] = v }
        }
        let options = ImportOptions(
            profile: try? req.query.get(String.self, at: "profile"), settings: settings,
            sheet: try? req.query.get(String.self, at: "sheet"))
        let report = try await req.db.sqlTransaction { db in
            try await kind.run(
                fileData, fileName: fileName, options: options, dryRun: dryRun, on: db,
                actor: req.actor(overriding: try? req.query.get(String.self, at: "override")))
        }
        let dto = ReportDTO(
            file: report.file, sha256: report.sha256, profile: report.profile, read: report.read,
            created: report.created, updated: report.updated,
            unchanged: report.unchanged, rejected: report.rejected, batch: report.batch?.uuidString.lowercased(),
            dry_run: dryRun)
        let r = Response(status: report.batch == nil ? .ok : .created)
        try r.content.encode(dto, as: .json)
        return r
    }

    static func batch(_ req: Request) async throws -> ObservationImport.Batch {
        let id = req.parameters.get("id") ?? ""
        guard let b = try await ObservationImport.find(id, on: req.sql) else {
            throw Abort(.notFound, reason: "Lot d'import inconnu « \(id.prefix(40)) ».")
        }
        return b
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let b = try await batch(req)
        struct R: Decodable { var report: String }
        let raw =
            try await req.sql.select().column("report").from("import_batches").where("id", .equal, b.id).first(
                decoding: R.self)?.report ?? "[]"
        let rejected = (try? JSONDecoder().decode([ObservationImport.Rejection].self, from: Data(raw.utf8))) ?? []
        struct DTO: Content {
            var id, kind, file, sha256, actor, status: String
            var read, created, updated, unchanged: Int
            var rejected: [ObservationImport.Rejection]
            var created_at: String
            var undone_at: String?
        }
        let iso = ISO8601DateFormatter()
        let r = Response(status: .ok)
        try r.content.encode(
            DTO(
                id: b.id.uuidString.lowercased(), kind: b.kind, file: b.file_name, sha256: b.sha256, actor: b.actor,
                status: b.status,
                read: b.read, created: b.created, updated: b.updated, unchanged: b.unchanged, rejected: rejected,
                created_at: iso.string(from: b.created_at), undone_at: b.undone_at.map(iso.string(from:))), as: .json)
        return r
    }

    @Sendable static func undo(req: Request) async throws -> UndoDTO {
        let b = try await batch(req)
        let r = try await req.db.sqlTransaction { db in
            try await ObservationImport.undo(
                b, on: db, actor: req.actor(overriding: try? req.query.get(String.self, at: "override")))
        }
        return UndoDTO(
            batch: b.id.uuidString.lowercased(), restored: r.restored, deleted: r.deleted,
            kept_because_changed_since: r.keptBecauseChangedSince)
    }

    struct ProfileSummaryDTO: Content {
        var name: String
        var version: Int
        var description: String
        var parameters: [String: String]
        var shipped: Bool
    }

    @Sendable static func profiles(req: Request) async throws -> [ProfileSummaryDTO] {
        try await req.db.sqlTransaction { db in try await ImportProfileService.all(on: db) }.map {
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
            let p = try await req.db.sqlTransaction({ db in
                try await ImportProfileService.find(name, version: version, on: db)
            })
        else {
            throw Abort(.notFound, reason: "Profil d'import inconnu « \(name.prefix(40)) ».")
        }
        let r = Response(status: .ok, body: .init(data: p.document.encoded()))
        r.headers.contentType = .json
        return r
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
            case .created(let v): SavedDTO(name: doc.profile.name, version: v, created: true)
            case .unchanged(let v): SavedDTO(name: doc.profile.name, version: v, created: false)
            }
        let r = Response(status: dto.created ? .created : .ok)
        try r.content.encode(dto, as: .json)
        return r
    }
}

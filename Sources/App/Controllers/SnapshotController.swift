import Foundation
import JalonCore
import Vapor

/// Validated snapshots: list and validation form, one snapshot as validated, its export.
enum SnapshotController {
    struct Form: Content {
        var name: String?
        var date: String?
        var territoire: String?
        var couloir: String?
        var feuille: String?
    }

    @Sendable static func index(req: Request) async throws -> Response {
        var model = try await SnapshotIndex.query(on: req.sql)
        model.message = (try? req.query.get(String.self, at: "ok")) == "validee" ? "Photo à date validée." : nil
        return .html(SnapshotIndex.render(model))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            guard let at = Day(iso: form.date ?? "") else {
                throw ServiceError.invalid(
                    "Date illisible « \((form.date ?? "").prefix(20)) » (AAAA-MM-JJ attendu).", field: "date")
            }
            try ServiceError.checkYear(at, raw: form.date ?? "", label: "Date", field: "date")
            let id = try await req.db.sqlTransaction { db in
                try await SnapshotService.validate(
                    name: form.name ?? "", at: at, territory: form.territoire.flatMap { $0.isEmpty ? nil : $0 },
                    couloir: form.couloir.flatMap { Couloir(code: $0) }, roadmap: form.feuille?.nilIfEmpty, on: db,
                    actor: req.actor)
            }
            return .seeOther(SiteURL.snapshot(id.uuidString.lowercased()).path + "?ok=validee")
        } catch let error as ServiceError {
            var model = try await SnapshotIndex.query(on: req.sql)
            model.error = error.message
            model.form = .init(name: form.name, date: form.date, territory: form.territoire)
            return .html(SnapshotIndex.render(model), status: error.status)
        }
    }

    static func snapshotID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw ServiceError.notFound("Photo à date inconnue.")
        }
        return id
    }

    static func find(_ req: Request) async throws -> ValidatedSnapshot {
        guard let snapshot = try await SnapshotService.find(try snapshotID(req), on: req.sql) else {
            throw ServiceError.notFound("Photo à date inconnue.")
        }
        return snapshot
    }

    @Sendable static func show(req: Request) async throws -> Response {
        guard var model = try await SnapshotShow.query(id: try snapshotID(req), on: req.sql) else {
            throw ServiceError.notFound("Photo à date inconnue.")
        }
        if (try? req.query.get(String.self, at: "ok")) == "validee" {
            model.message =
                "Photo à date validée : les périodes jusqu'au \(Format.date(iso: model.snapshot.asOf.iso)) "
                + "sont verrouillées."
        }
        return .html(SnapshotShow.render(model))
    }

    static func export(_ format: ExportTable.Format) -> @Sendable (Request) async throws -> Response {
        { req in
            let snapshot = try await find(req)
            return try SnapshotService.export(snapshot).response(
                fileName: "photo-\(snapshot.territory)-\(snapshot.asOf.iso)", format: format)
        }
    }
}

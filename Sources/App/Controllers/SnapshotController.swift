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
    }

    @Sendable static func index(req: Request) async throws -> Response {
        .html(
            SnapshotsPage.renderList(
                .init(
                    snapshots: try await SnapshotService.all(on: req.sql),
                    lock: try await PeriodLock.current(on: req.sql),
                    message: (try? req.query.get(String.self, at: "ok")) == "validee" ? "Photo à date validée." : nil)))
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
                    couloir: form.couloir.flatMap { Couloir(code: $0) }, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.snapshot(id.uuidString.lowercased()).path + "?ok=validee")
        } catch let error as ServiceError {
            var model = SnapshotsPage.List(
                snapshots: try await SnapshotService.all(on: req.sql), lock: try await PeriodLock.current(on: req.sql))
            model.error = error.message
            model.form = form
            return .html(SnapshotsPage.renderList(model), status: error.status)
        }
    }

    static func find(_ req: Request) async throws -> SnapshotService.Snapshot {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let snapshot = try await SnapshotService.find(id, on: req.sql)
        else {
            throw ServiceError.notFound("Photo à date inconnue.")
        }
        return snapshot
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let snapshot = try await find(req)
        let history = try await AuditQuery.history(type: "snapshot", id: snapshot.id.uuidString, on: req.sql)
        return .html(
            SnapshotsPage.renderOne(
                snapshot, history: history,
                message: (try? req.query.get(String.self, at: "ok")) == "validee"
                    ? "Photo à date validée : les périodes jusqu'au \(Format.date(iso: snapshot.asOf.iso)) "
                        + "sont verrouillées."
                    : nil))
    }

    static func export(_ format: ExportTable.Format) -> @Sendable (Request) async throws -> Response {
        { req in
            let snapshot = try await find(req)
            return try SnapshotService.export(snapshot).response(
                fileName: "photo-\(snapshot.territory)-\(snapshot.asOf.iso)", format: format)
        }
    }
}

import JalonCore
import Vapor

/// Downloads: observations and targets for a filter, the progress of the roadmap at a date — CSV or
/// XLSX.
enum ExportController {
    static func filter(_ req: Request) async throws -> ObservationExport.Filter {
        var filter = ObservationExport.Filter(
            indicator: req.queryText("indicateur"), territory: nil,
            couloir: req.queryText("couloir").flatMap { Couloir(code: $0) })
        if let written = req.queryText("territoire") {
            guard let found = try await TerritoryQuery.find(written, on: req.sql) else {
                throw Abort(.notFound, reason: "Territoire inconnu « \(written.prefix(40)) ».")
            }
            filter.territory = found.code
        }
        return filter
    }

    static func observations(_ format: ExportTable.Format) -> @Sendable (Request) async throws -> Response {
        { req in
            try await ObservationExport.observations(try await filter(req), on: req.sql).response(
                fileName: "observations", format: format)
        }
    }

    static func targets(_ format: ExportTable.Format) -> @Sendable (Request) async throws -> Response {
        { req in
            try await ObservationExport.targets(try await filter(req), on: req.sql).response(
                fileName: "cibles", format: format)
        }
    }

    static func progress(_ format: ExportTable.Format) -> @Sendable (Request) async throws -> Response {
        { req in try await progress(req, format: format) }
    }

    static func progress(_ req: Request, format: ExportTable.Format) async throws -> Response {
        let territory = req.queryText("territoire")
        guard
            let model = try await RoadmapShow.query(
                at: try RoadmapController.at(req), territory: territory, couloir: RoadmapController.couloir(req),
                roadmap: req.queryText("feuille"), on: req.sql)
        else {
            throw Abort(.notFound, reason: "Aucune feuille de route.")
        }
        return try ObservationExport.progress(model).response(
            fileName: "avancement-\(model.territory.code)-\(model.at.iso)", format: format)
    }

    @Sendable static func dhis2(req: Request) async throws -> Response {
        .csv(try await AggregateExchange.dhis2(try await filter(req), on: req.sql), fileName: "dhis2-valeurs.csv")
    }

    @Sendable static func adx(req: Request) async throws -> Response {
        let response = Response(
            status: .ok, body: .init(string: try await AggregateExchange.adx(try await filter(req), on: req.sql)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/adx+xml; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"jalon-adx.xml\"")
        return response
    }

    @Sendable static func codes(req: Request) async throws -> Response {
        .csv(try await ExchangeCodes.csv(on: req.sql), fileName: "correspondances.csv")
    }

    /// A new mapping file replaces the whole mapping; back to the imports page.
    @Sendable static func replaceCodes(req: Request) async throws -> Response {
        struct Upload: Content { var file: File? }
        guard let file = (try? req.content.decode(Upload.self))?.file, file.data.readableBytes > 0 else {
            throw Abort(.unprocessableEntity, reason: "Choisissez un fichier CSV.")
        }
        let mapping = ImportFile(name: String(file.filename.prefix(200)), data: Data(buffer: file.data))
        let report = try await req.db.sqlTransaction { db in
            try await ImportKind.codes.run(mapping, mode: .commit, on: db, actor: req.actor)
        }
        return .seeOther(SiteURL.imports.with([("codes", String(report.read))]))
    }
}

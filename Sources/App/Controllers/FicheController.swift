import JalonCore
import Vapor

enum FicheController {
    struct Form: Content {
        var section: String
        var objectives: String?
        var levers: String?
        var obstacles: String?
        var contacts: String?
        var cell: [String: String]?
        var actionID: String?
        var title: String?
        var description: String?
        var pilot: String?
        var status: String?
        var start: String?
        var end: String?
        var version: Int?
        var actionVersion: Int?
        var indicator: String?
        var role: String?
        /// A RACI matrix as CSV (section `raci-csv`).
        var file: File?

        enum CodingKeys: String, CodingKey {
            case section, objectives, levers, obstacles, contacts, cell
            case actionID = "action_id"
            case title, description, pilot, status, start, end, version
            case actionVersion = "action_version"
            case indicator, role, file
        }
    }

    static func found(_ req: Request) async throws -> FicheShow.Found {
        let code = req.parameters.get("code") ?? ""
        guard let found = try await FicheShow.find(code, roadmap: req.queryText("feuille"), on: req.sql) else {
            throw Abort(.notFound, reason: "Fiche inconnue « \(code) ».")
        }
        return found
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let message = (try? req.query.get(String.self, at: "ok")) != nil ? "Fiche enregistrée." : nil
        guard
            let model = try await FicheShow.query(
                try await found(req), at: try RoadmapController.at(req), message: message,
                addedRows: addedRACIRows(req), on: req.sql)
        else { throw Abort(.notFound) }
        return .html(FicheShow.render(model))
    }

    /// The RACI rows asked for: those already shown (`cible=<action>:<audience>`, repeated) and the new one.
    static func addedRACIRows(_ req: Request) -> [String] {
        var rows = (try? req.query.get([String].self, at: "cible")) ?? []
        if let action = req.queryText("cible_action"), let audience = req.queryText("cible_public") {
            rows.append("\(action):\(audience)")
        }
        return rows
    }

    /// The fiche's RACI matrix as CSV, read back by the page's import.
    @Sendable static func raciCSV(req: Request) async throws -> Response {
        let fiche = try await found(req)
        return try await FicheService.raciMatrix(fiche: fiche.id, on: req.sql).response(
            fileName: "raci-\(req.parameters.get("code") ?? "fiche")", format: .csv)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let fiche = try await found(req)
        let form = try req.content.decode(Form.self)
        do {
            try await req.db.sqlTransaction { db in
                switch form.section {
                case "texts":
                    try await FicheService.updateTexts(
                        fiche: fiche.id, objectives: form.objectives ?? "", levers: form.levers ?? "",
                        obstacles: form.obstacles ?? "",
                        contacts: form.contacts ?? "", version: form.version, on: db, actor: req.actor)
                case "calendar":
                    try await FicheService.updateCalendar(
                        fiche: fiche.id, cells: form.cell ?? [:], version: form.version, on: db, actor: req.actor)
                case "raci":
                    try await FicheService.updateRACI(
                        fiche: fiche.id, cells: form.cell ?? [:], version: form.version, on: db, actor: req.actor)
                case "raci-csv":
                    guard let file = form.file, file.data.readableBytes > 0 else {
                        throw ServiceError.invalid("Choisissez un fichier CSV de la matrice RACI.")
                    }
                    let cells = try await FicheService.raciCells(
                        fromCSV: Data(file.data.readableBytesView), fileName: file.filename, fiche: fiche.id, on: db)
                    try await FicheService.updateRACI(
                        fiche: fiche.id, cells: cells, version: form.version, on: db, actor: req.actor)
                case "action":
                    var id: UUID?
                    if let raw = form.actionID, !raw.isEmpty {
                        guard let parsed = UUID(uuidString: raw) else { throw ServiceError.invalid("Action inconnue.") }
                        id = parsed
                    }
                    try await FicheService.saveAction(
                        fiche: fiche.id,
                        .init(
                            id: id, title: form.title ?? "", description: form.description ?? "", pilot: form.pilot,
                            status: form.status ?? "a_faire", start: form.start, end: form.end,
                            version: form.actionVersion), on: db, actor: req.actor)
                case "attach":
                    try await FicheService.attach(
                        fiche: fiche.id, indicator: form.indicator ?? "", role: form.role ?? "national",
                        version: form.version, on: db, actor: req.actor)
                case "detach":
                    try await FicheService.detach(
                        fiche: fiche.id, indicator: form.indicator ?? "", version: form.version, on: db,
                        actor: req.actor)
                default: throw ServiceError.invalid("Section inconnue « \(form.section.prefix(20)) ».")
                }
            }
        } catch let error as ServiceError {
            guard let model = try await FicheShow.query(fiche, at: Day.today(), error: error.message, on: req.sql)
            else {
                throw error
            }
            return .html(FicheShow.render(model), status: error.status)
        }
        return .seeOther(
            SiteURL.fiche(req.parameters.get("code") ?? "").with([("feuille", req.queryText("feuille")), ("ok", "1")]))
    }
}

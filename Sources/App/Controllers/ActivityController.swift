import Foundation
import JalonCore
import SQLKit
import Vapor

/// The activity log pages: journal, one activity, the form to log one, the worklist, the ICS feed.
enum ActivityController {
    static func filter(_ req: Request) async throws -> ActivityFilter {
        var filter = ActivityFilter()
        filter.from = req.trimmedQueryText("du").flatMap(Day.init(iso:))
        filter.to = req.trimmedQueryText("au").flatMap(Day.init(iso:))
        filter.type = req.trimmedQueryText("type").flatMap(ActivityType.init(text:))
        filter.topic = req.trimmedQueryText("theme").flatMap(ActivityTopic.code)
        filter.couloir = req.trimmedQueryText("couloir").flatMap { Couloir(code: $0) }
        if let territory = req.trimmedQueryText("territoire") {
            filter.territory = try await ObservationLookups(req.sql).territory(territory) ?? territory
        }
        filter.organiser = req.trimmedQueryText("organisateur")
        filter.page = max(1, min(100_000, req.trimmedQueryText("page").flatMap(Int.init) ?? 1))
        return filter
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let filter = try await Self.filter(req)
        let (rows, totals) = try await ActivityQuery.page(filter, on: req.sql)
        let message = req.trimmedQueryText("ok").map { _ in "Activité enregistrée." }
        return .html(ActivitiesPage.render(.init(filter: filter, rows: rows, totals: totals, message: message)))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? ""),
            let detail = try await ActivityQuery.find(id, on: req.sql)
        else {
            throw Abort(.notFound, reason: "Activité inconnue.")
        }
        return .html(ActivitiesPage.renderDetail(detail))
    }

    @Sendable static func newForm(req: Request) async throws -> Response {
        var form = ActivitiesPage.Form()
        form.date = Day.today().iso
        if let type = req.trimmedQueryText("type").flatMap(ActivityType.init(text:)) { form.type = type.rawValue }
        form.structures = req.trimmedQueryText("structure") ?? ""
        form.territories = req.trimmedQueryText("territoire") ?? ""
        if let key = req.trimmedQueryText("structure"), let structure = try await StructureQuery.find(key, on: req.sql)
        {
            form.title = "\(ActivityType(rawValue: form.type)?.label ?? "Visite") — \(structure.name)"
        }
        return .html(ActivitiesPage.renderForm(form, error: nil))
    }

    struct Posted: Content {
        var date, type, title, duration, place, participants, territories, structures, organisers, notes, remote,
            followups: String?
        var topics: [String]?
        var couloirs: [String]?
        var structuresFile: File?

        enum CodingKeys: String, CodingKey {
            case date, type, title, duration, place, participants, territories, structures, organisers, notes, remote
            case followups, topics, couloirs
            case structuresFile = "structures_file"
        }
    }

    /// The structures of the form: numbers, or names matched against open structures. A name that
    /// matches several (or none) is sent back for review; `choix_<n>` answers line n.
    static func reached(_ lines: [String], choices: (Int) -> String?, on db: any SQLDatabase) async throws -> (
        reached: [ActivityService.Reached], review: [ActivitiesPage.Review]
    ) {
        var reached: [ActivityService.Reached] = []
        var review: [ActivitiesPage.Review] = []
        for (i, line) in lines.enumerated() {
            let parts = line.split(separator: ";", maxSplits: 1).map { String($0).trimmedSpaces }
            // A line that is only a separator (`;`) has no part at all.
            guard let text = parts.first, !text.isEmpty else { continue }
            let attendees = parts.count > 1 ? parts[1] : nil
            if let choice = choices(i), !choice.isEmpty {
                if choice != "-" { reached.append(.init(structure: choice, attendees: attendees)) }
                continue
            }
            if try await StructureQuery.find(text, on: db) != nil {
                reached.append(.init(structure: text, attendees: attendees))
                continue
            }
            let candidates = try await StructureQuery.byName(text, on: db)
            if candidates.count == 1 {
                reached.append(.init(structure: candidates[0].key, attendees: attendees))
                continue
            }
            review.append(
                .init(
                    index: i, text: text,
                    candidates: candidates.map { ($0.key, "\($0.name) — \($0.city) (\($0.finessET ?? $0.key))") }))
        }
        return (reached, review)
    }

    /// The first column of an uploaded list, without its header.
    static func keys(of file: File) throws -> [String] {
        let records = try UploadedCSV.table(Data(buffer: file.data), fileName: file.filename)
        return records.enumerated().compactMap { i, record in
            let key = record[0].trimmedSpaces
            if key.isEmpty || (i == 0 && ["finess", "structure", "nom", "numero"].contains(key.matchKey)) { return nil }
            return key
        }
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let posted = try req.content.decode(Posted.self)
        let form = ActivitiesPage.Form(
            date: posted.date ?? "", type: posted.type ?? "", title: posted.title ?? "",
            duration: posted.duration ?? "",
            place: posted.place ?? "",
            remote: posted.remote == "1", participants: posted.participants ?? "", topics: posted.topics ?? [],
            couloirs: posted.couloirs ?? [],
            territories: posted.territories ?? "", structures: posted.structures ?? "",
            organisers: posted.organisers ?? "", notes: posted.notes ?? "",
            followups: posted.followups ?? "")
        func list(_ text: String, _ separators: (Character) -> Bool) -> [String] {
            text.split(whereSeparator: separators).map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
        }
        var lines = list(form.structures, \.isNewline)
        if let file = posted.structuresFile, file.data.readableBytes > 0 {
            do { lines += try keys(of: file) } catch let error as ServiceError {
                return .html(ActivitiesPage.renderForm(form, error: error.message), status: error.status)
            }
        }
        // Bounded before each line is looked up, not after.
        do {
            try ServiceError.checkCount(
                lines.count, limit: ActivityService.Limits.structures, label: "structures touchées", field: "structures"
            )
        } catch let error as ServiceError {
            return .html(ActivitiesPage.renderForm(form, error: error.message), status: error.status)
        }
        let (structures, review) = try await reached(
            lines, choices: { try? req.content.get(String.self, at: "choix_\($0)") }, on: req.sql)
        if !review.isEmpty {
            var again = form
            again.structures = lines.joined(separator: "\n")
            again.review = review
            return .html(
                ActivitiesPage.renderForm(
                    again,
                    error:
                        "Précisez \(review.count) structure(s) : "
                        + "un nom correspond à plusieurs structures ou à aucune."),
                status: .unprocessableEntity)
        }
        guard let duration = form.duration.isEmpty ? Optional<Int?>.some(nil) : Int(form.duration).map(Optional.some)
        else {
            return .html(
                ActivitiesPage.renderForm(
                    form, error: "Durée illisible « \(form.duration.prefix(20)) » (un nombre de minutes)."),
                status: .unprocessableEntity)
        }
        let input = ActivityService.Input(
            date: form.date, type: form.type, title: form.title, durationMinutes: duration, place: form.place,
            remote: form.remote,
            participants: form.participants, notes: form.notes, topics: form.topics, couloirs: form.couloirs,
            territories: list(form.territories) { $0 == "," }, structures: structures,
            organisers: list(form.organisers) { $0 == "," },
            followups: list(form.followups, \.isNewline))
        do {
            let change = try await req.db.sqlTransaction { db in
                let activity = try await ActivityService.resolve(input, on: db)
                let change = try await ActivityService.save(activity, on: db, actor: req.actor)
                _ = try await ActivityService.createFollowUps(
                    input.followups ?? [], after: activity, on: db, actor: req.actor)
                return change
            }
            guard case .created(let id) = change else { return .seeOther(SiteURL.activities.path) }
            return .seeOther(SiteURL.activity(id.uuidString.lowercased()).path)
        } catch let error as ServiceError {
            return .html(ActivitiesPage.renderForm(form, error: error.message), status: error.status)
        }
    }

    @Sendable static func worklist(req: Request) async throws -> Response {
        let raw = req.trimmedQueryText("territoire") ?? ""
        let couloir = req.trimmedQueryText("couloir").flatMap { Couloir(code: $0) } ?? .es
        let notSince = req.trimmedQueryText("depuis").flatMap(Day.init(iso:))
        let indicator = req.trimmedQueryText("indicateur")
        let indicators = try await IndicatorQuery.all(on: req.sql).filter {
            [.shareOfStructures, .countOfStructures].contains($0.definition.rollup) && $0.definition.computed == nil
        }
        .map { (code: $0.code, label: $0.definition.label) }
        var model = WorklistPage.Model(
            territory: nil, territoryInput: raw, couloir: couloir, notSince: notSince, indicator: indicator,
            indicators: indicators, items: [])
        if !raw.isEmpty {
            if let code = try await ObservationLookups(req.sql).territory(raw),
                let territory = try await TerritoryQuery.find(code, on: req.sql)
            {
                model.territory = territory
                model.items = try await WorklistQuery.items(
                    territory: territory.code, couloir: couloir, notSince: notSince, withoutService: indicator,
                    on: req.sql)
            } else {
                model.error = "Territoire inconnu « \(raw) »."
            }
        }
        if req.trimmedQueryText("format") == "csv", let territory = model.territory {
            return .csv(WorklistPage.csv(model), fileName: "a-toucher-\(territory.code)-\(couloir.rawValue).csv")
        }
        return .html(WorklistPage.render(model), status: model.error == nil ? .ok : .notFound)
    }

    @Sendable static func ics(req: Request) async throws -> Response {
        var filter = ActivityFilter()
        filter.from = Day.today()
        filter.perPage = 500
        let rows = try await ActivityQuery.page(filter, on: req.sql).rows.sorted { $0.date < $1.date }
        let response = Response(status: .ok, body: .init(string: ActivityCalendar.ics(rows)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        return response
    }

    @Sendable static func territories(req: Request) async throws -> Response {
        let raw = req.trimmedQueryText("territoire") ?? DemoRegion.region
        guard let code = try await ObservationLookups(req.sql).territory(raw),
            let territory = try await TerritoryQuery.find(code, on: req.sql)
        else {
            throw Abort(.notFound, reason: "Territoire inconnu « \(raw.prefix(40)) ».")
        }
        let since = req.trimmedQueryText("depuis").flatMap(Day.init(iso:))
        let at = req.trimmedQueryText("date").flatMap(Day.init(iso:)) ?? Day.today()
        let list = try await ReachQuery.territories(around: territory, on: req.sql)
        let table = try await ReachQuery.table(territories: list.map(\.code), since: since, at: at, on: req.sql)
        var rows: [(territory: Territory, actions: Int, reach: [Couloir: ReachQuery.Reach])] = []
        for around in list {
            rows.append(
                (
                    around, try await ReachQuery.actions(territory: around.code, since: since, at: at, on: req.sql),
                    table[around.code] ?? [:]
                ))
        }
        let topics = try await ReachQuery.perTopic(territory: territory.code, since: since, at: at, on: req.sql)
        let mapCouloir = req.trimmedQueryText("couloir").flatMap { Couloir(code: $0) } ?? .es
        let areas: [DepartementMap.Area] = rows.filter { $0.territory.kind == .departement }.compactMap { row in
            guard let reach = row.reach[mapCouloir], let share = reach.share else { return nil }
            let kind = share >= 0.75 ? "success" : share >= 0.5 ? "info" : share >= 0.25 ? "warning" : "error"
            return .init(
                code: row.territory.insee, colour: DepartementMap.colour(kind),
                title:
                    "\(row.territory.name) : \(Format.percent(share)) des structures \(mapCouloir.rawValue) touchées "
                    + "(\(reach.reached) / \(reach.open))")
        }
        let map =
            areas.isEmpty
            ? nil
            : DepartementMap.render(
                areas, publicDirectory: req.application.config.publicDirectory,
                caption: "Carte des départements — structures \(mapCouloir.rawValue) touchées")
        return .html(
            ActivityTerritoriesPage.render(
                .init(
                    territory: territory, rows: rows, topics: topics, since: since, at: at, map: map,
                    mapCouloir: mapCouloir))
        )
    }

    @Sendable static func calendar(req: Request) async throws -> Response {
        let month =
            req.trimmedQueryText("mois").flatMap { Period($0) }.flatMap { period -> Day? in
                if case .month(let year, let month) = period { Day(year, month, 1) } else { nil }
            }
            .flatMap { ValueBounds.accepts($0) ? $0 : nil } ?? Day.today()
        var filter = ActivityFilter()
        filter.from = Day(month.year, month.month, 1)
        filter.to = Day.endOfMonth(month.year, month.month)
        filter.perPage = 2_000
        let rows = try await ActivityQuery.page(filter, on: req.sql).rows.sorted {
            ($0.date, $0.title) < ($1.date, $1.title)
        }
        return .html(ActivityMonthPage.render(month: month, rows: rows))
    }

    @Sendable static func report(req: Request) async throws -> Response {
        let from = req.trimmedQueryText("du").flatMap(Day.init(iso:))
        let to = req.trimmedQueryText("au").flatMap(Day.init(iso:))
        return .html(
            ActivityMonthPage.renderReport(
                try await ActivityQuery.report(from: from, to: to, on: req.sql), from: from, to: to))
    }

    @Sendable static func attach(req: Request) async throws -> Response {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? "") else {
            throw Abort(.notFound, reason: "Activité inconnue.")
        }
        struct Upload: Content { var file: File? }
        let file = (try? req.content.decode(Upload.self))?.file
        do {
            _ = try await req.db.sqlTransaction { db in
                try await ActivityAttachments.attach(
                    activity: id, fileName: file?.filename ?? "", data: file.map { Data(buffer: $0.data) } ?? Data(),
                    on: db, actor: req.actor)
            }
        } catch let error as ServiceError {
            guard let detail = try await ActivityQuery.find(id, on: req.sql) else {
                throw Abort(.notFound, reason: "Activité inconnue.")
            }
            return .html(ActivitiesPage.renderDetail(detail, error: error.message), status: error.status)
        }
        return .seeOther(SiteURL.activity(id.uuidString.lowercased()).path)
    }

    @Sendable static func attachment(req: Request) async throws -> Response {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? ""),
            let fileID = UUID(uuidString: req.parameters.get("file") ?? ""),
            let file = try await ActivityAttachments.file(fileID, activity: id, on: req.sql)
        else { throw Abort(.notFound, reason: "Pièce jointe inconnue.") }
        let response = Response(status: .ok, body: .init(data: file.data))
        response.headers.replaceOrAdd(name: .contentType, value: file.type)
        let ascii = String(
            file.name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded =
            file.name.addingPercentEncoding(
                withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ascii
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}

import Foundation
import JalonCore
import SQLKit
import Vapor

/// The activity log pages: journal, one activity, the form to log one, the worklist, the ICS feed.
enum ActivityController {
    static func q(_ req: Request, _ k: String) -> String? {
        (try? req.query.get(String.self, at: k)).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap {
            $0.isEmpty ? nil : String($0.prefix(200))
        }
    }

    static func filter(_ req: Request) async throws -> ActivityFilter {
        var f = ActivityFilter()
        f.from = q(req, "du").flatMap(Day.init(iso:))
        f.to = q(req, "au").flatMap(Day.init(iso:))
        f.type = q(req, "type").flatMap(ActivityType.init(text:))
        f.topic = q(req, "theme").flatMap(ActivityTopic.code)
        f.couloir = q(req, "couloir").flatMap { Couloir(code: $0) }
        if let t = q(req, "territoire") { f.territory = try await ObservationLookups(req.sql).territory(t) ?? t }
        f.organiser = q(req, "organisateur")
        f.page = max(1, min(100_000, q(req, "page").flatMap(Int.init) ?? 1))
        return f
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let f = try await filter(req)
        let (rows, totals) = try await ActivityQuery.page(f, on: req.sql)
        let message = q(req, "ok").map { _ in "Activité enregistrée." }
        return .html(ActivitiesPage.render(.init(filter: f, rows: rows, totals: totals, message: message)))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? ""),
            let d = try await ActivityQuery.find(id, on: req.sql)
        else {
            throw Abort(.notFound, reason: "Activité inconnue.")
        }
        return .html(ActivitiesPage.renderDetail(d))
    }

    @Sendable static func newForm(req: Request) async throws -> Response {
        var f = ActivitiesPage.Form()
        f.date = Day.today().iso
        if let t = q(req, "type").flatMap(ActivityType.init(text:)) { f.type = t.rawValue }
        f.structures = q(req, "structure") ?? ""
        f.territories = q(req, "territoire") ?? ""
        if let key = q(req, "structure"), let s = try await StructureQuery.find(key, on: req.sql) {
            f.title = "\(ActivityType(rawValue: f.type)?.label ?? "Visite") — \(s.name)"
        }
        return .html(ActivitiesPage.renderForm(f, error: nil))
    }

    struct Posted: Content {
        var date, type, title, duration, place, participants, territories, structures, organisers, notes, remote,
            followups: String?
        var topics: [String]?
        var couloirs: [String]?
        var structures_file: File?
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
        return records.enumerated().compactMap { i, r in
            let v = r[0].trimmedSpaces
            if v.isEmpty || (i == 0 && ["finess", "structure", "nom", "numero"].contains(v.matchKey)) { return nil }
            return v
        }
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let p = try req.content.decode(Posted.self)
        let form = ActivitiesPage.Form(
            date: p.date ?? "", type: p.type ?? "", title: p.title ?? "", duration: p.duration ?? "",
            place: p.place ?? "",
            remote: p.remote == "1", participants: p.participants ?? "", topics: p.topics ?? [],
            couloirs: p.couloirs ?? [],
            territories: p.territories ?? "", structures: p.structures ?? "", organisers: p.organisers ?? "",
            notes: p.notes ?? "",
            followups: p.followups ?? "")
        func list(_ s: String, _ separators: (Character) -> Bool) -> [String] {
            s.split(whereSeparator: separators).map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
        }
        var lines = list(form.structures, \.isNewline)
        if let file = p.structures_file, file.data.readableBytes > 0 {
            do { lines += try keys(of: file) } catch let e as ServiceError {
                return .html(ActivitiesPage.renderForm(form, error: e.message), status: e.status)
            }
        }
        // Bounded before each line is looked up, not after.
        do {
            try ServiceError.checkCount(
                lines.count, limit: ActivityService.Limits.structures, label: "structures touchées", field: "structures"
            )
        } catch let e as ServiceError {
            return .html(ActivitiesPage.renderForm(form, error: e.message), status: e.status)
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
                        "Précisez \(review.count) structure(s) : un nom correspond à plusieurs structures ou à aucune."),
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
            date: form.date, type: form.type, title: form.title, duration_minutes: duration, place: form.place,
            remote: form.remote,
            participants: form.participants, notes: form.notes, topics: form.topics, couloirs: form.couloirs,
            territories: list(form.territories) { $0 == "," }, structures: structures,
            organisers: list(form.organisers) { $0 == "," },
            followups: list(form.followups, \.isNewline))
        do {
            let change = try await req.db.sqlTransaction { db in
                let r = try await ActivityService.resolve(input, on: db)
                let change = try await ActivityService.save(r, on: db, actor: req.actor)
                _ = try await ActivityService.createFollowUps(input.followups ?? [], after: r, on: db, actor: req.actor)
                return change
            }
            guard case .created(let id) = change else { return .seeOther(SiteURL.activities.path) }
            return .seeOther(SiteURL.activity(id.uuidString.lowercased()).path)
        } catch let e as ServiceError {
            return .html(ActivitiesPage.renderForm(form, error: e.message), status: e.status)
        }
    }

    @Sendable static func worklist(req: Request) async throws -> Response {
        let raw = q(req, "territoire") ?? ""
        let couloir = q(req, "couloir").flatMap { Couloir(code: $0) } ?? .es
        let notSince = q(req, "depuis").flatMap(Day.init(iso:))
        let indicator = q(req, "indicateur")
        let indicators = try await IndicatorQuery.all(on: req.sql).filter {
            [.shareOfStructures, .countOfStructures].contains($0.definition.rollup) && $0.definition.computed == nil
        }
        .map { (code: $0.code, label: $0.definition.label) }
        var model = WorklistPage.Model(
            territory: nil, territoryInput: raw, couloir: couloir, notSince: notSince, indicator: indicator,
            indicators: indicators, items: [])
        if !raw.isEmpty {
            if let code = try await ObservationLookups(req.sql).territory(raw),
                let t = try await TerritoryQuery.find(code, on: req.sql)
            {
                model.territory = t
                model.items = try await WorklistQuery.items(
                    territory: t.code, couloir: couloir, notSince: notSince, withoutService: indicator, on: req.sql)
            } else {
                model.error = "Territoire inconnu « \(raw) »."
            }
        }
        if q(req, "format") == "csv", model.territory != nil {
            return .csv(WorklistPage.csv(model), fileName: "a-toucher-\(model.territory!.code)-\(couloir.rawValue).csv")
        }
        return .html(WorklistPage.render(model), status: model.error == nil ? .ok : .notFound)
    }

    @Sendable static func ics(req: Request) async throws -> Response {
        var f = ActivityFilter()
        f.from = Day.today()
        f.perPage = 500
        let rows = try await ActivityQuery.page(f, on: req.sql).rows.sorted { $0.date < $1.date }
        let r = Response(status: .ok, body: .init(string: ActivityCalendar.ics(rows)))
        r.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        return r
    }

    @Sendable static func territories(req: Request) async throws -> Response {
        let raw = q(req, "territoire") ?? DemoRegion.region
        guard let code = try await ObservationLookups(req.sql).territory(raw),
            let t = try await TerritoryQuery.find(code, on: req.sql)
        else {
            throw Abort(.notFound, reason: "Territoire inconnu « \(raw.prefix(40)) ».")
        }
        let since = q(req, "depuis").flatMap(Day.init(iso:))
        let at = q(req, "date").flatMap(Day.init(iso:)) ?? Day.today()
        let list = try await ReachQuery.territories(around: t, on: req.sql)
        let table = try await ReachQuery.table(territories: list.map(\.code), since: since, at: at, on: req.sql)
        var rows: [(territory: Territory, actions: Int, reach: [Couloir: ReachQuery.Reach])] = []
        for x in list {
            rows.append(
                (
                    x, try await ReachQuery.actions(territory: x.code, since: since, at: at, on: req.sql),
                    table[x.code] ?? [:]
                ))
        }
        let topics = try await ReachQuery.perTopic(territory: t.code, since: since, at: at, on: req.sql)
        let mapCouloir = q(req, "couloir").flatMap { Couloir(code: $0) } ?? .es
        let areas: [DepartementMap.Area] = rows.filter { $0.territory.kind == .departement }.compactMap { r in
            guard let reach = r.reach[mapCouloir], let share = reach.share else { return nil }
            let kind = share >= 0.75 ? "success" : share >= 0.5 ? "info" : share >= 0.25 ? "warning" : "error"
            return .init(
                code: r.territory.insee, colour: DepartementMap.colour(kind),
                title:
                    "\(r.territory.name) : \(Format.percent(share)) des structures \(mapCouloir.rawValue) touchées (\(reach.reached) / \(reach.open))"
            )
        }
        let map =
            areas.isEmpty
            ? nil
            : DepartementMap.render(
                areas, publicDirectory: req.application.config.publicDirectory,
                caption: "Carte des départements — structures \(mapCouloir.rawValue) touchées")
        return .html(
            ActivityTerritoriesPage.render(
                .init(territory: t, rows: rows, topics: topics, since: since, at: at, map: map, mapCouloir: mapCouloir))
        )
    }

    @Sendable static func calendar(req: Request) async throws -> Response {
        let month =
            q(req, "mois").flatMap { Period($0) }.flatMap { p -> Day? in
                if case .month(let y, let m) = p { Day(y, m, 1) } else { nil }
            }
            .flatMap { ValueBounds.accepts($0) ? $0 : nil } ?? Day.today()
        var f = ActivityFilter()
        f.from = Day(month.year, month.month, 1)
        f.to = Day.endOfMonth(month.year, month.month)
        f.perPage = 2_000
        let rows = try await ActivityQuery.page(f, on: req.sql).rows.sorted {
            ($0.date, $0.title) < ($1.date, $1.title)
        }
        return .html(ActivityMonthPage.render(month: month, rows: rows))
    }

    @Sendable static func report(req: Request) async throws -> Response {
        let from = q(req, "du").flatMap(Day.init(iso:))
        let to = q(req, "au").flatMap(Day.init(iso:))
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
        } catch let e as ServiceError {
            guard let d = try await ActivityQuery.find(id, on: req.sql) else {
                throw Abort(.notFound, reason: "Activité inconnue.")
            }
            return .html(ActivitiesPage.renderDetail(d, error: e.message), status: e.status)
        }
        return .seeOther(SiteURL.activity(id.uuidString.lowercased()).path)
    }

    @Sendable static func attachment(req: Request) async throws -> Response {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? ""),
            let fid = UUID(uuidString: req.parameters.get("file") ?? ""),
            let f = try await ActivityAttachments.file(fid, activity: id, on: req.sql)
        else { throw Abort(.notFound, reason: "Pièce jointe inconnue.") }
        let r = Response(status: .ok, body: .init(data: f.data))
        r.headers.replaceOrAdd(name: .contentType, value: f.type)
        let ascii = String(f.name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded =
            f.name.addingPercentEncoding(
                withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ascii
        r.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        r.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return r
    }
}

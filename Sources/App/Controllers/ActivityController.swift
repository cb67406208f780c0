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
        var model = try await ActivityIndex.query(try await filter(req), on: req.sql)
        model.message = req.trimmedQueryText("ok").map { _ in "Activité enregistrée." }
        return .html(ActivityIndex.render(model))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? ""),
            let model = try await ActivityShow.query(id: id, on: req.sql)
        else {
            throw Abort(.notFound, reason: "Activité inconnue.")
        }
        return .html(ActivityShow.render(model))
    }

    @Sendable static func newForm(req: Request) async throws -> Response {
        .html(
            ActivityEdit.render(
                try await ActivityEdit.query(
                    type: req.trimmedQueryText("type").flatMap(ActivityType.init(text:)),
                    structure: req.trimmedQueryText("structure"), territory: req.trimmedQueryText("territoire"),
                    today: Day.today(), on: req.sql)))
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
        let form = ActivityEdit.Form(
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
                return .html(ActivityEdit.render(.init(form: form, error: error.message)), status: error.status)
            }
        }
        // Bounded before each line is looked up, not after.
        do {
            try ServiceError.checkCount(
                lines.count, limit: ActivityService.Limits.structures, label: "structures touchées", field: "structures"
            )
        } catch let error as ServiceError {
            return .html(ActivityEdit.render(.init(form: form, error: error.message)), status: error.status)
        }
        let (structures, review) = try await ActivityEdit.reached(
            lines, choices: { try? req.content.get(String.self, at: "choix_\($0)") }, on: req.sql)
        if !review.isEmpty {
            var again = form
            again.structures = lines.joined(separator: "\n")
            again.review = review
            return .html(
                ActivityEdit.render(
                    .init(
                        form: again,
                        error:
                            "Précisez \(review.count) structure(s) : "
                            + "un nom correspond à plusieurs structures ou à aucune.")),
                status: .unprocessableEntity)
        }
        guard let duration = form.duration.isEmpty ? Optional<Int?>.some(nil) : Int(form.duration).map(Optional.some)
        else {
            return .html(
                ActivityEdit.render(
                    .init(
                        form: form,
                        error: "Durée illisible « \(form.duration.prefix(20)) » (un nombre de minutes).")),
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
            return .html(ActivityEdit.render(.init(form: form, error: error.message)), status: error.status)
        }
    }

    @Sendable static func worklist(req: Request) async throws -> Response {
        let couloir = req.trimmedQueryText("couloir").flatMap { Couloir(code: $0) } ?? .es
        let model = try await ActivityWorklist.query(
            territory: req.trimmedQueryText("territoire") ?? "", couloir: couloir,
            notSince: req.trimmedQueryText("depuis").flatMap(Day.init(iso:)),
            indicator: req.trimmedQueryText("indicateur"), on: req.sql)
        if req.trimmedQueryText("format") == "csv", let territory = model.territory {
            return .csv(ActivityWorklist.csv(model), fileName: "a-toucher-\(territory.code)-\(couloir.rawValue).csv")
        }
        return .html(ActivityWorklist.render(model), status: model.error == nil ? .ok : .notFound)
    }

    @Sendable static func ics(req: Request) async throws -> Response {
        var filter = ActivityFilter()
        filter.from = Day.today()
        filter.perPage = 500
        let rows = try await ActivityQuery.page(filter, on: req.sql).rows.sorted { $0.date < $1.date }
        let response = Response(status: .ok, body: .init(string: ActivityCalendarExport.ics(rows)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        return response
    }

    @Sendable static func territories(req: Request) async throws -> Response {
        let raw = req.trimmedQueryText("territoire") ?? DemoRegion.region
        guard
            let model = try await ActivityTerritories.query(
                territory: raw, since: req.trimmedQueryText("depuis").flatMap(Day.init(iso:)),
                at: req.trimmedQueryText("date").flatMap(Day.init(iso:)) ?? Day.today(),
                mapCouloir: req.trimmedQueryText("couloir").flatMap { Couloir(code: $0) } ?? .es,
                publicDirectory: req.application.config.publicDirectory, on: req.sql)
        else {
            throw Abort(.notFound, reason: "Territoire inconnu « \(raw.prefix(40)) ».")
        }
        return .html(ActivityTerritories.render(model))
    }

    @Sendable static func calendar(req: Request) async throws -> Response {
        let month =
            req.trimmedQueryText("mois").flatMap { Period($0) }.flatMap { period -> Day? in
                if case .month(let year, let month) = period { Day(year, month, 1) } else { nil }
            }
            .flatMap { ValueBounds.accepts($0) ? $0 : nil } ?? Day.today()
        return .html(ActivityCalendar.render(try await ActivityCalendar.query(month: month, on: req.sql)))
    }

    @Sendable static func report(req: Request) async throws -> Response {
        .html(
            ActivityReport.render(
                try await ActivityReport.query(
                    from: req.trimmedQueryText("du").flatMap(Day.init(iso:)),
                    to: req.trimmedQueryText("au").flatMap(Day.init(iso:)), on: req.sql)))
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
            guard var model = try await ActivityShow.query(id: id, on: req.sql) else {
                throw Abort(.notFound, reason: "Activité inconnue.")
            }
            model.error = error.message
            return .html(ActivityShow.render(model), status: error.status)
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

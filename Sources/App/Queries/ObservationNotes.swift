import Foundation
import JalonCore
import SQLKit

/// What a value says besides its number: the comment given with it, a qualitative indicator's text
/// photo and the status its pilote gave. Read for a territory's own values, at a date.
enum ObservationNotes {
    struct Note: Sendable, Equatable {
        var periodEnd: Day
        var text: String?
        var assessedStatus: JalonCore.Progress.Status?
        var comment: String
    }

    /// The latest note on or before `at` of each indicator × couloir, for the territory's own values.
    static func latest(codes: [String], territory: String, at: Day, on db: any SQLDatabase) async throws
        -> [SeriesKey: Note]
    {
        guard !codes.isEmpty else { return [:] }
        struct NoteRow: Decodable {
            var indicatorCode: String
            var couloir: String
            var periodEnd: String
            var textValue: String?
            var assessedStatus: String?
            var comment: String
        }
        let rows = try await db.select()
            .columns("indicator_code", "couloir", "period_end", "text_value", "assessed_status", "comment")
            .from("observations")
            .where("subject", .equal, "T:" + territory).where("indicator_code", .in, codes.sorted())
            .where("period_end", .lessThanOrEqual, at.iso)
            .where { group in
                group.where(SQLIdentifier("text_value"), .isNot, SQLLiteral.null)
                    .orWhere(SQLIdentifier("assessed_status"), .isNot, SQLLiteral.null)
                    .orWhere("comment", .notEqual, "")
            }
            .orderBy("period_end").all(decoding: NoteRow.self, with: .snakeCase)
        var notes: [SeriesKey: Note] = [:]
        for row in rows {
            guard let end = Day(iso: row.periodEnd) else { continue }
            notes[SeriesKey(indicator: row.indicatorCode, couloir: row.couloir)] = Note(
                periodEnd: end, text: row.textValue,
                assessedStatus: row.assessedStatus.flatMap(JalonCore.Progress.Status.init),
                comment: row.comment)
        }
        return notes
    }

    /// Applies a note to what a steering row shows: the text photo stands for the value when it is the
    /// latest, the pilote's status for the computed one, the comment beside the value it came with.
    static func apply(
        _ note: Note?, value: inout String, valueDate: inout String, status: inout JalonCore.Progress.Status,
        comment: inout String, shownDate: Day?
    ) {
        guard let note else { return }
        let isLatest = shownDate.map { note.periodEnd >= $0 } ?? true
        guard isLatest else { return }
        if let text = note.text {
            value = text
            valueDate = Format.date(iso: note.periodEnd.iso)
        }
        if let assessed = note.assessedStatus { status = assessed }
        comment = note.comment
    }
}

import Foundation
import JalonCore
import SQLKit

/// The series of an indicator computed from a funding programme's applications (O3-23 … O3-34), month by month
/// from the first application to the current month, for the structures of a territory and couloir. Statuses
/// are taken as they stood at each month's end, from the status in force and the ones it replaced.
enum ProgrammeSeries {
    static func series(
        _ measure: ProgrammeMeasure, territory: Territory, couloir: Couloir, today: Day = .today(),
        on db: any SQLDatabase
    ) async throws -> ProgressQuery.Series {
        let provenance = "calculé depuis les candidatures au programme \(measure.programme) : \(measure.label)"
        guard let programme = try await ProgrammeQuery.find(measure.programme, on: db) else {
            return .init(points: [], provenance: provenance + " (programme non installé)", isOwn: false)
        }
        let domains = try await ProgrammeQuery.domains(of: programme.id, on: db).filter {
            measure.keeps(domainCode: $0.code, volet: $0.volet)
        }
        let scope = ReachQuery.scope(couloir, territory.code)
        let subjects = try await subjects(programme.id, domains: Set(domains.map(\.id)), scope: scope, on: db)
        guard let first = subjects.compactMap(\.timeline.filedOn).min() else {
            return .init(points: [], provenance: provenance, isOwn: false)
        }
        let last = subjects.compactMap { $0.timeline.events.last?.on }.max() ?? first
        let eligible =
            [.applicantShare, .targetsReachedShare].contains(measure.kind)
            ? Set(try await ProgrammeStats.eligibility(domains, scope: scope, on: db).values.joined()).count : 0
        let domainEnvelopes = domains.compactMap(\.envelopeCents)
        let envelope =
            measure.scope == nil
            ? programme.envelopeCents ?? (domainEnvelopes.isEmpty ? nil : domainEnvelopes.reduce(0, +))
            : (domainEnvelopes.isEmpty ? nil : domainEnvelopes.reduce(0, +))
        let points = ProgrammeSeriesMath.points(
            measure.kind, subjects: subjects, eligible: eligible, envelopeCents: envelope,
            months: ActivitySeries.months(from: first, to: max(today, last)))
        let detail =
            switch measure.kind {
            case .applicantShare, .targetsReachedShare: " (\(eligible) éligibles)"
            case .envelopeUsed: envelope.map { " (enveloppe " + Money.french($0) + ")" } ?? " (enveloppe non saisie)"
            default: ""
            }
        return .init(points: points, provenance: provenance + detail, isOwn: false)
    }

    struct DomainRow: Decodable {
        var id: UUID
        var domainID: UUID
        var status, statusOn: String
        var amountCents: Int64?
        var closesOn: String?
        var structureID: UUID
    }

    struct ReplacedRow: Decodable {
        var applicationDomainID: UUID
        var status, statusOn: String
        var amountCents: Int64?
    }

    /// One subject per application × domain whose applicant (or a member of its grappe) is in the scope.
    static func subjects(_ programme: UUID, domains: Set<UUID>, scope: SQLQueryString, on db: any SQLDatabase)
        async throws -> [ProgrammeSeriesMath.Subject]
    {
        let rows = try await db.raw(
            """
            SELECT d.id, d.domain_id, d.status, d.status_on, d.amount_cents, w.closes_on, s.id AS structure_id
            FROM application_domains d JOIN applications a ON a.id = d.application_id
            JOIN programme_windows w ON w.id = a.window_id
            JOIN (\(ProgrammeQuery.applicantStructures)) ap ON ap.application_id = a.id
            JOIN structures s ON s.id = ap.structure_id
            WHERE a.programme_id = \(bind: programme) AND 
            """ + scope
        ).all(decoding: DomainRow.self, with: .snakeCase).filter { domains.contains($0.domainID) }
        let replaced = Dictionary(
            grouping: try await db.raw(
                """
                SELECT h.application_domain_id, h.status, h.status_on, h.amount_cents
                FROM application_domain_history h JOIN application_domains d ON d.id = h.application_domain_id
                JOIN applications a ON a.id = d.application_id
                WHERE a.programme_id = \(bind: programme) ORDER BY h.changed_at
                """
            ).all(decoding: ReplacedRow.self, with: .snakeCase), by: \.applicationDomainID)
        return Dictionary(grouping: rows, by: \.id).values.compactMap { members in
            let current = members[0]
            let earlier = (replaced[current.id] ?? []).compactMap { row in
                event(row.status, row.statusOn, row.amountCents)
            }
            guard let now = event(current.status, current.statusOn, current.amountCents) else { return nil }
            return ProgrammeSeriesMath.Subject(
                structures: members.map { $0.structureID.uuidString },
                timeline: ApplicationTimeline(events: earlier + [now]),
                decisionDue: current.closesOn.flatMap(Day.init(iso:))?.addingMonths(
                    ProgrammeMeasure.instructionMonths))
        }.sorted { ($0.timeline.filedOn ?? Day(1, 1, 1)) < ($1.timeline.filedOn ?? Day(1, 1, 1)) }
    }

    private static func event(_ status: String, _ on: String, _ amount: Int64?) -> ApplicationTimeline.Event? {
        guard let status = ApplicationStatus(rawValue: status), let day = Day(iso: on) else { return nil }
        return .init(on: day, status: status, amountCents: amount)
    }
}

import Foundation
import JalonCore
import SQLKit

/// What a programme's applications add up to, for one window or all: per domain the eligible structures (from
/// the rule), those that filed, were validated, refused or postponed, with their rates over the eligible and the
/// amounts against the envelope; the validated applicants per TAN (or département) and per legal status, as
/// seed 000 prints them.
enum ProgrammeStats {
    struct DomainRow: Sendable, Equatable {
        var domain: ProgrammeQuery.Domain
        var eligible, filed, validated, refused, postponed: Int
        var committedCents, paidCents: Int64

        var filedRate: Double? { eligible > 0 ? Double(filed) / Double(eligible) : nil }
        var validatedRate: Double? { eligible > 0 ? Double(validated) / Double(eligible) : nil }
        var envelopeLeftCents: Int64? { domain.envelopeCents.map { $0 - committedCents } }
    }

    struct GroupRow: Sendable, Equatable {
        var code, label: String
        var validated: Int
    }

    struct Table: Sendable, Equatable {
        var window: Int?
        var domains: [DomainRow]
        /// Structures that applied (to at least one domain) and those with at least one domain validated.
        var applicants, validatedApplicants, refusedApplicants: Int
        var groupingLabel: String
        var byTerritory: [GroupRow]
        var byLegalStatus: [GroupRow]
    }

    struct ApplicationRow: Decodable {
        /// The application × domain.
        var id: UUID
        var structureID: UUID
        var domainID: UUID
        var status: String
        var amountCents: Int64?
        var paidCents: Int64?
        var communeCode: String?
        var legalStatus: String?
    }

    static func table(_ programme: ProgrammeQuery.Programme, window: Int?, on db: any SQLDatabase) async throws
        -> Table
    {
        let domains = try await ProgrammeQuery.domains(of: programme.id, on: db)
        let windowID = try await window.asyncMap { number in
            try await ProgrammeQuery.windows(of: programme.id, on: db).first { $0.number == number }?.id
        }
        let rows = try await db.raw(
            """
            SELECT d.id, ap.structure_id, d.domain_id, d.status, d.amount_cents, d.paid_cents, s.commune_code,
                   le.legal_status
            FROM application_domains d JOIN applications a ON a.id = d.application_id
            JOIN (\(ProgrammeQuery.applicantStructures)) ap ON ap.application_id = a.id
            JOIN structures s ON s.id = ap.structure_id
            LEFT JOIN legal_entities le ON le.finess_ej = s.finess_ej
            WHERE a.programme_id = \(bind: programme.id)
            """
                + (windowID.map { " AND a.window_id = \(bind: $0 ?? UUID())" } ?? "")
        ).all(decoding: ApplicationRow.self, with: .snakeCase)
        let eligible = try await eligibleCounts(domains, on: db)
        let domainRows = domains.map { domain in
            let mine = rows.filter { $0.domainID == domain.id }
            func count(_ keep: (ApplicationStatus) -> Bool) -> Int {
                Set(mine.filter { ApplicationStatus(rawValue: $0.status).map(keep) ?? false }.map(\.structureID)).count
            }
            // A grappe's application × domain shows once per member: its amounts count once.
            let once = Dictionary(mine.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }).values
            let validated = once.filter { ApplicationStatus(rawValue: $0.status)?.isValidated == true }
            return DomainRow(
                domain: domain, eligible: eligible[domain.id] ?? 0, filed: Set(mine.map(\.structureID)).count,
                validated: count(\.isValidated), refused: count { $0 == .refused },
                postponed: count { $0 == .postponed },
                committedCents: validated.reduce(0) { $0 + ($1.amountCents ?? 0) },
                paidCents: once.reduce(0) { $0 + ($1.paidCents ?? 0) })
        }
        let byStructure = Dictionary(grouping: rows, by: \.structureID)
        let validatedStructures = byStructure.filter { _, domains in
            domains.contains { ApplicationStatus(rawValue: $0.status)?.isValidated == true }
        }
        let refused = byStructure.filter { _, domains in
            domains.allSatisfy { ApplicationStatus(rawValue: $0.status) == .refused }
        }
        let (label, territories) = try await groupedTerritories(on: db)
        let communes = try await Actor.communesByTerritory(of: territories.map(\.code), on: db)
        let byTerritory = territories.map { territory in
            GroupRow(
                code: territory.code, label: territory.name,
                validated: validatedStructures.values.filter { domains in
                    domains.first?.communeCode.map { communes[territory.code]?.contains($0) == true } == true
                }.count)
        }
        let groups = validatedStructures.values.map { LegalStatusGroup(finessCode: $0.first?.legalStatus ?? "") }
        let byLegalStatus = LegalStatusGroup.allCases.compactMap { group -> GroupRow? in
            let count = groups.filter { $0 == group }.count
            return group == .unknown && count == 0
                ? nil : GroupRow(code: group.rawValue, label: group.label, validated: count)
        }
        return Table(
            window: window, domains: domainRows, applicants: byStructure.count,
            validatedApplicants: validatedStructures.count, refusedApplicants: refused.count, groupingLabel: label,
            byTerritory: byTerritory, byLegalStatus: byLegalStatus)
    }

    /// Open structures of the région each domain's rule admits.
    static func eligibleCounts(_ domains: [ProgrammeQuery.Domain], on db: any SQLDatabase) async throws -> [UUID: Int] {
        // The région's structures only, when a FINESS extract holds more (a national file).
        let scope: SQLQueryString =
            if let region = try await regionCode(on: db) {
                "s.closed_on IS NULL AND s.commune_code IN (\(TerritoryQuery.communes(of: region)))"
            } else {
                "s.closed_on IS NULL"
            }
        return try await eligibility(domains, scope: scope, on: db).mapValues(\.count)
    }

    /// The structures of a scope (an SQL condition over `structures s`) each domain's rule admits.
    static func eligibility(_ domains: [ProgrammeQuery.Domain], scope: SQLQueryString, on db: any SQLDatabase)
        async throws -> [UUID: Set<UUID>]
    {
        struct StructureRow: Decodable {
            var id: UUID
            var couloir, categoryCode, finessEJ: String
            var finessET: String?

            enum CodingKeys: String, CodingKey {
                case id, couloir
                case categoryCode = "category_code"
                case finessEJ = "finess_ej"
                case finessET = "finess_et"
            }
        }
        struct FlagRow: Decodable {
            var structureID: UUID
            var flag: String
        }
        let structures = try await db.raw(
            "SELECT s.id, s.couloir, s.category_code, s.finess_ej, s.finess_et FROM structures s WHERE " + scope
        ).all(decoding: StructureRow.self)
        let flags = Dictionary(
            grouping: try await db.select().columns("structure_id", "flag").from("structure_flags")
                .all(decoding: FlagRow.self, with: .snakeCase), by: \.structureID
        ).mapValues { Set($0.map { $0.flag.uppercased() }) }
        var eligible: [UUID: Set<UUID>] = [:]
        for domain in domains {
            let rule = (try? EligibilityRule.parse(domain.rule)) ?? EligibilityRule()
            eligible[domain.id] = Set(
                structures.filter { structure in
                    rule.admits(
                        .init(
                            couloir: structure.couloir, category: structure.categoryCode,
                            finessET: structure.finessET, finessEJ: structure.finessEJ,
                            flags: flags[structure.id] ?? []))
                }.map(\.id))
        }
        return eligible
    }

    /// The région Jalon serves: the current roadmap's, else the one its découpages belong to.
    static func regionCode(on db: any SQLDatabase) async throws -> String? {
        let roadmaps = try await RoadmapQuery.all(on: db)
        if let region = RoadmapQuery.current(roadmaps, today: Day.today())?.regionCode ?? roadmaps.first?.regionCode {
            return region
        }
        return try await DecoupageQuery.all(on: db).compactMap(\.regionCode).first
    }

    /// The TAN of the region when it has that découpage, its départements otherwise.
    static func groupedTerritories(on db: any SQLDatabase) async throws -> (String, [Territory]) {
        let decoupages = try await DecoupageQuery.all(on: db)
        if let tan = decoupages.first(where: { $0.code.uppercased().contains("TAN") }) {
            return ("TAN", try await DecoupageQuery.territories(of: tan.id, on: db))
        }
        let region = decoupages.compactMap(\.regionCode).first ?? "R32"
        return ("Département", try await TerritoryQuery.list(kind: .departement, parent: region, on: db))
    }
}

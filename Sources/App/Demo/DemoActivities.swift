import Foundation
import JalonCore
import SQLKit

/// A plausible activity log for the demonstration region, June 2021 to the month before today: visits,
/// webinars, information meetings… by the ARS, the Assurance Maladie and the GRADeS (organisations,
/// never people), each reaching demo structures of one TAN. Deterministic; loaded once.
enum DemoActivities {
    /// Organisation codes of the demo directory.
    static let organisers = ["ARS-HDF", "GRADES-HDF", "DCGDR-HDF"]
    static let topics = ["DMP", "MSS", "INS", "MES", "SEGUR", "ORDO", "APCV"]
    static let weights: [(ActivityType, Double)] = [
        (.visite, 0.35), (.reunion, 0.18), (.contact, 0.15), (.webinaire, 0.14), (.formation, 0.06),
        (.atelier, 0.06), (.stand, 0.04), (.comite, 0.02)
    ]

    struct Summary: Sendable {
        var activities: Int
        var alreadyLoaded: Bool
    }

    static func load(on db: any SQLDatabase, actor: Actor, count: Int = 420, today: Day = .today()) async throws
        -> Summary
    {
        struct StructureTANRow: Decodable {
            var id: UUID
            var territoryCode: String
            var couloir: String
        }
        let rows = try await db.raw(
            """
            SELECT s.id, tc.territory_code, s.couloir
            FROM structures s JOIN territory_communes tc ON tc.commune_code = s.commune_code
            WHERE s.is_demo = \(bind: true) AND s.closed_on IS NULL
                AND tc.territory_code IN (\(binds: DemoRegion.tans.map(\.code)))
            ORDER BY s.finess_et, tc.territory_code
            """
        ).all(decoding: StructureTANRow.self, with: .snakeCase)
        var byTAN: [String: [UUID]] = [:]
        for row in rows { byTAN[row.territoryCode, default: []].append(row.id) }
        guard !byTAN.isEmpty else { return Summary(activities: 0, alreadyLoaded: false) }
        var written = 0
        // The Ségur years, June 2021 to December 2023, in one draw.
        if try await db.count("SELECT COUNT(*) AS n FROM activities WHERE import_key LIKE 'demo:%'") == 0 {
            var rng = SplitMix64(seed: 0x5E6_0E2021)
            for number in 0..<count {
                let activity = try await draw(&rng, from: Day(2021, 6, 1), days: 945, byTAN: byTAN, on: db)
                _ = try await ActivityService.save(activity, importKey: "demo:\(number)", on: db, actor: actor)
                written += 1
            }
        }
        // Since 2024, a dozen a month up to the month before today, each month from its own draw so that
        // a month's activities are the same whenever the demo runs.
        var month = Day(2024, 1, 1)
        while month.addingMonths(1) <= Day(today.year, today.month, 1) {
            let key = "demo-\(month.iso.prefix(7))"
            if try await db.count("SELECT COUNT(*) AS n FROM activities WHERE import_key LIKE \(bind: key + ":%")") == 0
            {
                var rng = SplitMix64(seed: DemoIndicators.seed(key))
                let days = month.addingMonths(1).addingDays(-1).day
                for number in 0..<12 {
                    let activity = try await draw(&rng, from: month, days: days, byTAN: byTAN, on: db)
                    _ = try await ActivityService.save(activity, importKey: "\(key):\(number)", on: db, actor: actor)
                    written += 1
                }
            }
            month = month.addingMonths(1)
        }
        let loaded = try await db.count("SELECT COUNT(*) AS n FROM activities WHERE import_key LIKE 'demo%'")
        return Summary(activities: written == 0 ? loaded : written, alreadyLoaded: written == 0)
    }

    /// One plausible activity on a day among `days` from `start`, reaching structures of one TAN.
    static func draw(
        _ rng: inout SplitMix64, from start: Day, days: Int, byTAN: [String: [UUID]], on db: any SQLDatabase
    ) async throws -> ActivityService.Resolved {
        var pick = rng.nextDouble()
        var type = ActivityType.visite
        for (candidate, weight) in weights {
            if pick < weight {
                type = candidate
                break
            }
            pick -= weight
        }
        let tan = DemoRegion.tans[Int(rng.next() % UInt64(DemoRegion.tans.count))]
        let pool = byTAN[tan.code] ?? []
        let reach: Int =
            switch type {
            case .visite, .contact: 1 + Int(rng.next() % 2)
            case .webinaire: 6 + Int(rng.next() % 20)
            case .reunion, .atelier, .formation: 3 + Int(rng.next() % 10)
            case .stand, .evenement: 2 + Int(rng.next() % 6)
            case .comite, .campagne: Int(rng.next() % 3)
            }
        var structures: [(id: UUID, attendees: String)] = []
        for _ in 0..<min(reach, pool.count) {
            let id = pool[Int(rng.next() % UInt64(pool.count))]
            if !structures.contains(where: { $0.id == id }) { structures.append((id, "")) }
        }
        let topic = topics[Int(rng.next() % UInt64(topics.count))]
        let date = start.addingDays(Int(rng.next() % UInt64(days)))
        let regional = type == .webinaire || type == .comite
        return ActivityService.Resolved(
            date: date, type: type,
            title: "\(type.label) \(topic) — \(regional ? "Hauts-de-France" : "TAN \(tan.name)")",
            durationMinutes: type == .contact ? 30 : 90, place: type == .webinaire ? "" : "TAN \(tan.name)",
            remote: type == .webinaire,
            participants: structures.count + Int(rng.next() % UInt64(max(structures.count, 1) * 2 + 1)),
            notes: "Démonstration",
            topics: [topic], couloirs: [], territories: [regional ? DemoRegion.region : tan.code],
            structures: structures,
            organisers: [
                try await ActivityService.organiser(organisers[Int(rng.next() % UInt64(organisers.count))], on: db)
            ])
    }
}

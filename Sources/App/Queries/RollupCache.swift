import Foundation
import JalonCore
import SQLKit

/// Reads and invalidates the roll-up layer (`rollup_cache`). Invalidation is deliberately
/// conservative: a write on a territory drops the cached series of every territory that shares a
/// commune with it, which includes every territory whose value can depend on it.
enum RollupCache {
    /// A point of a stored series, under the one-letter JSON keys the `series` column was written with.
    struct Point: Codable, Equatable {
        var period: String
        var value: Double?
        var numerator: Double?
        var denominator: Double?
        var notProvided: Bool?

        enum CodingKeys: String, CodingKey {
            case period = "p"
            case value = "v"
            case numerator = "n"
            case denominator = "d"
            case notProvided = "x"
        }

        init(_ observation: ObservationPoint) {
            period = observation.period.description
            value = observation.value
            numerator = observation.numerator
            denominator = observation.denominator
            notProvided = observation.notProvided ? true : nil
        }
        var point: ObservationPoint? {
            Period(period).map {
                ObservationPoint(
                    period: $0, value: value, numerator: numerator, denominator: denominator,
                    notProvided: notProvided ?? false)
            }
        }
    }

    /// What the progress engine needs besides targets: the series used, and the parts' series when
    /// the territory has its own values (for the inconsistency check).
    struct Entry: Codable, Equatable {
        var points: [Point]
        var provenance: String
        var isOwn: Bool
        var parts: [Point]?

        var series: ProgressQuery.Series {
            .init(points: points.compactMap(\.point), provenance: provenance, isOwn: isOwn)
        }
        var partsSeries: [ObservationPoint]? { parts?.compactMap(\.point) }
    }

    static func get(indicators: [String], territory: String, on db: any SQLDatabase) async throws
        -> [SeriesKey: Entry]
    {
        guard !indicators.isEmpty else { return [:] }
        struct CachedRow: Decodable {
            var indicatorCode: String
            var couloir: String
            var series: String
        }
        let rows = try await db.select().columns("indicator_code", "couloir", "series").from("rollup_cache")
            .where("territory_code", .equal, territory).where("indicator_code", .in, indicators)
            .all(decoding: CachedRow.self, with: .snakeCase)
        var entries: [SeriesKey: Entry] = [:]
        for row in rows {
            if let entry = try? JSONDecoder().decode(Entry.self, from: Data(row.series.utf8)) {
                entries[SeriesKey(indicator: row.indicatorCode, couloir: row.couloir)] = entry
            }
        }
        return entries
    }

    static func epoch(on db: any SQLDatabase) async throws -> Int {
        struct EpochRow: Decodable { var epoch: Int }
        return try await db.select().column("epoch").from("rollup_epoch").where("id", .equal, 1).first(
            decoding: EpochRow.self)?.epoch ?? 0
    }

    /// Stores a series computed while the epoch was `epoch`; nothing is stored if a write invalidated since.
    static func put(
        _ entry: Entry, indicator: String, territory: String, couloir: Couloir, epoch: Int, on db: any SQLDatabase
    ) async throws {
        let json = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO rollup_cache (indicator_code, territory_code, couloir, series, updated_at)
            SELECT \(bind: indicator), \(bind: territory), \(bind: couloir.rawValue), \(bind: json), \(bind: Date())
            WHERE (SELECT epoch FROM rollup_epoch WHERE id = 1) = \(bind: epoch)
            ON CONFLICT (indicator_code, territory_code, couloir) DO NOTHING
            """
        ).run()
    }

    static func bump(on db: any SQLDatabase) async throws {
        try await db.raw("UPDATE rollup_epoch SET epoch = epoch + 1 WHERE id = 1").run()
    }

    /// After a write of `indicator` on `territory` (or on a structure of commune `C…`): drop that
    /// indicator — and every formula indicator, which may read it — for all overlapping territories.
    static func invalidate(indicator: String, territory: String, on db: any SQLDatabase) async throws {
        try await bump(on: db)
        try await db.raw(
            """
            DELETE FROM rollup_cache
            WHERE (indicator_code = \(bind: indicator)
                   OR indicator_code IN (SELECT code FROM indicators WHERE formula IS NOT NULL))
              AND territory_code IN (\(TerritoryQuery.overlapping(territory)))
            """
        ).run()
        // A territory without communes (none should exist) is dropped directly.
        try await db.delete(from: "rollup_cache").where("indicator_code", .equal, indicator).where(
            "territory_code", .equal, territory
        ).run()
    }

    /// After a write touching so many places that tracing each costs more than recomputing: drop the
    /// indicator (and the formula indicators) everywhere.
    static func invalidate(indicator: String, on db: any SQLDatabase) async throws {
        try await bump(on: db)
        try await db.raw(
            """
            DELETE FROM rollup_cache
            WHERE indicator_code = \(bind: indicator)
               OR indicator_code IN (SELECT code FROM indicators WHERE formula IS NOT NULL)
            """
        ).run()
    }

    /// After a change of the activity log or of a funding programme's applications, windows or domains: every
    /// computed indicator, and the formulas.
    static func invalidateComputed(on db: any SQLDatabase) async throws {
        try await bump(on: db)
        try await db.raw(
            """
            DELETE FROM rollup_cache
            WHERE indicator_code IN (SELECT code FROM indicators WHERE computed IS NOT NULL OR formula IS NOT NULL)
            """
        ).run()
    }

    /// After a write or an undo: for each indicator, the places written (a territory code, `C` and
    /// the commune of a structure, or "" when unknown). Beyond `placeLimit` places the whole indicator
    /// is dropped: cheaper than tracing each place.
    static func invalidate(places: [String: Set<String>], on db: any SQLDatabase) async throws {
        for (indicator, indicatorPlaces) in places.sorted(by: { $0.key < $1.key }) {
            if indicatorPlaces.count > placeLimit || indicatorPlaces.contains("") {
                try await invalidate(indicator: indicator, on: db)
            } else {
                for place in indicatorPlaces.sorted() {
                    try await invalidate(indicator: indicator, territory: place, on: db)
                }
            }
        }
    }

    static let placeLimit = 50

    /// After writes that change many series at once: structures, territories, categories, indicator definitions.
    static func invalidateAll(on db: any SQLDatabase) async throws {
        try await bump(on: db)
        try await db.delete(from: "rollup_cache").run()
    }
}

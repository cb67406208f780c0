import Foundation
import JalonCore
import SQLKit

/// A validated snapshot locks the observations of the indicators it froze, for every period that ended
/// on or before its date: the figures a committee signed off cannot change behind its back. Indicators
/// the snapshot did not hold stay open (a new roadmap's indicators are not locked by the old one's photo).
/// An administrator may write there anyway, explicitly (`Actor.override`, with a reason), and the
/// override is audited.
enum PeriodLock {
    /// The latest validated date, whatever its indicators: what the photos page announces.
    static func current(on db: any SQLDatabase) async throws -> SnapshotLock? {
        struct LatestSnapshotRow: Decodable {
            var asOf: String
            var name: String
        }
        guard
            let latest = try await db.select().columns("as_of", "name").from("snapshots").orderBy("as_of", .descending)
                .limit(1).first(decoding: LatestSnapshotRow.self, with: .snakeCase),
            let day = Day(iso: latest.asOf)
        else { return nil }
        return SnapshotLock(until: day, name: latest.name)
    }

    /// For each of these indicators that a snapshot froze, the latest such snapshot.
    static func locks(of indicators: Set<String>, on db: any SQLDatabase) async throws -> [String: SnapshotLock] {
        guard !indicators.isEmpty else { return [:] }
        struct FrozenIndicatorRow: Decodable {
            var indicatorCode: String
            var asOf: String
            var name: String
        }
        let rows = try await db.select()
            .columns(
                SQLColumn("indicator_code", table: "si"), SQLColumn("as_of", table: "s"), SQLColumn("name", table: "s")
            )
            .from(SQLAlias(SQLIdentifier("snapshot_indicators"), as: SQLIdentifier("si")))
            .join(
                SQLAlias(SQLIdentifier("snapshots"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "s"), .equal, SQLColumn("snapshot_id", table: "si")
            )
            .where(SQLColumn("indicator_code", table: "si"), .in, SQLBind.group(indicators.sorted()))
            .all(decoding: FrozenIndicatorRow.self, with: .snakeCase)
        var locks: [String: SnapshotLock] = [:]
        for row in rows {
            guard let day = Day(iso: row.asOf) else { continue }
            if let known = locks[row.indicatorCode], known.until >= day { continue }
            locks[row.indicatorCode] = SnapshotLock(until: day, name: row.name)
        }
        return locks
    }

    static func isLocked(_ period: Period, by lock: SnapshotLock?) -> Bool {
        guard let lock else { return false }
        return period.end <= lock.until
    }

    /// The French reason a write to a locked period is refused, or nil when the actor may make it.
    static func refusal(_ period: Period, lock: SnapshotLock?, actor: Actor) -> String? {
        guard let lock, isLocked(period, by: lock) else { return nil }
        if actor.override != nil {
            return actor.grant.role == .administrateur
                ? nil : "Seul un administrateur peut déroger au verrouillage d'une période validée."
        }
        return
            "Période verrouillée : \(period.label) est couverte par la photo à date « \(lock.name) » "
            + "validée au \(Format.date(iso: lock.until.iso)). Un administrateur peut y déroger en donnant un motif."
    }

    /// Indices of planned changes (unchanged lines never count) refused by the lock, with their reason.
    static func refusals(_ plan: [ObservationService.Planned], actor: Actor, on db: any SQLDatabase) async throws
        -> [Int: String]
    {
        let changed = plan.filter { $0.change != .unchanged }
        let locks = try await locks(of: Set(changed.map(\.resolved.indicator)), on: db)
        guard !locks.isEmpty else { return [:] }
        var out: [Int: String] = [:]
        for (index, planned) in plan.enumerated() where planned.change != .unchanged {
            let lock = locks[planned.resolved.indicator]
            if let reason = refusal(planned.resolved.period, lock: lock, actor: actor) { out[index] = reason }
        }
        return out
    }

    /// The planned changes that fall in a locked period, counted per lock (for the override's audit).
    static func lockedChanges(
        _ changes: [(indicator: String, period: Period)], on db: any SQLDatabase
    ) async throws -> [(lock: SnapshotLock, count: Int, first: Period)] {
        let locks = try await locks(of: Set(changes.map(\.indicator)), on: db)
        var byLock: [String: (lock: SnapshotLock, count: Int, first: Period)] = [:]
        for change in changes {
            guard let lock = locks[change.indicator], isLocked(change.period, by: lock) else { continue }
            let key = lock.until.iso + "|" + lock.name
            var entry = byLock[key] ?? (lock, 0, change.period)
            entry.count += 1
            if change.period.end < entry.first.end { entry.first = change.period }
            byLock[key] = entry
        }
        return byLock.keys.sorted().compactMap { byLock[$0] }
    }

    /// Records an administrator's override of the lock, in the transaction of the write it allows.
    static func auditOverride(of lock: SnapshotLock, count: Int, actor: Actor, subject: String, on db: any SQLDatabase)
        async throws
    {
        guard count > 0, let reason = actor.override else { return }
        try await AuditService.record(
            db, actor: actor, action: "override", objectType: "period_lock", objectID: lock.until.iso,
            summary:
                "Dérogation au verrouillage (photo « \(lock.name) ») : "
                + "\(count) valeur(s) de périodes validées modifiée(s) par \(subject)",
            details: ["motif": reason])
    }
}

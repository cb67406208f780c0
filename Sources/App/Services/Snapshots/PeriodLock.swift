import Foundation
import JalonCore
import SQLKit

/// A validated snapshot locks the observations of every period that ended on or before its date:
/// the figures a committee signed off cannot change behind its back. An administrator may write
/// there anyway, explicitly (`Actor.override`, with a reason), and the override is audited.
enum PeriodLock {
    /// The latest validated date, if any.
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
        guard let lock = try await current(on: db) else { return [:] }
        var out: [Int: String] = [:]
        for (i, planned) in plan.enumerated() where planned.change != .unchanged {
            if let reason = refusal(planned.resolved.period, lock: lock, actor: actor) { out[i] = reason }
        }
        return out
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

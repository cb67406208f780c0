import Foundation
import SQLKit

/// Optimistic locking: every edit of a versioned row moves its version on, and an edit made from an
/// older version is refused with a French message instead of silently overwriting the newer one.
enum OptimisticVersion {
    /// Bumps `table.version` for `id`; with `expected`, only if it still is that version.
    static func bump(_ table: String, id: UUID, expected: Int?, label: String, on db: any SQLDatabase) async throws {
        struct VersionRow: Decodable { var version: Int }
        var update = db.update(table).set(SQLIdentifier("version"), to: SQLRaw("version + 1")).where("id", .equal, id)
        if let expected { update = update.where("version", .equal, expected) }
        let updated = try await update.returning("version").all(decoding: VersionRow.self)
        guard updated.isEmpty else { return }
        guard
            let current = try await db.select().column("version").from(table).where("id", .equal, id).first(
                decoding: VersionRow.self)
        else {
            throw ServiceError.notFound("\(label) n'existe plus.")
        }
        throw ServiceError.conflict(
            "\(label) a été modifié(e) par quelqu'un d'autre pendant que vous l'éditiez "
                + "(version \(expected ?? 0) → \(current.version)) : "
                + "rien n'a été enregistré. Rechargez la page pour voir ses changements, puis refaites les vôtres.")
    }
}

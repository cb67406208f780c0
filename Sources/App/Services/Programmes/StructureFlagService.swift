import Foundation
import JalonCore
import SQLKit

/// Flags on structures that programmes' eligibility rules read (`drapeau: PMSI`): PMSI activity, a CRO bonus,
/// a biology laboratory, imaging. A flag is stated whole — the structures it holds, exactly. The one place that
/// writes `structure_flags`; runs in the caller's transaction.
enum StructureFlagService {
    /// `PMSI`, `CRO`, `BIO`, `RADIO`…: letters, digits and dashes, upper-cased.
    static func flag(_ written: String) throws -> String {
        let flag = written.trimmedSpaces.uppercased()
        guard !flag.isEmpty, flag.count <= 20, flag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw ServiceError.invalid(
                "Drapeau « \(written.prefix(30)) » illisible (lettres, chiffres et tirets, 20 au plus).",
                field: "drapeau")
        }
        return flag
    }

    static func holders(of flag: String, on db: any SQLDatabase) async throws -> Set<UUID> {
        struct HolderRow: Decodable { var structureID: UUID }
        return Set(
            try await db.select().column("structure_id").from("structure_flags").where("flag", .equal, flag)
                .all(decoding: HolderRow.self, with: .snakeCase).map(\.structureID))
    }

    /// Gives the flag to exactly these structures; returns how many gained and lost it.
    @discardableResult
    static func set(_ flag: String, structures: Set<UUID>, on db: any SQLDatabase, actor: Actor) async throws
        -> (gained: Int, lost: Int)
    {
        try await actor.authorize(.regional, on: db)
        let before = try await holders(of: flag, on: db)
        let gained = structures.subtracting(before)
        let lost = before.subtracting(structures)
        guard !gained.isEmpty || !lost.isEmpty else { return (0, 0) }
        for structure in gained.sorted(by: { $0.uuidString < $1.uuidString }) {
            try await db.insert(into: "structure_flags").columns("structure_id", "flag")
                .values(SQLBind(structure), SQLBind(flag)).run()
        }
        let leaving = lost.sorted(by: { $0.uuidString < $1.uuidString })
        for start in stride(from: 0, to: leaving.count, by: 500) {
            try await db.delete(from: "structure_flags").where("flag", .equal, flag)
                .where("structure_id", .in, Array(leaving[start..<min(start + 500, leaving.count)])).run()
        }
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "structure_flag", objectID: flag,
            summary: "Drapeau \(flag) : \(structures.count) structure(s) (\(gained.count) ajoutée(s), "
                + "\(lost.count) retirée(s))")
        // Eligibility, hence the programme indicators' denominators, reads the flags.
        try await RollupCache.invalidateComputed(on: db)
        return (gained.count, lost.count)
    }
}

import Foundation
import JalonCore
import SQLKit

/// The lookups of one write, each asked of the database once: an import of a million lines names
/// the same few indicators, territories and periods over and over.
final class ObservationLookups {
    let db: any SQLDatabase
    private var indicators: [String: StoredIndicator?] = [:]
    private var territories: [String: String?] = [:]
    private var structures: [String: Structure?] = [:]
    private var periods: [String: Period?] = [:]
    /// Normalised territory name → (code, kind), loaded on the first name that is not a code.
    private var names: [String: [(code: String, kind: String)]]?

    init(_ db: any SQLDatabase) { self.db = db }

    func indicator(_ raw: String) async throws -> StoredIndicator? {
        let key = raw.trimmedSpaces
        if let hit = indicators[key] { return hit }
        let found = try await IndicatorQuery.find(key, on: db)
        indicators[key] = found
        return found
    }

    func structure(_ raw: String) async throws -> Structure? {
        if let hit = structures[raw] { return hit }
        let found = try await StructureQuery.find(raw, on: db)
        structures[raw] = found
        return found
    }

    func period(_ raw: String) -> Period? {
        if let hit = periods[raw] { return hit }
        let period = Period(raw)
        periods[raw] = period
        return period
    }

    /// A code (`R32`, `D59`, `C59350`, a custom code) or an unambiguous name (`Nord`,
    /// `Hauts-de-France`). A name shared by several territories resolves to the one that is not a
    /// commune when there is exactly one (the département "Paris" rather than the commune); otherwise
    /// the user must give the code.
    func territory(_ raw: String) async throws -> String? {
        let key = raw.trimmedSpaces
        if let hit = territories[key] { return hit }
        var code = try await TerritoryQuery.find(key, on: db)?.code
        if code == nil {
            let candidates = try await nameIndex()[key.matchKey] ?? []
            let wider = candidates.filter { $0.kind != TerritoryKind.commune.rawValue }
            if candidates.count == 1 {
                code = candidates[0].code
            } else if wider.count == 1 {
                code = wider[0].code
            } else if candidates.count > 1 {
                let list = candidates.prefix(5).map(\.code).joined(separator: ", ")
                throw ServiceError.invalid(
                    "Territoire ambigu « \(key.prefix(40)) » (\(list)\(candidates.count > 5 ? "…" : "")) : "
                        + "indiquez son code.",
                    field: "territoire")
            }
        }
        territories[key] = code
        return code
    }

    private func nameIndex() async throws -> [String: [(code: String, kind: String)]] {
        if let names { return names }
        struct TerritoryNameRow: Decodable { var code, name, kind: String }
        var index: [String: [(code: String, kind: String)]] = [:]
        for territory in try await db.select().columns("code", "name", "kind").from("territories")
            .all(decoding: TerritoryNameRow.self)
        {
            index[territory.name.matchKey, default: []].append((territory.code, territory.kind))
        }
        names = index
        return index
    }

}

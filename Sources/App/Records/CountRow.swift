import SQLKit

/// The row of a `SELECT COUNT(*) AS n …`: the one shape every count is read with.
struct CountRow: Decodable, Sendable {
    var count: Int

    enum CodingKeys: String, CodingKey {
        case count = "n"
    }
}

extension SQLDatabase {
    /// The count a `SELECT COUNT(*) AS n …` query returns (0 when it returns no row).
    func count(_ query: SQLQueryString) async throws -> Int {
        try await raw(query).first(decoding: CountRow.self)?.count ?? 0
    }
}

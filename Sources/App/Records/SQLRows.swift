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

extension SQLRowDecoder {
    /// Columns in snake_case (`file_name`, `batch_id`) read into camelCase properties (`fileName`,
    /// `batchID`). SQLKit's own `.convertFromSnakeCase` would look for `batch_iD`.
    static let snakeCase = SQLRowDecoder(
        keyDecodingStrategy: .custom { path in SomeCodingKey(stringValue: snakeCased(path.last!.stringValue)) })

    /// `batchID` → `batch_id`, `recordedAt` → `recorded_at`, `sha256` → `sha256`.
    static func snakeCased(_ name: String) -> String {
        let characters = Array(name)
        var snake = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if !previous.isUppercase || next?.isLowercase == true { snake.append("_") }
            }
            snake.append(contentsOf: character.lowercased())
        }
        return snake
    }
}

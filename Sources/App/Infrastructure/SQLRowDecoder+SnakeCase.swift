import SQLKit

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

/// A committee's recurring agenda, one item per line as the seeds' programme slides print it:
/// `20 min | Indicateurs de la feuille de route | ARS, GRADeS` (duration, title, speakers — optional).
public enum AgendaTemplate {
    public struct Item: Sendable, Equatable {
        public var minutes: Int
        public var title: String
        public var speakers: String

        public init(minutes: Int, title: String, speakers: String = "") {
            self.minutes = minutes
            self.title = title
            self.speakers = speakers
        }
    }

    /// One line; nil when it is not `N min | title`, with 1 to 480 minutes and a title.
    public static func item(_ line: String) -> Item? {
        let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmedSpaces }
        guard parts.count >= 2, parts.count <= 3 else { return nil }
        let duration = parts[0].lowercased().replacingOccurrences(of: "minutes", with: "")
            .replacingOccurrences(of: "min", with: "").trimmedSpaces
        guard let minutes = Int(duration), (1...480).contains(minutes), !parts[1].isEmpty else { return nil }
        return Item(minutes: minutes, title: parts[1], speakers: parts.count == 3 ? parts[2] : "")
    }

    /// Every line of a template; lines that are not items are left out.
    public static func items(_ text: String) -> [Item] {
        text.split(whereSeparator: \.isNewline).compactMap { item(String($0)) }
    }

    /// A template written back, one item per line.
    public static func text(_ items: [Item]) -> String {
        items.map { "\($0.minutes) min | \($0.title)" + ($0.speakers.isEmpty ? "" : " | \($0.speakers)") }
            .joined(separator: "\n")
    }
}

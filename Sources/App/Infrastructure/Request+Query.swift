import Vapor

extension Request {
    /// A query-string parameter as it was typed; nil when absent or empty.
    func queryText(_ name: String) -> String? {
        (try? query.get(String.self, at: name)).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A query-string parameter without its surrounding spaces, cut at `maxLength` characters so a
    /// filter never carries a pasted page back into the next one; nil when absent or blank.
    func trimmedQueryText(_ name: String, maxLength: Int = 200) -> String? {
        (try? query.get(String.self, at: name)).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap {
            $0.isEmpty ? nil : String($0.prefix(maxLength))
        }
    }
}

/// A natural key that one input may hold only once: the same observation twice in one file, in one
/// API batch or in one form is refused whatever its values, with a message naming both lines.
/// `meaning` says in French what the parts are (« même indicateur, territoire, couloir et période »).
struct ImportKey: Hashable, Sendable {
    var parts: [String]
    var meaning: String
    /// The field a refusal points at in a form or an API error.
    var field: String
}

/// The first line of every key seen so far in one input.
struct RepeatedKeys {
    private var firstLine: [ImportKey: Int] = [:]

    /// Throws the refusal of the whole input when a key was already held by an earlier line.
    /// `file` is nil for an API batch or a form.
    mutating func check(_ keys: [ImportKey], line: Int, file: String?) throws {
        for key in keys {
            if let first = firstLine[key] {
                let lines = "lignes \(first) et \(line)"
                throw ServiceError.invalid(
                    (file.map { "\($0), \(lines)" } ?? lines.prefix(1).uppercased() + lines.dropFirst())
                        + " : \(key.meaning). Une même clé ne peut figurer qu'une fois : rien n'est importé.",
                    field: key.field)
            }
            firstLine[key] = line
        }
    }
}

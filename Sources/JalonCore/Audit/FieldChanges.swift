/// The before → after of a write, field by field, as the audit trail keeps it. Only the fields
/// that changed are kept, each as `« old » → « new »`, so an object's history reads like a diff.
/// Values are cut to `limit` characters: the trail says what changed, the object holds the text.
public struct FieldChanges: Sendable, Equatable {
    public private(set) var details: [String: String] = [:]
    public let limit: Int

    public init(limit: Int = 300) { self.limit = limit }

    public var isEmpty: Bool { details.isEmpty }
    /// The changed fields' names in a stable order, for a summary line.
    public var fields: [String] { details.keys.sorted() }

    /// Records `field` if it changed; an empty value reads "(vide)".
    public mutating func compare(_ field: String, _ before: String?, _ after: String?) {
        let old = before ?? ""
        let new = after ?? ""
        guard old != new else { return }
        details[field] = "\(Self.quoted(old, limit)) → \(Self.quoted(new, limit))"
    }

    /// Records a set-valued field (territories, structures…) as what was added and removed.
    public mutating func compare<S: Sequence>(_ field: String, set before: S, _ after: S) where S.Element == String {
        let old = Set(before)
        let new = Set(after)
        guard old != new else { return }
        let added = new.subtracting(old).sorted()
        let removed = old.subtracting(new).sorted()
        var parts: [String] = []
        if !added.isEmpty { parts.append("+ " + Self.cut(added.joined(separator: ", "), limit)) }
        if !removed.isEmpty { parts.append("− " + Self.cut(removed.joined(separator: ", "), limit)) }
        details[field] = parts.joined(separator: " ; ")
    }

    /// Adds a plain fact that is not a change (a count, a reason).
    public mutating func note(_ field: String, _ value: String) { details[field] = Self.cut(value, limit) }

    static func quoted(_ value: String, _ limit: Int) -> String {
        value.isEmpty ? "(vide)" : "« \(cut(value, limit)) »"
    }

    static func cut(_ value: String, _ limit: Int) -> String {
        value.count <= limit ? value : String(value.prefix(limit)) + "…"
    }
}

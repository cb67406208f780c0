/// What changed between the photo of a committee's previous pack and this one's: values and statuses per
/// indicator, the indicators newly late, and those that entered or left the table.
public struct PhotoChanges: Sendable, Equatable {
    /// One indicator's line of a photo, as the diff needs it.
    public struct Line: Sendable, Equatable {
        public var code: String
        public var label: String
        public var value: String
        /// A `Progress.Status` raw value.
        public var status: String
        public var statusLabel: String

        public init(code: String, label: String, value: String, status: String, statusLabel: String) {
            self.code = code
            self.label = label
            self.value = value
            self.status = status
            self.statusLabel = statusLabel
        }
    }

    public struct Change: Sendable, Equatable {
        public var code: String
        public var label: String
        public var valueBefore: String
        public var valueAfter: String
        public var statusBefore: String
        public var statusAfter: String
        public var valueChanged: Bool { valueBefore != valueAfter }
        public var statusChanged: Bool { statusBefore != statusAfter }
    }

    public var changed: [Change]
    public var newlyLate: [Line]
    public var added: [Line]
    public var removed: [Line]

    public var isEmpty: Bool { changed.isEmpty && newlyLate.isEmpty && added.isEmpty && removed.isEmpty }

    /// An indicator followed by several fiches appears once per fiche; its first line counts.
    public init(previous: [Line], current: [Line], lateStatus: String = Progress.Status.enRetard.rawValue) {
        func first(_ lines: [Line]) -> [String: Line] {
            var byCode: [String: Line] = [:]
            for line in lines where byCode[line.code] == nil { byCode[line.code] = line }
            return byCode
        }
        let before = first(previous)
        let after = first(current)
        let order = current.map(\.code).reduce(into: [String]()) { codes, code in
            if !codes.contains(code) { codes.append(code) }
        }
        changed = order.compactMap { code in
            guard let old = before[code], let new = after[code], old.value != new.value || old.status != new.status
            else { return nil }
            return Change(
                code: code, label: new.label, valueBefore: old.value, valueAfter: new.value,
                statusBefore: old.statusLabel, statusAfter: new.statusLabel)
        }
        newlyLate = order.compactMap { code in
            guard let new = after[code], new.status == lateStatus, before[code]?.status != lateStatus else {
                return nil
            }
            return new
        }
        added = order.compactMap { before[$0] == nil ? after[$0] : nil }
        removed = previous.map(\.code).reduce(into: [String]()) { codes, code in
            if !codes.contains(code) { codes.append(code) }
        }.compactMap { after[$0] == nil ? before[$0] : nil }
    }
}

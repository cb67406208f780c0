/// Which structures may apply for a domain: by couloir, by FINESS category, from an explicit list of FINESS
/// numbers, or by a flag the structure carries (`PMSI`). Written one clause per line or separated by `;`:
/// `couloir: ES`, `categories: 355, 362`, `liste: 590000001, 590000002`, `drapeau: PMSI`; a structure is eligible
/// when it meets every clause written (no clause: every structure of the programme's couloirs).
public struct EligibilityRule: Sendable, Equatable {
    public var couloirs: Set<String> = []
    public var categories: Set<String> = []
    public var finess: Set<String> = []
    public var flags: Set<String> = []

    public init(
        couloirs: Set<String> = [], categories: Set<String> = [], finess: Set<String> = [], flags: Set<String> = []
    ) {
        self.couloirs = couloirs
        self.categories = categories
        self.finess = finess
        self.flags = flags
    }

    /// What is known of a structure to decide.
    public struct Facts: Sendable, Equatable {
        public var couloir: String
        public var category: String
        public var finessET: String?
        public var finessEJ: String
        public var flags: Set<String>

        public init(couloir: String, category: String, finessET: String?, finessEJ: String, flags: Set<String> = []) {
            self.couloir = couloir
            self.category = category
            self.finessET = finessET
            self.finessEJ = finessEJ
            self.flags = flags
        }
    }

    public enum ParseError: Error, Equatable {
        /// The clause that is not one, for the message.
        case unreadable(String)
    }

    public static func parse(_ text: String) throws -> EligibilityRule {
        var rule = EligibilityRule()
        for clause in text.split(whereSeparator: { $0 == ";" || $0.isNewline }) {
            let parts = clause.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else {
                if clause.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                throw ParseError.unreadable(String(clause.prefix(60)))
            }
            let values = Set(
                parts[1].split(whereSeparator: { $0 == "," || $0 == " " }).map { String($0).uppercased() })
            switch parts[0].lowercased().folding(options: [.diacriticInsensitive], locale: nil) {
            case "couloir", "couloirs": rule.couloirs.formUnion(values)
            case "categorie", "categories": rule.categories.formUnion(values)
            case "liste", "finess": rule.finess.formUnion(values)
            case "drapeau", "drapeaux", "flag": rule.flags.formUnion(values)
            default: throw ParseError.unreadable(String(clause.prefix(60)))
            }
        }
        return rule
    }

    public var text: String {
        [
            ("couloir", couloirs), ("categories", categories), ("liste", finess), ("drapeau", flags)
        ].filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1.sorted().joined(separator: ", "))" }
            .joined(separator: "; ")
    }

    public func admits(_ structure: Facts) -> Bool {
        (couloirs.isEmpty || couloirs.contains(structure.couloir.uppercased()) || admitsByGroup(structure.couloir))
            && (categories.isEmpty || categories.contains(structure.category.uppercased()))
            && (finess.isEmpty || structure.finessET.map { finess.contains($0) } == true
                || finess.contains(structure.finessEJ))
            && flags.isSubset(of: Set(structure.flags.map { $0.uppercased() }))
    }

    /// `couloir: MS` stands for its sub-couloirs (MS-PA, MS-PH, MS-AUTRES), as everywhere else.
    private func admitsByGroup(_ couloir: String) -> Bool {
        couloirs.contains { group in
            Couloir(code: group)?.members.contains { $0.rawValue == couloir.uppercased() } == true
        }
    }
}

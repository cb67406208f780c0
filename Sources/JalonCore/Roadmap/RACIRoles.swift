/// The roles one party holds for one action, as the regions write them in a cell: "R", "A/R", "R/C/I".
public struct RACIRoles: Sendable, Equatable, Hashable {
    public enum Role: Character, Sendable, CaseIterable {
        // The order a cell is written back in: "A/R" and "R/C/I" as the seeds print them.
        case accountable = "A"
        case responsible = "R"
        case consulted = "C"
        case informed = "I"
    }

    public private(set) var roles: Set<Role>

    public init(_ roles: Set<Role>) { self.roles = roles }

    public var isEmpty: Bool { roles.isEmpty }

    /// "A/R": the letters in A, R, C, I order, separated by slashes.
    public var text: String {
        Role.allCases.filter { roles.contains($0) }.map { String($0.rawValue) }.joined(separator: "/")
    }

    public struct ParseError: Error, Sendable, Equatable {
        /// What was not a role, as written.
        public var written: String

        public init(written: String) { self.written = written }
    }

    /// Reads "A/R", "a / r", "R, C, I", "RCI" or "" (no role); any other letter is refused with what
    /// was written, so that the message can name it with its cell.
    public static func parse(_ raw: String) throws -> RACIRoles {
        var roles: Set<Role> = []
        for character in raw.uppercased() {
            if character == "/" || character == "," || character == "+" || character == "-" || character.isWhitespace {
                continue
            }
            guard let role = Role(rawValue: character) else { throw ParseError(written: String(character)) }
            roles.insert(role)
        }
        return RACIRoles(roles)
    }
}

/// The five roles of issue 6. A role says *what kind* of write an account may make; its territories
/// and indicators (see `Grant`) say *where*.
public enum Role: String, CaseIterable, Sendable, Codable, Comparable {
    case administrateur, pilote, animateur, contributeur, lecteur

    public var label: String {
        switch self {
        case .administrateur: "Administrateur"
        case .pilote: "Pilote régional"
        case .animateur: "Animateur territorial"
        case .contributeur: "Contributeur"
        case .lecteur: "Lecteur"
        }
    }

    /// Accepts the code, the label, or an English alias, ignoring case and accents.
    public init?(parsing raw: String) {
        let key = raw.matchKey
        let aliases: [String: Role] = [
            "admin": .administrateur, "administrator": .administrateur, "pilot": .pilote,
            "animator": .animateur, "contributor": .contributeur, "reader": .lecteur, "viewer": .lecteur
        ]
        if let role = Role.allCases.first(where: { $0.rawValue == key || $0.label.matchKey == key }) ?? aliases[key] {
            self = role
        } else {
            return nil
        }
    }

    /// Administrateur first: the order of the account list and of the role selector.
    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The kinds of write the routes and services distinguish. Reading is open to every signed-in account.
public enum Area: String, CaseIterable, Sendable {
    /// Field activities and their attachments.
    case activities
    /// Contacts of the directory.
    case contacts
    /// Observed values, typed or imported.
    case observations
    /// Tasks of the roadmap board.
    case tasks
    /// Committees and their meetings: an animateur writes those of his territories (the COTAN).
    case committees
    /// Everything that is the région's to define: roadmap, fiches, indicators, targets, referentials,
    /// découpages, import profiles, exchange codes, organisations, merges, undoing a batch.
    case regional
    /// Accounts, tokens, the audit trail, and overriding a locked period.
    case administration

    public var label: String {
        switch self {
        case .activities: "les activités"
        case .contacts: "les contacts"
        case .observations: "les valeurs des indicateurs"
        case .tasks: "les tâches"
        case .committees: "les comités"
        case .regional: "le paramétrage régional"
        case .administration: "l'administration"
        }
    }
}

extension Role {
    /// Whether the role may write in an area at all; `Grant` then narrows it to territories or indicators.
    public func mayWrite(_ area: Area) -> Bool {
        switch (self, area) {
        case (.administrateur, _): true
        case (.pilote, .administration): false
        case (.pilote, _): true
        case (.animateur, .activities), (.animateur, .contacts), (.animateur, .observations), (.animateur, .tasks),
            (.animateur, .committees):
            true
        case (.contributeur, .observations): true
        default: false
        }
    }

    /// Whether the role's writes are confined to its territories (animateur) or indicators (contributeur).
    public var isScoped: Bool { self == .animateur || self == .contributeur }
}

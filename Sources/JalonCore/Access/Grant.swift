/// What one account (or one API token) may write, resolved once per request: its role, and for the
/// scoped roles the territories and indicators they answer for. Pure, so every rule is unit-tested;
/// the services ask it before each write and the database supplies the communes.
public struct Grant: Sendable, Equatable {
    public var role: Role
    /// Territory codes (D59, a TAN…). For an animateur: where he writes. For a contributeur: optional
    /// narrowing of his indicators to some territories (empty = the whole région).
    public var territories: Set<String>
    /// Indicator codes a contributeur enters.
    public var indicators: Set<String>

    public init(role: Role, territories: Set<String> = [], indicators: Set<String> = []) {
        self.role = role
        self.territories = territories
        self.indicators = indicators
    }

    // `operator` is a keyword, hence the underscore; App's `Actor` uses the name as it is.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    /// The unrestricted grant of the command line and of the system's own writes (demo, migrations):
    /// whoever can run `jalon` on the server can already open the database.
    public static let operator_ = Grant(role: .administrateur)

    /// Where a write lands, as far as rights are concerned.
    public struct Target: Sendable, Equatable {
        public var area: Area
        /// The communes the written object covers (a structure's commune, a territory's communes,
        /// the union of an activity's territories). nil = regional object with no territory.
        public var communes: Set<String>?
        /// True for a value about a structure rather than a territory.
        public var structureLevel: Bool
        public var indicator: String?

        public init(area: Area, communes: Set<String>? = nil, structureLevel: Bool = false, indicator: String? = nil) {
            self.area = area
            self.communes = communes
            self.structureLevel = structureLevel
            self.indicator = indicator
        }
    }

    /// Stands for the commune of an object whose commune is unknown: it belongs to no one's territories.
    public static let unlocated = "?"

    /// A role that writes in the area without territorial or indicator limits: no communes to look up.
    public func isUnrestricted(in area: Area) -> Bool { !role.isScoped && role.mayWrite(area) }

    /// nil when allowed, else the French reason. `ownCommunes` are the communes of `territories`.
    public func refusal(_ target: Target, ownCommunes: Set<String>) -> String? {
        guard role.mayWrite(target.area) else {
            return "Votre rôle (\(role.label)) ne permet pas de modifier \(target.area.label)."
        }
        switch role {
        case .animateur:
            if target.area == .observations && !target.structureLevel {
                return "Un animateur territorial saisit les valeurs des structures, pas celles des territoires."
            }
            guard let communes = target.communes, !communes.isEmpty else {
                return "Cet objet n'est rattaché à aucun territoire : seul un pilote peut le modifier."
            }
            if !communes.isSubset(of: ownCommunes) { return outside }
            return nil
        case .contributeur:
            if let indicator = target.indicator, !indicators.contains(indicator) {
                return "L'indicateur \(indicator) ne vous est pas attribué."
            }
            if target.indicator == nil {
                return "Un contributeur ne saisit que les indicateurs qui lui sont attribués."
            }
            if !territories.isEmpty {
                guard let communes = target.communes, !communes.isEmpty, communes.isSubset(of: ownCommunes) else {
                    return outside
                }
            }
            return nil
        default:
            return nil
        }
    }

    private var outside: String { "Hors de vos territoires (\(territories.sorted().joined(separator: ", ")))." }
}

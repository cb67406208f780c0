/// What a computed indicator is computed from: the activity log (the reach indicators O2-01 … O2-07) or a
/// funding programme's applications (O3-23 … O3-34). Such an indicator is never typed in.
public enum ComputedMeasure: Sendable, Equatable, Codable, CustomStringConvertible {
    case activity(ActivityMeasure)
    case programme(ProgrammeMeasure)

    /// `touchees:ES`, `actions:webinaire`, `programme:sun-es:candidats`…
    public init?(text: String) {
        if let measure = ProgrammeMeasure(text: text) {
            self = .programme(measure)
        } else if let measure = ActivityMeasure(text: text) {
            self = .activity(measure)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .activity(let measure): measure.description
        case .programme(let measure): measure.description
        }
    }

    /// Where the figures come from, in French: "le journal des activités", "les candidatures au programme sun-es".
    public var source: String {
        switch self {
        case .activity: "le journal des activités"
        case .programme(let measure): "les candidatures au programme \(measure.programme)"
        }
    }

    public var label: String {
        switch self {
        case .activity(let measure): measure.label
        case .programme(let measure): measure.label
        }
    }

    /// What a file may write in its `calcul` column, for the error message.
    public static let syntax =
        "actions, actions:<type>, actions-theme:<thème>, participants, touchees:<couloir>, "
        + "touchees-nombre:<couloir>, programme:<code>:<candidats|candidats-nombre|traites-4-mois|consommation|"
        + "finances|cibles>[:<volet ou domaine>]"
}

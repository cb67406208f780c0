enum StructureShow {
    struct Model: Sendable, Equatable {
        var structure: Structure
        var territories: [Territory]
        /// Its timeline in the activity log, most recent first.
        var activities: [ActivityRow] = []
        /// The services it already uses: structure-level "yes" answers (indicator code → label, period).
        var services: [(code: String, label: String, period: String)] = []
        /// Its people in the directory.
        var contacts: [Contact] = []
        /// Its applications to funding programmes, one line per domain.
        var applications: [ProgrammeQuery.ApplicationLine] = []
        /// Off when the région shows applications' amounts to pilotes and administrateurs only.
        var showsAmounts = true
        /// Its structure-level values that were replaced, most recent first: what they were, and by what.
        var replaced: [Replaced] = []

        static func == (lhs: Model, rhs: Model) -> Bool {
            lhs.structure == rhs.structure && lhs.territories == rhs.territories && lhs.activities == rhs.activities
                && lhs.services.map(\.code) == rhs.services.map(\.code) && lhs.replaced == rhs.replaced
                && lhs.applications == rhs.applications && lhs.showsAmounts == rhs.showsAmounts
        }
    }

    struct Replaced: Sendable, Equatable {
        var indicator: String
        var period: String
        var value: String
        var provenance: String
        var replacedBy: String
        var replacedAt: String
    }
}

enum StructureDetail {
    struct Model: Sendable, Equatable {
        var structure: Structure
        var territories: [Territory]
        /// Its timeline in the activity log, most recent first.
        var activities: [ActivityRow] = []
        /// The services it already uses: structure-level "yes" answers (indicator code → label, period).
        var services: [(code: String, label: String, period: String)] = []
        /// Its people in the directory.
        var contacts: [DirectoryQuery.Contact] = []

        static func == (a: Model, b: Model) -> Bool {
            a.structure == b.structure && a.territories == b.territories && a.activities == b.activities && a.services.map(\.code) == b.services.map(\.code)
        }
    }
}

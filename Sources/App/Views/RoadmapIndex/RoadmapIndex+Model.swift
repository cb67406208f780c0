import JalonCore

/// The roadmaps of the région, and the forms that write them: create (empty or from a template),
/// edit, archive, add an objective or a fiche.
enum RoadmapIndex {
    struct Entry: Sendable, Equatable {
        var roadmap: Roadmap
        var current: Bool
        var objectives: [(number: Int, title: String, priority: Int?)]
        var fiches: Int
        /// The fiches in their order, for the edit and move forms.
        var ficheList: [FicheLine] = []

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.roadmap == rhs.roadmap && lhs.current == rhs.current && lhs.fiches == rhs.fiches
                && lhs.objectives.map(\.number) == rhs.objectives.map(\.number) && lhs.ficheList == rhs.ficheList
        }
    }

    struct FicheLine: Sendable, Equatable {
        var code: String
        var title: String
        var service: String?
        var objective: Int?
    }

    struct Model: Sendable, Equatable {
        var entries: [Entry]
        var templates: [String]
        var message: String?
        var error: String?
    }
}

import JalonCore

/// Indicators × territories of a découpage (the HDF TAN coverage table), colour-coded by status.
enum ComparisonShow {
    struct Cell: Sendable, Equatable {
        var value: String
        var status: Progress.Status
    }
    struct Row: Sendable, Equatable {
        var code: String
        var label: String
        var couloir: String
        var cells: [Cell]
    }

    struct Model: Sendable, Equatable {
        var roadmap: Roadmap
        var roadmapChoices: [Roadmap]
        var at: Day
        var couloir: Couloir?
        /// `departements` or a découpage code.
        var grouping: String
        var groupings: [(String, String)]
        var territories: [Territory]
        var rows: [Row]

        static func == (lhs: Model, rhs: Model) -> Bool {
            lhs.roadmap == rhs.roadmap && lhs.at == rhs.at && lhs.couloir == rhs.couloir && lhs.grouping == rhs.grouping
                && lhs.territories == rhs.territories
                && lhs.rows == rhs.rows
        }
    }
}

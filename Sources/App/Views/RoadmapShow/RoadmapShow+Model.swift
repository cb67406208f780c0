import JalonCore

/// The roadmap's steering table at a date ("photo à date").
enum RoadmapShow {
    struct Row: Sendable, Equatable {
        var code: String
        var label: String
        var couloir: String
        var target: String
        var due: String
        var value: String
        var valueDate: String
        var realisation: String
        var status: Progress.Status
        var trend: [Double]
        var inconsistent: Bool
        /// Where the value comes from, frozen with it in a validated snapshot.
        var provenance: String = ""
        /// How the value moved: since the previous period, in a year, since the baseline.
        var variations = Variations()
        /// The comment given with the value shown.
        var comment = ""
    }

    struct Fiche: Sendable, Equatable {
        var code: String
        var title: String
        var rows: [Row]
    }
    struct Objective: Sendable, Equatable {
        var number: Int
        var title: String
        var fiches: [Fiche]
    }

    struct Model: Sendable, Equatable {
        var roadmap: Roadmap
        /// The roadmaps the selector offers (archived ones left out).
        var roadmapChoices: [Roadmap]
        var at: Day
        var territory: Territory
        var couloir: Couloir?
        var objectives: [Objective]
        var territoryChoices: [Territory]
        /// The optional columns of variations (`?evolutions=1`).
        var showVariations = false

        var roadmapName: String { roadmap.name }
        var rows: [Row] { objectives.flatMap { $0.fiches.flatMap(\.rows) } }
        /// "en retard / à risque" first.
        var urgent: [Row] {
            rows.filter { $0.status == .enRetard || $0.status == .aRisque }.sorted {
                ($0.status.urgency, $0.code) < ($1.status.urgency, $1.code)
            }
        }
        func count(_ status: Progress.Status) -> Int { rows.filter { $0.status == status }.count }
    }
}

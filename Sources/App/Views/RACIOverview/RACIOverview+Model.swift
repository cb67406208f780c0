import JalonCore

/// "Qui fait quoi": the RACI of every fiche of a roadmap in one crossed view — service, cible (audience),
/// type d'action — with each organisation's roles, as the cellule de coordination of seed 002 keeps it.
enum RACIOverview {
    struct Line: Sendable, Equatable {
        var service: String
        var ficheCode: String
        var ficheTitle: String
        var audience: String
        var actionNumber: Int
        var actionTitle: String
        /// Organisation code → roles ("A/R").
        var roles: [String: String]
    }

    struct Model: Sendable, Equatable {
        var roadmap: Roadmap
        var roadmapChoices: [Roadmap]
        var organisations: [String]
        var services: [String]
        var service: String?
        var audience: String?
        var lines: [Line]
    }
}

import JalonCore

/// How an indicator's values, targets, type and roll-up rule read in French.
enum IndicatorFormat {
    static func value(_ number: Double?, _ definition: IndicatorDefinition) -> String {
        guard let number else { return "—" }
        switch definition.kind {
        case .share, .rate: return Format.percent(number)
        case .boolean: return number != 0 ? "Oui" : "Non"
        case .count: return Format.decimal(number, fractionDigits: 0)
        case .perInhabitant, .qualitative: return Format.decimal(number, fractionDigits: 2)
        }
    }

    static func target(_ target: TargetPoint?, _ definition: IndicatorDefinition) -> String {
        guard let target else { return "—" }
        switch target.value {
        case .number(let number): return value(number, definition)
        case .boolean(let yes): return yes ? "Oui" : "Non"
        case .text(let text): return text
        case .notDefined: return "Non définie"
        case .upcoming: return "À venir"
        case .beingDefined: return "En cours de définition"
        }
    }

    static func ratio(_ share: Double?) -> String { share.map { Format.percent($0) } ?? "—" }

    /// DSFR badge colour of each status.
    static func badgeKind(_ status: Progress.Status) -> String {
        switch status {
        case .atteint, .enBonneVoie: "success"
        case .enRetard: "error"
        case .aRisque: "warning"
        case .enCours: "info"
        case .nonRenseigne, .sansCible: "new"
        }
    }

    /// The indicator's type as lists and pages describe it: kind, flow or stock, formula.
    static func kindLabel(_ definition: IndicatorDefinition) -> String {
        let kind =
            switch definition.kind {
            case .count: "nombre"
            case .share: "part"
            case .rate: "taux"
            case .perInhabitant: "par habitant"
            case .boolean: "oui/non"
            case .qualitative: "qualitatif"
            }
        return kind
            + (definition.nature == .flow
                ? (definition.cumulativeSince.map { ", cumulé depuis \(Format.date(iso: $0.iso))" } ?? ", flux") : "")
            + (definition.formula.map { " — formule \($0)" } ?? "")
    }

    /// How the indicator rolls up from structures and parts to a territory, in words.
    static func rollupLabel(_ rule: IndicatorDefinition.RollupRule) -> String {
        switch rule {
        case .sum: "somme"
        case .ratio: "ratio des sommes"
        case .shareOfStructures: "part des structures"
        case .countOfStructures: "nombre de structures"
        case .mean: "moyenne"
        case .min: "minimum"
        case .max: "maximum"
        case .none: "aucune"
        }
    }
}

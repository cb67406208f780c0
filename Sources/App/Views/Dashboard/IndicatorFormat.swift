import JalonCore

/// How an indicator's values and targets read in French, by its type.
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
}

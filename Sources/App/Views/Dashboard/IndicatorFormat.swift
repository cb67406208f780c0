import JalonCore

/// How an indicator's values and targets read in French, by its type.
enum IndicatorFormat {
    static func value(_ v: Double?, _ d: IndicatorDefinition) -> String {
        guard let v else { return "—" }
        switch d.kind {
        case .share, .rate: return Format.percent(v)
        case .boolean: return v != 0 ? "Oui" : "Non"
        case .count: return Format.decimal(v, fractionDigits: 0)
        case .perInhabitant, .qualitative: return Format.decimal(v, fractionDigits: 2)
        }
    }

    static func target(_ t: TargetPoint?, _ d: IndicatorDefinition) -> String {
        guard let t else { return "—" }
        switch t.value {
        case .number(let v): return value(v, d)
        case .boolean(let b): return b ? "Oui" : "Non"
        case .text(let s): return s
        case .notDefined: return "Non définie"
        case .upcoming: return "À venir"
        case .beingDefined: return "En cours de définition"
        }
    }

    static func ratio(_ v: Double?) -> String { v.map { Format.percent($0) } ?? "—" }

    /// DSFR badge colour of each status.
    static func badgeKind(_ s: Progress.Status) -> String {
        switch s {
        case .atteint, .enBonneVoie: "success"
        case .enRetard: "error"
        case .aRisque: "warning"
        case .enCours: "info"
        case .nonRenseigne, .sansCible: "new"
        }
    }
}

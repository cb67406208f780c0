import Foundation
import JalonCore
import SQLKit

/// Observations from a file — the canonical CSV or workbook, a national file read through a profile,
/// a DHIS2 data value set or an ADX message — and, through `ImportPipeline.write`, from the API and
/// the entry form. Values go through `ObservationService`: the one place that writes them.
struct ObservationImporter: Importer {
    let kind: ImportKind
    private let lookups: ObservationLookups
    private var rights: ObservationRights
    private(set) var profileLabel: String?
    /// A profile not stored yet (the profile editor's test), read instead of `options.profile`.
    var givenProfile: ImportProfile?

    init(kind: ImportKind = .observations, actor: Actor, on db: any SQLDatabase) {
        self.kind = kind
        lookups = ObservationLookups(db)
        rights = ObservationRights(actor: actor, on: db)
    }

    /// Column names accepted for each field (case, accents and spaces ignored; French or English).
    static let columns: [(field: String, names: [String])] = [
        ("indicateur", ["indicateur", "indicator"]), ("territoire", ["territoire", "territory"]),
        ("structure", ["structure", "finess", "siret", "rpps"]),
        ("couloir", ["couloir", "sector", "secteur"]), ("periode", ["periode", "période", "period"]),
        ("valeur", ["valeur", "value"]),
        ("numerateur", ["numerateur", "numérateur", "numerator"]),
        ("denominateur", ["denominateur", "dénominateur", "denominator"]),
        ("source", ["source"]), ("commentaire", ["commentaire", "comment"]), ("statut", ["statut", "status"])
    ]

    // MARK: Read and map

    mutating func read(_ file: ImportFile, on db: any SQLDatabase) async throws
        -> [ImportLine<ObservationService.Input>]
    {
        switch kind {
        case .dhis2: return try await AggregateExchange.lines(file, format: .dhis2, on: db)
        case .adx: return try await AggregateExchange.lines(file, format: .adx, on: db)
        default: break
        }
        if givenProfile != nil || file.options.profile?.isEmpty == false {
            return try await readThroughProfile(file, on: db)
        }
        return try Self.readCanonical(file)
    }

    private mutating func readThroughProfile(_ file: ImportFile, on db: any SQLDatabase) async throws
        -> [ImportLine<ObservationService.Input>]
    {
        let profile: ImportProfile
        if let givenProfile {
            profile = givenProfile
        } else {
            profile = try await ImportProfileService.require(file.options.profile ?? "", on: db)
        }
        profileLabel = "\(profile.name) v\(profile.version)"
        let records = try UploadedCSV.table(file.data, fileName: file.name, sheet: file.options.sheet ?? profile.sheet)
        let rows: [ImportProfile.Row]
        do {
            rows = try profile.apply(records, settings: file.options.settings)
        } catch let failure as ImportProfile.Failure {
            throw ServiceError.invalid(
                failure.line > 0 ? "\(file.name), \(failure.description)" : "\(file.name) : \(failure.description)")
        }
        return rows.map { row in
            func cell(_ field: String) -> String? { row.fields[field].flatMap { $0.isEmpty ? nil : $0 } }
            return ImportLine(
                number: row.line,
                input: ObservationService.Input(
                    indicator: cell("indicateur") ?? "", territory: cell("territoire"), structure: cell("structure"),
                    couloir: cell("couloir"), period: cell("periode") ?? "", value: cell("valeur"),
                    numerator: cell("numerateur"), denominator: cell("denominateur"), source: cell("source"),
                    comment: cell("commentaire"), status: cell("statut")))
        }
    }

    private static func readCanonical(_ file: ImportFile) throws -> [ImportLine<ObservationService.Input>] {
        let table = try CanonicalTable.read(file.data, fileName: file.name, columns: columns, sheet: file.options.sheet)
        for required in ["indicateur", "periode"] where !table.has(required) {
            throw ServiceError.invalid(
                "\(file.name), ligne 1 : colonne « \(required) » absente (colonnes attendues : indicateur, "
                    + "territoire ou structure, periode, valeur…).")
        }
        guard table.has("territoire") || table.has("structure") else {
            throw ServiceError.invalid("\(file.name), ligne 1 : colonne « territoire » ou « structure » absente.")
        }
        guard table.has("valeur") || (table.has("numerateur") && table.has("denominateur")) else {
            throw ServiceError.invalid(
                "\(file.name), ligne 1 : colonne « valeur » (ou « numerateur » et « denominateur ») absente.")
        }
        return table.rows.map { row in
            ImportLine(
                number: row.line,
                input: ObservationService.Input(
                    indicator: table.cell(row, "indicateur") ?? "", territory: table.cell(row, "territoire"),
                    structure: table.cell(row, "structure"), couloir: table.cell(row, "couloir"),
                    period: table.cell(row, "periode") ?? "", value: table.cell(row, "valeur"),
                    numerator: table.cell(row, "numerateur"), denominator: table.cell(row, "denominateur"),
                    source: table.cell(row, "source"), comment: table.cell(row, "commentaire"),
                    status: table.cell(row, "statut")))
        }
    }

    // MARK: Resolve, check, plan

    mutating func resolve(_ input: ObservationService.Input, on db: any SQLDatabase) async throws
        -> ObservationService.Resolved
    {
        try await ObservationService.resolve(input, using: lookups)
    }

    func keys(of resolved: ObservationService.Resolved) -> [ImportKey] {
        [
            ImportKey(
                parts: [resolved.indicator, resolved.subject, resolved.couloir, resolved.period.description],
                meaning: "même indicateur, territoire (ou structure), couloir et période", field: "periode")
        ]
    }

    mutating func authorize(_ resolved: ObservationService.Resolved, actor: Actor, on db: any SQLDatabase)
        async throws
    {
        try await rights.check(resolved)
    }

    mutating func plan(_ resolved: [ObservationService.Resolved], on db: any SQLDatabase) async throws
        -> [ObservationService.Planned]
    {
        try await ObservationService.plan(resolved, on: db)
    }

    func change(of planned: ObservationService.Planned) -> ImportChange { planned.change }

    func locks(_ plan: [ObservationService.Planned], actor: Actor, on db: any SQLDatabase) async throws
        -> [Int: String]
    {
        try await PeriodLock.refusals(plan, actor: actor, on: db)
    }

    func sample(of planned: ObservationService.Planned, line: Int) -> ImportReport.Sample? {
        let resolved = planned.resolved
        return ImportReport.Sample(
            line: line, indicator: resolved.indicator,
            subject: resolved.territory ?? resolved.structureKey ?? "structure", couloir: resolved.couloir,
            period: resolved.period.label,
            before: planned.existing.map {
                Self.shown(
                    value: $0.value, numerator: $0.numerator, denominator: $0.denominator,
                    notProvided: $0.notProvided)
            },
            after: Self.shown(
                value: resolved.value, numerator: resolved.numerator, denominator: resolved.denominator,
                notProvided: resolved.notProvided))
    }

    static func shown(value: Double?, numerator: Double?, denominator: Double?, notProvided: Bool) -> String {
        if notProvided { return "non fourni" }
        if let value { return ImportReport.exact(value) }
        if let numerator, let denominator {
            return "\(ImportReport.exact(numerator)) / \(ImportReport.exact(denominator))"
        }
        return "—"
    }

    // MARK: Commit

    func write(_ plan: [ObservationService.Planned], stamp: ImportStamp, on db: any SQLDatabase, actor: Actor)
        async throws
    {
        try await ObservationService.apply(plan, provenance: stamp.provenance, batch: stamp.batch, on: db, actor: actor)
    }
}

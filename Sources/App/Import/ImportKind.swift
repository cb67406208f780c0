import Foundation
import SQLKit

/// The kinds of table import, one preview/commit entry point shared by the CLI, the API and the pages.
enum ImportKind: String, CaseIterable, Sendable {
    case observations, targets, dhis2, adx

    /// Preview (dry run: writes nothing) or commit as one batch, in the caller's transaction.
    func run(
        _ data: Data, fileName: String, options: ImportOptions = .init(), dryRun: Bool, on db: any SQLDatabase,
        actor: Actor
    ) async throws -> ObservationImport.Report {
        if self != .observations, options.profile != nil {
            throw ServiceError.invalid(
                "Les profils d'import s'appliquent aux observations en CSV ou XLSX.", field: "profil")
        }
        var options = options
        options.exchange = AggregateExchange.Format(rawValue: rawValue)
        if self == .targets { try await actor.authorize(.regional, on: db) }
        return switch (self, dryRun) {
        case (.observations, true), (.dhis2, true), (.adx, true):
            try await ObservationImport.preview(data, fileName: fileName, options: options, on: db, actor: actor).report
        case (.observations, false), (.dhis2, false), (.adx, false):
            try await ObservationImport.commit(data, fileName: fileName, options: options, on: db, actor: actor)
        case (.targets, true):
            try await TargetImport.preview(data, fileName: fileName, sheet: options.sheet, on: db).report
        case (.targets, false):
            try await TargetImport.commit(data, fileName: fileName, sheet: options.sheet, on: db, actor: actor)
        }
    }
}

/// How a file is read: through a profile (with the answers to its parameters), and which sheet of a workbook.
struct ImportOptions: Sendable, Equatable, Codable {
    var profile: String?
    /// Answers to the profile's parameters, or overrides of its constants: canonical field → value.
    var settings: [String: String] = [:]
    var sheet: String?
    /// A DHIS2 data value set or an ADX message rather than a table.
    var exchange: AggregateExchange.Format?
    /// An administrator's reason to write into locked periods, kept with a pending upload so that
    /// its validation runs with the same override as its preview.
    var override: String?

    /// `periode=2022-02` pairs as given on the command line.
    static func settings(_ pairs: [String]) throws -> [String: String] {
        var out: [String: String] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ServiceError.invalid(
                    "Paramètre illisible « \(pair.prefix(60)) » : écrivez champ=valeur (ex. periode=2022-02).")
            }
            out[parts[0].lowercased()] = parts[1]
        }
        return out
    }
}

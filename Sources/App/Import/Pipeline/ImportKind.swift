import Foundation
import SQLKit

/// Every kind of file Jalon imports through `ImportPipeline`, as the CLI, the API, the pages and the
/// batch list name it. (The referentials — COG, FINESS, RPPS — are loaded by their own streamed
/// importers: they replace a national register rather than adding values.)
enum ImportKind: String, CaseIterable, Sendable, Codable {
    case observations
    case targets
    case dhis2
    case adx
    case activities
    case organisations
    case contacts
    case codes
    case applications
    case grappes
    case flags = "drapeaux"

    var label: String {
        switch self {
        case .observations: "Observations"
        case .targets: "Cibles"
        case .dhis2: "Observations (DHIS2)"
        case .adx: "Observations (ADX)"
        case .activities: "Activités"
        case .organisations: "Organisations"
        case .contacts: "Contacts"
        case .codes: "Correspondances de codes"
        case .applications: "Candidatures aux programmes"
        case .grappes: "Grappes de structures (programmes)"
        case .flags: "Drapeaux des structures (PMSI, CRO…)"
        }
    }

    /// The choice on the import page.
    var formLabel: String {
        switch self {
        case .dhis2: "Valeurs DHIS2 (data value set CSV)"
        case .adx: "Message ADX (XML)"
        case .activities: "Journal d'activités"
        case .organisations: "Organisations de l'annuaire"
        case .contacts: "Contacts de l'annuaire"
        default: label
        }
    }

    /// What one line is, in the report's text.
    var noun: String {
        switch self {
        case .activities: "activités"
        case .organisations: "organisations"
        case .contacts: "contacts"
        case .codes: "correspondances"
        case .applications: "candidatures × domaines"
        case .grappes: "membres de grappes"
        case .flags: "drapeaux"
        default: "lignes"
        }
    }

    /// Kinds that keep what they replace, and so can be undone.
    var canUndo: Bool { [.observations, .targets, .dhis2, .adx, .applications].contains(self) }

    /// Values are independent lines: a bad one is rejected and the others are written. The activity
    /// log, the directory and the code mapping are all or nothing: their lines are read together
    /// (a contact names an organisation, a code mapping replaces the whole table).
    /// Applications are all or nothing too: a file is a programme's state at a date.
    var rejections: ImportPipeline.Rejections {
        canUndo && self != .applications ? .lineByLine : .wholeInput
    }

    /// Preview (writes nothing) or commit as one batch, in the caller's transaction.
    func run(_ file: ImportFile, mode: ImportPipeline.Mode, on db: any SQLDatabase, actor: Actor) async throws
        -> ImportReport
    {
        if self != .observations, file.options.profile != nil {
            throw ServiceError.invalid(
                "Les profils d'import s'appliquent aux observations en CSV ou XLSX.", field: "profil")
        }
        switch self {
        case .observations, .dhis2, .adx:
            var importer = ObservationImporter(kind: self, actor: actor, on: db)
            return try await ImportPipeline.run(&importer, file: file, mode: mode, on: db, actor: actor)
        case .targets:
            var importer = TargetImporter()
            return try await ImportPipeline.run(&importer, file: file, mode: mode, on: db, actor: actor)
        case .activities:
            var importer = ActivityImporter()
            return try await ImportPipeline.run(&importer, file: file, mode: mode, on: db, actor: actor)
        case .organisations:
            var importer = OrganisationImporter()
            return try await ImportPipeline.run(&importer, file: file, mode: mode, on: db, actor: actor)
        case .contacts:
            var importer = ContactImporter()
            return try await ImportPipeline.run(&importer, file: file, mode: mode, on: db, actor: actor)
        case .codes:
            var importer = ExchangeCodeImporter()
            return try await ImportPipeline.run(&importer, file: file, mode: mode, on: db, actor: actor)
        case .applications:
            var importer = ApplicationImporter()
            return try await ImportPipeline.run(&importer, file: file, mode: mode, on: db, actor: actor)
        case .flags:
            var importer = StructureFlagImporter()
            return try await ImportPipeline.run(&importer, file: file, mode: mode, on: db, actor: actor)
        case .grappes:
            var importer = GrappeImporter()
            return try await ImportPipeline.run(&importer, file: file, mode: mode, on: db, actor: actor)
        }
    }
}

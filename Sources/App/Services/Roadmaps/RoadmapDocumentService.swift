import Foundation
import JalonCore
import SQLKit

/// Writes a whole roadmap from its document (`jalon roadmap import`, the API, the shipped templates)
/// and reads it back (`jalon roadmap export`).
///
/// The import is an upsert by natural keys — objectives by number, fiches by code, actions by number
/// in their fiche — so that importing the same document twice changes nothing; what the document does
/// not name is kept. The caller runs it in a transaction: a document is written whole or not at all.
enum RoadmapDocumentService {
    struct Summary: Sendable, Equatable {
        var roadmap: String
        var created = false
        var objectives = 0
        var fiches = 0
        var actions = 0
        var indicators = 0
        var indicatorsWritten = 0
        var targets = 0
        var targetsWritten = 0
        /// Objectives, fiches, actions, links, calendars or RACI created or changed.
        var structureWritten = 0

        var text: String {
            "Feuille de route « \(roadmap) » \(created ? "créée" : "mise à jour") : \(objectives) objectifs, "
                + "\(fiches) fiches, \(actions) actions, \(indicators) indicateurs "
                + "(\(indicatorsWritten) créés ou modifiés), \(targets) cibles "
                + "(\(targetsWritten) créées ou modifiées), \(structureWritten) élément(s) de structure écrit(s)."
        }
    }

    static let ficheIndicatorRoles = FicheService.indicatorRoles.map(\.code)
    static let actionStatuses = FicheService.actionStatuses.map(\.0)

    /// The roadmap's code when written for `region`: a template's own code plus the région's.
    static func code(of document: RoadmapDocument, region: String) -> String {
        document.region == nil ? "\(document.code)-\(region)".lowercased() : document.code
    }
}

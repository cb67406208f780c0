import Foundation
import JalonCore

extension RoadmapDocumentService {
    /// Everything that can be checked without the database, each fault named with its place in the file.
    static func check(_ document: RoadmapDocument, file: String) throws {
        func fault(_ path: String, _ message: String) -> ServiceError {
            ServiceError.invalid("\(file), \(path) : \(message).")
        }
        func quoted(_ text: String) -> String { "« \(text.prefix(40)) »" }
        guard isCode(document.code) else {
            throw fault("code", "code \(quoted(document.code)) invalide (lettres sans accent, chiffres, - _ et .)")
        }
        guard !document.title.trimmedSpaces.isEmpty, document.title.count <= 300 else {
            throw fault("title", "titre vide ou de plus de 300 caractères")
        }
        guard RoadmapStatus(parsing: document.status) != nil else {
            throw fault("status", "statut \(quoted(document.status)) inconnu (en_preparation, en_cours, cloturee)")
        }
        guard let start = Day(iso: document.startOn) else {
            throw fault("start_on", "date \(quoted(document.startOn)) illisible (AAAA-MM-JJ)")
        }
        guard let end = Day(iso: document.endOn) else {
            throw fault("end_on", "date \(quoted(document.endOn)) illisible (AAAA-MM-JJ)")
        }
        guard start <= end else { throw fault("end_on", "la fin précède le début") }
        var numbers: Set<Int> = []
        for (index, objective) in document.objectives.enumerated() {
            let path = "objectives[\(index)]"
            guard objective.number >= 1, numbers.insert(objective.number).inserted else {
                throw fault(path + ".number", "numéro \(objective.number) répété ou inférieur à 1")
            }
            guard !objective.title.trimmedSpaces.isEmpty else { throw fault(path + ".title", "titre vide") }
            if let priority = objective.priority, !(1...9).contains(priority) {
                throw fault(path + ".priority", "priorité \(priority) hors de 1 à 9")
            }
        }
        var ficheCodes: Set<String> = []
        for (index, fiche) in document.fiches.enumerated() {
            let path = "fiches[\(index)]"
            guard isCode(fiche.code), ficheCodes.insert(fiche.code).inserted else {
                throw fault(path + ".code", "code \(quoted(fiche.code)) invalide ou répété")
            }
            guard !fiche.title.trimmedSpaces.isEmpty else { throw fault(path + ".title", "titre vide") }
            if let objective = fiche.objective, !numbers.contains(objective) {
                throw fault(path + ".objective", "objectif \(objective) absent du document")
            }
            var linked: Set<String> = []
            for (linkIndex, link) in fiche.indicators.enumerated() {
                let linkPath = path + ".indicators[\(linkIndex)]"
                guard linked.insert(link.code).inserted else {
                    throw fault(linkPath + ".code", "indicateur \(quoted(link.code)) répété dans la fiche")
                }
                guard ficheIndicatorRoles.contains(link.role) else {
                    throw fault(linkPath + ".role", "rôle \(quoted(link.role)) inconnu (national ou complementaire)")
                }
            }
            var actionNumbers: Set<Int> = []
            for (actionIndex, action) in fiche.actions.enumerated() {
                let actionPath = path + ".actions[\(actionIndex)]"
                guard action.number >= 1, actionNumbers.insert(action.number).inserted else {
                    throw fault(actionPath + ".number", "numéro \(action.number) répété ou inférieur à 1")
                }
                guard !action.title.trimmedSpaces.isEmpty else { throw fault(actionPath + ".title", "titre vide") }
                guard actionStatuses.contains(action.status) else {
                    throw fault(
                        actionPath + ".status",
                        "statut \(quoted(action.status)) inconnu (\(actionStatuses.joined(separator: ", ")))")
                }
                for (name, value) in [("start_on", action.startOn), ("end_on", action.endOn)] {
                    if let value, Day(iso: value) == nil {
                        throw fault(actionPath + "." + name, "date \(quoted(value)) illisible (AAAA-MM-JJ)")
                    }
                }
                var periods: Set<String> = []
                for (cellIndex, cell) in action.calendar.enumerated() {
                    let cellPath = actionPath + ".calendar[\(cellIndex)]"
                    guard periods.insert(cell.period).inserted else {
                        throw fault(cellPath + ".period", "période \(quoted(cell.period)) répétée pour l'action")
                    }
                    guard Period(cell.period) != nil else {
                        throw fault(cellPath + ".period", "période \(quoted(cell.period)) illisible (ex. 2024-S1)")
                    }
                    guard (0...3).contains(cell.intensity) else {
                        throw fault(cellPath + ".intensity", "intensité \(cell.intensity) hors de 0 à 3")
                    }
                }
                var parties: Set<String> = []
                for (cellIndex, cell) in action.raci.enumerated() {
                    let cellPath = actionPath + ".raci[\(cellIndex)]"
                    guard parties.insert(cell.party + "|" + (cell.audience ?? "")).inserted else {
                        throw fault(cellPath + ".party", "\(quoted(cell.party)) répété pour l'action et la cible")
                    }
                    guard cell.partyKind == "organisation" else {
                        throw fault(
                            cellPath + ".party_kind",
                            "genre \(quoted(cell.partyKind)) inconnu : une case RACI est celle d'une organisation, "
                                + "pour une cible (audience) ou pour toutes")
                    }
                    if let audience = cell.audience, !FicheService.audiences.contains(where: { $0.code == audience }) {
                        throw fault(
                            cellPath + ".audience",
                            "cible \(quoted(audience)) inconnue (un couloir comme ES ou MS-PA, ou USAGERS)")
                    }
                    guard !cell.party.trimmedSpaces.isEmpty else { throw fault(cellPath + ".party", "partie vide") }
                    do { _ = try RACIRoles.parse(cell.roles) } catch let error as RACIRoles.ParseError {
                        throw fault(
                            cellPath + ".roles",
                            "rôle « \(error.written) » inconnu dans \(quoted(cell.roles)) (R, A, C, I, ex. A/R)")
                    }
                }
            }
        }
    }

    static func isCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 80
            && code.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "-._".unicodeScalars.contains($0)
            }
    }
}

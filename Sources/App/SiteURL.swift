import Foundation
import Vapor

/// Every path of the site, used both to register routes and to build links: no hand-typed URLs in views.
enum SiteURL: Equatable, Sendable {
    case home
    case territories
    case territory(String)
    case decoupages
    case decoupage(String)
    case structures
    case structuresCSV
    case structure(String)
    case categories
    case referentials
    case roadmap
    case fiche(String)
    case ficheRACI(String)
    case raciOverview
    case committees
    case committee(String)
    case meeting(String)
    case meetingPacks(String)
    case meetingICS(String)
    case calendarFeed(String)
    case meetingPack(String, String, PackQuery.File)
    case programmes
    case programme(String)
    case programmeApplications(String)
    case application(String, String)
    case tasks
    case imports
    case exportObservations(ExportTable.Format)
    case exportTargets(ExportTable.Format)
    case exportProgress(ExportTable.Format)
    case exportDHIS2
    case exportADX
    case exchangeCodes
    case importPreview(String)
    case importUndo(String)
    case importProfiles
    case importProfile(String)
    case importProfileJSON(String)
    case importProfileEditor
    case comparison
    case roadmaps
    case indicators
    case indicator(String)
    case entry
    case categoriesCSV
    case activities
    case activity(String)
    case activityNew
    case activitiesICS
    case worklist
    case activityTerritories
    case activityCalendar
    case activityAttachments(String)
    case activityAttachment(String, String)
    case activityReport
    case directory
    case audit
    case auditCSV
    case directoryImport
    case directoryMerge
    case directoryOrganisations
    case directoryContacts
    case directoryCSV(String)
    case whoToContact
    case snapshots
    case snapshot(String)
    case snapshotExport(String, ExportTable.Format)
    case login
    case logout
    case myAccount
    case myPassword
    case myTokens
    case tokenRevoke(String)
    case accounts
    case account(String)
    case accountPassword(String)
    case healthz
    case metrics
    case api(API)

    enum API: Equatable, Sendable {
        case openapi
        case territories
        case territory(String)
        case structures
        case structure(String)
        case indicators
        case indicator(String)
        case roadmaps
        case roadmap(String)
        case roadmapObjective(String, String)
        case roadmapFiche(String, String)
        case roadmapFicheMove(String, String)
        case observations
        case targets
        case progress
        case imports
        case importBatch(String)
        case profiles
        case profile(String)
        case activities
        case activity(String)
        case reach
        case reachTable
        case organisations
        case contacts
        case committees
        case committee(String)
        case committeeMeetings(String)
        case committeeProgramme(String)
        case meeting(String)
        case meetingAgenda(String)
        case meetingAttendance(String)
        case meetingMinutes(String)
        case meetingDecisions(String)
        case meetingPack(String)
        case meetingPackPDF(String)
        case decision(String)
    }

    var path: String {
        switch self {
        case .home: "/"
        case .territories: "/territoires"
        case .territory(let code): "/territoires/" + Self.escape(code)
        case .decoupages: "/decoupages"
        case .decoupage(let code): "/decoupages/" + Self.escape(code)
        case .structures: "/structures"
        case .structuresCSV: "/structures.csv"
        case .structure(let key): "/structures/" + Self.escape(key)
        case .categories: "/referentiels/categories"
        case .referentials: "/referentiels"
        case .roadmap: "/feuille-de-route"
        case .fiche(let code): "/feuille-de-route/fiches/" + Self.escape(code)
        case .ficheRACI(let code): "/feuille-de-route/fiches/" + Self.escape(code) + "/raci.csv"
        case .raciOverview: "/feuille-de-route/raci"
        case .committees: "/comites"
        case .committee(let code): "/comites/" + Self.escape(code)
        case .meeting(let id): "/comites/reunions/" + Self.escape(id)
        case .meetingPacks(let id): "/comites/reunions/" + Self.escape(id) + "/dossiers"
        case .meetingICS(let id): "/comites/reunions/" + Self.escape(id) + "/reunion.ics"
        case .programmes: "/programmes"
        case .programme(let code): "/programmes/" + Self.escape(code)
        case .programmeApplications(let code): "/programmes/" + Self.escape(code) + "/candidatures"
        case .application(let code, let id): "/programmes/" + Self.escape(code) + "/candidatures/" + Self.escape(id)
        case .calendarFeed(let token): "/calendrier/" + Self.escape(token) + "/reunions.ics"
        case .meetingPack(let id, let pack, let file):
            "/comites/reunions/" + Self.escape(id) + "/dossiers/" + Self.escape(pack) + "/dossier." + file.rawValue
        case .comparison: "/feuille-de-route/comparaison"
        case .roadmaps: "/feuille-de-route/gestion"
        case .tasks: "/taches"
        case .imports: "/imports"
        case .exportObservations(let format): "/exports/observations." + format.rawValue
        case .exportTargets(let format): "/exports/cibles." + format.rawValue
        case .exportProgress(let format): "/exports/avancement." + format.rawValue
        case .exportDHIS2: "/exports/dhis2.csv"
        case .exportADX: "/exports/adx.xml"
        case .exchangeCodes: "/imports/correspondances.csv"
        case .importPreview(let id): "/imports/apercus/" + Self.escape(id)
        case .importUndo(let id): "/imports/lots/" + Self.escape(id) + "/annuler"
        case .importProfiles: "/imports/profils"
        case .importProfile(let name): "/imports/profils/" + Self.escape(name)
        case .importProfileJSON(let name): "/imports/profils/" + Self.escape(name) + "/json"
        case .importProfileEditor: "/imports/profils/editeur"
        case .indicators: "/indicateurs"
        case .indicator(let code): "/indicateurs/" + Self.escape(code)
        case .entry: "/saisie"
        case .categoriesCSV: "/referentiels/categories.csv"
        case .activities: "/activites"
        case .activity(let id): "/activites/" + Self.escape(id)
        case .activityNew: "/activites/nouvelle"
        case .activitiesICS: "/activites.ics"
        case .worklist: "/activites/a-toucher"
        case .activityTerritories: "/activites/territoires"
        case .activityCalendar: "/activites/calendrier"
        case .activityAttachments(let id): "/activites/" + Self.escape(id) + "/pieces"
        case .activityAttachment(let id, let file): "/activites/" + Self.escape(id) + "/pieces/" + Self.escape(file)
        case .activityReport: "/activites/bilan"
        case .directory: "/annuaire"
        case .audit: "/audit"
        case .auditCSV: "/audit.csv"
        case .directoryImport: "/annuaire/import"
        case .directoryMerge: "/annuaire/fusion"
        case .directoryOrganisations: "/annuaire/organisations"
        case .directoryContacts: "/annuaire/contacts"
        case .directoryCSV(let kind): "/annuaire/" + Self.escape(kind) + ".csv"
        case .whoToContact: "/annuaire/qui-contacter"
        case .snapshots: "/feuille-de-route/photos"
        case .snapshot(let id): "/feuille-de-route/photos/" + Self.escape(id)
        case .snapshotExport(let id, let format):
            "/feuille-de-route/photos/" + Self.escape(id) + "/avancement." + format.rawValue
        case .login: "/connexion"
        case .logout: "/deconnexion"
        case .myAccount: "/mon-compte"
        case .myPassword: "/mon-compte/mot-de-passe"
        case .myTokens: "/mon-compte/jetons"
        case .tokenRevoke(let id): "/mon-compte/jetons/" + Self.escape(id) + "/revoquer"
        case .accounts: "/administration/comptes"
        case .account(let id): "/administration/comptes/" + Self.escape(id)
        case .accountPassword(let id): "/administration/comptes/" + Self.escape(id) + "/mot-de-passe"
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        case .api(let api):
            switch api {
            case .openapi: "/api/openapi.json"
            case .territories: "/api/territories"
            case .territory(let code): "/api/territories/" + Self.escape(code)
            case .structures: "/api/structures"
            case .structure(let key): "/api/structures/" + Self.escape(key)
            case .indicators: "/api/indicators"
            case .indicator(let code): "/api/indicators/" + Self.escape(code)
            case .roadmaps: "/api/roadmaps"
            case .roadmap(let code): "/api/roadmaps/" + Self.escape(code)
            case .roadmapObjective(let code, let number):
                "/api/roadmaps/" + Self.escape(code) + "/objectives/" + Self.escape(number)
            case .roadmapFiche(let code, let fiche):
                "/api/roadmaps/" + Self.escape(code) + "/fiches/" + Self.escape(fiche)
            case .roadmapFicheMove(let code, let fiche):
                "/api/roadmaps/" + Self.escape(code) + "/fiches/" + Self.escape(fiche) + "/move"
            case .observations: "/api/observations"
            case .targets: "/api/targets"
            case .progress: "/api/progress"
            case .imports: "/api/imports"
            case .importBatch(let id): "/api/imports/" + Self.escape(id)
            case .profiles: "/api/profiles"
            case .profile(let name): "/api/profiles/" + Self.escape(name)
            case .activities: "/api/activities"
            case .activity(let id): "/api/activities/" + Self.escape(id)
            case .reach: "/api/reach"
            case .reachTable: "/api/reach/table"
            case .organisations: "/api/organisations"
            case .contacts: "/api/contacts"
            case .committees: "/api/committees"
            case .committee(let code): "/api/committees/" + Self.escape(code)
            case .committeeMeetings(let code): "/api/committees/" + Self.escape(code) + "/meetings"
            case .committeeProgramme(let code): "/api/committees/" + Self.escape(code) + "/programme"
            case .meeting(let id): "/api/meetings/" + Self.escape(id)
            case .meetingAgenda(let id): "/api/meetings/" + Self.escape(id) + "/agenda"
            case .meetingAttendance(let id): "/api/meetings/" + Self.escape(id) + "/attendance"
            case .meetingMinutes(let id): "/api/meetings/" + Self.escape(id) + "/minutes"
            case .meetingDecisions(let id): "/api/meetings/" + Self.escape(id) + "/decisions"
            case .meetingPack(let id): "/api/meetings/" + Self.escape(id) + "/pack"
            case .meetingPackPDF(let id): "/api/meetings/" + Self.escape(id) + "/pack.pdf"
            case .decision(let id): "/api/decisions/" + Self.escape(id)
            }
        }
    }

    /// Route components for registration: build the URL with `":name"` placeholders
    /// (e.g. `.territory(":code")`) and they become parameters.
    var components: [PathComponent] {
        path.split(separator: "/").map {
            $0.hasPrefix(":") ? .parameter(String($0.dropFirst())) : .constant(String($0))
        }
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~:")))
            ?? text
    }

    /// A path with a query string built from non-empty parameters.
    func with(_ query: [(String, String?)]) -> String {
        let items = query.compactMap { name, value in
            value.flatMap { $0.isEmpty ? nil : "\(Self.escape(name))=\(Self.escape($0))" }
        }
        return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }
}

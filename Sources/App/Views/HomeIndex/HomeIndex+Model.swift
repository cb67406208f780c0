import Foundation
import JalonCore

/// Where work starts, for each role: a pilote sees what is late in the current roadmap, what is due
/// and how fresh each source is; an animateur his territories' reach, worklist and tasks; everyone the
/// latest validated photo. The referential counts live on the territories page.
enum HomeIndex {
    /// An objective of the current roadmap with its late and at-risk indicators at the région, today.
    struct ObjectiveCounts: Sendable, Equatable {
        var number: Int
        var title: String
        var late: Int
        var atRisk: Int
        var indicators: Int
    }

    /// An action of the current roadmap whose end is past or near, not done.
    struct DueAction: Sendable, Equatable {
        var fiche: String
        var ficheTitle: String
        var number: Int
        var title: String
        var pilot: String
        var endOn: Day
        var late: Bool
    }

    struct DueTask: Sendable, Equatable {
        var title: String
        var due: Day?
        var late: Bool
    }

    /// "dernière valeur DMP : octobre 2026" — the latest period any value of a service's indicators covers.
    struct SourceFreshness: Sendable, Equatable {
        var service: String
        var lastPeriodEnd: Day
        /// More than three months old at the time of reading.
        var stale: Bool
    }

    struct LastImport: Sendable, Equatable {
        var fileName: String
        var kind: String
        var at: Date
        var changes: Int
        var undone: Bool
    }

    struct CouloirReach: Sendable, Equatable {
        var couloir: Couloir
        var reach: StructureReach
    }

    /// The reach of one of an animateur's territories, per couloir.
    struct TerritoryReach: Sendable, Equatable {
        var territory: Territory
        var byCouloir: [CouloirReach]
    }

    struct IndicatorName: Sendable, Equatable {
        var code: String
        var label: String
    }

    struct Model: Sendable, Equatable {
        var role: Role
        var accountName: String
        var today: Day
        var hasGeography: Bool
        var roadmap: Roadmap?
        var objectives: [ObjectiveCounts] = []
        /// Indicators with a target but no value at the région ("données non fournies à ce jour").
        var notProvided: [IndicatorName] = []
        var dueActions: [DueAction] = []
        var tasks: [DueTask] = []
        var freshness: [SourceFreshness] = []
        var imports: [LastImport] = []
        var reach: [TerritoryReach] = []
        /// The first structures of the animateur's first territory never reached, for the worklist link.
        var worklist: [WorklistItem] = []
        var worklistTerritory: Territory?
        var latestPhoto: ValidatedSnapshot?

        var seesSteering: Bool { role == .pilote || role == .administrateur }
        var seesField: Bool { role == .animateur }
    }
}

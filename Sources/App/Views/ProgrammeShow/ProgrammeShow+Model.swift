import Foundation
import JalonCore

/// `/programmes/{code}`: a programme — its windows and how their dates moved, its domains with their envelope,
/// and for a window (or all) the per-domain, per-TAN and per-legal-status tables of seed 000.
enum ProgrammeShow {
    struct Model: Sendable, Equatable {
        var programme: ProgrammeQuery.Programme
        var windows: [ProgrammeQuery.Window]
        var history: [ProgrammeQuery.WindowChange]
        var table: ProgrammeStats.Table
        var today: Day
        /// Off when the région shows applications' amounts to pilotes and administrateurs only.
        var showsAmounts = true
        var message: String? = nil
        var error: String? = nil
    }
}

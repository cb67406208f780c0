import Foundation
import JalonCore

/// `/programmes/{code}/candidatures/{id}`: one application (dossier) — its applicant, window and reference, each
/// domain's status with its amounts and the statuses it went through, and the form that moves a status.
enum ApplicationShow {
    struct Model: Sendable, Equatable {
        var programme: ProgrammeQuery.Programme
        var application: ProgrammeQuery.ApplicationRecord
        var window: ProgrammeQuery.Window
        var domains: [ProgrammeQuery.ApplicationDomain]
        var history: [ProgrammeQuery.StatusChange]
        /// The members of the applicant grappe (empty for a structure).
        var members: [ProgrammeQuery.GrappeMember] = []
        var today: Day
        /// Off when the région shows applications' amounts to pilotes and administrateurs only.
        var showsAmounts = true
        var message: String? = nil
        var error: String? = nil

        var title: String {
            "Dossier \(application.reference.isEmpty ? "sans référence" : application.reference) — "
                + (application.grappeName.map { "grappe " + $0 } ?? application.structureName ?? "")
        }
    }
}

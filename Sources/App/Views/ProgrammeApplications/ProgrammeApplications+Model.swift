import JalonCore

/// `/programmes/{code}/candidatures`: the applications behind a count of the programme's page.
enum ProgrammeApplications {
    struct Model: Sendable, Equatable {
        var programme: ProgrammeQuery.Programme
        var window: Int?
        var domain: String?
        var status: ApplicationStatus?
        var lines: [ProgrammeQuery.ApplicationLine]
        /// Off when the région shows applications' amounts to pilotes and administrateurs only.
        var showsAmounts = true
    }
}

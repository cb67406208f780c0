/// One découpage and its territories, with the form to add or redefine one.
enum DecoupageEdit {
    struct Model: Sendable, Equatable {
        var decoupage: Decoupage
        var territories: [Territory]
        var members: [String: [String]]
        var regionPopulation: Int?
        var error: String?
        var message: String?
        var form: TerritoryForm
        /// The découpage's history with its territories'.
        var history: [AuditEvent] = []
    }

    struct TerritoryForm: Sendable, Equatable {
        var code = "", name = "", members = ""
    }
}

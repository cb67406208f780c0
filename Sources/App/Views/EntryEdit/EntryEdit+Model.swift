import JalonCore

/// Manual entry of observations and targets, with French number input and clear errors. No JavaScript needed.
enum EntryEdit {
    struct Model: Sendable, Equatable {
        var indicators: [StoredIndicator]
        /// The roadmaps a target can belong to; the current one is proposed.
        var roadmaps: [Roadmap] = []
        var observation = ObservationForm()
        var target = TargetForm()
        var message: String?
        var error: String?
    }

    struct ObservationForm: Sendable, Equatable {
        var indicator = "", territory = "", structure = "", couloir = "", period = "", value = "", numerator = "",
            denominator = "", source = "", comment = "", status = ""
    }

    struct TargetForm: Sendable, Equatable {
        var indicator = "", territory = "", couloir = "", due = "", target = "", baseline = "", baselineOn = ""
        /// A roadmap's code, empty for a target shared by every roadmap following the indicator.
        var roadmap = ""
    }
}

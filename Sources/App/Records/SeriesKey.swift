import JalonCore

/// Which series of a territory: an indicator in a couloir. The key of the roll-up layer's entries
/// and of the targets fetched for a whole page at once.
struct SeriesKey: Hashable, Sendable {
    var indicator: String
    var couloir: String

    init(indicator: String, couloir: String) {
        self.indicator = indicator
        self.couloir = couloir
    }

    init(indicator: String, couloir: Couloir) {
        self.init(indicator: indicator, couloir: couloir.rawValue)
    }
}

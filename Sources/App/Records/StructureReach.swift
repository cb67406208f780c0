/// How many of a couloir's open structures in a territory the activity log reached.
struct StructureReach: Sendable, Equatable {
    var reached: Int
    var open: Int
    var share: Double? { open == 0 ? nil : Double(reached) / Double(open) }
}

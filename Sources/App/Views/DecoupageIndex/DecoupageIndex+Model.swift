/// The découpages, with the form to create one.
enum DecoupageIndex {
    struct Model: Sendable, Equatable {
        var decoupages: [Decoupage]
        var regions: [Territory]
        var error: String?
    }
}

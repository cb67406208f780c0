/// Services, couloirs and pilot organisations, editable without JavaScript; FINESS categories have their own page.
enum ReferentialIndex {
    struct Model: Sendable, Equatable {
        var lists: [ReferentialKind: [ReferentialItem]]
        var message: String?
        var error: String?
    }
}

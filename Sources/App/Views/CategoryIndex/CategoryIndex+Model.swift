/// The couloir classification of FINESS categories, editable without JavaScript (one form, one select per row).
enum CategoryIndex {
    struct Model: Sendable, Equatable {
        var categories: [FinessCategory]
        var counts: [String: Int]
        var message: String?
        var error: String?
    }
}

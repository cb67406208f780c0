/// One entry of a referential (a service, a couloir, a pilot organisation).
struct ReferentialItem: Sendable, Equatable {
    var code: String
    var label: String
    var aliases: String
}

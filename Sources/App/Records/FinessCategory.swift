/// A FINESS establishment category and the couloir it is classed in (its shipped default kept beside it).
struct FinessCategory: Sendable, Equatable, Codable {
    var code, label, aggregateCode, couloir, defaultCouloir: String
}

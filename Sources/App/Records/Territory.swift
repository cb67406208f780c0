import Foundation
import JalonCore

/// A territory as pages and the API show it.
struct Territory: Sendable, Equatable, Codable {
    var code: String
    var kind: TerritoryKind
    var name: String
    var insee: String
    var parentCode: String?
    var population: Int
    var decoupageID: UUID?
}

import Fluent
import Foundation
import JalonCore
import SQLKit
import Vapor

/// The data Jalon ships — the couloir of each FINESS category, the referentials (services,
/// couloirs, pilot organisations) and the import profiles with the indicators they feed — installed
/// by `jalon migrate`, never by the first read of a page. Idempotent: only what is missing is
/// inserted and a user's edits are kept. The name carries a fingerprint of the shipped data, so
/// that a version shipping more runs it again at its first `jalon migrate`; it is always registered
/// after the schema migrations, whose tables it fills.
struct InstallShippedData: AsyncMigration {
    var name: String { "InstallShippedData \(Self.fingerprint)" }

    func prepare(on db: Database) async throws {
        try await db.sqlTransaction { sql in
            try await CategoryService.installDefaults(on: sql)
            try await ReferentialService.installDefaults(on: sql)
            try await ImportProfileService.installShipped(on: sql)
        }
    }

    /// Shipped data stays: users have classified structures and imported files with it.
    func revert(on db: Database) async throws {}

    /// The first 12 hex digits of the SHA-256 of everything shipped.
    static let fingerprint: String = {
        var shipped = CategoryService.defaults.map { "\($0.code);\($0.label);\($0.aggregateCode);\($0.couloir)" }
        shipped += ReferentialService.services.map { "service;\($0.0);\($0.1)" }
        shipped += ReferentialService.organisations.map { "organisation;\($0.0);\($0.1)" }
        shipped += Couloir.allCases.map { "couloir;\($0.rawValue);\($0.label)" }
        shipped += ImportProfileService.shippedDocuments.map { String(decoding: $0.encoded(), as: UTF8.self) }
        return String(SHA256.hash(data: Data(shipped.joined(separator: "\n").utf8)).hexString.prefix(12))
    }()
}

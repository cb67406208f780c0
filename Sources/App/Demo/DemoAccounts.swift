import Foundation
import JalonCore
import SQLKit
import Vapor

/// One fictitious account per role for the demo region, all with the same password: the one given
/// in JALON_DEMO_PASSWORD, or a random one written (mode 0600) to `demo-comptes.txt` next to the
/// database so that `make run` can show it. Created once; never on a base that has other accounts.
enum DemoAccounts {
    static let domain = "demo.jalon.invalid"
    static let accounts: [(email: String, name: String, role: Role, territories: [String], indicators: [String])] = [
        ("admin@" + domain, "Dominique Exemple (administration)", .administrateur, [], []),
        ("pilote@" + domain, "Claude Exemple (pilote ARS)", .pilote, [], []),
        ("animateur.nord@" + domain, "Camille Exemple (animatrice Nord)", .animateur, ["D59"], []),
        (
            "contributeur@" + domain, "Alex Exemple (contributeur GRADeS)", .contributeur, [],
            ["O3-18", "O3-20", "O3-22"]
        ),
        ("lecteur@" + domain, "Sacha Exemple (membre du comité)", .lecteur, [], [])
    ]
    static let credentialsFile = "demo-comptes.txt"

    /// Returns the password when the accounts were just created, nil when they already existed.
    static func ensure(password given: String?, cost: Int, pool: NIOThreadPool, on db: any SQLDatabase) async throws
        -> String?
    {
        let existing = try await db.count("SELECT COUNT(*) AS n FROM users")
        guard existing == 0 else { return nil }
        let password = given.flatMap { $0.isEmpty ? nil : $0 } ?? AccountService.randomPassword()
        let hash = try await AccountService.hash(password, email: "", cost: cost, pool: pool)
        for account in accounts {
            let indicators = try await account.indicators.asyncFilter {
                try await ObservationLookups(db).indicator($0) != nil
            }
            let territories = try await account.territories.asyncFilter {
                try await TerritoryQuery.find($0, on: db) != nil
            }
            // Without its territory or indicators (a base without the demo region) the scoped account
            // would be refused.
            if account.role.isScoped && territories.isEmpty && indicators.isEmpty { continue }
            try await AccountService.create(
                .init(
                    email: account.email, name: account.name, role: account.role, territories: territories,
                    indicators: indicators),
                passwordHash: hash, on: db, actor: .system)
        }
        return password
    }
}

extension Array {
    func asyncFilter(_ keep: (Element) async throws -> Bool) async rethrows -> [Element] {
        var out: [Element] = []
        for element in self where try await keep(element) { out.append(element) }
        return out
    }
}

import Foundation
import JalonCore
import Vapor

@testable import App

extension Application {
    static let testPassword = "phrase de passe de test"

    /// An account with a test password (bcrypt at its lowest cost: tests need not be slow).
    @discardableResult
    func createAccount(
        _ email: String, name: String = "Personne fictive", role: Role, territories: [String] = [],
        indicators: [String] = [],
        password: String = Application.testPassword
    ) async throws -> UUID {
        let hash = try Bcrypt.hash(password, cost: 4)
        return try await db.sqlTransaction { db in
            try await AccountService.create(
                .init(email: email, name: name, role: role, territories: territories, indicators: indicators),
                passwordHash: hash, on: db, actor: .system)
        }
    }
}

import Foundation
import JalonCore
import Vapor

@testable import App

extension Seed {
    /// `territoriesAndStructures`, and the three INSi call indicators (O3-18 ES, O3-20 MDV, O3-22 MS)
    /// that the shipped import profiles feed.
    static func insiIndicators<T>(_ db: TestDB, _ body: (Application) async throws -> T) async throws -> T {
        try await territoriesAndStructures(db) { app in
            try await app.db.sqlTransaction { db in
                for (code, couloir) in [("O3-18", "ES"), ("O3-20", "MDV"), ("O3-22", "MS")] {
                    _ = try await IndicatorService.upsert(
                        .init(
                            code: code, label: "Indicateurs d'usage du TLS INSi (nb d'appels)", couloir: couloir,
                            source: "GIE SV (national)", type: "count", nature: "flow"), on: db, actor: .system)
                }
            }
            return try await body(app)
        }
    }
}

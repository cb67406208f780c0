import Foundation
import JalonCore
import Vapor

@testable import App

extension Seed {
    /// Fixture geography + fixture FINESS + one custom territory (TAN-LITTORAL): enough for every page.
    static func territoriesAndStructures<T>(_ db: TestDB, _ body: (Application) async throws -> T) async throws -> T {
        try await db.withApp { app in
            _ = try await app.loadFixtureGeography()
            _ = try await app.importFiness(try Fixtures.data("finess_etalab_fixture.csv"), name: "fixture.csv")
            _ = try await app.importFiness(try Fixtures.data("finess_flux_fixture.json"), name: "flux.json")
            _ = try await app.db.sqlTransaction { db in
                try await TerritoryService.define(
                    .init(
                        code: "TAN-LITTORAL", name: "TAN Littoral", decoupage: "TAN", parent: "R32",
                        members: ["E245900428", "C62160"]), on: db, actor: .system)
            }
            return try await body(app)
        }
    }
}

extension Application {
    /// Loads the small fixture geography (Lille, Dunkerque, Paris with an arrondissement, Ajaccio…).
    func loadFixtureGeography() async throws -> COGImporter.Summary {
        let g = try Geography.parse(files: try COGSource.read(from: Fixtures.cogFolder))
        return try await db.sqlTransaction { db in try await COGImporter.apply(g, on: db, actor: .system) }
    }

    func importFiness(_ data: Data, name: String) async throws -> FinessImporter.Summary {
        try await db.sqlTransaction { db in
            try await FinessImporter.importFile(data: data, fileName: name, on: db, actor: .system)
        }
    }
}

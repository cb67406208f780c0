import Foundation
import JalonCore
import Vapor

@testable import App

extension Seed {
    /// `territoriesAndStructures`, and a "share of DMP fed" indicator, DMP-ALIM (ratio of sums).
    static func dmpIndicator<T>(_ db: TestDB, _ body: (Application) async throws -> T) async throws -> T {
        try await territoriesAndStructures(db) { app in
            try await app.db.sqlTransaction { db in
                try await IndicatorService.upsert(
                    .init(
                        code: "DMP-ALIM", label: "Part de DMP alimentés", service: "DMP", couloir: "TOUS",
                        source: "CNAM",
                        type: "share", unit: nil, nature: "stock", cumulativeSince: nil, periodicity: nil,
                        rollup: "ratio", direction: "hausse", formula: nil), on: db, actor: .system)
            }
            return try await body(app)
        }
    }
}

extension Application {
    /// Records observations as a manual entry does (provenance `saisie:test`).
    func observe(_ lines: [ObservationService.Input]) async throws -> ImportReport {
        try await db.sqlTransaction { db in
            try await ObservationService.record(lines, provenance: "saisie:test", on: db, actor: .system)
        }
    }

    func setTarget(_ t: TargetService.Input) async throws {
        try await db.sqlTransaction { db in _ = try await TargetService.set(t, on: db, actor: .system) }
    }
}

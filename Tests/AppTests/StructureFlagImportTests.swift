import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// Structures' flags from a file: a flag named is held by exactly the structures listed, and eligibility
/// (hence a programme's denominators) follows.
@Suite struct StructureFlagImportTests {
    @Test(arguments: TestDB.all)
    func aFlagIsStatedWholeAndEligibilityFollows(db: TestDB) async throws {
        try await ApplicationImportTests.withSUNES(db) { app in
            // Setup: withSUNES gave the CHU of Lille the flag BIO by hand.
            let header = "structure;drapeau\n"
            // Act
            let first = try await GrappeImportTests.importing(
                app, .flags, header + "590000001;radio\n970100005;RADIO\n")
            let again = try await GrappeImportTests.importing(
                app, .flags, header + "590000001;RADIO\n970100005;RADIO\n")
            let narrower = try await GrappeImportTests.importing(app, .flags, header + "970100005;RADIO\n")
            let refusal: String
            do {
                _ = try await GrappeImportTests.importing(app, .flags, header + "590000001;PMSI\n590000001;très mal\n")
                refusal = ""
            } catch let error as ServiceError { refusal = error.message }
            // Check
            #expect(first.created == 2 && again.unchanged == 2 && narrower.deleted == 1)
            #expect(try await StructureFlagService.holders(of: "RADIO", on: app.sql).count == 1)
            #expect(try await StructureFlagService.holders(of: "BIO", on: app.sql).count == 1, "other flags untouched")
            #expect(refusal.contains("ligne 3") && refusal.contains("Drapeau « très mal » illisible"))
            #expect(try await StructureFlagService.holders(of: "PMSI", on: app.sql).isEmpty, "nothing half-written")
            await #expect(throws: ServiceError.self, "the CHU no longer holds RADIO: not eligible to D3") {
                _ = try await ApplicationImportTests.importing(
                    app, "sun-es;1;590000001;;D3;déposé;2021-10-20;;;;DS-1;\n", mode: .preview)
            }
        }
    }
}

import Foundation
import JalonCore
import Vapor

@testable import App

extension Seed {
    /// A partner's codes for DMP-ALIM, the Nord, the Pas-de-Calais and the ES couloir.
    static let exchangeCodes = """
        type;code_jalon;code_externe
        indicateur;DMP-ALIM;dmpAlimRate
        territoire;D59;OuNord0001
        territoire;D62;OuPdc00002
        couloir;ES;cocES000001

        """
}

extension Application {
    /// Replaces the code mapping with `Seed.exchangeCodes`.
    func mapExchangeCodes() async throws {
        _ = try await db.sqlTransaction { db in
            try await ImportKind.codes.run(
                ImportFile(name: "codes.csv", data: Data(Seed.exchangeCodes.utf8)), mode: .commit, on: db,
                actor: .system)
        }
    }
}

import Foundation
import SQLKit

/// The kinds of CSV import, one preview/commit entry point shared by the CLI, the API and the pages.
enum ImportKind: String, CaseIterable, Sendable {
    case observations, targets

    /// Preview (dry run: writes nothing) or commit as one batch, in the caller's transaction.
    func run(_ data: Data, fileName: String, dryRun: Bool, on db: any SQLDatabase, actor: Actor) async throws -> ObservationImport.Report {
        switch (self, dryRun) {
        case (.observations, true): try await ObservationImport.preview(data, fileName: fileName, on: db).report
        case (.observations, false): try await ObservationImport.commit(data, fileName: fileName, on: db, actor: actor)
        case (.targets, true): try await TargetImport.preview(data, fileName: fileName, on: db).report
        case (.targets, false): try await TargetImport.commit(data, fileName: fileName, on: db, actor: actor)
        }
    }
}

import Foundation
import JalonCore

/// One stored version of an import profile: its document, whether Jalon shipped it, who saved it and when.
struct StoredImportProfile: Sendable, Equatable {
    var document: ImportProfileDocument
    var shipped: Bool
    var actor: String
    var createdAt: Date
    var profile: ImportProfile { document.profile }
}

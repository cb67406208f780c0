import Foundation
import SQLKit

extension ActivityShow {
    /// The activity with everything its page shows; nil when there is none with this id.
    static func query(id: UUID, on db: any SQLDatabase) async throws -> Model? {
        try await ActivityQuery.find(id, on: db).map { Model(detail: $0) }
    }
}

import Foundation
import JalonCore
import SQLKit

extension ProgrammeApplications {
    static func query(
        _ code: String, window: Int?, domain: String?, status: ApplicationStatus?, on db: any SQLDatabase
    ) async throws -> Model? {
        guard let programme = try await ProgrammeQuery.find(code, on: db) else { return nil }
        return Model(
            programme: programme, window: window, domain: domain, status: status,
            lines: try await ProgrammeQuery.applications(
                of: programme.id, window: window, domain: domain, status: status, on: db))
    }
}

import Foundation
import JalonCore
import SQLKit

extension ProgrammeShow {
    static func query(_ code: String, window: Int?, today: Day, on db: any SQLDatabase) async throws -> Model? {
        guard let programme = try await ProgrammeQuery.find(code, on: db) else { return nil }
        return Model(
            programme: programme, windows: try await ProgrammeQuery.windows(of: programme.id, on: db),
            history: try await ProgrammeQuery.windowHistory(of: programme.id, on: db),
            table: try await ProgrammeStats.table(programme, window: window, on: db), today: today)
    }
}

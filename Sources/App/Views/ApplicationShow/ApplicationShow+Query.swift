import Foundation
import JalonCore
import SQLKit

extension ApplicationShow {
    static func query(_ code: String, id: UUID, today: Day, on db: any SQLDatabase) async throws -> Model? {
        guard let programme = try await ProgrammeQuery.find(code, on: db),
            let application = try await ProgrammeQuery.application(id, on: db),
            application.programmeID == programme.id,
            let window = try await ProgrammeQuery.windows(of: programme.id, on: db).first(where: {
                $0.id == application.windowID
            })
        else { return nil }
        return Model(
            programme: programme, application: application, window: window,
            domains: try await ProgrammeQuery.domains(ofApplication: id, on: db),
            history: try await ProgrammeQuery.statusHistory(ofApplication: id, on: db),
            members: try await ProgrammeQuery.members(ofApplication: id, on: db), today: today)
    }
}

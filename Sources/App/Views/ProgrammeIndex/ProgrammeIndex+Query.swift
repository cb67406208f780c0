import Foundation
import JalonCore
import SQLKit

extension ProgrammeIndex {
    static func query(on db: any SQLDatabase) async throws -> Model {
        let programmes = try await ProgrammeQuery.all(on: db)
        var entries: [Entry] = []
        for programme in programmes {
            entries.append(
                Entry(
                    programme: programme,
                    windows: try await db.count(
                        "SELECT COUNT(*) AS n FROM programme_windows WHERE programme_id = \(bind: programme.id)"),
                    applications: try await db.count(
                        "SELECT COUNT(*) AS n FROM applications WHERE programme_id = \(bind: programme.id)")))
        }
        let installed = Set(programmes.map(\.code))
        let templates = ProgrammeService.templates.filter { !installed.contains($0) }.compactMap { code in
            (try? ProgrammeService.template(code)).map { (code: code, name: $0.name) }
        }
        return Model(entries: entries, templates: templates)
    }
}

import JalonCore
import SQLKit

extension ActivityEdit {
    /// The empty form dated `today`; a visit from the worklist comes with its type, structure and
    /// territory, and is titled after the structure when it is found.
    static func query(
        type: ActivityType?, structure: String?, territory: String?, today: Day, on db: any SQLDatabase
    ) async throws -> Model {
        var form = Form()
        form.date = today.iso
        if let type { form.type = type.rawValue }
        form.structures = structure ?? ""
        form.territories = territory ?? ""
        if let structure, let found = try await StructureQuery.find(structure, on: db) {
            form.title = "\(ActivityType(rawValue: form.type)?.label ?? "Visite") — \(found.name)"
        }
        return Model(form: form)
    }

    /// The structures of the form: numbers, or names matched against open structures. A name that
    /// matches several (or none) is sent back for review; `choices(n)` is the answer to line n.
    static func reached(_ lines: [String], choices: (Int) -> String?, on db: any SQLDatabase) async throws -> (
        reached: [ActivityService.Reached], review: [Review]
    ) {
        var reached: [ActivityService.Reached] = []
        var review: [Review] = []
        for (index, line) in lines.enumerated() {
            let parts = line.split(separator: ";", maxSplits: 1).map { String($0).trimmedSpaces }
            // A line that is only a separator (`;`) has no part at all.
            guard let text = parts.first, !text.isEmpty else { continue }
            let attendees = parts.count > 1 ? parts[1] : nil
            if let choice = choices(index), !choice.isEmpty {
                if choice != "-" { reached.append(.init(structure: choice, attendees: attendees)) }
                continue
            }
            if try await StructureQuery.find(text, on: db) != nil {
                reached.append(.init(structure: text, attendees: attendees))
                continue
            }
            let candidates = try await StructureQuery.byName(text, on: db)
            if candidates.count == 1 {
                reached.append(.init(structure: candidates[0].key, attendees: attendees))
                continue
            }
            review.append(
                .init(
                    index: index, text: text,
                    candidates: candidates.map { ($0.key, "\($0.name) — \($0.city) (\($0.finessET ?? $0.key))") }))
        }
        return (reached, review)
    }
}

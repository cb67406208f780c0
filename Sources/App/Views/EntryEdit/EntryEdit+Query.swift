import JalonCore
import SQLKit

extension EntryEdit {
    /// The empty forms, with the indicators and roadmaps to choose from; a target goes to the current
    /// roadmap unless another is chosen.
    static func query(on db: any SQLDatabase) async throws -> Model {
        let roadmaps = try await RoadmapQuery.all(on: db)
        var model = Model(indicators: try await IndicatorQuery.all(on: db), roadmaps: roadmaps)
        model.target.roadmap = RoadmapQuery.current(roadmaps, today: Day.today())?.code ?? ""
        return model
    }
}

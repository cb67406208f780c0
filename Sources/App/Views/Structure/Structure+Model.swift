enum StructureDetail {
    struct Model: Sendable, Equatable {
        var structure: Structure
        var territories: [Territory]
    }
}

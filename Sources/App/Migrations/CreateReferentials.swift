import Fluent

/// Editable referentials of the roadmap: services (DMP, MSSanté…), couloir labels and aliases,
/// pilot organisations (ARS, AM, GRADeS…).
struct CreateReferentials: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("services")
            .field("code", .string, .identifier(auto: false))
            .field("label", .string, .required)
            .field("sort", .int, .required)
            .create()
        try await db.schema("couloirs")
            .field("code", .string, .identifier(auto: false))
            .field("label", .string, .required)
            .field("aliases", .string, .required)
            .field("sort", .int, .required)
            .create()
        try await db.schema("pilot_organisations")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("sort", .int, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("pilot_organisations").delete()
        try await db.schema("couloirs").delete()
        try await db.schema("services").delete()
    }
}

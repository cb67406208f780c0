import Fluent

/// The definition of a custom territory: the communes, EPCI and départements it is made of.
struct CreateTerritoryMembers: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("territory_members")
            .field("territory_code", .string, .required, .references("territories", "code", onDelete: .cascade))
            .field("member_code", .string, .required, .references("territories", "code", onDelete: .restrict))
            .unique(on: "territory_code", "member_code")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("territory_members").delete()
    }
}

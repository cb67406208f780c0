import Fluent

/// Codes of other systems (DHIS2 data elements and organisation units, ADX codes) for Jalon's
/// indicators, territories and couloirs; a code without a mapping is exchanged as is.
struct CreateExchangeCodes: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("exchange_codes")
            .id()
            .field("kind", .string, .required)
            .field("jalon_code", .string, .required)
            .field("external_code", .string, .required)
            .unique(on: "kind", "external_code")
            .unique(on: "kind", "jalon_code")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("exchange_codes").delete()
    }
}

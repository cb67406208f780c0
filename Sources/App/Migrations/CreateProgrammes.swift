import Fluent
import SQLKit

/// Funding programmes (SUN-ES, ESMS numérique, HOP'EN, CaRE, SONS, regional calls): their windows with the
/// history of their dates, their domains with an eligibility rule and an envelope, the grappes of structures
/// that apply together, and the applications — per structure or grappe, per window, one status per domain
/// applied for, with amounts (in cents), usage targets and evidence deposits.
struct CreateProgrammes: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("programmes")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            /// `national` or `regional`.
            .field("scope", .string, .required)
            .field("volets", .string, .required)
            .field("starts_on", .string)
            .field("ends_on", .string)
            .field("description", .string, .required)
            .field("envelope_cents", .int64)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await db.schema("programme_windows")
            .id()
            .field("programme_id", .uuid, .required, .references("programmes", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .windowDates()
            .field("version", .int, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "programme_id", "number")
            .create()
        // A window's dates before each change, with who moved them and why.
        try await db.schema("programme_window_history")
            .id()
            .field("window_id", .uuid, .required, .references("programme_windows", "id", onDelete: .cascade))
            .windowDates()
            .field("reason", .string, .required)
            .field("changed_by", .string, .required)
            .field("changed_at", .datetime, .required)
            .create()
        try await db.schema("programme_domains")
            .id()
            .field("programme_id", .uuid, .required, .references("programmes", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("label", .string, .required)
            .field("volet", .string, .required)
            /// `EligibilityRule` text: `couloir: ES; drapeau: PMSI`.
            .field("rule", .string, .required)
            .field("envelope_cents", .int64)
            .field("sort", .int, .required)
            .unique(on: "programme_id", "code")
            .create()
        try await db.schema("grappes")
            .id()
            .field("programme_id", .uuid, .required, .references("programmes", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("porteur_id", .uuid, .references("structures", "id", onDelete: .setNull))
            .unique(on: "programme_id", "code")
            .create()
        try await db.schema("grappe_members")
            .field("grappe_id", .uuid, .required, .references("grappes", "id", onDelete: .cascade))
            .field("structure_id", .uuid, .required, .references("structures", "id", onDelete: .cascade))
            .unique(on: "grappe_id", "structure_id")
            .create()
        try await db.schema("applications")
            .id()
            .field("programme_id", .uuid, .required, .references("programmes", "id", onDelete: .cascade))
            .field("window_id", .uuid, .required, .references("programme_windows", "id", onDelete: .cascade))
            .field("structure_id", .uuid, .references("structures", "id", onDelete: .restrict))
            .field("grappe_id", .uuid, .references("grappes", "id", onDelete: .restrict))
            /// `S:` or `G:` and the applicant's id: one application per applicant and window.
            .field("applicant_key", .string, .required)
            /// The Démarches Simplifiées dossier number, or another external reference.
            .field("reference", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "window_id", "applicant_key")
            .create()
        try await db.schema("application_domains")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id", onDelete: .cascade))
            .field("domain_id", .uuid, .required, .references("programme_domains", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("status_on", .string, .required)
            .field("motive", .string, .required)
            .amounts()
            .field("updated_at", .datetime, .required)
            .unique(on: "application_id", "domain_id")
            .create()
        // Each status a domain of an application had before the next one, for the trail and the undo.
        try await db.schema("application_domain_history")
            .id()
            .field("application_domain_id", .uuid, .required)
            .field("status", .string, .required)
            .field("status_on", .string, .required)
            .field("motive", .string, .required)
            .amounts()
            .field("replaced_by", .string, .required)
            .field("changed_by", .string, .required)
            .field("changed_at", .datetime, .required)
            .create()
        try await db.schema("usage_targets")
            .id()
            .field(
                "application_domain_id", .uuid, .required,
                .references("application_domains", "id", onDelete: .cascade)
            )
            .field("indicator_code", .string, .required)
            .field("threshold", .double, .required)
            .field("due_on", .string, .required)
            .create()
        try await db.schema("evidence_deposits")
            .id()
            .field("application_id", .uuid, .required, .references("applications", "id", onDelete: .cascade))
            .field("label", .string, .required)
            .field("due_on", .string, .required)
            .field("deposited_on", .string)
            .create()
        // Flags a structure carries for eligibility rules (`PMSI`: it reports hospital activity).
        try await db.schema("structure_flags")
            .field("structure_id", .uuid, .required, .references("structures", "id", onDelete: .cascade))
            .field("flag", .string, .required)
            .unique(on: "structure_id", "flag")
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "application_domains_domain_idx").on("application_domains").column("domain_id")
            .run()
        try await sql.create(index: "applications_structure_idx").on("applications").column("structure_id").run()
    }

    func revert(on db: Database) async throws {
        for table in [
            "structure_flags", "evidence_deposits", "usage_targets", "application_domain_history",
            "application_domains", "applications", "grappe_members", "grappes", "programme_domains",
            "programme_window_history", "programme_windows", "programmes"
        ] {
            try await db.schema(table).delete()
        }
    }
}

extension SchemaBuilder {
    /// A window's dates, in its table and in its history.
    fileprivate func windowDates() -> SchemaBuilder {
        field("opens_on", .string).field("closes_on", .string).field("instruction_ends_on", .string)
            .field("targets_due_on", .string).field("payment_due_on", .string)
    }

    /// An application domain's amounts and batch, in its table and in its history.
    fileprivate func amounts() -> SchemaBuilder {
        field("amount_cents", .int64).field("signature_cents", .int64).field("targets_cents", .int64)
            .field("paid_cents", .int64).field("batch_id", .uuid)
    }
}

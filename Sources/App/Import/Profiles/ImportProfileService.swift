import Foundation
import JalonCore
import SQLKit

/// Stored import profiles: every save of a changed definition adds a version; the shipped profiles
/// are installed by `jalon migrate` (`InstallShippedData`), with the indicators they feed when those are
/// missing.
enum ImportProfileService {
    private struct Row: Decodable {
        var definition: String
        var shipped: Bool
        var actor: String
        var createdAt: Date
    }

    private static func stored(_ row: Row) -> StoredImportProfile? {
        guard let doc = try? ImportProfileDocument.decode(Data(row.definition.utf8), fileName: "") else { return nil }
        return StoredImportProfile(document: doc, shipped: row.shipped, actor: row.actor, createdAt: row.createdAt)
    }

    /// The shipped profile files (Resources/profiles/*.json), read once.
    static let shippedDocuments: [ImportProfileDocument] = {
        guard let dir = Bundle.module.url(forResource: "profiles", withExtension: nil, subdirectory: "Resources"),
            let files = try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            .compactMap { url in
                (try? Data(contentsOf: url)).flatMap {
                    try? ImportProfileDocument.decode($0, fileName: url.lastPathComponent)
                }
            }
    }()

    /// Installs the shipped profiles that are not there yet (a user's later versions are left alone).
    static func installShipped(on db: any SQLDatabase) async throws {
        struct NameRow: Decodable { var name: String }
        let present = Set(
            try await db.select().column("name").from("import_profiles").where("shipped", .equal, true).all(
                decoding: NameRow.self
            ).map(\.name))
        for doc in shippedDocuments where !present.contains(doc.profile.name) {
            try await save(doc, shipped: true, on: db, actor: .system)
        }
    }

    /// The latest version of every profile.
    static func all(on db: any SQLDatabase) async throws -> [StoredImportProfile] {
        let rows = try await db.raw(
            """
            SELECT p.definition, p.shipped, p.actor, p.created_at FROM import_profiles p
            WHERE p.version = (SELECT MAX(q.version) FROM import_profiles q WHERE q.name = p.name) ORDER BY p.name
            """
        ).all(decoding: Row.self, with: .snakeCase)
        return rows.compactMap(stored)
    }

    /// A profile by name, its latest version unless one is asked.
    static func find(_ name: String, version: Int? = nil, on db: any SQLDatabase) async throws -> StoredImportProfile? {
        var query = db.select().columns("definition", "shipped", "actor", "created_at").from("import_profiles")
            .where("name", .equal, name.trimmingCharacters(in: .whitespaces).lowercased())
        if let version { query = query.where("version", .equal, version) }
        return try await query.orderBy("version", .descending).first(decoding: Row.self, with: .snakeCase)
            .flatMap(stored)
    }

    static func versions(_ name: String, on db: any SQLDatabase) async throws -> [StoredImportProfile] {
        try await db.select().columns("definition", "shipped", "actor", "created_at").from("import_profiles")
            .where("name", .equal, name).orderBy("version", .descending).all(decoding: Row.self, with: .snakeCase)
            .compactMap(stored)
    }

    /// The profile a file is imported with, or a French error listing the known ones.
    static func require(_ name: String, on db: any SQLDatabase) async throws -> ImportProfile {
        if let stored = try await find(name, on: db) { return stored.profile }
        let known = try await all(on: db).map(\.profile.name).joined(separator: ", ")
        throw ServiceError.invalid(
            "Profil d'import inconnu « \(name.prefix(40)) » (profils : \(known.isEmpty ? "aucun" : known)).",
            field: "profil")
    }

    enum Saved: Equatable {
        case created(version: Int)
        case unchanged(version: Int)
    }

    /// Validates and stores a new version when the definition changed; the indicators the document
    /// brings are created when missing. One audit entry per new version.
    @discardableResult
    static func save(_ doc: ImportProfileDocument, shipped: Bool = false, on db: any SQLDatabase, actor: Actor)
        async throws -> Saved
    {
        try await actor.authorize(.regional, on: db)
        var doc = doc
        doc.profile.name = doc.profile.name.trimmingCharacters(in: .whitespaces)
        // "editeur" is the editor page's path under /imports/profils.
        let problems = doc.profile.problems + (doc.profile.name == "editeur" ? ["Le nom « editeur » est réservé."] : [])
        guard problems.isEmpty else {
            throw ServiceError.invalid("Profil « \(doc.profile.name.prefix(40)) » : " + problems.joined(separator: " "))
        }
        for indicator in doc.indicators ?? [] where try await IndicatorQuery.find(indicator.code, on: db) == nil {
            _ = try await IndicatorService.upsert(indicator, on: db, actor: actor)
        }
        let latest = try await versions(doc.profile.name, on: db).first
        var candidate = doc
        if let latest {
            candidate.profile.version = latest.profile.version
            if candidate == latest.document { return .unchanged(version: latest.profile.version) }
        }
        let version = (latest?.profile.version ?? 0) + 1
        doc.profile.version = version
        let definition = String(decoding: doc.encoded(), as: UTF8.self)
        try await db.insert(into: "import_profiles")
            .columns("id", "name", "version", "description", "definition", "shipped", "actor", "created_at")
            .values(
                SQLBind(UUID()), SQLBind(doc.profile.name), SQLBind(version), SQLBind(doc.profile.description),
                SQLBind(definition),
                SQLBind(shipped), SQLBind(actor.name), SQLBind(Date())
            )
            .run()
        try await AuditService.record(
            db, actor: actor, action: version == 1 ? "create" : "update", objectType: "import_profile",
            objectID: doc.profile.name,
            summary: "Profil d'import \(doc.profile.name) : version \(version)", details: ["version": "\(version)"])
        return .created(version: version)
    }
}

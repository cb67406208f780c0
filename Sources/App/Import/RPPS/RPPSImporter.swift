import Foundation
import JalonCore
import SQLKit

/// `jalon import rpps FILE`: the practitioners of the MDV, RADIO and PHARMA couloirs of the loaded
/// territories, from the public RPPS extraction. General practitioners and radiologists in private
/// practice get their practice (a structure outside FINESS, keyed by SIRET or by the register's
/// structure id); pharmacists are linked to their FINESS pharmacy. The file is streamed in batches
/// with a bounded queue, and everything is written in the caller's transaction.
enum RPPSImporter {
    struct Summary: Sendable, Equatable {
        var file = ""
        var lines = 0
        var rejected = 0
        var rejections: [String] = []
        var otherActivities = 0
        var outOfScope = 0
        var kept: [String: Int] = [:]
        var practicesCreated = 0, practicesUpdated = 0
        var activitiesCreated = 0, activitiesUpdated = 0, activitiesUnchanged = 0
        var pharmaciesLinked = 0, pharmaciesUnknown = 0

        var text: String {
            let read: String =
                "\(file) : \(Format.integer(lines)) lignes lues, \(Format.integer(rejected)) rejetées, "
                + "\(Format.integer(otherActivities)) hors MDV/RADIO/PHARMA, "
                + "\(Format.integer(outOfScope)) hors des territoires chargés."
            let keptPerCouloir = ["MDV", "RADIO", "PHARMA"].map { "\($0) \(Format.integer(kept[$0] ?? 0))" }
            let activities: String =
                "Praticiens (activités) créés : \(Format.integer(activitiesCreated)), "
                + "modifiés : \(Format.integer(activitiesUpdated)), "
                + "inchangés : \(Format.integer(activitiesUnchanged))."
            let pharmacies: String =
                "Pharmaciens rattachés à leur officine FINESS : \(Format.integer(pharmaciesLinked)) ; "
                + "officine FINESS inconnue : \(Format.integer(pharmaciesUnknown))."
            var report = [
                read,
                "Activités retenues : " + keptPerCouloir.joined(separator: ", ") + ".",
                activities,
                "Cabinets créés : \(Format.integer(practicesCreated)), modifiés : \(Format.integer(practicesUpdated)).",
                pharmacies
            ]
            report += rejections.map { "  \($0)" }
            if rejected > rejections.count {
                report.append("  … et \(rejected - rejections.count) autres lignes rejetées")
            }
            return report.joined(separator: "\n")
        }
    }

    static let batchSize = 5_000

    /// `region`: only the communes of that territory (all loaded communes otherwise).
    static func run(
        path: String, fileName: String, region: String? = nil, on db: any SQLDatabase, actor: Actor,
        progress: (@Sendable (_ read: Int64, _ total: Int64) -> Void)? = nil
    ) async throws -> Summary {
        var summary = Summary(file: fileName)
        let scope = try await communes(region: region, on: db)
        var state = try await State.load(on: db)
        do {
            let batches = RPPSBatches(path: path, size: batchSize, progress: progress)
            for try await batch in batches.stream {
                try await process(batch, scope: scope, state: &state, summary: &summary, on: db)
                batches.processed()
            }
        } catch let failure as RPPSReader.Failure {
            throw ServiceError.invalid("\(fileName), \(failure.description).")
        }
        if summary.activitiesCreated + summary.activitiesUpdated + summary.practicesCreated + summary.practicesUpdated
            > 0
        {
            try await RollupCache.invalidateAll(on: db)
            try await AuditService.record(
                db, actor: actor, action: "import", objectType: "rpps", objectID: fileName,
                summary: "Import RPPS \(fileName) : \(summary.activitiesCreated) activités créées, "
                    + "\(summary.activitiesUpdated) modifiées, \(summary.practicesCreated) cabinets créés",
                details: ["lines": "\(summary.lines)", "rejected": "\(summary.rejected)"])
        }
        return summary
    }

    /// INSEE code (or arrondissement / delegated commune code) → commune code, for the communes in scope.
    static func communes(region: String?, on db: any SQLDatabase) async throws -> [String: String] {
        struct CodeRow: Decodable { var code: String }
        var codes: [String]
        if let region {
            guard let territory = try await TerritoryQuery.find(region, on: db) else {
                throw ServiceError.invalid("Territoire inconnu « \(region.prefix(40)) ».", field: "region")
            }
            codes = try await db.select().column(SQLAlias(SQLColumn("commune_code"), as: SQLIdentifier("code"))).from(
                "territory_communes"
            )
            .where("territory_code", .equal, territory.code).all(decoding: CodeRow.self).map(\.code)
        } else {
            codes = try await db.select().column("code").from("territories").where(
                "kind", .equal, TerritoryKind.commune.rawValue
            ).all(decoding: CodeRow.self).map { String($0.code.dropFirst()) }
        }
        guard !codes.isEmpty else {
            throw ServiceError.invalid(
                "Aucune commune chargée : importez d'abord la géographie officielle (jalon import cog).")
        }
        var communes = Dictionary(codes.map { ($0, $0) }, uniquingKeysWith: { a, _ in a })
        struct AliasRow: Decodable {
            var aliasCode: String
            var communeCode: String
        }
        for alias in try await db.select().columns("alias_code", "commune_code").from("commune_aliases").all(
            decoding: AliasRow.self, with: .snakeCase) where communes[alias.communeCode] != nil
        {
            communes[alias.aliasCode] = alias.communeCode
        }
        return communes
    }

    /// What one import remembers across batches: the practices already in the database, what this file
    /// already wrote.
    struct State {
        var practices: [String: (id: UUID, hash: String)]
        var practicesSeen: Set<String> = []
        var activitiesSeen: Set<String> = []

        static func load(on db: any SQLDatabase) async throws -> State {
            struct PracticeRow: Decodable {
                var id: UUID
                var practiceKey: String
                var contentHash: String
            }
            let rows = try await db.select().columns("id", "practice_key", "content_hash").from("structures")
                .where("source", .equal, "rpps").where("practice_key", .isNot, SQLLiteral.null)
                .all(decoding: PracticeRow.self, with: .snakeCase)
            return State(
                practices: Dictionary(
                    rows.map { ($0.practiceKey, (id: $0.id, hash: $0.contentHash)) }, uniquingKeysWith: { a, _ in a })
            )
        }
    }

    static func practiceKey(_ record: RPPSRecord) -> String {
        if !record.siret.isEmpty { return "SIRET:" + record.siret }
        if !record.structureId.isEmpty { return "RPPS-STRUCTURE:" + record.structureId }
        return "RPPS:" + record.rpps + "|" + record.communeCode + "|" + record.streetLine
    }

    static func process(
        _ batch: [RPPSReader.Item], scope: [String: String], state: inout State, summary: inout Summary,
        on db: any SQLDatabase
    ) async throws {
        var kept: [(record: RPPSRecord, couloir: Couloir, commune: String)] = []
        for item in batch {
            summary.lines += 1
            switch item {
            case .rejected(let line, let reason):
                summary.rejected += 1
                if summary.rejections.count < 20 { summary.rejections.append("ligne \(line) : \(reason)") }
            case .record(let record):
                guard let couloir = record.couloir else {
                    summary.otherActivities += 1
                    continue
                }
                guard let commune = scope[record.communeCode] else {
                    summary.outOfScope += 1
                    continue
                }
                kept.append((record, couloir, commune))
            }
        }
        guard !kept.isEmpty else { return }
        // FINESS sites named by the batch, in one query per 500.
        let sites = Array(Set(kept.map(\.record.finessSite).filter { !$0.isEmpty }))
        var finess: [String: UUID] = [:]
        struct SiteRow: Decodable {
            var id: UUID
            var finessET: String
        }
        for start in stride(from: 0, to: sites.count, by: 500) {
            for site in try await db.select().columns("id", "finess_et").from("structures").where(
                "finess_et", .in, Array(sites[start..<min(start + 500, sites.count)])
            ).all(decoding: SiteRow.self, with: .snakeCase) {
                finess[site.finessET] = site.id
            }
        }
        let now = Date()
        var newPractices: [[any Encodable & Sendable]] = []
        var activities: [(key: String, values: [String: any Encodable & Sendable], hash: String)] = []
        for (record, couloir, commune) in kept {
            var structureID: UUID?
            var anchor: String
            if couloir == .pharma {
                guard let id = finess[record.finessSite] else {
                    summary.pharmaciesUnknown += 1
                    continue
                }
                structureID = id
                anchor = "FINESS:" + record.finessSite
                summary.pharmaciesLinked += 1
            } else if let id = finess[record.finessSite] {
                structureID = id
                anchor = "FINESS:" + record.finessSite
            } else {
                let key = practiceKey(record)
                anchor = key
                let name =
                    record.companyName.isEmpty
                    ? "Cabinet \(record.firstName) \(record.lastName)".trimmingCharacters(in: .whitespaces)
                    : record.companyName
                let category =
                    couloir == .radio
                    ? ("RPPS-RADIO", "Cabinet de radiologie (RPPS)")
                    : ("RPPS-MG", "Cabinet de médecine générale (RPPS)")
                let values: [(String, String)] = [
                    ("name", name), ("address", record.streetLine), ("postal_code", record.postalCode),
                    ("city", record.communeLabel),
                    ("commune_code", commune), ("siret", record.siret), ("category_code", category.0),
                    ("couloir", couloir.rawValue)
                ]
                let hash = ContentHash.of(values.map(\.1))
                if let existing = state.practices[key] {
                    structureID = existing.id
                    if existing.hash != hash, state.practicesSeen.insert(key).inserted {
                        var update = db.update("structures")
                        for (column, value) in values { update = update.set(column, to: value) }
                        try await update.set("long_name", to: name).set("category_label", to: category.1).set(
                            "content_hash", to: hash
                        ).set("updated_at", to: now)
                            .where("id", .equal, existing.id).run()
                        state.practices[key] = (existing.id, hash)
                        summary.practicesUpdated += 1
                    }
                } else {
                    let id = UUID.ordered()
                    state.practices[key] = (id, hash)
                    state.practicesSeen.insert(key)
                    structureID = id
                    newPractices.append([
                        id, String?.none, "", record.rpps, record.siret, "rpps", name, name,
                        "", record.streetLine, record.postalCode, record.communeLabel, commune, record.communeCode,
                        "", category.0, category.1, couloir.rawValue, false, hash, key,
                        now, now
                    ])
                    summary.practicesCreated += 1
                }
            }
            let key = record.rpps + "|" + anchor
            guard state.activitiesSeen.insert(key).inserted else { continue }
            summary.kept[couloir.rawValue, default: 0] += 1
            let fields: [(String, String)] = [
                ("rpps", record.rpps), ("last_name", record.lastName), ("first_name", record.firstName),
                ("profession_code", record.professionCode),
                ("profession_label", record.professionLabel), ("skill_label", record.skillLabel),
                ("practice_mode", record.practiceModeCode),
                ("couloir", couloir.rawValue), ("finess_site", record.finessSite), ("siret", record.siret),
                ("commune_code", commune)
            ]
            var values: [String: any Encodable & Sendable] = Dictionary(
                uniqueKeysWithValues: fields.map { ($0.0, $0.1) })
            values["structure_id"] = structureID
            activities.append((key, values, ContentHash.of(fields.map(\.1) + [structureID?.uuidString ?? ""])))
        }
        try await db.insertBatched(
            into: "structures",
            columns: [
                "id", "finess_et", "finess_ej", "rpps", "siret", "source", "name", "long_name", "complement", "address",
                "postal_code", "city", "commune_code",
                "commune_raw", "phone", "category_code", "category_label", "couloir", "is_demo", "content_hash",
                "practice_key", "created_at", "updated_at"
            ], rows: newPractices)
        // Activities: compare with what is stored, by key, 500 at a time.
        struct StoredActivityRow: Decodable {
            var activityKey: String
            var contentHash: String
        }
        var stored: [String: String] = [:]
        let keys = activities.map(\.key)
        for start in stride(from: 0, to: keys.count, by: 500) {
            for activity in try await db.select().columns("activity_key", "content_hash")
                .from("practitioner_activities")
                .where("activity_key", .in, Array(keys[start..<min(start + 500, keys.count)]))
                .all(decoding: StoredActivityRow.self, with: .snakeCase)
            {
                stored[activity.activityKey] = activity.contentHash
            }
        }
        let columns = [
            "rpps", "last_name", "first_name", "profession_code", "profession_label", "skill_label", "practice_mode",
            "couloir", "structure_id",
            "finess_site", "siret", "commune_code"
        ]
        var inserts: [[any Encodable & Sendable]] = []
        for activity in activities {
            switch stored[activity.key] {
            case nil:
                inserts.append(
                    [UUID.ordered(), activity.key] + columns.map { activity.values[$0]! } + [activity.hash, now])
                summary.activitiesCreated += 1
            case activity.hash?:
                summary.activitiesUnchanged += 1
            default:
                var update = db.update("practitioner_activities")
                for column in columns { update = update.set(column, to: activity.values[column]!) }
                try await update.set("content_hash", to: activity.hash).set("updated_at", to: now).where(
                    "activity_key", .equal, activity.key
                ).run()
                summary.activitiesUpdated += 1
            }
        }
        try await db.insertBatched(
            into: "practitioner_activities", columns: ["id", "activity_key"] + columns + ["content_hash", "updated_at"],
            rows: inserts)
    }
}

/// The reader runs on its own thread and hands batches over through a queue of at most two, so a
/// two-million-line file never sits in memory while the database writes catch up.
struct RPPSBatches {
    final class Gate: @unchecked Sendable {
        let semaphore = DispatchSemaphore(value: 2)
        private let lock = NSLock()
        private var stopped = false
        var isStopped: Bool { lock.withLock { stopped } }
        func stop() {
            lock.withLock { stopped = true }
            semaphore.signal()
        }
    }

    struct Stopped: Error {}

    let stream: AsyncThrowingStream<[RPPSReader.Item], any Error>
    private let gate = Gate()

    init(path: String, size: Int, progress: (@Sendable (Int64, Int64) -> Void)?) {
        let gate = self.gate
        stream = AsyncThrowingStream { continuation in
            continuation.onTermination = { _ in gate.stop() }
            Thread.detachNewThread {
                var buffer: [RPPSReader.Item] = []
                buffer.reserveCapacity(size)
                func hand() throws {
                    gate.semaphore.wait()
                    if gate.isStopped { throw Stopped() }
                    continuation.yield(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
                do {
                    try RPPSReader.read(path: path, progress: progress) { item in
                        buffer.append(item)
                        if buffer.count == size { try hand() }
                    }
                    if !buffer.isEmpty { try hand() }
                    continuation.finish()
                } catch is Stopped {
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
        }
    }

    /// Lets the reader hand over one more batch.
    func processed() { gate.semaphore.signal() }
}

import Crypto
import Fluent
import Foundation
import JalonCore
import SQLKit

/// Generating a meeting's pack from a validated photo: read as of the photo's date, rendered as HTML slides,
/// printed to PDF by Chromium, its tables written as XLSX, and stored frozen with the photo's SHA-256 and its
/// own. The choice of sections becomes the committee's pack template. Generating again what an existing pack
/// already holds (same meeting, same content) returns that pack; concurrent requests for the same pack print
/// it once.
enum PackService {
    static let gate = PackGate()

    @discardableResult
    static func generate(
        meeting id: UUID, photo asked: UUID? = nil, template chosen: PackTemplate? = nil, on database: any Database,
        renderer: PDFRenderer, actor: Actor
    ) async throws -> UUID {
        let sql = database as! any SQLDatabase
        let (_, committee) = try await MeetingService.writable(id, on: sql, actor: actor)
        let photo = try await photo(asked, committee: committee, on: sql)
        let template = chosen ?? committee.packTemplate
        guard !template.sections.isEmpty else {
            throw ServiceError.invalid("Choisissez au moins une section du dossier.", field: "sections")
        }
        try ServiceError.checkCount(template.focus.count, limit: 30, label: "Indicateurs de focus", field: "focus")
        let key = [id.uuidString, photo.uuidString, template.sectionsText, template.focusText].joined(separator: "|")
        return try await gate.run(key) {
            let model = try await CommitteePack.query(
                meeting: id, photo: photo, template: template, publicDirectory: renderer.publicDirectory, on: sql)
            let html = CommitteePack.render(model)
            let htmlSha = SHA256.hash(data: Data(html.utf8)).hexString
            struct PackRow: Decodable { var id: UUID }
            if let existing = try await sql.select().column("id").from("committee_packs")
                .where("meeting_id", .equal, id).where("html_sha256", .equal, htmlSha).first(decoding: PackRow.self)
            {
                try await database.sqlTransaction { db in
                    try await saveTemplate(template, of: committee, on: db, actor: actor)
                }
                return existing.id
            }
            let xlsx = try XLSXWriter.write(CommitteePack.workbook(model))
            let pdf = try await renderer.render(html: html)
            let pdfSha = SHA256.hash(data: pdf).hexString
            let pages = PDFRenderer.pageCount(pdf)
            let pack = UUID()
            try await database.sqlTransaction { db in
                try await saveTemplate(template, of: committee, on: db, actor: actor)
                try await db.insert(into: "committee_packs")
                    .columns(
                        "id", "meeting_id", "snapshot_id", "snapshot_sha256", "sections", "focus", "html",
                        "html_sha256", "pdf", "pdf_sha256", "xlsx", "pages", "created_by", "created_at"
                    )
                    .values(
                        SQLBind(pack), SQLBind(id), SQLBind(photo), SQLBind(model.photo.sha256),
                        SQLBind(template.sectionsText), SQLBind(template.focusText), SQLBind(html), SQLBind(htmlSha),
                        SQLBind(pdf), SQLBind(pdfSha), SQLBind(xlsx), SQLBind(pages), SQLBind(actor.name),
                        SQLBind(Date())
                    ).run()
                try await AuditService.record(
                    db, actor: actor, action: "generate", objectType: "committee_pack",
                    objectID: pack.uuidString.lowercased(),
                    summary: "Dossier de séance « \(model.title) » généré depuis la photo « \(model.photo.name) » "
                        + "(\(pages) pages)",
                    details: ["photo_sha256": model.photo.sha256, "html_sha256": htmlSha, "pdf_sha256": pdfSha])
            }
            return pack
        }
    }

    /// The template a caller names (section codes separated by commas, in order; focus indicator codes), what
    /// is left out keeping the committee's; an unknown section is refused rather than dropped.
    static func template(sections: String?, focus: String?, of committee: CommitteeQuery.Committee) throws
        -> PackTemplate
    {
        let written = sections?.trimmedSpaces.nilIfEmpty ?? committee.packSections
        let names = written.split(separator: ",").map { String($0).trimmedSpaces }
        if let unknown = names.first(where: { !$0.isEmpty && PackSection(rawValue: $0) == nil }) {
            throw ServiceError.invalid(
                "Section inconnue « \(unknown.prefix(40)) » ("
                    + PackSection.allCases.map(\.rawValue).joined(separator: ", ") + ").", field: "sections")
        }
        return PackTemplate.parse(sections: written, focus: focus ?? committee.packFocus)
    }

    /// The photo asked for, or the latest validated for the committee's territory (the latest of all when
    /// none is).
    static func photo(_ asked: UUID?, committee: CommitteeQuery.Committee, on db: any SQLDatabase) async throws -> UUID
    {
        if let asked {
            guard try await SnapshotService.find(asked, on: db) != nil else {
                throw ServiceError.invalid("Photo à date inconnue.", field: "photo")
            }
            return asked
        }
        let photos = try await SnapshotService.all(on: db)
        guard let latest = photos.first(where: { $0.territory == committee.territoryCode }) ?? photos.first else {
            throw ServiceError.invalid(
                "Aucune photo à date validée : validez-en une (menu Feuille de route, Photos à date) avant de générer "
                    + "le dossier.",
                field: "photo")
        }
        return latest.id
    }

    static func saveTemplate(
        _ template: PackTemplate, of committee: CommitteeQuery.Committee, on db: any SQLDatabase, actor: Actor
    ) async throws {
        let before = committee.packTemplate
        guard before != template else { return }
        try await db.update("committees").set("pack_sections", to: template.sectionsText)
            .set("pack_focus", to: template.focusText).where("id", .equal, committee.id).run()
        var changes = FieldChanges()
        changes.compare("sections", before.sectionsText, template.sectionsText)
        changes.compare("focus", before.focusText, template.focusText)
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "committee", objectID: committee.code,
            summary: "Modèle de dossier du comité « \(committee.name) »", changes: changes)
    }
}

/// Runs one generation per key at a time: a request for a pack being generated waits for it.
actor PackGate {
    private var running: [String: Task<UUID, any Error>] = [:]

    func run(_ key: String, _ operation: @escaping @Sendable () async throws -> UUID) async throws -> UUID {
        if let task = running[key] { return try await task.value }
        let task = Task { try await operation() }
        running[key] = task
        defer { running[key] = nil }
        return try await task.value
    }
}

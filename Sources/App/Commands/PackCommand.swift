import Foundation
import JalonCore
import Vapor

/// `jalon pack MEETING [--photo ID] [--sections S] [--focus CODES] [--output F.pdf]`: generates a meeting's
/// pack from a validated photo (the latest by default) with the committee's template, or the sections and
/// focus given (which become the template), and writes its PDF.
struct PackCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "meeting",
            help: "La réunion : son identifiant, CODE@AAAA-MM-JJ (comité et date) ou CODE (sa prochaine réunion)")
        var meeting: String
        @Option(name: "photo", help: "Identifiant de la photo à date (la dernière validée par défaut)")
        var photo: String?
        @Option(name: "sections", help: "Sections dans l'ordre, séparées par des virgules (voir le README)")
        var sections: String?
        @Option(name: "focus", help: "Indicateurs en focus, séparés par des virgules")
        var focus: String?
        @Option(name: "output", help: "Fichier PDF à écrire (dossier-AAAA-MM-JJ.pdf par défaut)")
        var output: String?
    }

    var help: String { "Génère le dossier de séance d'une réunion (PDF, depuis une photo à date validée)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let db = context.sql
            guard let meeting = try await MeetingQuery.resolve(signature.meeting, today: .today(), on: db) else {
                throw CommandFailure(
                    "Réunion inconnue « \(signature.meeting.prefix(60)) » (identifiant, CODE@AAAA-MM-JJ ou CODE).")
            }
            var photo: UUID?
            if let raw = signature.photo {
                guard let id = UUID(uuidString: raw) else { throw CommandFailure("Photo à date inconnue « \(raw) ».") }
                photo = id
            }
            var template: PackTemplate?
            if signature.sections != nil || signature.focus != nil {
                guard let committee = try await CommitteeQuery.find(id: meeting.committeeID, on: db) else {
                    throw CommandFailure("Comité inconnu.")
                }
                template = try PackService.template(sections: signature.sections, focus: signature.focus, of: committee)
            }
            let started = Date()
            let pack = try await PackService.generate(
                meeting: meeting.id, photo: photo, template: template, on: context.application.db,
                renderer: PDFRenderer(config: context.application.config), actor: .cli)
            guard let stored = try await PackQuery.find(pack, on: db),
                let pdf = try await PackQuery.file(pack, .pdf, on: db)
            else { throw CommandFailure("Le dossier n'a pas été enregistré.") }
            let path = signature.output ?? "dossier-\(meeting.day).pdf"
            guard FileManager.default.createFile(atPath: path, contents: pdf) else {
                throw CommandFailure("\(path) : écriture impossible.")
            }
            let seconds = Format.decimal(Date().timeIntervalSince(started), fractionDigits: 1)
            context.console.output(
                "\(path) écrit : \(stored.pages) pages, \(Format.integer(pdf.count)) octets, en \(seconds) s ; "
                    .consoleText() + "SHA-256 \(stored.pdfSha256) (photo \(stored.snapshotSha256))".consoleText())
        }
    }
}

import Foundation
import JalonCore
import Vapor

/// `jalon import rpps FILE [--region R32]`
struct ImportRPPSCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "file",
            help: "Extraction PS_LibreAcces_Personne_activite (.txt ou .csv, séparateur |, éventuellement .gz)")
        var file: String
        @Option(
            name: "region",
            help: "Ne garder que les communes de ce territoire (ex. R32) ; toutes les communes chargées par défaut")
        var region: String?
    }

    var help: String {
        "Importe les praticiens du RPPS des couloirs MDV, RADIO et PHARMA "
            + "(cabinets hors FINESS, pharmaciens rattachés à leur officine)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            guard FileManager.default.isReadableFile(atPath: signature.file) else {
                throw CommandFailure("\(signature.file) : fichier introuvable ou illisible.")
            }
            let name = (signature.file as NSString).lastPathComponent
            let shown = ProgressLine()
            let summary = try await context.application.db.sqlTransaction { db in
                try await RPPSImporter.run(
                    path: signature.file, fileName: name, region: signature.region, on: db, actor: .cli
                ) {
                    read, total in shown.update(read, total)
                }
            }
            shown.finish()
            context.console.output(summary.text.consoleText())
        }
    }
}

/// "Lecture : 42 %" on standard error, rewritten in place, every whole percent.
final class ProgressLine: @unchecked Sendable {
    private var last = -1
    private let lock = NSLock()

    func update(_ read: Int64, _ total: Int64) {
        guard total > 0 else { return }
        let percent = Int(read * 100 / total)
        let changed = lock.withLock { () -> Bool in
            guard percent != last else { return false }
            last = percent
            return true
        }
        if changed { FileHandle.standardError.write(Data("\rLecture : \(percent) %".utf8)) }
    }

    func finish() { if last >= 0 { FileHandle.standardError.write(Data("\n".utf8)) } }
}

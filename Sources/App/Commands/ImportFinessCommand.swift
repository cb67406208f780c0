import JalonCore
import Vapor

struct ImportFinessCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Extraction etalab (.csv, .csv.gz) ou flux finess-structures (.json, .json.gz)")
        var file: String
    }

    var help: String { "Importe un fichier FINESS (les deux formats publics, détectés d'après le contenu)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let (data, name) = try context.readFile(signature.file)
            context.console.info("Lecture de \(name) (\(Format.integer(data.count / 1024)) Kio)…")
            let summary = try await context.application.db.sqlTransaction { db in
                try await FinessImporter.importFile(data: data, fileName: name, on: db, actor: .cli)
            }
            context.console.output(summary.text.consoleText())
        }
    }
}

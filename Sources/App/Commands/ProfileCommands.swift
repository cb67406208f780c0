import Foundation
import JalonCore
import Vapor

/// `jalon profile list`
struct ProfileListCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Liste les profils d'import (dernière version de chacun)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let profiles = try await context.application.db.sqlTransaction { db in
                try await ImportProfileService.all(on: db)
            }
            for stored in profiles {
                let profile = stored.profile
                let asks = (profile.parameters ?? [:]).keys.sorted().map { "--set \($0)=…" }.joined(separator: ",")
                let columns = [
                    profile.name, "v\(profile.version)", stored.shipped ? "fourni" : stored.actor,
                    asks.isEmpty ? "-" : asks, String(profile.description.prefix(90))
                ]
                context.console.output(columns.joined(separator: "\t").consoleText())
            }
        }
    }
}

/// `jalon profile export NAME [--version N]`: the JSON document on standard output.
struct ProfileExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "name", help: "Nom du profil")
        var name: String
        @Option(name: "version", help: "Version à exporter (la dernière par défaut)")
        var version: Int?
    }
    var help: String { "Écrit un profil d'import en JSON sur la sortie standard." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            guard
                let stored = try await ImportProfileService.find(
                    signature.name, version: signature.version, on: context.sql)
            else {
                let version = signature.version.map { " en version \($0)" } ?? ""
                throw CommandFailure("Profil inconnu « \(signature.name) »\(version) (voir jalon profile list).")
            }
            FileHandle.standardOutput.write(stored.document.encoded() + Data("\n".utf8))
        }
    }
}

/// `jalon profile import FILE.json`: a new version when the definition changed.
struct ProfileImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Profil au format JSON (tel qu'exporté)")
        var file: String
    }
    var help: String { "Enregistre un profil d'import JSON (nouvelle version s'il a changé)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let (data, name) = try context.readFile(signature.file)
            let doc = try ImportProfileDocument.decode(data, fileName: name)
            let saved = try await context.application.db.sqlTransaction { db in
                try await ImportProfileService.save(doc, on: db, actor: cliActor)
            }
            switch saved {
            case .created(let version):
                context.console.output("Profil \(doc.profile.name) enregistré en version \(version).".consoleText())
            case .unchanged(let version):
                context.console.output("Profil \(doc.profile.name) inchangé (version \(version)).".consoleText())
            }
        }
    }
}

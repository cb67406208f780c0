import Foundation
import SQLKit
import Vapor

/// The CLI: `jalon import …`, `jalon territory …`, `jalon demo` (plus Vapor's `serve`, `migrate`,
/// `routes`).
enum Commands {
    static func register(on app: Application) {
        var imports = AsyncCommands()
        imports.use(ImportCOGCommand(), as: "cog")
        imports.use(ImportFinessCommand(), as: "finess")
        imports.use(ImportRPPSCommand(), as: "rpps")
        imports.use(ImportIndicatorsCommand(), as: "indicators")
        for kind in ImportKind.allCases { imports.use(ImportFileCommand(kind: kind), as: kind.rawValue) }
        imports.use(ImportUndoCommand(), as: "undo")
        imports.use(ImportListCommand(), as: "list")
        app.asyncCommands.use(
            imports.group(
                help: "Importe la géographie officielle (cog), les registres FINESS et RPPS, des indicateurs, "
                    + "des observations, cibles, échanges DHIS2 et ADX, activités, organisations, contacts et "
                    + "correspondances de codes ; list et undo pour les lots."
            ), as: "import")

        var territory = AsyncCommands()
        territory.use(TerritoryDefineCommand(), as: "define")
        territory.use(TerritoryImportCommand(), as: "import")
        territory.use(TerritoryListCommand(), as: "list")
        app.asyncCommands.use(
            territory.group(help: "Définit, importe ou liste les territoires personnalisés."), as: "territory")

        app.asyncCommands.use(DemoCommand(), as: "demo")

        var roadmap = AsyncCommands()
        roadmap.use(RoadmapTemplateCommand(), as: "template")
        roadmap.use(RoadmapCreateCommand(), as: "create")
        roadmap.use(RoadmapListCommand(), as: "list")
        roadmap.use(RoadmapShowCommand(), as: "show")
        roadmap.use(RoadmapObjectiveCommand(), as: "objective")
        roadmap.use(RoadmapFicheCommand(), as: "fiche")
        roadmap.use(RoadmapMoveFicheCommand(), as: "move-fiche")
        roadmap.use(RoadmapArchiveCommand(), as: "archive")
        roadmap.use(RoadmapExportCommand(), as: "export")
        roadmap.use(RoadmapImportCommand(), as: "import")
        app.asyncCommands.use(
            roadmap.group(
                help: "Feuilles de route : modèles, création, liste, objectifs et fiches, archivage, "
                    + "export et import JSON."),
            as: "roadmap")
        app.asyncCommands.use(ProgressCommand(), as: "progress")

        var programme = AsyncCommands()
        programme.use(ProgrammeInstallCommand(), as: "install")
        programme.use(ProgrammeListCommand(), as: "list")
        programme.use(ProgrammeShowCommand(), as: "show")
        app.asyncCommands.use(
            programme.group(help: "Programmes de financement : installation d'un programme type, liste, tableau."),
            as: "programme")

        app.asyncCommands.use(ExportCommand(), as: "export")
        app.asyncCommands.use(PackCommand(), as: "pack")

        var backup = AsyncCommands()
        backup.use(BackupCreateCommand(), as: "create")
        backup.use(BackupRestoreCommand(), as: "restore")
        app.asyncCommands.use(
            backup.group(help: "Sauvegarde et restauration de la base (SQLite ou PostgreSQL)."), as: "backup")

        var profile = AsyncCommands()
        profile.use(ProfileListCommand(), as: "list")
        profile.use(ProfileExportCommand(), as: "export")
        profile.use(ProfileImportCommand(), as: "import")
        app.asyncCommands.use(
            profile.group(help: "Profils d'import : liste, export et import JSON (versionnés)."), as: "profile")

        var user = AsyncCommands()
        user.use(UserCreateCommand(), as: "create")
        user.use(UserListCommand(), as: "list")
        user.use(UserPasswordCommand(), as: "password")
        user.use(UserActiveCommand(active: false), as: "deactivate")
        user.use(UserActiveCommand(active: true), as: "activate")
        app.asyncCommands.use(
            user.group(help: "Comptes : création (--admin pour le premier), liste, mot de passe, désactivation."),
            as: "user")

        var token = AsyncCommands()
        token.use(TokenCreateCommand(), as: "create")
        token.use(TokenListCommand(), as: "list")
        token.use(TokenRevokeCommand(), as: "revoke")
        app.asyncCommands.use(
            token.group(help: "Jetons d'API : création (affiché une fois), liste, révocation."), as: "token")
    }
}

/// Whether an error escaping a command has already been printed to the operator.
public func isReported(_ error: any Error) -> Bool { error is CommandFailure }

/// Errors of CLI commands: printed in French by the command itself, non-zero exit. Vapor's own report
/// of it is kept to debug level so the operator reads the message once.
struct CommandFailure: DebuggableError, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
    var identifier: String { "commande" }
    var reason: String { description }
    var logLevel: Logger.Level { .debug }
}

extension CommandContext {
    var sql: any SQLDatabase { application.db as! any SQLDatabase }

    /// The contents and base name of a file given on the command line.
    func readFile(_ path: String) throws -> (data: Data, name: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path) : fichier introuvable ou illisible.")
        }
        return (data, (path as NSString).lastPathComponent)
    }

    /// Who a command acts as: the server's operator (administrator's rights: whoever runs `jalon`
    /// here can open the database anyway), or, with JALON_AS=EMAIL, that account with exactly its
    /// rights — for scripts run on behalf of an animateur or a contributeur.
    func actor() async throws -> Actor {
        guard let email = ProcessInfo.processInfo.environment["JALON_AS"], !email.isEmpty else { return .cli }
        guard let user = try await AccountService.find(email: email, on: sql), user.active else {
            throw CommandFailure("JALON_AS : aucun compte actif pour « \(email.prefix(80)) ».")
        }
        return Actor(
            name: user.email + " (ligne de commande)", grant: try await AccountService.grant(for: user, on: sql),
            userID: user.id)
    }

    /// Runs a command body and turns service errors into one French line on stderr.
    func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ServiceError {
            console.error("Erreur : \(error.message)")
            throw CommandFailure(error.message)
        } catch let error as AppConfig.Invalid {
            console.error(error.description)
            throw CommandFailure(error.description)
        } catch let error as CommandFailure {
            console.error("Erreur : \(error.description)")
            throw error
        }
    }
}

import Foundation
import JalonCore
import Vapor

/// The password from standard input (`--password-stdin`, for scripts) or typed without echo.
func readPassword(_ context: CommandContext, fromStdin: Bool, prompt: String = "Mot de passe : ") throws -> String {
    if fromStdin {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard var password = String(data: data, encoding: .utf8) else {
            throw CommandFailure("Mot de passe illisible sur l'entrée standard (UTF-8 attendu).")
        }
        while password.hasSuffix("\n") || password.hasSuffix("\r") { password.removeLast() }
        return password
    }
    context.console.output(prompt.consoleText(), newLine: false)
    let first = context.console.input(isSecure: true)
    context.console.output("Confirmation : ".consoleText(), newLine: false)
    guard context.console.input(isSecure: true) == first else { throw CommandFailure("Les deux saisies diffèrent.") }
    return first
}

func findUser(_ email: String, _ context: CommandContext) async throws -> UserAccount {
    guard let user = try await AccountService.find(email: email, on: context.sql) else {
        throw CommandFailure("Aucun compte pour « \(email.prefix(80)) » (voir jalon user list).")
    }
    return user
}

/// `jalon user create EMAIL [--admin] [--role R] [--territories D59,…] [--indicators O3-18,…]
/// [--password-stdin]`
struct UserCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "email", help: "Adresse électronique (identifiant de connexion)")
        var email: String
        @Flag(name: "admin", help: "Rôle administrateur (le premier compte)")
        var admin: Bool
        @Option(name: "role", help: "administrateur, pilote, animateur, contributeur ou lecteur (lecteur par défaut)")
        var role: String?
        @Option(name: "name", help: "Nom affiché")
        var name: String?
        @Option(name: "territories", help: "Territoires (animateur, contributeur) : D59,TAN-…")
        var territories: String?
        @Option(name: "indicators", help: "Indicateurs attribués (contributeur)")
        var indicators: String?
        @Flag(name: "password-stdin", help: "Lit le mot de passe sur l'entrée standard")
        var passwordStdin: Bool
    }
    var help: String { "Crée un compte ; --admin pour le premier administrateur." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let role = signature.admin ? .administrateur : try signature.role.map(Role.init(required:)) ?? .lecteur
            let email = try AccountService.validEmail(signature.email)
            let password = try readPassword(context, fromStdin: signature.passwordStdin)
            let app = context.application
            let hash = try await app.hashPassword(password, email: email)
            let input = AccountService.Input(
                email: email, name: signature.name ?? "", role: role,
                territories: DirectoryController.commaList(signature.territories),
                indicators: DirectoryController.commaList(signature.indicators))
            try await app.db.sqlTransaction { db in
                _ = try await AccountService.create(input, passwordHash: hash, on: db, actor: .cli)
            }
            context.console.output("Compte créé : \(email) (\(role.label)).".consoleText())
        }
    }
}

/// `jalon user list`
struct UserListCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Liste les comptes, leur rôle et leur périmètre." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            for user in try await AccountService.all(on: context.sql) {
                let row = try await AccountService.rights(of: user, on: context.sql)
                let scope = AccountIndex.scopeText(
                    role: user.roleValue, territories: row.territories, indicators: row.indicators)
                context.console.output(
                    [user.email, user.role, user.active ? "actif" : "désactivé", scope].joined(separator: "\t")
                        .consoleText())
            }
        }
    }
}

/// `jalon user password EMAIL [--password-stdin]`: an operator's reset; closes the account's
/// sessions.
struct UserPasswordCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "email", help: "Compte")
        var email: String
        @Flag(name: "password-stdin", help: "Lit le mot de passe sur l'entrée standard")
        var passwordStdin: Bool
    }
    var help: String { "Change le mot de passe d'un compte et ferme ses sessions." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let user = try await findUser(signature.email, context)
            let app = context.application
            let password = try readPassword(context, fromStdin: signature.passwordStdin)
            let hash = try await app.hashPassword(password, email: user.email)
            try await app.db.sqlTransaction { db in
                try await AccountService.setPassword(user.id, hash: hash, on: db, actor: .cli)
            }
            context.console.output("Mot de passe de \(user.email) changé ; ses sessions sont fermées.".consoleText())
        }
    }
}

/// `jalon user deactivate|activate EMAIL`
struct UserActiveCommand: AsyncCommand {
    let active: Bool
    struct Signature: CommandSignature {
        @Argument(name: "email", help: "Compte")
        var email: String
    }
    var help: String { active ? "Réactive un compte." : "Désactive un compte : sessions fermées, jetons inopérants." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let user = try await findUser(signature.email, context)
            try await context.application.db.sqlTransaction { db in
                try await AccountService.setActive(user.id, active, on: db, actor: .cli)
            }
            context.console.output("Compte \(user.email) \(active ? "réactivé" : "désactivé").".consoleText())
        }
    }
}

/// `jalon token create --user EMAIL --name NAME [--role R] [--territories …]`: prints the token, once.
struct TokenCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "user", help: "Titulaire du jeton")
        var user: String?
        @Option(name: "name", help: "Nom du jeton (ex. import mensuel INSi)")
        var name: String?
        @Option(name: "role", help: "Rôle du jeton, au plus celui du titulaire")
        var role: String?
        @Option(name: "territories", help: "Territoires du jeton, parmi ceux du titulaire")
        var territories: String?
    }
    var help: String { "Crée un jeton d'API et l'écrit sur la sortie standard (il n'est pas conservé en clair)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            guard let email = signature.user, let name = signature.name else {
                throw CommandFailure("Indiquez --user EMAIL et --name NOM.")
            }
            let user = try await findUser(email, context)
            let role = try signature.role.map(Role.init(required:))
            let created = try await context.application.db.sqlTransaction { db in
                try await TokenService.create(
                    user: user, name: name, role: role,
                    territories: DirectoryController.commaList(signature.territories),
                    keys: context.application.config.auth.keys, on: db, actor: .cli)
            }
            FileHandle.standardOutput.write(Data((created.token + "\n").utf8))
            // On stderr, so that `TOKEN=$(jalon token create …)` captures the token alone.
            FileHandle.standardError.write(
                Data(
                    ("Jeton « \(name) » créé pour \(user.email) (identifiant \(created.id.uuidString.lowercased())). "
                        + "Conservez-le : il ne sera plus affiché.\n").utf8))
        }
    }
}

/// `jalon token list [--user EMAIL]`
struct TokenListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "user", help: "Seulement les jetons de ce compte")
        var user: String?
    }
    var help: String { "Liste les jetons d'API (jamais leur valeur)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let owner = try await signature.user.asyncMap { try await findUser($0, context) }
            let users = Dictionary(
                try await AccountService.all(on: context.sql).map { ($0.id, $0.email) },
                uniquingKeysWith: { first, _ in first })
            for token in try await TokenService.list(user: owner?.id, on: context.sql) {
                let columns = [
                    token.id.uuidString.lowercased(), users[token.userID] ?? "?", token.name, token.role,
                    token.territories.isEmpty ? "-" : token.territories, token.revokedAt == nil ? "actif" : "révoqué"
                ]
                context.console.output(columns.joined(separator: "\t").consoleText())
            }
        }
    }
}

/// `jalon token revoke ID`
struct TokenRevokeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "Identifiant du jeton (jalon token list)")
        var id: String
    }
    var help: String { "Révoque un jeton d'API." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            guard let id = UUID(uuidString: signature.id) else {
                throw CommandFailure("Identifiant de jeton illisible « \(signature.id.prefix(40)) ».")
            }
            try await context.application.db.sqlTransaction { db in
                try await TokenService.revoke(id, on: db, actor: .cli)
            }
            context.console.output("Jeton révoqué.".consoleText())
        }
    }
}

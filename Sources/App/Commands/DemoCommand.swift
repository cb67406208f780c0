import JalonCore
import Vapor

struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "if-empty", help: "Ne fait rien si la base contient déjà des structures")
        var ifEmpty: Bool
    }

    var help: String {
        "Charge la région de démonstration Hauts-de-France (idempotent) ; importe la géographie si besoin."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let app = context.application
            if signature.ifEmpty {
                let structures = try await context.sql.count("SELECT COUNT(*) AS n FROM structures")
                if structures > 0 {
                    context.console.info(
                        "Base déjà remplie (\(Format.integer(structures)) structures) : démonstration non rechargée.")
                    try await ensureAccounts(context)
                    return
                }
            }
            if try await TerritoryQuery.find("R32", on: context.sql) == nil {
                try await ImportCOGCommand.load(from: nil, context: context)
            }
            let summary = try await app.db.sqlTransaction { db in try await DemoRegion.load(on: db, actor: .cli) }
            context.console.output(
                "Région de démonstration Hauts-de-France : \(summary.territories) TAN.".consoleText())
            context.console.output(summary.structures.text.consoleText())
            for roadmap in summary.roadmaps { context.console.output(roadmap.text.consoleText()) }
            let observations = Format.integer(summary.observations.observations)
            context.console.output(
                (summary.observations.alreadyLoaded
                    ? "Valeurs de démonstration déjà chargées (\(observations) observations)."
                    : "Valeurs de démonstration : \(observations) observations.")
                    .consoleText())
            let activities = Format.integer(summary.activities.activities)
            context.console.output(
                (summary.activities.alreadyLoaded
                    ? "Journal d'activités de démonstration déjà chargé (\(activities) activités)."
                    : "Journal d'activités de démonstration : \(activities) activités.")
                    .consoleText())
            context.console.output(
                (summary.programmes.alreadyLoaded
                    ? "Programmes de financement de démonstration déjà chargés "
                        + "(\(summary.programmes.applications) dossiers SUN-ES)."
                    : "Programmes de financement de démonstration : SUN-ES, ESMS numérique et CaRE, "
                        + "\(summary.programmes.applications) candidatures × domaines.").consoleText())
            if summary.closingPhotoValidated {
                context.console.output(
                    "Photo à date de clôture validée : « \(DemoRoadmaps.closingPhoto.name) ».".consoleText())
            }
            if summary.committees.committees > 0 {
                context.console.output(
                    ("Comitologie de démonstration : \(summary.committees.committees) comités, "
                        + "\(summary.committees.meetings) réunions dont \(summary.committees.held) tenues.")
                        .consoleText())
            }
            try await ensureAccounts(context)
        }
    }

    /// The demo accounts, on a base without any account; the password goes to demo-comptes.txt.
    func ensureAccounts(_ context: CommandContext) async throws {
        let app = context.application
        let given = ProcessInfo.processInfo.environment["JALON_DEMO_PASSWORD"]
        guard
            let password = try await app.db.sqlTransaction({ db in
                try await DemoAccounts.ensure(
                    password: given, cost: app.config.auth.bcryptCost, pool: app.threadPool, on: db)
            })
        else { return }
        let text =
            "Comptes de démonstration (fictifs), mot de passe commun : \(password)\n"
            + DemoAccounts.accounts.map { "  \($0.email)\t\($0.role.label)" }.joined(separator: "\n") + "\n"
        if given == nil || given?.isEmpty == true {
            FileManager.default.createFile(
                atPath: DemoAccounts.credentialsFile, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            context.console.output(
                "Comptes de démonstration créés ; identifiants dans \(DemoAccounts.credentialsFile).".consoleText())
        } else {
            context.console.output(
                "Comptes de démonstration créés avec le mot de passe de JALON_DEMO_PASSWORD.".consoleText())
        }
    }
}

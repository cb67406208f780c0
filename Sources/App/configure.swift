import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import JalonCore
import Vapor

/// Builds the application: configuration, database, migrations, middleware, routes and commands.
public func configure(_ app: Application) async throws {
    let config = try AppConfig.load(workingDirectory: app.directory.workingDirectory)
    try configure(app, config: config)
}

func configure(_ app: Application, config: AppConfig) throws {
    app.config = config
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    // Forms are small; file uploads get their own, larger limit on their route.
    app.routes.defaultMaxBodySize = "1mb"

    switch config.database {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite)
    case .postgres(let url):
        var postgres = try SQLPostgresConfiguration(url: url)
        postgres.searchPath = ["public"]
        app.databases.use(
            .postgres(configuration: postgres, maxConnectionsPerEventLoop: 4, sqlLogLevel: .debug), as: .psql)
    }
    Migrations.register(on: app)

    app.middleware = .init()
    app.middleware.use(MetricsMiddleware(registry: app.metricsRegistry))
    app.middleware.use(ErrorPageMiddleware(environment: app.environment))
    app.middleware.use(FileMiddleware(publicDirectory: config.publicDirectory))
    app.middleware.use(AuthMiddleware())
    let serving = CommandLine.arguments.dropFirst().first.map { $0 == "serve" || $0.hasPrefix("-") } ?? true
    if serving, !FileManager.default.fileExists(atPath: config.publicDirectory + "vendor/dsfr/dsfr.min.css") {
        let missing =
            "Ressources DSFR absentes de \(config.publicDirectory)vendor/dsfr/ : les pages restent lisibles "
            + "mais sans le style de l'État (lancez scripts/setup.sh)."
        app.logger.warning("\(missing)")
    }

    try routes(app)
    Commands.register(on: app)
}

/// Runs the command the process was started with. Files the operator names on the command line may
/// expand further than uploads (`ExpansionLimits.commandLine`); the server keeps the upload limits,
/// which every request also sets for itself (`AuthMiddleware`).
public func execute(_ app: Application) async throws {
    let serving = app.environment.arguments.dropFirst().first.map { $0 == "serve" } ?? true
    try await ExpansionLimits.$current.withValue(serving ? .upload : .commandLine) { try await app.execute() }
}

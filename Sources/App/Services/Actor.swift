/// Who performs a write, as recorded in the audit trail. Accounts arrive with issue 6; until then
/// the web interface and the CLI identify themselves.
struct Actor: Sendable, Equatable {
    var name: String

    static let cli = Actor(name: "cli")
    static let web = Actor(name: "web")
    static let api = Actor(name: "api")
    static let system = Actor(name: "système")
}

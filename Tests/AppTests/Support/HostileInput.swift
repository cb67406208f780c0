import Testing

/// Hostile strings for every free-text field a user or a file can fill, and the check that a page
/// shows them as text.
enum HostileInput {
    static let payloads = [
        "\"><script>alert(1)</script>", "\" onmouseover=\"alert(1)", "' onfocus='alert(1)",
        "<img src=x onerror=alert(1)>"
    ]

    static func assertEscaped(_ body: String, _ page: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for bad in ["<script>alert(1)", "\" onmouseover=\"alert", "' onfocus='alert", "<img src=x"] {
            #expect(!body.contains(bad), "\(page) : « \(bad) » non échappé", sourceLocation: sourceLocation)
        }
    }
}

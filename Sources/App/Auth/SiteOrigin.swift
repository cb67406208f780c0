import Foundation

/// An origin as browsers send it in `Origin`: scheme, host and port — `https://jalon.ars.fr`,
/// `http://127.0.0.1:8080`. Two origins are the same site only when all three match; default
/// ports are made explicit so that `https://h` and `https://h:443` compare equal.
struct SiteOrigin: Sendable, Equatable, CustomStringConvertible {
    var scheme: String
    var host: String
    var port: Int

    /// nil for anything but an absolute http(s) URL with a host (`null`, `file://`, garbage).
    init?(_ raw: String) {
        guard let components = URLComponents(string: raw.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
    }

    /// The origin a request was addressed to, from its `Host` header and the scheme it came in with.
    init?(scheme: String, hostHeader: String) {
        self.init(scheme + "://" + hostHeader)
    }

    var description: String {
        let defaultPort = scheme == "https" ? 443 : 80
        return scheme + "://" + host + (port == defaultPort ? "" : ":\(port)")
    }
}

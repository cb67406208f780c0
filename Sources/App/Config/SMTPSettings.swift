import Foundation
import JalonCore

/// JALON_SMTP_URL and JALON_SMTP_FROM: the mail server invitations go through. `smtp://` upgrades to TLS with
/// STARTTLS when the server offers it (`?starttls=required` refuses a server that does not), `smtps://` is TLS
/// from the first byte; credentials go in the address (`smtps://user:password@host:465`, percent-encoded).
struct SMTPSettings: Sendable, Equatable {
    /// The server's address without its credentials: `smtp://host:587`.
    var server: String
    var user: String?
    var password: String?
    var requireTLS: Bool
    var implicitTLS: Bool
    var from: MailMessage.Address

    static func parse(_ raw: String?, from rawFrom: String?) throws -> SMTPSettings? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let url = URLComponents(string: raw), let scheme = url.scheme?.lowercased(),
            scheme == "smtp" || scheme == "smtps", let host = url.host, !host.isEmpty
        else {
            throw AppConfig.Invalid(
                variable: "JALON_SMTP_URL",
                reason:
                    "doit être une adresse smtp:// ou smtps:// (ex. smtps://utilisateur:motdepasse@smtp.ars.fr:465 ; "
                    + "reçu « \(raw.prefix(40)) »)")
        }
        let port = url.port ?? (scheme == "smtps" ? 465 : 25)
        let starttls = url.queryItems?.first { $0.name == "starttls" }?.value
        guard starttls == nil || starttls == "required" || starttls == "opportunistic" else {
            throw AppConfig.Invalid(variable: "JALON_SMTP_URL", reason: "starttls vaut required ou opportunistic")
        }
        let fromText = (rawFrom ?? "").trimmingCharacters(in: .whitespaces)
        let from = fromText.isEmpty ? MailMessage.Address(name: "Jalon", email: "jalon@\(host)") : try address(fromText)
        return SMTPSettings(
            server: "\(scheme)://\(host):\(port)", user: url.percentEncodedUser?.removingPercentEncoding,
            password: url.percentEncodedPassword?.removingPercentEncoding, requireTLS: starttls == "required",
            implicitTLS: scheme == "smtps", from: from)
    }

    /// `Jalon ARS <jalon@ars.fr>` or `jalon@ars.fr`.
    static func address(_ text: String) throws -> MailMessage.Address {
        var name = ""
        var email = text
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            name = String(text[..<open]).trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\""))
            email = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        }
        let address = MailMessage.Address(name: name, email: email)
        guard address.isWellFormed else {
            throw AppConfig.Invalid(
                variable: "JALON_SMTP_FROM", reason: "n'est pas une adresse (ex. Jalon ARS <jalon@ars-hdf.fr>)")
        }
        return address
    }
}

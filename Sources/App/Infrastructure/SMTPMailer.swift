import Foundation
import JalonCore

/// Sends a message through the configured SMTP server with curl (Debian `curl`): a proven client for
/// STARTTLS, implicit TLS and the AUTH methods servers offer, run as a child process with a timeout. The
/// credentials reach curl on its standard input, never on a command line another user could read.
struct SMTPMailer: Sendable {
    var settings: SMTPSettings
    var curl: String?
    var timeoutSeconds = 30

    init(settings: SMTPSettings) {
        self.settings = settings
        curl = PDFRenderer.lookUp(["curl"])
    }

    func send(_ message: MailMessage, messageID: String, date: Date = Date()) async throws {
        guard let curl else {
            throw ServiceError.unavailable(
                "curl est introuvable : installez le paquet Debian « curl » (scripts/setup.sh).")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jalon-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("message.eml")
        let text = message.rendered(messageID: messageID, date: date, boundary: "jalon-\(messageID.prefix(8))")
        try Data(text.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl)
        var arguments = [
            "--silent", "--show-error", "--max-time", "\(timeoutSeconds)", "--url", settings.server, "--mail-from",
            settings.from.email, "--upload-file", file.path, "--config", "-"
        ]
        if !settings.implicitTLS { arguments.append(settings.requireTLS ? "--ssl-reqd" : "--ssl") }
        for recipient in message.to { arguments += ["--mail-rcpt", recipient.email] }
        process.arguments = arguments
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        var config = ""
        if let user = settings.user {
            config = "user = \"\(Self.quoted(user)):\(Self.quoted(settings.password ?? ""))\"\n"
        }
        // A few bytes: the pipe holds them until curl reads its configuration.
        try input.fileHandleForWriting.write(contentsOf: Data(config.utf8))
        try input.fileHandleForWriting.close()
        guard let exit = try await ChildProcess.run(process, timeoutSeconds: timeoutSeconds + 5, name: "curl") else {
            throw ServiceError.unavailable("Le serveur de courriel n'a pas répondu en \(timeoutSeconds) s.")
        }
        guard exit == 0 else {
            let reason = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .replacingOccurrences(of: "curl: ", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
            throw ServiceError.unavailable("Le serveur de courriel a refusé l'envoi (\(reason.prefix(200))).")
        }
    }

    /// A value of curl's configuration file, in double quotes.
    static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

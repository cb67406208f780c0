import Foundation
import JalonCore

/// Prints an HTML document to PDF with headless Chromium: run as a child process in a private temporary
/// directory (its own profile, so that concurrent prints do not share one), never on a request's event
/// loop, and stopped after a timeout. The document's `<base href="/">` is pointed at the public assets so
/// that the Marianne font loads from disk.
struct PDFRenderer: Sendable {
    var executable: String?
    var publicDirectory: String
    var timeoutSeconds: Int

    init(config: AppConfig) {
        executable = config.chromium ?? Self.lookUp(["chromium", "chromium-browser", "google-chrome"])
        publicDirectory = config.publicDirectory
        timeoutSeconds = config.pdfTimeoutSeconds
    }

    static func lookUp(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in names {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    func render(html: String) async throws -> Data {
        guard let executable else {
            throw ServiceError.unavailable(
                "Chromium est introuvable : installez le paquet Debian « chromium » (scripts/setup.sh) ou indiquez son "
                    + "chemin dans JALON_CHROMIUM. Le dossier reste consultable en HTML.")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jalon-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let assets = URL(fileURLWithPath: publicDirectory, isDirectory: true).absoluteString
        let document = html.replacingOccurrences(
            of: #"<base href="/"/>"#, with: #"<base href="\#(HTMLEscape.attribute(assets))"/>"#)
        let input = directory.appendingPathComponent("dossier.html")
        let output = directory.appendingPathComponent("dossier.pdf")
        try Data(document.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--allow-file-access-from-files", "--no-pdf-header-footer", "--generate-pdf-document-outline",
            "--user-data-dir=\(directory.appendingPathComponent("profil").path)", "--print-to-pdf=\(output.path)",
            input.absoluteString
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status = try await ChildProcess.run(process, timeoutSeconds: timeoutSeconds, name: "Chromium")
        guard let status else {
            throw ServiceError.unavailable(
                "Chromium n'a pas produit le PDF en \(timeoutSeconds) s : réessayez, ou allongez JALON_PDF_TIMEOUT.")
        }
        guard status == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Data("%PDF".utf8)) else {
            throw ServiceError.unavailable("Chromium n'a pas produit le PDF (code de sortie \(status)).")
        }
        return pdf
    }

    /// How many pages a PDF holds, counted from its page objects.
    static func pageCount(_ pdf: Data) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").count - 1
            - (text.components(separatedBy: "/Type /Pages").count - 1)
    }
}

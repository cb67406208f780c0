import Foundation

/// An e-mail as RFC 5322 and MIME write it: headers in UTF-8 encoded words, a plain-text body and attachments
/// (the invitation's calendar), each part base64 in lines of 76 characters, CRLF line ends.
public struct MailMessage: Sendable, Equatable {
    public struct Address: Sendable, Equatable {
        public var name: String
        public var email: String

        public init(name: String = "", email: String) {
            self.name = name
            self.email = email
        }

        /// `"Camille Exemple" <camille@example.org>`, the name encoded when it is not plain ASCII.
        public var header: String {
            let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { return "<\(email)>" }
            let plain = name.unicodeScalars.allSatisfy {
                $0.isASCII && $0.value >= 32 && $0 != "\"" && $0 != "\\"
            }
            return (plain ? "\"\(name)\"" : MailMessage.encodedWord(name)) + " <\(email)>"
        }

        /// Whether the address may be put in a header and a command: one `@`, no space, no control character,
        /// no angle bracket.
        public var isWellFormed: Bool {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && email.count <= 254
                && email.unicodeScalars.allSatisfy {
                    $0.value > 32 && $0.value < 127 && !"<>()[],;:\"\\".unicodeScalars.contains($0)
                }
        }
    }

    public struct Attachment: Sendable, Equatable {
        public var fileName: String
        /// The full media type with its parameters: `text/calendar; charset=utf-8; method=REQUEST`.
        public var contentType: String
        public var data: Data

        public init(fileName: String, contentType: String, data: Data) {
            self.fileName = fileName
            self.contentType = contentType
            self.data = data
        }
    }

    public var from: Address
    public var to: [Address]
    public var subject: String
    public var text: String
    public var attachments: [Attachment]
    /// Parts shown inline next to the text (an invitation's calendar, which mail clients offer to accept).
    public var alternatives: [Attachment]

    public init(
        from: Address, to: [Address], subject: String, text: String, attachments: [Attachment] = [],
        alternatives: [Attachment] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.attachments = attachments
        self.alternatives = alternatives
    }

    /// The message as sent: `Message-ID` and `Date` given, so that the same message renders the same.
    public func rendered(messageID: String, date: Date, boundary: String) -> String {
        var lines = [
            "From: \(from.header)", "To: \(to.map(\.header).joined(separator: ", "))",
            "Subject: \(Self.encodedWord(subject))", "Date: \(Self.rfc5322(date))", "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"\(boundary)-m\"", "",
            "--\(boundary)-m", "Content-Type: multipart/alternative; boundary=\"\(boundary)-a\"", "",
            "--\(boundary)-a", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", ""
        ]
        lines += Self.base64Lines(
            Data(
                text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
                    of: "\n", with: "\r\n"
                ).utf8))
        for part in alternatives {
            lines += ["--\(boundary)-a", "Content-Type: \(part.contentType)", "Content-Transfer-Encoding: base64", ""]
            lines += Self.base64Lines(part.data)
        }
        lines += ["--\(boundary)-a--", ""]
        for part in attachments {
            lines += [
                "--\(boundary)-m", "Content-Type: \(part.contentType); name=\"\(part.fileName)\"",
                "Content-Disposition: attachment; filename=\"\(part.fileName)\"", "Content-Transfer-Encoding: base64",
                ""
            ]
            lines += Self.base64Lines(part.data)
        }
        lines.append("--\(boundary)-m--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func base64Lines(_ data: Data) -> [String] {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            .components(separatedBy: "\r\n")
    }

    /// RFC 2047: plain ASCII as it is, anything else as `=?utf-8?B?…?=` words short enough for a header line.
    public static func encodedWord(_ text: String) -> String {
        let cleaned = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard !cleaned.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) else { return cleaned }
        var words: [String] = []
        var chunk = ""
        for character in cleaned {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

import Foundation
import Testing

@testable import JalonCore

struct MailMessageTests {
    @Test func headersAreEncodedWordsWhenNotPlainASCII() {
        #expect(MailMessage.encodedWord("Invitation") == "Invitation")
        let subject = MailMessage.encodedWord("Invitation : COTAN Littoral — mardi 13 avril 2027 à 14 h 00")
        #expect(subject.hasPrefix("=?utf-8?B?"))
        #expect(subject.components(separatedBy: "\r\n ").allSatisfy { $0.count <= 75 })
        let decoded = subject.components(separatedBy: "\r\n ").map {
            String(decoding: Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))!, as: UTF8.self)
        }.joined()
        #expect(decoded == "Invitation : COTAN Littoral — mardi 13 avril 2027 à 14 h 00")
        // A line break in a header would let a value write another header.
        #expect(!MailMessage.encodedWord("Objet\r\nBcc: tous@example.invalid").contains("\n"))
        #expect(
            MailMessage.Address(name: "Camille Exemple", email: "c@example.invalid").header
                == "\"Camille Exemple\" <c@example.invalid>")
        #expect(MailMessage.Address(name: "Élodie", email: "e@example.invalid").header.hasPrefix("=?utf-8?B?"))
    }

    @Test func onlyPlainAddressesAreWellFormed() {
        #expect(MailMessage.Address(email: "camille.exemple@example.invalid").isWellFormed)
        for bad in ["", "sans-arobase", "a@b", "a b@example.org", "a@example.org>\r\nRCPT TO:<x@y.z", "@example.org"] {
            #expect(!MailMessage.Address(email: bad).isWellFormed, "\(bad)")
        }
    }

    @Test func aMessageHasItsTextItsCalendarAndItsAttachmentInBase64Parts() {
        // setup
        let calendar = Data("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".utf8)
        let message = MailMessage(
            from: .init(name: "Jalon", email: "jalon@example.invalid"), to: [.init(email: "c@example.invalid")],
            subject: "Réunion", text: "Bonjour,\nà bientôt.",
            attachments: [.init(fileName: "reunion.ics", contentType: "application/ics", data: calendar)],
            alternatives: [
                .init(fileName: "reunion.ics", contentType: "text/calendar; method=REQUEST", data: calendar)
            ])
        // act
        let text = message.rendered(messageID: "1@jalon", date: Date(timeIntervalSince1970: 0), boundary: "b")
        // check
        #expect(text.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(text.contains("Content-Type: multipart/mixed; boundary=\"b-m\"\r\n"))
        #expect(text.contains("Content-Type: text/calendar; method=REQUEST\r\n"))
        #expect(text.contains("Content-Disposition: attachment; filename=\"reunion.ics\""))
        #expect(text.contains(Data("Bonjour,\r\nà bientôt.".utf8).base64EncodedString()))
        #expect(text.hasSuffix("--b-m--\r\n"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.count <= 998 })
    }
}

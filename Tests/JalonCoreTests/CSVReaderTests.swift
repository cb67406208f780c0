import Foundation
import Testing

@testable import JalonCore

struct CSVReaderTests {
    @Test func quotedFieldsWithDoubledQuotesSeparatorsAndLineBreaks() throws {
        // setup
        let text = "a;\"b \"\"c\"\" ; d\";e\r\n\"multi\nligne\";2;3\n\nlast;;\n"
        // act
        let records = try CSVReader(separator: ";").records(text)
        // check
        #expect(records.count == 3)
        #expect(records[0].fields == ["a", "b \"c\" ; d", "e"])
        #expect(records[1].fields == ["multi\nligne", "2", "3"])
        #expect(records[1].line == 2)
        #expect(records[2].line == 5)
        #expect(records[2].fields == ["last", "", ""])
    }

    @Test func unterminatedQuoteNamesTheLineWhereTheRecordStarts() {
        #expect(throws: CSVReader.Failure.unterminatedQuote(line: 2)) {
            try CSVReader(separator: ";").records("ok;1\n\"ouvert;2\nsuite")
        }
    }

    @Test(arguments: [
        ("a;b;c\n1;2;3", Character(";")), ("a,b,c\n1,2,3", ","), ("a\tb\n1\t2", "\t"), ("a|b|c\n1|2|3", "|"),
        // A title above a tab-separated table whose cells hold French decimals (seed 002, INSi calls).
        ("Appels INSi, février 2022\n\n\tNombre d'appels\t%\nES\t309104\t67%\nESMS\t1785\t0,40%", "\t"),
        // As many commas as semicolons on every line: the French separator wins.
        ("taux;part\n1,3;2,5\n0,4;9,1", ";")
    ])
    func detectsSeparator(text: String, separator: Character) {
        #expect(CSVReader.detectSeparator(text) == separator)
    }

    @Test func decodesLatin1AndUTF8WithBOM() {
        // setup: "Hôpital" in Latin-1, and "Été" in UTF-8 with a BOM
        let latin1 = Data([0x48, 0xF4, 0x70, 0x69, 0x74, 0x61, 0x6C])
        let utf8 = Data([0xEF, 0xBB, 0xBF] + Array("Été".utf8))
        // check
        #expect(TextDecoding.decode(latin1) == ("Hôpital", .windows1252))
        #expect(TextDecoding.decode(utf8).text == "Été")
        #expect(TextDecoding.decode(Data([0x80])).text == "€")
    }
}

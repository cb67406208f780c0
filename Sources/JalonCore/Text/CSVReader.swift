import Foundation

/// One record of a delimited file, with the physical line it starts on (1-based) so that every
/// error message can name it.
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    public subscript(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
}

/// A small RFC 4180 reader: a chosen separator, fields optionally quoted with doubled quotes
/// inside, separators and line breaks allowed inside quotes, CRLF or LF.
public struct CSVReader: Sendable {
    public enum Failure: Error, Equatable {
        /// A quoted field still open at the end of the input: the file is truncated or malformed.
        case unterminatedQuote(line: Int)
    }

    public var separator: Character

    public init(separator: Character = ";") {
        self.separator = separator
    }

    public func records(_ text: String) throws -> [CSVRecord] {
        var result: [CSVRecord] = []
        try forEach(text) { result.append($0) }
        return result
    }

    /// Streams records; works on UTF-8 bytes because `Character` iteration is far slower on large files.
    public func forEach(_ text: String, _ body: (CSVRecord) throws -> Void) throws {
        var text = text
        try text.withUTF8 { buf in try parse(buf, body) }
    }

    private func parse(_ buf: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void) throws {
        let sep = separator.asciiValue ?? UInt8(ascii: ";")
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        var fields: [String] = []
        var field: [UInt8] = []
        var position = 0
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var wasQuoted = false
        var recordHasContent = false
        let end = buf.count

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }

        while position < end {
            let byte = buf[position]
            if inQuotes {
                if byte == quote {
                    if position + 1 < end, buf[position + 1] == quote {
                        field.append(quote)
                        position += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == lf { line += 1 }
                    field.append(byte)
                }
                position += 1
                continue
            }
            switch byte {
            case quote where field.isEmpty && !wasQuoted:
                inQuotes = true
                wasQuoted = true
                recordHasContent = true
            case sep:
                endField()
                recordHasContent = true
            case cr where position + 1 < end && buf[position + 1] == lf:
                break
            case lf, cr:
                if recordHasContent || !field.isEmpty {
                    endField()
                    try body(CSVRecord(line: recordLine, fields: fields))
                }
                fields.removeAll(keepingCapacity: true)
                recordHasContent = false
                line += 1
                recordLine = line
            default:
                field.append(byte)
                recordHasContent = true
            }
            position += 1
        }
        if inQuotes { throw Failure.unterminatedQuote(line: recordLine) }
        if recordHasContent || !field.isEmpty {
            endField()
            try body(CSVRecord(line: recordLine, fields: fields))
        }
    }

    /// Picks the separator that splits the first lines most consistently (`;` tab `|` `,`): the one
    /// whose most frequent non-zero count per line is shared by the most lines. A title line above the
    /// table counts for nothing; on a tie `;` wins, since French decimals put commas everywhere.
    public static func detectSeparator(_ text: String) -> Character {
        let sample = text.prefix(16384).split(separator: "\n", omittingEmptySubsequences: true).prefix(10)
        var best: (Character, Int) = (";", 0)
        for candidate in [";", "\t", "|", ","] as [Character] {
            var frequency: [Int: Int] = [:]
            for line in sample {
                let occurrences = line.filter { $0 == candidate }.count
                if occurrences > 0 { frequency[occurrences, default: 0] += 1 }
            }
            let lines = frequency.values.max() ?? 0
            if lines > best.1 { best = (candidate, lines) }
        }
        return best.0
    }
}

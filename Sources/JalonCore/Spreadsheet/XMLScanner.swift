import Foundation

/// A forward-only scanner for the XML parts of an `.xlsx`. Foundation's XMLParser calls back once per
/// element with a fresh attribute dictionary, which makes a 100 000-row sheet take seconds; this works on
/// the bytes and decodes only the text asked for. It is lenient (no DTD, no well-formedness checks
/// beyond what it needs): workbooks are written by programs, not by hand. Prefixes are dropped from
/// element and attribute names (`x:c` → `c`, `r:id` → `id`).
struct XMLScanner {
    struct Malformed: Error {}

    enum Event {
        case open(name: String, attributes: [(name: String, value: String)], selfClosing: Bool)
        case close(name: String)
        /// Character data, decoded only on demand by `text(_:cdata:)`.
        case text(Range<Int>, cdata: Bool)
    }

    /// Owns the bytes; `bytes` is a pointer view of them, because array accesses retain and release
    /// their buffer in debug builds, where the tests read 100 000-row sheets.
    private final class Storage {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        init(_ data: Data) {
            buffer = .allocate(capacity: max(1, data.count))
            _ = buffer.initialize(from: data)
        }
        deinit { buffer.deallocate() }
    }

    private let storage: Storage
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    private var position = 0

    init(_ data: Data) {
        storage = Storage(data)
        bytes = UnsafeBufferPointer(rebasing: storage.buffer[0..<data.count])
    }

    mutating func next() throws -> Event? {
        let end = bytes.count
        guard position < end else { return nil }
        guard bytes[position] == UInt8(ascii: "<") else {
            let start = position
            position = find(UInt8(ascii: "<"), from: position) ?? end
            return .text(start..<position, cdata: false)
        }
        switch position + 1 < end ? bytes[position + 1] : 0 {
        case UInt8(ascii: "?"):
            try skip(past: "?>")
            return try next()
        case UInt8(ascii: "!"):
            if starts(with: "<![CDATA[") {
                let start = position + 9
                try skip(past: "]]>")
                return .text(start..<(position - 3), cdata: true)
            }
            try skip(past: starts(with: "<!--") ? "-->" : ">")
            return try next()
        case UInt8(ascii: "/"):
            position += 2
            let name = localName()
            try skip(past: ">")
            return .close(name: name)
        default:
            position += 1
            let name = localName()
            var attributes: [(name: String, value: String)] = []
            while true {
                skipSpaces()
                guard position < end else { throw Malformed() }
                if bytes[position] == UInt8(ascii: ">") {
                    position += 1
                    return .open(name: name, attributes: attributes, selfClosing: false)
                }
                if bytes[position] == UInt8(ascii: "/") {
                    try skip(past: ">")
                    return .open(name: name, attributes: attributes, selfClosing: true)
                }
                let attribute = localName()
                skipSpaces()
                guard !attribute.isEmpty, position < end, bytes[position] == UInt8(ascii: "=") else {
                    throw Malformed()
                }
                position += 1
                skipSpaces()
                guard position < end, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'"),
                    let closingQuote = find(bytes[position], from: position + 1)
                else { throw Malformed() }
                attributes.append((attribute, decode(position + 1..<closingQuote)))
                position = closingQuote + 1
            }
        }
    }

    /// The text of a `.text` event, entities and character references resolved.
    func text(_ range: Range<Int>, cdata: Bool) -> String {
        cdata ? string(range) : decode(range)
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func decode(_ range: Range<Int>) -> String {
        guard var amp = find(UInt8(ascii: "&"), from: range.lowerBound, to: range.upperBound) else {
            return string(range)
        }
        var out = string(range.lowerBound..<amp)
        while true {
            let end = find(UInt8(ascii: ";"), from: amp, to: min(range.upperBound, amp + 12))
            let entity = end.map { string((amp + 1)..<$0) } ?? ""
            let scalar: Unicode.Scalar? =
                switch entity {
                case "lt": "<"
                case "gt": ">"
                case "amp": "&"
                case "quot": "\""
                case "apos": "'"
                case _ where entity.hasPrefix("#x"): UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                case _ where entity.hasPrefix("#"): UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                default: nil
                }
            // An unknown entity is kept as written rather than lost.
            let resume: Int
            if let scalar, let end {
                out.unicodeScalars.append(scalar)
                resume = end + 1
            } else {
                out += "&"
                resume = amp + 1
            }
            guard let next = find(UInt8(ascii: "&"), from: resume, to: range.upperBound) else {
                return out + string(resume..<range.upperBound)
            }
            out += string(resume..<next)
            amp = next
        }
    }

    private func starts(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return memcmp(bytes.baseAddress! + position, prefix.utf8Start, count) == 0
    }

    private mutating func skip(past terminator: StaticString) throws {
        let first = terminator.utf8Start.pointee
        while let next = find(first, from: position) {
            position = next
            if starts(with: terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            position += 1
        }
        throw Malformed()
    }

    private func find(_ byte: UInt8, from start: Int, to end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        guard start < end, let found = memchr(bytes.baseAddress! + start, Int32(byte), end - start) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
    }

    private mutating func skipSpaces() {
        while position < bytes.count,
            bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09
        { position += 1 }
    }

    /// A name up to a space, `=`, `>` or `/`, without its prefix.
    private mutating func localName() -> String {
        var start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
            {
                break
            }
            if byte == UInt8(ascii: ":") { start = position + 1 }
            position += 1
        }
        return string(start..<position)
    }
}

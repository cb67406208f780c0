import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An IHE QRPH ADX message (aggregate data exchange, namespace `urn:ihe:qrph:adx:2015`): values
/// grouped by organisation unit and period. Attributes beyond the standard ones are disaggregations
/// (`couloir="ES"`) and are kept by name.
public struct ADX: Sendable, Equatable {
    public static let namespace = "urn:ihe:qrph:adx:2015"

    /// One value of a group, with its disaggregations and annotation.
    public struct DataValue: Sendable, Equatable {
        public var dataElement: String
        public var value: String
        public var annotation: String?
        public var attributes: [String: String]
        /// The line of the element in the message read (0 when built in code), for error messages.
        public var line: Int

        public init(
            dataElement: String, value: String, annotation: String? = nil, attributes: [String: String] = [:],
            line: Int = 0
        ) {
            self.dataElement = dataElement
            self.value = value
            self.annotation = annotation
            self.attributes = attributes
            self.line = line
        }
    }

    /// The values of one organisation unit for one period.
    public struct Group: Sendable, Equatable {
        public var orgUnit: String
        public var period: Period
        public var dataSet: String?
        public var completeDate: String?
        public var attributes: [String: String]
        public var values: [DataValue]
        public var line: Int

        public init(
            orgUnit: String, period: Period, dataSet: String? = nil, completeDate: String? = nil,
            attributes: [String: String] = [:],
            values: [DataValue] = [], line: Int = 0
        ) {
            self.orgUnit = orgUnit
            self.period = period
            self.dataSet = dataSet
            self.completeDate = completeDate
            self.attributes = attributes
            self.values = values
            self.line = line
        }
    }

    /// A message that cannot be read, in French, naming the line.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "ligne \(line) : \(message)" }
    }

    /// When the message was produced (xs:dateTime), as written.
    public var exported: String
    public var groups: [Group]

    public init(exported: String, groups: [Group] = []) {
        self.exported = exported
        self.groups = groups
    }

    /// Parses a message; the first problem (malformed XML, missing attribute, unaligned period) fails it,
    /// naming its line.
    public init(xml data: Data) throws {
        try Self.screen(data)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        let reader = ADXReader()
        parser.delegate = reader
        let ok = parser.parse()
        if let failure = reader.failure { throw failure }
        guard ok, let message = reader.message else {
            throw Failure(
                line: parser.lineNumber,
                message: "XML mal formé (erreur \((parser.parserError as NSError?)?.code ?? 0))")
        }
        self = message
    }

    /// What reaches the XML parser: UTF-8 without NUL bytes, declared UTF-8 if declared at all, and no
    /// processing instruction but the declaration. FoundationXML on Linux (libxml2's push parser)
    /// crashes on a processing instruction without data (`<?x?>`) and on input it guesses to be UCS-4
    /// (`00 00 00 3C`) — both found by fuzzing; an ADX message is UTF-8 and has no use for either.
    static func screen(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil else {
            throw Failure(line: 1, message: "un message ADX doit être un texte UTF-8")
        }
        // No DTD: entity expansion ("billion laughs") and external entities have no place in a message.
        if let text = String(validating: bytes, as: UTF8.self),
            text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil
                || text.range(of: "<!ENTITY", options: .caseInsensitive) != nil
        {
            throw Failure(
                line: 1, message: "déclaration de type de document (DOCTYPE) non acceptée dans un message ADX")
        }
        if let head = String(validating: bytes.prefix(200), as: UTF8.self)
            ?? String(validating: bytes.prefix(199), as: UTF8.self),
            let range = head.range(of: #"encoding\s*=\s*["']([^"']*)["']"#, options: .regularExpression)
        {
            let declared =
                head[range].split(whereSeparator: { $0 == "\"" || $0 == "'" }).dropFirst().first.map { $0.lowercased() }
                ?? ""
            guard ["utf-8", "utf8"].contains(declared) else {
                throw Failure(
                    line: 1, message: "encodage « \(declared.prefix(20)) » non accepté : un message ADX est en UTF-8")
            }
        }
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let declaration = Array("<?xml ".utf8)
        var position = start
        var line = 1
        while position + 1 < bytes.count {
            if bytes[position] == 0x0A { line += 1 }
            if bytes[position] == UInt8(ascii: "<"), bytes[position + 1] == UInt8(ascii: "?") {
                let isDeclaration = position == start && bytes[position...].starts(with: declaration)
                if !isDeclaration {
                    throw Failure(
                        line: line, message: "instruction de traitement « <?…?> » non acceptée dans un message ADX")
                }
            }
            position += 1
        }
    }

    /// The message as XML, attributes escaped; extra attributes in name order so that output is stable.
    public var xml: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<adx xmlns=\"\(Self.namespace)\"\(Self.attributes([("exported", exported)]))>\n"
        for group in groups {
            var standard = [("orgUnit", group.orgUnit), ("period", group.period.adx)]
            if let dataSet = group.dataSet { standard.append(("dataSet", dataSet)) }
            if let completeDate = group.completeDate { standard.append(("completeDate", completeDate)) }
            let disaggregations = Self.extra(group.attributes, reserved: ADXReader.groupAttributes)
            out += "  <group\(Self.attributes(standard + disaggregations))>\n"
            for dataValue in group.values {
                let attributes = Self.attributes(
                    [("dataElement", dataValue.dataElement), ("value", dataValue.value)]
                        + Self.extra(dataValue.attributes, reserved: ADXReader.valueAttributes))
                if let annotation = dataValue.annotation {
                    out += "    <dataValue\(attributes)>\n"
                    out += "      <annotation>\(XMLEscaping.escape(annotation))</annotation>\n"
                    out += "    </dataValue>\n"
                } else {
                    out += "    <dataValue\(attributes)/>\n"
                }
            }
            out += "  </group>\n"
        }
        return out + "</adx>\n"
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(XMLEscaping.escape($0.1, attribute: true))\"" }.joined()
    }

    /// Disaggregations other than the standard attributes; a name that is not a valid XML name is left
    /// out, since writing it would make the whole message unreadable.
    private static func extra(_ attributes: [String: String], reserved: Set<String>) -> [(String, String)] {
        attributes.filter { key, _ in
            guard !reserved.contains(key), let first = key.unicodeScalars.first,
                first == "_" || CharacterSet.letters.contains(first)
            else { return false }
            return key.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)
            }
        }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// XMLParser delegate building an `ADX`; the first problem aborts the parse.
private final class ADXReader: NSObject, XMLParserDelegate {
    static let groupAttributes: Set<String> = ["orgUnit", "period", "dataSet", "completeDate"]
    static let valueAttributes: Set<String> = ["dataElement", "value"]

    var message: ADX?
    var failure: ADX.Failure?
    private var annotation: String?

    private func fail(_ parser: XMLParser, _ text: String) {
        guard failure == nil else { return }
        failure = ADX.Failure(line: parser.lineNumber, message: text)
        parser.abortParsing()
    }

    /// Attributes other than the standard ones and namespace declarations or prefixed attributes (`xsi:…`).
    private static func extra(_ attributes: [String: String], reserved: Set<String>) -> [String: String] {
        attributes.filter { !reserved.contains($0.key) && !$0.key.contains(":") && !$0.key.hasPrefix("xmlns") }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        let line = parser.lineNumber
        guard var message else {
            guard name == "adx", (namespaceURI ?? "").isEmpty || namespaceURI == ADX.namespace else {
                return fail(
                    parser,
                    "ce fichier n'est pas un message ADX "
                        + "(élément racine « \(name) », espace de noms « \(namespaceURI ?? "") »)")
            }
            message = ADX(exported: attributes["exported"] ?? "")
            return
        }
        switch name {
        case "group":
            guard let orgUnit = attributes["orgUnit"], !orgUnit.isEmpty else {
                return fail(parser, "groupe sans attribut orgUnit")
            }
            guard let raw = attributes["period"] else { return fail(parser, "groupe sans attribut period") }
            guard let period = Period(adx: raw) else {
                return fail(
                    parser,
                    "période ADX « \(raw) » non reconnue : "
                        + "un début aligné sur le calendrier et une durée sont attendus "
                        + "(2021-12-31/P1D, 2021-12-01/P1M, 2021-10-01/P3M, 2021-07-01/P6M, 2021-01-01/P1Y)")
            }
            message.groups.append(
                ADX.Group(
                    orgUnit: orgUnit, period: period, dataSet: attributes["dataSet"],
                    completeDate: attributes["completeDate"],
                    attributes: Self.extra(attributes, reserved: Self.groupAttributes), line: line))
        case "dataValue":
            guard !message.groups.isEmpty else { return fail(parser, "valeur (dataValue) hors d'un groupe") }
            guard let dataElement = attributes["dataElement"], !dataElement.isEmpty else {
                return fail(parser, "valeur sans attribut dataElement")
            }
            guard let value = attributes["value"] else {
                return fail(parser, "valeur « \(dataElement) » sans attribut value")
            }
            message.groups[message.groups.count - 1].values.append(
                ADX.DataValue(
                    dataElement: dataElement, value: value,
                    attributes: Self.extra(attributes, reserved: Self.valueAttributes), line: line))
        case "annotation":
            annotation = ""
        default:
            break
        }
        self.message = message
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        annotation? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard name == "annotation", let text = annotation else { return }
        annotation = nil
        guard let groupIndex = message?.groups.indices.last,
            let valueIndex = message?.groups[groupIndex].values.indices.last
        else {
            return fail(parser, "annotation hors d'une valeur (dataValue)")
        }
        message?.groups[groupIndex].values[valueIndex].annotation = text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
        fail(parser, "XML mal formé (erreur \((error as NSError).code))")
    }
}

extension Period {
    /// ADX notation, start and ISO 8601 duration: `2021-12-01/P1M`, `2021-10-01/P3M`, `2021-01-01/P1Y`.
    public var adx: String {
        switch self {
        case .day: "\(start.iso)/P1D"
        case .month: "\(start.iso)/P1M"
        case .quarter: "\(start.iso)/P3M"
        case .semester: "\(start.iso)/P6M"
        case .year: "\(start.iso)/P1Y"
        }
    }

    /// Reads ADX notation; nil when the duration is not one Jalon has or the start does not begin a
    /// calendar period (`2021-11-01/P3M` is not a quarter).
    public init?(adx raw: String) {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: "/")
        guard parts.count == 2, parts[0].count == 10, let start = Day(iso: String(parts[0])) else { return nil }
        let (year, month, first) = (start.year, start.month, start.day == 1)
        switch parts[1].uppercased() {
        case "P1D": self = .day(start)
        case "P1M" where first: self = .month(year, month)
        case "P3M" where first && (month - 1) % 3 == 0: self = .quarter(year, (month - 1) / 3 + 1)
        case "P6M" where first && (month == 1 || month == 7): self = .semester(year, month == 1 ? 1 : 2)
        case "P1Y" where first && month == 1: self = .year(year)
        default: return nil
        }
    }
}

import Foundation

/// Streams the public RPPS extraction `PS_LibreAcces_Personne_activite` (pipe-separated, UTF-8, a
/// header line, each line ending with `|`), plain or gzip-compressed. The national file holds millions
/// of lines: it is read in chunks and never held whole.
public enum RPPSReader {
    /// What one data line gives: a record, or the reason it cannot be read (the caller decides whether to go on).
    public enum Item: Sendable, Equatable {
        case record(RPPSRecord)
        case rejected(line: Int, reason: String)
    }

    /// A file that cannot be read at all. The message is French and names the line when there is one.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var line: Int?
        public var message: String
        public var description: String { line.map { "ligne \($0) : \(message)" } ?? message }
    }

    /// Reads the file at `path`, calling `body` for each data line in order and `progress` after each chunk
    /// with the bytes read so far and the file size (compressed sizes for a `.gz`).
    public static func read(
        path: String, chunkSize: Int = 1 << 20, progress: ((_ read: Int64, _ total: Int64) -> Void)? = nil,
        _ body: (Item) throws -> Void
    ) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(line: nil, message: "fichier « \(path) » introuvable ou illisible")
        }
        defer { try? handle.close() }
        let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        var lines = LineSplitter()
        var parser = LineParser()
        func handleLine(_ line: UnsafeBufferPointer<UInt8>, _ number: Int) throws {
            if let item = try parser.parse(line, number: number) { try body(item) }
        }
        var inflater: InflateStream?
        var read: Int64 = 0
        while true {
            let chunk: Data
            // At least two bytes, so that the first chunk shows the gzip magic number.
            do { chunk = try handle.read(upToCount: max(2, chunkSize)) ?? Data() } catch {
                throw Failure(line: nil, message: "lecture du fichier interrompue : \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            if read == 0, Decompression.isGzip(chunk) { inflater = try compressed { try InflateStream() } }
            read += Int64(chunk.count)
            if let inflater {
                try compressed { try inflater.process(chunk) { try lines.feed($0, handleLine) } }
            } else {
                try chunk.withUnsafeBytes { try lines.feed($0.bindMemory(to: UInt8.self), handleLine) }
            }
            progress?(read, total)
        }
        if let inflater { try compressed { try inflater.finish() } }
        try lines.finish(handleLine)
        if !parser.sawHeader { throw Failure(line: nil, message: "fichier vide") }
    }

    private static func compressed<T>(_ work: () throws -> T) throws -> T {
        do { return try work() } catch let failure as Decompression.Failure {
            throw Failure(line: nil, message: failure.description)
        }
    }
}

/// Cuts a byte stream into lines (LF or CRLF), keeping the partial last line of a chunk for the next one.
private struct LineSplitter {
    private var pending: [UInt8] = []
    private var number = 0

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ handle: (UnsafeBufferPointer<UInt8>, Int) throws -> Void)
        throws
    {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var start = 0
        while let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
            let end = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            if pending.isEmpty {
                try emit(UnsafeBufferPointer(rebasing: bytes[start..<end]), handle)
            } else {
                pending.append(contentsOf: bytes[start..<end])
                try pending.withUnsafeBufferPointer { try emit($0, handle) }
                pending.removeAll(keepingCapacity: true)
            }
            start = end + 1
        }
        pending.append(contentsOf: bytes[start...])
        // A line of the extraction is a few hundred bytes: a "line" of megabytes is not one, and would
        // otherwise be held whole however the file is streamed.
        if pending.count > Self.maxLineBytes {
            throw RPPSReader.Failure(
                line: number + 1,
                message: "ligne de plus de \(Self.maxLineBytes >> 10) Kio (limite) : ce n'est pas une extraction RPPS")
        }
    }

    static let maxLineBytes = 64 << 10

    mutating func finish(_ handle: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        if !pending.isEmpty { try pending.withUnsafeBufferPointer { try emit($0, handle) } }
    }

    private mutating func emit(
        _ line: UnsafeBufferPointer<UInt8>, _ handle: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) throws {
        number += 1
        if number > ExpansionLimits.streamed.maxLines {
            throw RPPSReader.Failure(
                line: number, message: "plus de \(Format.integer(ExpansionLimits.streamed.maxLines)) lignes (limite)")
        }
        let trimmed = line.last == UInt8(ascii: "\r") ? UnsafeBufferPointer(rebasing: line.dropLast()) : line
        try handle(trimmed, number)
    }
}

/// Reads the header, then turns each line into an item, decoding only the columns a record holds.
private struct LineParser {
    /// The columns read, by header name; `required` ones must be in the header, the others may be absent.
    enum Column: Int, CaseIterable {
        case rpps, lastName, firstName, professionCode, professionLabel, skillCode, skillLabel, practiceModeCode,
            practiceModeLabel
        case siret, finessSite, finessLegalEntity, structureId, companyName, recipientComplement, placeComplement
        case streetNumber, repetitionIndex, streetTypeCode, streetTypeLabel, streetName, distribution, cedexOffice
        case postalCode, communeCode, communeLabel, pharmacistSectionCode, pharmacistSectionLabel, activitySectorCode,
            activitySectorLabel

        var header: String {
            switch self {
            case .rpps: "Identification nationale PP"
            case .lastName: "Nom d'exercice"
            case .firstName: "Prénom d'exercice"
            case .professionCode: "Code profession"
            case .professionLabel: "Libellé profession"
            case .skillCode: "Code savoir-faire"
            case .skillLabel: "Libellé savoir-faire"
            case .practiceModeCode: "Code mode exercice"
            case .practiceModeLabel: "Libellé mode exercice"
            case .siret: "Numéro SIRET site"
            case .finessSite: "Numéro FINESS site"
            case .finessLegalEntity: "Numéro FINESS établissement juridique"
            case .structureId: "Identifiant technique de la structure"
            case .companyName: "Raison sociale site"
            case .recipientComplement: "Complément destinataire (coord. structure)"
            case .placeComplement: "Complément point géographique (coord. structure)"
            case .streetNumber: "Numéro Voie (coord. structure)"
            case .repetitionIndex: "Indice répétition voie (coord. structure)"
            case .streetTypeCode: "Code type de voie (coord. structure)"
            case .streetTypeLabel: "Libellé type de voie (coord. structure)"
            case .streetName: "Libellé Voie (coord. structure)"
            case .distribution: "Mention distribution (coord. structure)"
            case .cedexOffice: "Bureau cedex (coord. structure)"
            case .postalCode: "Code postal (coord. structure)"
            case .communeCode: "Code commune (coord. structure)"
            case .communeLabel: "Libellé commune (coord. structure)"
            case .pharmacistSectionCode: "Code section tableau pharmaciens"
            case .pharmacistSectionLabel: "Libellé section tableau pharmaciens"
            case .activitySectorCode: "Code secteur d'activité"
            case .activitySectorLabel: "Libellé secteur d'activité"
            }
        }

        /// What identifies a person and what the couloir classification needs.
        var required: Bool {
            [
                .rpps, .lastName, .firstName, .professionCode, .skillCode, .skillLabel, .practiceModeCode, .finessSite,
                .pharmacistSectionCode
            ].contains(self)
        }
    }

    private(set) var sawHeader = false
    private var fieldCount = 0
    /// Column → position in the line, -1 when absent.
    private var positions = [Int](repeating: -1, count: Column.allCases.count)
    /// Field boundaries of the current line, reused from line to line.
    private var separators: [Int] = []

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws -> RPPSReader.Item? {
        guard !line.isEmpty else { return nil }
        split(line)
        guard sawHeader else {
            try readHeader(line, number: number)
            return nil
        }
        let count = separators.count + 1
        guard count == fieldCount else {
            return .rejected(
                line: number, reason: "\(count) champs au lieu de \(fieldCount) — ligne tronquée ou mal formée")
        }
        return item(line, number: number)
    }

    private func item(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> RPPSReader.Item {
        let field = { (column: Column) -> String in self.field(line, self.positions[column.rawValue]) }
        let rpps = field(.rpps)
        guard !rpps.isEmpty else {
            return .rejected(line: number, reason: "identifiant RPPS (Identification nationale PP) vide")
        }
        let streetType = field(.streetTypeLabel)
        return .record(
            RPPSRecord(
                rpps: rpps, lastName: field(.lastName), firstName: field(.firstName),
                professionCode: field(.professionCode),
                professionLabel: field(.professionLabel), skillCode: field(.skillCode), skillLabel: field(.skillLabel),
                practiceModeCode: field(.practiceModeCode), practiceModeLabel: field(.practiceModeLabel),
                siret: field(.siret),
                finessSite: field(.finessSite), finessLegalEntity: field(.finessLegalEntity),
                structureId: field(.structureId),
                companyName: field(.companyName), recipientComplement: field(.recipientComplement),
                placeComplement: field(.placeComplement),
                streetNumber: field(.streetNumber), repetitionIndex: field(.repetitionIndex),
                streetType: streetType.isEmpty ? field(.streetTypeCode) : streetType,
                streetName: field(.streetName), distribution: field(.distribution), cedexOffice: field(.cedexOffice),
                postalCode: field(.postalCode),
                communeCode: field(.communeCode), communeLabel: field(.communeLabel),
                pharmacistSectionCode: field(.pharmacistSectionCode),
                pharmacistSectionLabel: field(.pharmacistSectionLabel), activitySectorCode: field(.activitySectorCode),
                activitySectorLabel: field(.activitySectorLabel), line: number))
    }

    private mutating func readHeader(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws {
        var byName: [String: Int] = [:]
        for i in 0...separators.count {
            let name = (field(line, i)).matchKey
            if byName[name] == nil { byName[name] = i }
        }
        var missing: [String] = []
        for column in Column.allCases {
            if let position = byName[column.header.matchKey] {
                positions[column.rawValue] = position
            } else if column.required {
                missing.append(column.header)
            }
        }
        guard missing.isEmpty else {
            throw RPPSReader.Failure(
                line: number,
                message:
                    "colonne\(missing.count > 1 ? "s" : "") \(missing.map { "« \($0) »" }.joined(separator: ", ")) "
                    + "absente\(missing.count > 1 ? "s" : "") de l'en-tête : "
                    + "ce fichier n'est pas l'extraction RPPS PS_LibreAcces_Personne_activite")
        }
        fieldCount = separators.count + 1
        sawHeader = true
    }

    private mutating func split(_ line: UnsafeBufferPointer<UInt8>) {
        separators.removeAll(keepingCapacity: true)
        guard let base = line.baseAddress else { return }
        var start = 0
        while start < line.count, let found = memchr(base + start, Int32(UInt8(ascii: "|")), line.count - start) {
            let at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            separators.append(at)
            start = at + 1
        }
    }

    /// Field `index` of the line, spaces trimmed; UTF-8, or Windows-1252 for a file re-saved by a spreadsheet.
    private func field(_ line: UnsafeBufferPointer<UInt8>, _ index: Int) -> String {
        guard index >= 0, index <= separators.count else { return "" }
        var start = index == 0 ? 0 : separators[index - 1] + 1
        var end = index == separators.count ? line.count : separators[index]
        // The first field of the header may carry the UTF-8 byte order mark.
        if index == 0, end - start >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF { start += 3 }
        while start < end, line[start] == 0x20 { start += 1 }
        while end > start, line[end - 1] == 0x20 { end -= 1 }
        let bytes = UnsafeBufferPointer(rebasing: line[start..<end])
        return String(validating: bytes, as: UTF8.self) ?? TextDecoding.decodeWindows1252(bytes)
    }
}

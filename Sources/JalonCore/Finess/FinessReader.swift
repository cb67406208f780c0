import Foundation

/// Reads a FINESS file in either public format, detected from its content (not its name):
/// gzip or plain, JSON flux or etalab CSV.
public enum FinessReader {
    public static func read(_ raw: Data) throws -> FinessFile {
        let data: Data
        do {
            data = try Decompression.auto(raw)
        } catch let failure as Decompression.Failure {
            throw FinessFileError(line: nil, failure.description)
        }
        guard
            let first = data.first(where: {
                !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF)
            })
        else {
            throw FinessFileError(line: nil, "fichier vide")
        }
        if first == UInt8(ascii: "{") { return try FinessJSONParser.parse(data) }
        let text = TextDecoding.decode(data).text
        let head = text.prefix(40).lowercased()
        guard head.hasPrefix("finess;etalab") || head.hasPrefix("structureet") || head.hasPrefix("\"structureet") else {
            throw FinessFileError(
                line: 1,
                "format non reconnu : ni flux JSON finess-structures, ni extraction etalab "
                    + "(la première ligne devrait commencer par « finess;etalab » ou « structureet »)")
        }
        return try FinessEtalabParser.parse(text)
    }
}

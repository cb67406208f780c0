import Foundation

/// A territory code as users write it: `FR`, `R32`, `D59`, `D2A`, `D973`, `C59350`, `E200093201`
/// (EPCI by SIREN) or a custom code chosen by the user (`TAN-LITTORAL`).
///
/// Official codes are recognised from their shape so that any code resolves without a lookup table;
/// everything else that is a well-formed identifier is a custom code.
public struct TerritoryCode: Hashable, Sendable, CustomStringConvertible {
    public let kind: TerritoryKind
    /// The canonical code (upper-cased, prefixed).
    public let value: String
    /// The official code without prefix (`32`, `59`, `59350`), empty for `FR` and custom codes.
    public let insee: String

    public var description: String { value }

    public static let france = TerritoryCode(kind: .country, value: "FR", insee: "")

    public static func region(_ code: String) -> TerritoryCode { .init(kind: .region, value: "R" + code, insee: code) }
    public static func departement(_ code: String) -> TerritoryCode {
        .init(kind: .departement, value: "D" + code, insee: code)
    }
    public static func commune(_ code: String) -> TerritoryCode {
        .init(kind: .commune, value: "C" + code, insee: code)
    }
    public static func epci(_ siren: String) -> TerritoryCode { .init(kind: .epci, value: "E" + siren, insee: siren) }

    private init(kind: TerritoryKind, value: String, insee: String) {
        self.kind = kind
        self.value = value
        self.insee = insee
    }

    /// Parses a code; returns nil for something that can be neither official nor a valid custom code.
    public init?(_ raw: String) {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard !code.isEmpty, code.count <= 64 else { return nil }
        if code == "FR" {
            self = .france
            return
        }
        let body = String(code.dropFirst())
        switch code.first {
        case "R" where Self.isDigits(body, count: 2):
            self = .region(body)
            return
        case "D" where Self.isDepartement(body):
            self = .departement(body)
            return
        case "C" where Self.isCommune(body):
            self = .commune(body)
            return
        case "E" where Self.isDigits(body, count: 9):
            self = .epci(body)
            return
        default:
            break
        }
        guard Self.isCustom(code) else { return nil }
        self.init(kind: .custom, value: code, insee: "")
    }

    /// A custom code: letters, digits, `-` and `_`, starting with a letter, and not shaped like an official code.
    public static func isCustom(_ code: String) -> Bool {
        guard let first = code.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return code.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }

    /// `01`…`95`, `2A`, `2B`, and the overseas `971`…`974`, `976` (975 and 977+ are collectivities, not départements).
    public static func isDepartement(_ code: String) -> Bool {
        if code == "2A" || code == "2B" { return true }
        if isDigits(code, count: 2) { return code != "00" && code != "20" }
        return ["971", "972", "973", "974", "976"].contains(code)
    }

    /// Five characters: digits, or `2A`/`2B` followed by three digits.
    public static func isCommune(_ code: String) -> Bool {
        guard code.count == 5 else { return false }
        if code.hasPrefix("2A") || code.hasPrefix("2B") { return isDigits(String(code.dropFirst(2)), count: 3) }
        return isDigits(code, count: 5)
    }

    static func isDigits(_ text: String, count: Int) -> Bool {
        text.count == count && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }
}

extension TerritoryCode {
    /// The département of an INSEE commune code (`59350` → `59`, `2A004` → `2A`, `97411` → `974`).
    public static func departementOfCommune(_ insee: String) -> String {
        insee.hasPrefix("97") || insee.hasPrefix("98") ? String(insee.prefix(3)) : String(insee.prefix(2))
    }
}

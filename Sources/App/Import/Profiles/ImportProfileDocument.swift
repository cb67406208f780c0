import Foundation
import JalonCore

/// What a profile file holds (export, import, shipped profiles): the profile and the indicators it
/// feeds that a fresh Jalon may lack (created on install, never overwritten).
struct ImportProfileDocument: Codable, Sendable, Equatable {
    var profile: ImportProfile
    var indicators: [IndicatorService.Input]?

    static func decode(_ data: Data, fileName: String) throws -> ImportProfileDocument {
        do {
            let decoder = JSONDecoder()
            // A bare profile (without the envelope) is accepted too.
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            if object?["profile"] != nil { return try decoder.decode(ImportProfileDocument.self, from: data) }
            return ImportProfileDocument(profile: try decoder.decode(ImportProfile.self, from: data))
        } catch let DecodingError.keyNotFound(key, _) {
            throw ServiceError.invalid("\(fileName) : profil illisible, champ « \(key.stringValue) » absent.")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ServiceError.invalid("\(fileName) : profil illisible au champ « \(field) ».")
        } catch {
            throw ServiceError.invalid("\(fileName) : ce n'est pas un profil d'import JSON lisible.")
        }
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}

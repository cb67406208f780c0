import Crypto
import Foundation
import JalonCore

/// How session and API tokens are stored: HMAC-SHA256 under JALON_SECRET (a database dump then
/// gives nothing to replay nor to test guesses against), or a plain SHA-256 digest without it.
/// During a rotation the previous key still finds a token, which is then re-keyed.
struct TokenKeys: Sendable, Equatable {
    var current: String?
    var previous: String?

    func digest(_ token: String) -> String { Self.digest(token, key: current) }

    /// The digests a token may be stored under: the current key's first.
    func candidates(_ token: String) -> [String] {
        [digest(token)] + (previous.map { [Self.digest(token, key: $0)] } ?? [])
    }

    static func digest(_ token: String, key: String?) -> String {
        let bytes: [UInt8]
        if let key {
            bytes = Array(
                HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: SymmetricKey(data: Data(key.utf8))))
        } else {
            bytes = Array(SHA256.hash(data: Data(token.utf8)))
        }
        return bytes.hexString
    }
}

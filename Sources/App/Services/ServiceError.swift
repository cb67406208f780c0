import JalonCore
import Vapor

/// A write refused by the service layer, with a French message for the person who asked.
struct ServiceError: Error, AbortError, CustomStringConvertible, Equatable {
    enum Kind: Equatable { case invalid, notFound, conflict, forbidden, unavailable }

    var kind: Kind
    var message: String
    /// The input field at fault, named as in files and forms (`periode`, `valeur`…), when there is one.
    var field: String? = nil
    /// A status other than the kind's, when one says more (413 for a file past a size limit).
    var statusOverride: HTTPResponseStatus? = nil

    static func invalid(_ message: String, field: String? = nil, status: HTTPResponseStatus? = nil) -> ServiceError {
        .init(kind: .invalid, message: message, field: field, statusOverride: status)
    }
    static func notFound(_ message: String) -> ServiceError { .init(kind: .notFound, message: message) }
    static func conflict(_ message: String) -> ServiceError { .init(kind: .conflict, message: message) }
    static func forbidden(_ message: String) -> ServiceError { .init(kind: .forbidden, message: message) }
    /// A part Jalon relies on (the PDF printer) is missing or failed: 503, the request may be tried again.
    static func unavailable(_ message: String) -> ServiceError { .init(kind: .unavailable, message: message) }

    /// The value itself when it lies within `ValueBounds`; otherwise an error naming the field and the limit.
    static func bounded(_ value: Double, raw: String, label: String, field: String) throws -> Double {
        guard ValueBounds.accepts(value) else {
            throw invalid(
                "\(label) hors limites « \(raw.prefix(40)) » : au plus \(ValueBounds.limitLabel) en valeur absolue.",
                field: field)
        }
        return value
    }

    /// An error when a list holds more than `limit` items: one request must not create thousands of
    /// tasks or links (`label` names the list as the form does).
    static func checkCount(_ count: Int, limit: Int, label: String, field: String) throws {
        guard count <= limit else {
            throw invalid(
                "Trop d'éléments dans « \(label) » : \(Format.integer(count)) pour \(Format.integer(limit)) au plus.",
                field: field)
        }
    }

    /// An error when a text is longer than `limit` characters.
    static func checkLength(_ text: String?, limit: Int, label: String, field: String) throws {
        guard let text, text.count > limit else { return }
        throw invalid(
            "« \(label) » dépasse \(Format.integer(limit)) caractères (\(Format.integer(text.count)) reçus).",
            field: field)
    }

    /// An error unless the day lies within the programme's years (`ValueBounds.years`).
    static func checkYear(_ day: Day, raw: String, label: String, field: String) throws {
        guard ValueBounds.accepts(day) else {
            throw invalid(
                "\(label) hors de la période admise « \(raw.prefix(40)) » : années \(ValueBounds.yearsLabel).",
                field: field)
        }
    }

    var description: String { message }
    var reason: String { message }
    var status: HTTPResponseStatus {
        if let statusOverride { return statusOverride }
        switch kind {
        case .invalid: return .unprocessableEntity
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .forbidden: return .forbidden
        case .unavailable: return .serviceUnavailable
        }
    }
}

import Vapor

/// A write refused by the service layer, with a French message for the person who asked.
struct ServiceError: Error, AbortError, CustomStringConvertible, Equatable {
    enum Kind: Equatable { case invalid, notFound, conflict, forbidden }

    var kind: Kind
    var message: String
    /// The input field at fault, named as in files and forms (`periode`, `valeur`…), when there is one.
    var field: String? = nil

    static func invalid(_ m: String, field: String? = nil) -> ServiceError { .init(kind: .invalid, message: m, field: field) }
    static func notFound(_ m: String) -> ServiceError { .init(kind: .notFound, message: m) }
    static func conflict(_ m: String) -> ServiceError { .init(kind: .conflict, message: m) }
    static func forbidden(_ m: String) -> ServiceError { .init(kind: .forbidden, message: m) }

    var description: String { message }
    var reason: String { message }
    var status: HTTPResponseStatus {
        switch kind {
        case .invalid: .unprocessableEntity
        case .notFound: .notFound
        case .conflict: .conflict
        case .forbidden: .forbidden
        }
    }
}

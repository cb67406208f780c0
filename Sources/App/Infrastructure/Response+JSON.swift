import Foundation
import Vapor

extension Response {
    /// A JSON body with the status the route chose (201 for a creation, 503 for a failed check…).
    static func json(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, as: .json)
        return response
    }

    /// JSON already serialised (a sorted `JSONSerialization` object, a stored document).
    static func json(data: Data, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }
}

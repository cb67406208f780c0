import Foundation
import Vapor
import VaporTesting

@testable import App

struct Page {
    var status: HTTPStatus
    var body: String
    var headers: HTTPHeaders
}

extension Application {
    /// A request as a signed-in account (the administrator by default); `as: nil`-like anonymous
    /// requests go through `testing().sendRequest` directly.
    func send(
        _ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil,
        as who: Credentials? = nil
    ) async throws -> TestingHTTPResponse {
        let c: Credentials
        if let who { c = who } else { c = try await signIn() }
        var h = headers
        for (name, value) in c.headers where !h.contains(name: name) { h.add(name: name, value: value) }
        return try await testing().sendRequest(method, path, headers: h, body: body)
    }

    func get(_ path: String, as who: Credentials? = nil) async throws -> Page {
        let r = try await send(.GET, path, as: who)
        return Page(status: r.status, body: r.body.string, headers: r.headers)
    }

    /// Posts an urlencoded form, as a browser without JavaScript does.
    func post(_ path: String, form: [(String, String)], as who: Credentials? = nil) async throws -> Page {
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        let body = form.map { "\(encoded($0.0))=\(encoded($0.1))" }.joined(separator: "&")
        let r = try await send(
            .POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(string: body),
            as: who)
        return Page(status: r.status, body: r.body.string, headers: r.headers)
    }

    func getJSON(_ path: String, as who: Credentials? = nil) async throws -> (HTTPStatus, Any) {
        let r = try await send(.GET, path, as: who)
        return (
            r.status,
            try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView), options: [.fragmentsAllowed])
        )
    }
}

/// A multipart/form-data body as a browser sends it: the fields, then one CSV file.
enum Multipart {
    static let boundary = "limite-de-test"
    static let contentType = "multipart/form-data; boundary=\(boundary)"

    static func body(fields: [(String, String)] = [], file: String, content: String) -> String {
        fields.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined()
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file)\"\r\n"
            + "Content-Type: text/csv\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
    }
}

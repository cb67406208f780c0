import SQLKit
import Vapor

extension Response {
    static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        let r = Response(status: status, body: .init(string: body))
        r.headers.contentType = .html
        return r
    }

    static func csv(_ body: String, fileName: String) -> Response {
        let r = Response(status: .ok, body: .init(string: body))
        r.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        r.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return r
    }

    /// POST-redirect-GET after a successful form.
    static func seeOther(_ location: String) -> Response {
        let r = Response(status: .seeOther)
        r.headers.replaceOrAdd(name: .location, value: location)
        return r
    }
}

extension Request {
    var sql: any SQLDatabase { db as! any SQLDatabase }
}

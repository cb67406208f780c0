import Foundation
import JalonCore
import SQLKit
import Vapor
@testable import App

extension Application {
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// Loads the small fixture geography (Lille, Dunkerque, Paris with an arrondissement, Ajaccio…).
    func loadFixtureGeography() async throws -> COGImporter.Summary {
        let g = try Geography.parse(files: try COGSource.read(from: Fixtures.cogFolder))
        return try await db.sqlTransaction { db in try await COGImporter.apply(g, on: db, actor: .system) }
    }

    func importFiness(_ data: Data, name: String) async throws -> FinessImporter.Summary {
        try await db.sqlTransaction { db in try await FinessImporter.importFile(data: data, fileName: name, on: db, actor: .system) }
    }

    func count(_ table: String, where condition: SQLQueryString? = nil) async throws -> Int {
        struct N: Decodable { var n: Int }
        var q: SQLQueryString = "SELECT COUNT(*) AS n FROM \(ident: table)"
        if let condition { q += " WHERE " + condition }
        return try await sql.raw(q).first(decoding: N.self)?.n ?? -1
    }
}

import VaporTesting

struct Page {
    var status: HTTPStatus
    var body: String
    var headers: HTTPHeaders
}

extension Application {
    func get(_ path: String) async throws -> Page {
        let r = try await testing().sendRequest(.GET, path)
        return Page(status: r.status, body: r.body.string, headers: r.headers)
    }

    /// Posts an urlencoded form, as a browser without JavaScript does.
    func post(_ path: String, form: [(String, String)]) async throws -> Page {
        let body = form.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        let r = try await testing().sendRequest(.POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
        return Page(status: r.status, body: r.body.string, headers: r.headers)
    }

    func getJSON(_ path: String) async throws -> (HTTPStatus, Any) {
        let r = try await testing().sendRequest(.GET, path)
        return (r.status, try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView), options: [.fragmentsAllowed]))
    }
}

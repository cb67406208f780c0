import Foundation
import JalonCore
import SQLKit
import Vapor
import VaporTesting

@testable import App

extension Application {
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// The national Ségur template as the région's roadmap.
    func createRoadmap() async throws {
        _ = try await db.sqlTransaction { db in
            try await RoadmapTemplate.create("segur-2021-2023", region: "R32", on: db, actor: .system)
        }
    }

    /// An account with a test password (bcrypt at its lowest cost: tests need not be slow).
    @discardableResult
    func createAccount(
        _ email: String, name: String = "Personne fictive", role: Role, territories: [String] = [],
        indicators: [String] = [],
        password: String = Application.testPassword
    ) async throws -> UUID {
        let hash = try Bcrypt.hash(password, cost: 4)
        return try await db.sqlTransaction { db in
            try await AccountService.create(
                .init(email: email, name: name, role: role, territories: territories, indicators: indicators),
                passwordHash: hash, on: db, actor: .system)
        }
    }

    /// Loads the small fixture geography (Lille, Dunkerque, Paris with an arrondissement, Ajaccio…).
    func loadFixtureGeography() async throws -> COGImporter.Summary {
        let g = try Geography.parse(files: try COGSource.read(from: Fixtures.cogFolder))
        return try await db.sqlTransaction { db in try await COGImporter.apply(g, on: db, actor: .system) }
    }

    func importFiness(_ data: Data, name: String) async throws -> FinessImporter.Summary {
        try await db.sqlTransaction { db in
            try await FinessImporter.importFile(data: data, fileName: name, on: db, actor: .system)
        }
    }

    func count(_ table: String, where condition: SQLQueryString? = nil) async throws -> Int {
        struct N: Decodable { var n: Int }
        var q: SQLQueryString = "SELECT COUNT(*) AS n FROM \(ident: table)"
        if let condition { q += " WHERE " + condition }
        return try await sql.raw(q).first(decoding: N.self)?.n ?? -1
    }
}

struct Page {
    var status: HTTPStatus
    var body: String
    var headers: HTTPHeaders
}

/// A signed-in test account: the headers its requests carry (session cookie and CSRF token).
struct Credentials: Sendable {
    var headers: HTTPHeaders
}

extension Application {
    private struct CredentialsKey: StorageKey { typealias Value = [String: Credentials] }
    static let testPassword = "phrase de passe de test"

    /// Signs in (creating it on first use) a test account with this role and scope. Requests of the
    /// helpers below are made as the administrator unless told otherwise.
    func signIn(
        _ role: Role = .administrateur, email: String? = nil, territories: [String] = [], indicators: [String] = []
    ) async throws -> Credentials {
        let email = email ?? "\(role.rawValue)@test.invalid"
        if let c = storage[CredentialsKey.self]?[email] { return c }
        let id = try await createAccount(
            email, name: "Compte de test \(role.label)", role: role, territories: territories, indicators: indicators)
        let session = try await db.sqlTransaction { db in
            try await SessionService.open(
                user: id, address: "127.0.0.1", userAgent: "tests", keys: self.config.auth.keys, on: db)
        }
        let c = Credentials(headers: [
            "Cookie": "\(AuthMiddleware.cookieName)=\(session.token)", AuthMiddleware.csrfHeader: session.csrf
        ])
        var all = storage[CredentialsKey.self] ?? [:]
        all[email] = c
        storage[CredentialsKey.self] = all
        return c
    }

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
        let body = form.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        }.joined(separator: "&")
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
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file)\"\r\nContent-Type: text/csv\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
    }
}

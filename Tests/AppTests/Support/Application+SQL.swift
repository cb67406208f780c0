import SQLKit
import Vapor

@testable import App

extension Application {
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// The number of rows of `table`, or of those matching `condition`.
    func count(_ table: String, where condition: SQLQueryString? = nil) async throws -> Int {
        struct N: Decodable { var n: Int }
        var q: SQLQueryString = "SELECT COUNT(*) AS n FROM \(ident: table)"
        if let condition { q += " WHERE " + condition }
        return try await sql.raw(q).first(decoding: N.self)?.n ?? -1
    }
}

import SQLKit
import Vapor

enum HealthController {
    /// Answers once the database answers.
    @Sendable static func healthz(req: Request) async throws -> Response {
        do {
            _ = try await req.sql.raw("SELECT 1 AS ok").first()
        } catch {
            req.logger.error("healthz: base de données injoignable: \(error)")
            let r = Response(status: .serviceUnavailable)
            try r.content.encode(["status": "indisponible"], as: .json)
            return r
        }
        let r = Response(status: .ok)
        try r.content.encode(["status": "ok"], as: .json)
        return r
    }

    @Sendable static func metrics(req: Request) async throws -> Response {
        var buffer: [UInt8] = []
        req.application.metricsRegistry.emit(into: &buffer)
        let r = Response(status: .ok, body: .init(data: Data(buffer)))
        r.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return r
    }
}

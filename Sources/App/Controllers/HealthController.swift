import SQLKit
import Vapor

enum HealthController {
    /// Answers once the database answers.
    @Sendable static func healthz(req: Request) async throws -> Response {
        do {
            _ = try await req.sql.raw("SELECT 1 AS ok").first()
        } catch {
            req.logger.error("healthz: base de données injoignable: \(error)")
            return try .json(["status": "indisponible"], status: .serviceUnavailable)
        }
        return try .json(["status": "ok"])
    }

    @Sendable static func metrics(req: Request) async throws -> Response {
        var buffer: [UInt8] = []
        req.application.metricsRegistry.emit(into: &buffer)
        let response = Response(status: .ok, body: .init(data: Data(buffer)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }
}

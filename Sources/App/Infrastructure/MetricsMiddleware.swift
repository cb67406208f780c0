import Foundation
import Prometheus
import Vapor

/// Request counts and latencies by route pattern (not raw path, to keep label cardinality bounded).
struct MetricsMiddleware: AsyncMiddleware {
    let registry: PrometheusCollectorRegistry

    static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)
    ]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "(aucune)"
            let labels = [("method", request.method.rawValue), ("route", route), ("status", String(status))]
            registry.makeCounter(name: "jalon_http_requests_total", labels: labels).increment()
            registry.makeDurationHistogram(
                name: "jalon_http_request_duration_seconds",
                labels: [("method", request.method.rawValue), ("route", route)], buckets: Self.buckets
            )
            .record(ContinuousClock.now - start)
        }
        do {
            let response = try await next.respond(to: request)
            status = Int(response.status.code)
            return response
        } catch let abort as any AbortError {
            status = Int(abort.status.code)
            throw abort
        }
    }
}

extension Application {
    private struct RegistryKey: StorageKey { typealias Value = PrometheusCollectorRegistry }

    var metricsRegistry: PrometheusCollectorRegistry {
        if let registry = storage[RegistryKey.self] { return registry }
        let registry = PrometheusCollectorRegistry()
        storage[RegistryKey.self] = registry
        return registry
    }
}

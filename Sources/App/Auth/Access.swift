import JalonCore
import Vapor

/// The rule of one route, declared next to it in routes.swift. A route without a rule answers 403:
/// the authorisation matrix test fails on it before anyone can.
enum Access: Sendable, Equatable, CustomStringConvertible {
    /// Sign-in page, health check, static files.
    case anonymous
    /// Any signed-in account, whatever its role.
    case read
    /// The roles that may write in this area; the service then checks territories and indicators.
    case write(Area)

    var description: String {
        switch self {
        case .anonymous: "anonyme"
        case .read: "lecture"
        case .write(let area): "écriture (\(area.rawValue))"
        }
    }

    func allows(_ role: Role) -> Bool {
        switch self {
        case .anonymous, .read: true
        case .write(let area): role.mayWrite(area)
        }
    }
}

extension Route {
    private static let accessKey = "jalon.access"
    private static let bodyKey = "jalon.maxBody"

    var access: Access? { userInfo[Self.accessKey] as? Access }
    /// The body limit of an upload route, which the CSRF check needs to read a multipart form.
    var maxBody: ByteCount? { userInfo[Self.bodyKey] as? ByteCount }

    @discardableResult
    func access(_ rule: Access) -> Route {
        userInfo[Self.accessKey] = rule
        return self
    }

    @discardableResult
    func maxBody(_ size: ByteCount) -> Route {
        userInfo[Self.bodyKey] = size
        return self
    }
}

extension RoutesBuilder {
    /// A POST whose body may be larger than the 1 MB of forms (an upload), with its rule.
    @discardableResult
    func upload<R: AsyncResponseEncodable>(
        _ path: [PathComponent], max: ByteCount, _ access: Access,
        use handler: @Sendable @escaping (Request) async throws -> R
    ) -> Route {
        on(.POST, path, body: .collect(maxSize: max), use: handler).access(access).maxBody(max)
    }
}

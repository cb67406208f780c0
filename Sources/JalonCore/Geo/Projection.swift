import Foundation

/// A WGS84 position (degrees). RGF93 and WGS84 differ by less than a metre, below what a map of
/// establishments can show, so RGF93-based projections are inverted straight to WGS84.
public struct GeoPoint: Sendable, Equatable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// Inverse map projections for the coordinates of the FINESS etalab extract: Lambert-93 in
/// metropolitan France, UTM zones overseas.
public enum Projection: Sendable, Equatable {
    case lambert93
    case utm(zone: Int, north: Bool)

    static let grs80A = 6_378_137.0
    static let grs80E = 0.081_819_191_042_815_79

    /// The projection named by the etalab `sourcecoordet` field (`…,LAMBERT_93`, `…,UTM_N20`), or the
    /// one used in the given FINESS département when the field does not say.
    public static func forEtalab(source: String, departement: String) -> Projection? {
        let named = source.uppercased()
        if named.contains("LAMBERT_93") || named.contains("LAMBERT93") { return .lambert93 }
        if let range = named.range(of: #"UTM_([NS])(\d{2})"#, options: .regularExpression) {
            let token = named[range].dropFirst(4)
            // `\d` also matches non-ASCII digits, which `Int` does not read.
            if let zone = Int(token.dropFirst()), (1...60).contains(zone) {
                return .utm(zone: zone, north: token.first == "N")
            }
        }
        switch departement {
        case "9A", "9B": return .utm(zone: 20, north: true)
        case "9C": return .utm(zone: 22, north: true)
        case "9D": return .utm(zone: 40, north: false)
        case "9E": return .utm(zone: 21, north: true)
        case "9F": return .utm(zone: 38, north: false)
        default:
            return departement.hasPrefix("9") && departement.count == 2 && !departement.allSatisfy(\.isNumber)
                ? nil : .lambert93
        }
    }

    /// `x` is the easting and `y` the northing, in metres.
    public func toWGS84(x easting: Double, y northing: Double) -> GeoPoint {
        switch self {
        case .lambert93: Self.inverseLambert93(easting: easting, northing: northing)
        case .utm(let zone, let north): Self.inverseUTM(easting: easting, northing: northing, zone: zone, north: north)
        }
    }

    /// IGN algorithm ALG0004 with the Lambert-93 constants (NTG_71); the comments give the IGN symbols.
    static func inverseLambert93(easting: Double, northing: Double) -> GeoPoint {
        let exponent = 0.725_607_765_053_267_0  // n
        let constant = 11_754_255.426_096  // C
        let xs = 700_000.0
        let ys = 12_655_612.049_876
        let lon0 = 3.0 * .pi / 180
        let eccentricity = grs80E  // e
        let dx = easting - xs
        let dy = northing - ys
        let radius = (dx * dx + dy * dy).squareRoot()  // R
        let gamma = atan(dx / -dy)
        let lon = lon0 + gamma / exponent
        let isoLat = -1 / exponent * log(abs(radius / constant))
        var phi = 2 * atan(exp(isoLat)) - .pi / 2
        for _ in 0..<20 {
            let es = eccentricity * sin(phi)
            let next = 2 * atan(pow((1 + es) / (1 - es), eccentricity / 2) * exp(isoLat)) - .pi / 2
            if abs(next - phi) < 1e-12 {
                phi = next
                break
            }
            phi = next
        }
        return GeoPoint(latitude: phi * 180 / .pi, longitude: lon * 180 / .pi)
    }

    /// Transverse Mercator inverse (Snyder, USGS PP 1395, series to e⁸), GRS80 ellipsoid; the comments
    /// give Snyder's symbols, and the other names are his (e1, μ, φ1, C1, T1, N1, R1).
    static func inverseUTM(easting: Double, northing: Double, zone: Int, north: Bool) -> GeoPoint {
        let semiMajorAxis = grs80A  // a
        let e2 = grs80E * grs80E
        let k0 = 0.9996
        let ep2 = e2 / (1 - e2)
        let xx = easting - 500_000
        let yy = north ? northing : northing - 10_000_000
        let meridionalArc = yy / k0  // M
        let mu =
            meridionalArc / (semiMajorAxis * (1 - e2 / 4 - 3 * e2 * e2 / 64 - 5 * e2 * e2 * e2 / 256))
        let e1 = (1 - (1 - e2).squareRoot()) / (1 + (1 - e2).squareRoot())
        let phi1 =
            mu + (3 * e1 / 2 - 27 * pow(e1, 3) / 32) * sin(2 * mu)
            + (21 * e1 * e1 / 16 - 55 * pow(e1, 4) / 32) * sin(4 * mu)
            + (151 * pow(e1, 3) / 96) * sin(6 * mu) + (1097 * pow(e1, 4) / 512) * sin(8 * mu)
        let c1 = ep2 * pow(cos(phi1), 2)
        let t1 = pow(tan(phi1), 2)
        let n1 = semiMajorAxis / (1 - e2 * pow(sin(phi1), 2)).squareRoot()
        let r1 = semiMajorAxis * (1 - e2) / pow(1 - e2 * pow(sin(phi1), 2), 1.5)
        let ratio = xx / (n1 * k0)  // D
        let lat =
            phi1 - (n1 * tan(phi1) / r1)
            * (ratio * ratio / 2 - (5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * pow(ratio, 4) / 24
                + (61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * pow(ratio, 6) / 720)
        let lon0 = Double(zone * 6 - 183) * .pi / 180
        let lon =
            lon0
            + (ratio - (1 + 2 * t1 + c1) * pow(ratio, 3) / 6
                + (5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * pow(ratio, 5) / 120) / cos(phi1)
        return GeoPoint(latitude: lat * 180 / .pi, longitude: lon * 180 / .pi)
    }
}

import Testing

@testable import JalonCore

struct ProjectionTests {
    @Test func lambert93OriginIsThreeDegreesEastFortySixAndAHalfNorth() {
        let point = Projection.lambert93.toWGS84(x: 700_000, y: 6_600_000)
        #expect(abs(point.latitude - 46.5) < 1e-9)
        #expect(abs(point.longitude - 3.0) < 1e-9)
    }

    /// The FINESS JSON flux gives both systems for Clinique Convert (Bourg-en-Bresse): Lambert-93
    /// X 873 766,07 / Y 6 570 414,61 and WGS84 5,254203 / 46,211257.
    @Test func lambert93MatchesAPointPublishedInBothSystems() {
        let point = Projection.lambert93.toWGS84(x: 873_766.07, y: 6_570_414.61)
        #expect(abs(point.latitude - 46.211257) < 1e-5)
        #expect(abs(point.longitude - 5.254203) < 1e-5)
    }

    @Test func utmZoneFortySouthLandsOnLaReunion() {
        // Saint-Denis de La Réunion is about 20,88° S, 55,45° E.
        let point = Projection.utm(zone: 40, north: false).toWGS84(x: 338_500, y: 7_690_500)
        #expect(abs(point.latitude - -20.88) < 0.02)
        #expect(abs(point.longitude - 55.45) < 0.02)
    }

    @Test func projectionIsChosenFromTheSourceFieldOrTheDepartement() {
        #expect(
            Projection.forEtalab(source: "1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93", departement: "59")
                == .lambert93)
        #expect(
            Projection.forEtalab(source: "1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_S40", departement: "9D")
                == .utm(zone: 40, north: false))
        #expect(Projection.forEtalab(source: "", departement: "9A") == .utm(zone: 20, north: true))
        #expect(Projection.forEtalab(source: "", departement: "59") == .lambert93)
        // `\d` matches Arabic-Indic and fullwidth digits, which `Int` does not read: the département decides.
        #expect(Projection.forEtalab(source: "UTM_N٢٠", departement: "9A") == .utm(zone: 20, north: true))
        #expect(Projection.forEtalab(source: "UTM_N２０", departement: "59") == .lambert93)
    }
}

import Foundation
import JalonCore
import Testing

@testable import App

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct SVGChartTests {
    static let hostile = "\"><script>alert(1)</script>"

    static let series: [(Day, Double)] = [
        (Day(2021, 1, 31), 1200), (Day(2021, 6, 30), 1450), (Day(2021, 12, 31), 1610),
        (Day(2022, 6, 30), 1580), (Day(2022, 12, 31), 1900), (Day(2023, 6, 30), 2150)
    ]
    static let targets: [(Day, Double)] = [(Day(2023, 12, 31), 2500), (Day(2025, 12, 31), 3000)]
    static let trajectory: [(Day, Double)] = [
        (Day(2023, 6, 30), 2150), (Day(2023, 12, 31), 2500), (Day(2025, 12, 31), 3000)
    ]

    static func integer(_ v: Double) -> String { Format.integer(Int(v.rounded())) }

    static func sample(title: String = "Places en crèche") -> String {
        SVGChart.line(title: title, series: series, targets: targets, trajectory: trajectory, valueFormat: integer)
    }

    /// Well-formed XML according to Foundation's parser.
    static func isWellFormed(_ svg: String) -> Bool {
        XMLParser(data: Data(svg.utf8)).parse()
    }

    /// The `points` of the first `<polyline class="<cls>" …>`, as pairs.
    static func polylinePoints(_ svg: String, class cls: String) -> [String]? {
        guard let start = svg.range(of: "<polyline class=\"\(cls)\"") else { return nil }
        let rest = svg[start.upperBound...]
        guard let p = rest.range(of: "points=\""), let end = rest[p.upperBound...].firstIndex(of: "\"") else {
            return nil
        }
        return rest[p.upperBound..<end].split(separator: " ").map(String.init)
    }

    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    // MARK: - line

    @Test func lineChartIsWellFormedAndAccessible() {
        let svg = Self.sample()
        #expect(Self.isWellFormed(svg))
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.contains("role=\"img\""))
        let id = SVGChart.chartID("Places en crèche")
        #expect(svg.contains("aria-labelledby=\"\(id)-title \(id)-desc\""))
        #expect(svg.contains("<title id=\"\(id)-title\">Places en crèche</title>"))
        // desc: last value and date, next target
        #expect(svg.contains("Dernière valeur : 2\u{202F}150 au 30 juin 2023"))
        #expect(svg.contains("prochaine cible : 2\u{202F}500 au 31 décembre 2023"))
    }

    @Test func polylineHasOnePointPerValueAndTargetsAreDrawn() throws {
        let svg = Self.sample()
        let points = try #require(Self.polylinePoints(svg, class: "series"))
        #expect(points.count == Self.series.count)
        #expect(
            Self.count("<circle cx=", in: svg.components(separatedBy: "<g class=\"legend\"")[0]) == Self.series.count)
        #expect(Self.count("<polygon class=\"target\"", in: svg) == Self.targets.count)
        #expect(svg.contains(">3\u{202F}000</text>"), "target value label")
        let trajectory = try #require(Self.polylinePoints(svg, class: "trajectory"))
        #expect(trajectory.count == Self.trajectory.count)
        #expect(svg.contains("stroke-dasharray"))
        // coordinates carry at most one decimal
        for pair in points + trajectory {
            for coordinate in pair.split(separator: ",") {
                #expect(Double(coordinate) != nil)
                #expect((coordinate.split(separator: ".").dropFirst().first?.count ?? 0) <= 1, "\(pair)")
            }
        }
    }

    @Test func laterPointsAreToTheRightAndHigherValuesAbove() throws {
        let points = try #require(Self.polylinePoints(Self.sample(), class: "series")).map {
            $0.split(separator: ",").compactMap { Double($0) }
        }
        for (a, b) in zip(points, points.dropFirst()) { #expect(a[0] < b[0]) }
        // 1200 (first) is the lowest value: largest y
        #expect(points[0][1] == points.map { $0[1] }.max())
    }

    @Test func hostileTitleAndLabelsAreEscaped() {
        let hostileFormat: (Double) -> String = { _ in Self.hostile }
        let svgs = [
            SVGChart.line(
                title: Self.hostile, series: Self.series, targets: Self.targets, trajectory: Self.trajectory,
                valueFormat: hostileFormat),
            SVGChart.line(title: Self.hostile, series: [], targets: [], trajectory: nil, valueFormat: hostileFormat),
            SVGChart.sparkline([1, 3, 2], label: Self.hostile),
            SVGChart.bars(
                title: Self.hostile,
                items: [(label: Self.hostile, value: 3, target: 4), (label: "Nord", value: -1, target: nil)],
                valueFormat: hostileFormat)
        ]
        for svg in svgs {
            #expect(!svg.lowercased().contains("<script"))
            #expect(!svg.contains(Self.hostile))
            #expect(svg.contains("&quot;&gt;&lt;script&gt;"))
            #expect(Self.isWellFormed(svg))
        }
    }

    @Test func emptySeriesSaysNoData() {
        let svg = SVGChart.line(
            title: "Vide", series: [], targets: [(Day(2025, 1, 1), 3)], trajectory: nil, valueFormat: Self.integer)
        #expect(svg.contains(">Aucune donnée</text>"))
        #expect(svg.contains("<desc"))
        #expect(!svg.contains("<polyline"))
        #expect(Self.isWellFormed(svg))
    }

    @Test func outputIsDeterministic() {
        #expect(Self.sample() == Self.sample())
        #expect(SVGChart.sparkline([1, 2, 3], label: "x") == SVGChart.sparkline([1, 2, 3], label: "x"))
        let items: [(label: String, value: Double, target: Double?)] = [("Nord", 0.4, 0.5), ("Pas-de-Calais", 0.6, nil)]
        #expect(
            SVGChart.bars(title: "t", items: items, valueFormat: { Format.percent($0) })
                == SVGChart.bars(title: "t", items: items, valueFormat: { Format.percent($0) }))
        // ids depend on the title only
        #expect(SVGChart.chartID("a") == SVGChart.chartID("a"))
        #expect(SVGChart.chartID("a") != SVGChart.chartID("b"))
        #expect(SVGChart.chartID("") == "chart-cbf29ce484222325")
    }

    @Test func axisLabelsUseFrenchFormatting() {
        let svg = Self.sample()
        #expect(svg.contains(">2\u{202F}000</text>"), "y tick with a narrow no-break space")
        #expect(svg.contains(">janv. 2022</text>"), "x tick as a French month")
        let ratios: [(Day, Double)] = [(Day(2022, 1, 31), 0.2), (Day(2022, 6, 30), 0.35), (Day(2022, 12, 31), 0.48)]
        let pct = SVGChart.line(
            title: "Taux", series: ratios, targets: [], trajectory: nil, valueFormat: { Format.percent($0) })
        #expect(pct.contains(">50,0\u{00A0}%</text>"))
        #expect(!pct.contains("0.5"))
        #expect(Self.isWellFormed(pct))
    }

    @Test func yAxisHasFourOrFiveTicks() {
        for (lo, hi) in [(0.0, 1.0), (1200, 3000), (-5, 12), (0.2, 0.48), (99, 101), (-3, -1), (0, 7), (13, 1_000_000)]
        {
            let ticks = SVGChart.niceTicks(lo, hi)
            #expect((4...5).contains(ticks.count), "\(lo)…\(hi): \(ticks)")
            #expect(ticks.first! <= lo && ticks.last! >= hi, "\(lo)…\(hi): \(ticks)")
        }
    }

    @Test func xTicksDoNotOverlap() throws {
        let long: [(Day, Double)] = (0..<120).map { (Day(2015, 1, 1).addingMonths($0), Double($0)) }
        let svg = SVGChart.line(title: "Long", series: long, targets: [], trajectory: nil, valueFormat: Self.integer)
        let axis = try #require(
            svg.components(separatedBy: "class=\"axis axis-x\"").last?.components(separatedBy: "</g>").first)
        let xs = axis.components(separatedBy: "<text x=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(xs.count >= 3)
        for (a, b) in zip(xs, xs.dropFirst()) { #expect(b - a >= SVGChart.textWidth("janv. 2022")) }
        #expect(Self.isWellFormed(svg))
    }

    @Test func degenerateSeriesStillRender() throws {
        let one = SVGChart.line(
            title: "Un", series: [(Day(2022, 3, 1), 5)], targets: [], trajectory: nil, valueFormat: Self.integer)
        #expect(Self.isWellFormed(one))
        #expect(try #require(Self.polylinePoints(one, class: "series")).count == 1)
        #expect(one.contains("Dernière valeur : 5 au 1er mars 2022"))
        #expect(!one.contains("nan") && !one.contains("inf"))

        let flat = SVGChart.line(
            title: "Plat", series: [(Day(2022, 1, 1), 7), (Day(2022, 6, 1), 7)], targets: [], trajectory: nil,
            valueFormat: Self.integer)
        #expect(Self.isWellFormed(flat))
        #expect(!flat.contains("nan") && !flat.contains("inf"))
        let ys = try #require(Self.polylinePoints(flat, class: "series")).map { String($0.split(separator: ",")[1]) }
        #expect(Set(ys).count == 1)

        let zeros = SVGChart.line(
            title: "Zéro", series: [(Day(2022, 1, 1), 0), (Day(2022, 6, 1), 0)], targets: [], trajectory: nil,
            valueFormat: Self.integer)
        #expect(Self.isWellFormed(zeros) && !zeros.contains("nan"))

        let negative = SVGChart.line(
            title: "Négatif", series: [(Day(2022, 1, 1), -12), (Day(2022, 6, 1), 8)], targets: [(Day(2023, 1, 1), -20)],
            trajectory: nil, valueFormat: Self.integer)
        #expect(Self.isWellFormed(negative))
        #expect(negative.contains(">-20</text>"))
        #expect(negative.contains(">0</text>"))
    }

    // MARK: - sparkline

    @Test func sparklineIsLabelledAndHandlesDegenerateInput() throws {
        let svg = SVGChart.sparkline([3, 1, 4, 1, 5], label: "Tendance : hausse")
        #expect(Self.isWellFormed(svg))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-label=\"Tendance : hausse\""))
        #expect(svg.contains("width=\"100\" height=\"24\""))
        let points = try #require(
            svg.components(separatedBy: "points=\"").dropFirst().first?.split(separator: "\"").first)
        #expect(points.split(separator: " ").count == 5)

        for values in [[], [2.0], [2.0, 2.0, 2.0]] {
            let flat = SVGChart.sparkline(values, label: "plat")
            #expect(Self.isWellFormed(flat))
            #expect(flat.contains("<line "), "\(values)")
            #expect(!flat.contains("<polyline"))
            #expect(!flat.contains("nan"))
        }
    }

    // MARK: - bars

    @Test func barsDrawOneBarPerItemWithTargetsAndValues() {
        let items: [(label: String, value: Double, target: Double?)] = [
            ("Nord", 0.42, 0.5), ("Pas-de-Calais", 0.61, nil), ("Somme", 0.18, 0.3), ("Aisne & Oise", -0.05, 0.1)
        ]
        let svg = SVGChart.bars(title: "Taux par département", items: items, valueFormat: { Format.percent($0) })
        #expect(Self.isWellFormed(svg))
        #expect(svg.contains("role=\"img\""))
        let id = SVGChart.chartID("Taux par département")
        #expect(svg.contains("aria-labelledby=\"\(id)-title \(id)-desc\""))
        #expect(svg.contains("valeur la plus haute : Pas-de-Calais (61,0\u{00A0}%)"))
        #expect(Self.count("<g class=\"bar\">", in: svg) == 4)
        #expect(Self.count("<line class=\"target\"", in: svg) == 3)
        #expect(svg.contains(">42,0\u{00A0}%</text>"))
        #expect(svg.contains(">-5,0\u{00A0}%</text>"))
        #expect(svg.contains("Aisne &amp; Oise"))

        let empty = SVGChart.bars(title: "Rien", items: [], valueFormat: { Format.percent($0) })
        #expect(empty.contains(">Aucune donnée</text>"))
        #expect(Self.isWellFormed(empty))
    }
}

import Foundation
import JalonCore

extension SVGChart {
    /// An accessible line chart of an indicator: the measured series (blue line and dots), the
    /// targets (red diamonds labelled with their value) and an optional trajectory (dashed).
    static func line(
        title: String,
        series: [(Day, Double)],
        targets: [(Day, Double)],
        trajectory: [(Day, Double)]?,
        valueFormat: (Double) -> String,
        width: Int = 720,
        height: Int = 280
    ) -> String {
        let id = chartID(title)
        let className = "jalon-chart jalon-chart--line"
        let series = sortedFinite(series)
        let targets = sortedFinite(targets)
        let trajectory = sortedFinite(trajectory ?? [])
        guard let last = series.last else {
            return emptyFrame(id: id, width: width, height: height, className: className, title: title)
        }

        // description: last value, next target
        var desc = "Dernière valeur : \(valueFormat(last.1)) au \(Format.date(iso: last.0.iso))"
        if let next = targets.first(where: { $0.0 > last.0 }) {
            desc += " ; prochaine cible : \(valueFormat(next.1)) au \(Format.date(iso: next.0.iso))."
        } else {
            desc += " ; aucune cible à venir."
        }

        // domains
        let all = series + targets + trajectory
        var (dLo, dHi) = (all.map(\.0.ordinal).min()!, all.map(\.0.ordinal).max()!)
        if dLo == dHi {
            dLo -= 15
            dHi += 15
        }
        let (vLo, vHi) = padded(all.map(\.1).min()!, all.map(\.1).max()!)
        let ticks = niceTicks(vLo, vHi)
        let yLo = ticks.first!
        let yHi = ticks.last!
        let tickLabels = ticks.map(valueFormat)

        // layout
        let W = Double(width)
        let H = Double(height)
        let top = 40.0
        let bottom = 28.0
        let right = 20.0
        let left = max(36, (tickLabels.map { textWidth($0) }.max() ?? 0) + 14)
        let plotL = left
        let plotR = W - right
        let plotT = top
        let plotB = H - bottom
        let inset = 10.0  // keeps first/last points off the axis
        func x(_ d: Day) -> Double {
            plotL + inset + Double(d.ordinal - dLo) / Double(dHi - dLo) * (plotR - plotL - 2 * inset)
        }
        func y(_ v: Double) -> Double { plotB - (v - yLo) / (yHi - yLo) * (plotB - plotT) }

        var out = header(id: id, width: width, height: height, className: className, title: title, desc: desc)

        // y axis: gridlines and labels
        out += "<g class=\"axis axis-y\" fill=\"\(grey)\" text-anchor=\"end\">"
        for (v, label) in zip(ticks, tickLabels) {
            let yy = c(y(v))
            let stroke = v == 0 && yLo < 0 ? grey : gridGrey
            out +=
                "<line x1=\"\(c(plotL))\" y1=\"\(yy)\" x2=\"\(c(plotR))\" y2=\"\(yy)\" stroke=\"\(stroke)\" stroke-width=\"1\"/>"
            out += "<text x=\"\(c(plotL - 8))\" y=\"\(yy)\" dy=\"0.35em\">\(esc(label))</text>"
        }
        out += "</g>"

        // x axis: month ticks, spaced so that labels never overlap
        out += "<g class=\"axis axis-x\" fill=\"\(grey)\" text-anchor=\"middle\">"
        out +=
            "<line x1=\"\(c(plotL))\" y1=\"\(c(plotB))\" x2=\"\(c(plotR))\" y2=\"\(c(plotB))\" stroke=\"\(grey)\" stroke-width=\"1\"/>"
        let labelW = textWidth("janv. 2022") + 16
        for (d, label) in monthTicks(
            from: dLo, to: dHi, pixelsPerDay: (plotR - plotL - 2 * inset) / Double(dHi - dLo), minSpacing: labelW)
        {
            let xx = x(d)
            let lx = min(max(xx, labelW / 2 - 8), W - labelW / 2 + 8)
            out +=
                "<line x1=\"\(c(xx))\" y1=\"\(c(plotB))\" x2=\"\(c(xx))\" y2=\"\(c(plotB + 5))\" stroke=\"\(grey)\" stroke-width=\"1\"/>"
            out += "<text x=\"\(c(lx))\" y=\"\(c(plotB + 18))\">\(esc(label))</text>"
        }
        out += "</g>"

        // trajectory
        if trajectory.count >= 2 {
            let pts = trajectory.map { "\(c(x($0.0))),\(c(y($0.1)))" }.joined(separator: " ")
            out +=
                "<polyline class=\"trajectory\" fill=\"none\" stroke=\"\(grey)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" points=\"\(pts)\"/>"
        }

        // series
        let pts = series.map { "\(c(x($0.0))),\(c(y($0.1)))" }.joined(separator: " ")
        out +=
            "<polyline class=\"series\" fill=\"none\" stroke=\"\(blueFrance)\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"\(pts)\"/>"
        out += "<g class=\"points\" fill=\"\(blueFrance)\">"
        for (d, v) in series {
            out +=
                "<circle cx=\"\(c(x(d)))\" cy=\"\(c(y(v)))\" r=\"3\"><title>\(esc("\(Format.date(iso: d.iso)) : \(valueFormat(v))"))</title></circle>"
        }
        out += "</g>"

        // targets: diamonds, value labels above (below if that would overlap the previous one)
        if !targets.isEmpty {
            out += "<g class=\"targets\">"
            var lastAbove = -Double.infinity
            var lastBelow = -Double.infinity
            for (d, v) in targets {
                let tx = x(d)
                let ty = y(v)
                let r = 6.0
                let diamond = [(tx, ty - r), (tx + r, ty), (tx, ty + r), (tx - r, ty)].map { "\(c($0.0)),\(c($0.1))" }
                    .joined(separator: " ")
                out +=
                    "<polygon class=\"target\" points=\"\(diamond)\" fill=\"\(redMarianne)\" stroke=\"#fff\" stroke-width=\"1\">"
                out += "<title>\(esc("Cible au \(Format.date(iso: d.iso)) : \(valueFormat(v))"))</title></polygon>"
                let label = valueFormat(v)
                let w = textWidth(label, size: 11)
                let lx = min(max(tx, plotL + w / 2), W - 2 - w / 2)
                var ly: Double?
                if lx - w / 2 > lastAbove + 4, ty - 11 - 11 > 20 {
                    ly = ty - 11
                    lastAbove = lx + w / 2
                } else if lx - w / 2 > lastBelow + 4, ty + 19 < plotB {
                    ly = ty + 19
                    lastBelow = lx + w / 2
                }
                if let ly {
                    out +=
                        "<text class=\"target-label\" x=\"\(c(lx))\" y=\"\(c(ly))\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"\(redMarianne)\">\(esc(label))</text>"
                }
            }
            out += "</g>"
        }

        // legend
        var entries: [(swatch: (Double, Double) -> String, text: String)] = [
            (
                { x, y in
                    "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 16))\" y2=\"\(c(y))\" stroke=\"\(blueFrance)\" stroke-width=\"2\"/><circle cx=\"\(c(x + 8))\" cy=\"\(c(y))\" r=\"3\" fill=\"\(blueFrance)\"/>"
                },
                "Réalisé"
            )
        ]
        if !targets.isEmpty {
            entries.append(
                (
                    { x, y in
                        "<polygon points=\"\(c(x + 8)),\(c(y - 6)) \(c(x + 14)),\(c(y)) \(c(x + 8)),\(c(y + 6)) \(c(x + 2)),\(c(y))\" fill=\"\(redMarianne)\"/>"
                    },
                    "Cible"
                ))
        }
        if trajectory.count >= 2 {
            entries.append(
                (
                    { x, y in
                        "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 16))\" y2=\"\(c(y))\" stroke=\"\(grey)\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
                    },
                    "Trajectoire"
                ))
        }
        out += legend(entries, x: plotL, y: 12)
        return out + "</svg>"
    }

    /// Points sorted by day (then input order), without non-finite values.
    static func sortedFinite(_ points: [(Day, Double)]) -> [(Day, Double)] {
        points.enumerated()
            .filter { $0.element.1.isFinite }
            .sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
            .map(\.element)
    }

    /// First days of months within `lo...hi` (ordinals), every 1, 2, 3, 6, 12… months so that
    /// consecutive labels are at least `minSpacing` pixels apart; at least one tick.
    static func monthTicks(from lo: Int, to hi: Int, pixelsPerDay: Double, minSpacing: Double) -> [(Day, String)] {
        let pxPerMonth = pixelsPerDay * 30.436_875
        var step = 1
        for candidate in [1, 2, 3, 6, 12, 24, 60, 120, 240, 600] {
            step = candidate
            if Double(candidate) * pxPerMonth >= minSpacing { break }
        }
        let start = day(ordinal: lo)
        var cursor = Day(start.year, start.month, 1)
        if cursor.ordinal < lo { cursor = cursor.addingMonths(1) }
        var ticks: [(Day, String)] = []
        while cursor.ordinal <= hi {
            let index = cursor.year * 12 + cursor.month - 1
            if index % step == 0 { ticks.append((cursor, monthLabel(year: cursor.year, month: cursor.month))) }
            cursor = cursor.addingMonths(1)
        }
        if ticks.isEmpty {
            let mid = day(ordinal: (lo + hi) / 2)
            ticks.append((mid, monthLabel(year: mid.year, month: mid.month)))
        }
        return ticks
    }

    /// The civil day of an ordinal (days since 1970-01-01), inverse of `Day.ordinal`.
    static func day(ordinal: Int) -> Day {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

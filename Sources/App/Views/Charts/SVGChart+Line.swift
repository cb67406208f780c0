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
        var (firstDay, lastDay) = (all.map(\.0.ordinal).min()!, all.map(\.0.ordinal).max()!)
        if firstDay == lastDay {
            firstDay -= 15
            lastDay += 15
        }
        let (lowValue, highValue) = padded(all.map(\.1).min()!, all.map(\.1).max()!)
        let ticks = niceTicks(lowValue, highValue)
        let yLo = ticks.first!
        let yHi = ticks.last!
        let tickLabels = ticks.map(valueFormat)

        // layout
        let chartWidth = Double(width)
        let chartHeight = Double(height)
        let top = 40.0
        let bottom = 28.0
        let right = 20.0
        let left = max(36, (tickLabels.map { textWidth($0) }.max() ?? 0) + 14)
        let plotL = left
        let plotR = chartWidth - right
        let plotT = top
        let plotB = chartHeight - bottom
        let inset = 10.0  // keeps first/last points off the axis
        func xPosition(_ day: Day) -> Double {
            plotL + inset + Double(day.ordinal - firstDay) / Double(lastDay - firstDay) * (plotR - plotL - 2 * inset)
        }
        func yPosition(_ value: Double) -> Double { plotB - (value - yLo) / (yHi - yLo) * (plotB - plotT) }

        var svg = header(id: id, width: width, height: height, className: className, title: title, desc: desc)

        // y axis: gridlines and labels
        svg += "<g class=\"axis axis-y\" fill=\"\(grey)\" text-anchor=\"end\">"
        for (tick, label) in zip(ticks, tickLabels) {
            let tickY = px(yPosition(tick))
            let stroke = tick == 0 && yLo < 0 ? grey : gridGrey
            svg +=
                "<line x1=\"\(px(plotL))\" y1=\"\(tickY)\" x2=\"\(px(plotR))\" y2=\"\(tickY)\" "
                + "stroke=\"\(stroke)\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(px(plotL - 8))\" y=\"\(tickY)\" dy=\"0.35em\">\(esc(label))</text>"
        }
        svg += "</g>"

        // x axis: month ticks, spaced so that labels never overlap
        svg += "<g class=\"axis axis-x\" fill=\"\(grey)\" text-anchor=\"middle\">"
        svg +=
            "<line x1=\"\(px(plotL))\" y1=\"\(px(plotB))\" x2=\"\(px(plotR))\" y2=\"\(px(plotB))\" "
            + "stroke=\"\(grey)\" stroke-width=\"1\"/>"
        let labelW = textWidth("janv. 2022") + 16
        for (day, label) in monthTicks(
            from: firstDay, to: lastDay, pixelsPerDay: (plotR - plotL - 2 * inset) / Double(lastDay - firstDay),
            minSpacing: labelW)
        {
            let tickX = xPosition(day)
            let labelX = min(max(tickX, labelW / 2 - 8), chartWidth - labelW / 2 + 8)
            svg +=
                "<line x1=\"\(px(tickX))\" y1=\"\(px(plotB))\" x2=\"\(px(tickX))\" y2=\"\(px(plotB + 5))\" "
                + "stroke=\"\(grey)\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(px(labelX))\" y=\"\(px(plotB + 18))\">\(esc(label))</text>"
        }
        svg += "</g>"

        // trajectory
        if trajectory.count >= 2 {
            let points = trajectory.map { "\(px(xPosition($0.0))),\(px(yPosition($0.1)))" }.joined(separator: " ")
            svg +=
                "<polyline class=\"trajectory\" fill=\"none\" stroke=\"\(grey)\" stroke-width=\"1.5\" "
                + "stroke-dasharray=\"6 4\" points=\"\(points)\"/>"
        }

        // series
        let points = series.map { "\(px(xPosition($0.0))),\(px(yPosition($0.1)))" }.joined(separator: " ")
        svg +=
            "<polyline class=\"series\" fill=\"none\" stroke=\"\(blueFrance)\" stroke-width=\"2\" "
            + "stroke-linejoin=\"round\" points=\"\(points)\"/>"
        svg += "<g class=\"points\" fill=\"\(blueFrance)\">"
        for (day, value) in series {
            svg +=
                "<circle cx=\"\(px(xPosition(day)))\" cy=\"\(px(yPosition(value)))\" r=\"3\">"
                + "<title>\(esc("\(Format.date(iso: day.iso)) : \(valueFormat(value))"))</title></circle>"
        }
        svg += "</g>"

        // targets: diamonds, value labels above (below if that would overlap the previous one)
        if !targets.isEmpty {
            svg += "<g class=\"targets\">"
            var lastAbove = -Double.infinity
            var lastBelow = -Double.infinity
            for (day, value) in targets {
                let targetX = xPosition(day)
                let targetY = yPosition(value)
                let radius = 6.0
                let diamond = [
                    (targetX, targetY - radius), (targetX + radius, targetY), (targetX, targetY + radius),
                    (targetX - radius, targetY)
                ].map { "\(px($0.0)),\(px($0.1))" }
                    .joined(separator: " ")
                svg +=
                    "<polygon class=\"target\" points=\"\(diamond)\" fill=\"\(redMarianne)\" stroke=\"#fff\" "
                    + "stroke-width=\"1\">"
                let tip = "Cible au \(Format.date(iso: day.iso)) : \(valueFormat(value))"
                svg += "<title>\(esc(tip))</title></polygon>"
                let label = valueFormat(value)
                let labelWidth = textWidth(label, size: 11)
                let labelX = min(max(targetX, plotL + labelWidth / 2), chartWidth - 2 - labelWidth / 2)
                var labelY: Double?
                if labelX - labelWidth / 2 > lastAbove + 4, targetY - 11 - 11 > 20 {
                    labelY = targetY - 11
                    lastAbove = labelX + labelWidth / 2
                } else if labelX - labelWidth / 2 > lastBelow + 4, targetY + 19 < plotB {
                    labelY = targetY + 19
                    lastBelow = labelX + labelWidth / 2
                }
                if let labelY {
                    svg +=
                        "<text class=\"target-label\" x=\"\(px(labelX))\" y=\"\(px(labelY))\" text-anchor=\"middle\" "
                        + "font-size=\"11\" font-weight=\"700\" fill=\"\(redMarianne)\">\(esc(label))</text>"
                }
            }
            svg += "</g>"
        }

        // legend
        var entries: [(swatch: (Double, Double) -> String, text: String)] = [
            (
                { left, middle in
                    "<line x1=\"\(px(left))\" y1=\"\(px(middle))\" x2=\"\(px(left + 16))\" y2=\"\(px(middle))\" "
                        + "stroke=\"\(blueFrance)\" stroke-width=\"2\"/>"
                        + "<circle cx=\"\(px(left + 8))\" cy=\"\(px(middle))\" r=\"3\" fill=\"\(blueFrance)\"/>"
                },
                "Réalisé"
            )
        ]
        if !targets.isEmpty {
            entries.append(
                (
                    { left, middle in
                        "<polygon points=\"\(px(left + 8)),\(px(middle - 6)) \(px(left + 14)),\(px(middle)) "
                            + "\(px(left + 8)),\(px(middle + 6)) \(px(left + 2)),\(px(middle))\" "
                            + "fill=\"\(redMarianne)\"/>"
                    },
                    "Cible"
                ))
        }
        if trajectory.count >= 2 {
            entries.append(
                (
                    { left, middle in
                        "<line x1=\"\(px(left))\" y1=\"\(px(middle))\" x2=\"\(px(left + 16))\" y2=\"\(px(middle))\" "
                            + "stroke=\"\(grey)\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
                    },
                    "Trajectoire"
                ))
        }
        svg += legend(entries, x: plotL, y: 12)
        return svg + "</svg>"
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
        // JalonCore's `Day(ordinal:)` is internal to it: its public `addingDays` counts from day 0.
        let epoch = Day(1970, 1, 1)
        let start = epoch.addingDays(lo)
        var cursor = Day(start.year, start.month, 1)
        if cursor.ordinal < lo { cursor = cursor.addingMonths(1) }
        var ticks: [(Day, String)] = []
        while cursor.ordinal <= hi {
            let index = cursor.year * 12 + cursor.month - 1
            if index % step == 0 { ticks.append((cursor, monthLabel(year: cursor.year, month: cursor.month))) }
            cursor = cursor.addingMonths(1)
        }
        if ticks.isEmpty {
            let mid = epoch.addingDays((lo + hi) / 2)
            ticks.append((mid, monthLabel(year: mid.year, month: mid.month)))
        }
        return ticks
    }
}

import Foundation

extension SVGChart {
    /// Horizontal bars, one per territory, in input order: label on the left, value at the bar
    /// end, and an optional red tick at the territory's target.
    static func bars(
        title: String,
        items: [(label: String, value: Double, target: Double?)],
        valueFormat: (Double) -> String,
        width: Int = 720
    ) -> String {
        let id = chartID(title)
        let className = "jalon-chart jalon-chart--bars"
        let items = items.filter(\.value.isFinite).map { item in
            (label: item.label, value: item.value, target: item.target.flatMap { $0.isFinite ? $0 : nil })
        }
        guard !items.isEmpty else {
            return emptyFrame(id: id, width: width, height: 120, className: className, title: title)
        }
        let hasTargets = items.contains { $0.target != nil }

        // description: count, highest and lowest
        let highest = items.max { $0.value < $1.value }!  // first of ties
        let lowest = items.min { $0.value < $1.value }!
        let desc: String
        if items.count == 1 {
            desc = "1 territoire : \(highest.label), \(valueFormat(highest.value))."
        } else {
            desc =
                "\(items.count) territoires ; valeur la plus haute : \(highest.label) (\(valueFormat(highest.value)))"
                + " ; la plus basse : \(lowest.label) (\(valueFormat(lowest.value)))."
        }

        // domain always includes zero, bars start there
        let numbers = items.map(\.value) + items.compactMap(\.target)
        let (lowValue, highValue) = padded(min(0, numbers.min()!), max(0, numbers.max()!))
        let ticks = niceTicks(lowValue, highValue)
        let xLo = ticks.first!
        let xHi = ticks.last!
        let valueLabels = items.map { valueFormat($0.value) }

        // layout
        let chartWidth = Double(width)
        let rowH = 30.0
        let barH = 18.0
        let top = hasTargets ? 32.0 : 8.0
        let bottom = 28.0
        let labelCol = min((items.map { textWidth($0.label) }.max() ?? 0) + 12, chartWidth * 0.35)
        let valueRoom = (valueLabels.map { textWidth($0) }.max() ?? 0) + 10
        let hasNegative = items.contains { $0.value < 0 }
        let plotL = labelCol + (hasNegative ? valueRoom : 8)
        let plotR = chartWidth - valueRoom - 4
        let plotT = top
        let plotB = top + Double(items.count) * rowH
        let height = Int((plotB + bottom).rounded(.up))
        func xPosition(_ value: Double) -> Double { plotL + (value - xLo) / (xHi - xLo) * (plotR - plotL) }

        var svg = header(id: id, width: width, height: height, className: className, title: title, desc: desc)

        // value axis: gridlines and labels at the bottom
        svg += "<g class=\"axis axis-x\" fill=\"\(grey)\" text-anchor=\"middle\">"
        for tick in ticks {
            let tickX = px(xPosition(tick))
            svg +=
                "<line x1=\"\(tickX)\" y1=\"\(px(plotT))\" x2=\"\(tickX)\" y2=\"\(px(plotB))\" "
                + "stroke=\"\(tick == 0 ? grey : gridGrey)\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(tickX)\" y=\"\(px(plotB + 18))\">\(esc(valueFormat(tick)))</text>"
        }
        svg += "</g>"

        // bars
        let zeroX = xPosition(0)
        svg += "<g class=\"bars\">"
        for (i, item) in items.enumerated() {
            let rowY = plotT + Double(i) * rowH
            let centreY = rowY + rowH / 2
            let valueX = xPosition(item.value)
            var tip = "\(item.label) : \(valueLabels[i])"
            if let target = item.target { tip += " (cible : \(valueFormat(target)))" }
            svg += "<g class=\"bar\"><title>\(esc(tip))</title>"
            svg +=
                "<text x=\"\(px(labelCol - 8))\" y=\"\(px(centreY))\" dy=\"0.35em\" text-anchor=\"end\" "
                + "fill=\"#3a3a3a\">\(esc(truncate(item.label, toWidth: labelCol - 12)))</text>"
            svg +=
                "<rect x=\"\(px(min(zeroX, valueX)))\" y=\"\(px(centreY - barH / 2))\" "
                + "width=\"\(px(abs(valueX - zeroX)))\" height=\"\(px(barH))\" fill=\"\(blueFrance)\"/>"
            // the value label sits past the bar end, and past the target tick when it would cross it
            let labelW = textWidth(valueLabels[i])
            var end = valueX
            if let target = item.target {
                let targetX = xPosition(target)
                if item.value < 0, targetX < valueX, valueX - targetX < labelW + 10 { end = targetX - 2 }
                if item.value >= 0, targetX > valueX, targetX - valueX < labelW + 10 { end = targetX + 2 }
            }
            let (labelX, anchor) = item.value < 0 ? (end - 6, "end") : (end + 6, "start")
            svg +=
                "<text class=\"value\" x=\"\(px(labelX))\" y=\"\(px(centreY))\" dy=\"0.35em\" "
                + "text-anchor=\"\(anchor)\" fill=\"#161616\">\(esc(valueLabels[i]))</text>"
            if let target = item.target {
                let targetX = px(xPosition(target))
                svg +=
                    "<line class=\"target\" x1=\"\(targetX)\" y1=\"\(px(centreY - barH / 2 - 4))\" "
                    + "x2=\"\(targetX)\" y2=\"\(px(centreY + barH / 2 + 4))\" stroke=\"\(redMarianne)\" "
                    + "stroke-width=\"3\"/>"
            }
            svg += "</g>"
        }
        svg += "</g>"

        if hasTargets {
            svg += legend(
                [
                    (
                        { left, middle in
                            "<rect x=\"\(px(left))\" y=\"\(px(middle - 6))\" width=\"16\" height=\"12\" "
                                + "fill=\"\(blueFrance)\"/>"
                        }, "Valeur"
                    ),
                    (
                        { left, middle in
                            "<line x1=\"\(px(left + 8))\" y1=\"\(px(middle - 8))\" x2=\"\(px(left + 8))\" "
                                + "y2=\"\(px(middle + 8))\" stroke=\"\(redMarianne)\" stroke-width=\"3\"/>"
                        }, "Cible"
                    )
                ], x: plotL, y: 14)
        }
        return svg + "</svg>"
    }
}

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
        let (vLo, vHi) = padded(min(0, numbers.min()!), max(0, numbers.max()!))
        let ticks = niceTicks(vLo, vHi)
        let xLo = ticks.first!
        let xHi = ticks.last!
        let valueLabels = items.map { valueFormat($0.value) }

        // layout
        let W = Double(width)
        let rowH = 30.0
        let barH = 18.0
        let top = hasTargets ? 32.0 : 8.0
        let bottom = 28.0
        let labelCol = min((items.map { textWidth($0.label) }.max() ?? 0) + 12, W * 0.35)
        let valueRoom = (valueLabels.map { textWidth($0) }.max() ?? 0) + 10
        let hasNegative = items.contains { $0.value < 0 }
        let plotL = labelCol + (hasNegative ? valueRoom : 8)
        let plotR = W - valueRoom - 4
        let plotT = top
        let plotB = top + Double(items.count) * rowH
        let height = Int((plotB + bottom).rounded(.up))
        func x(_ v: Double) -> Double { plotL + (v - xLo) / (xHi - xLo) * (plotR - plotL) }

        var out = header(id: id, width: width, height: height, className: className, title: title, desc: desc)

        // value axis: gridlines and labels at the bottom
        out += "<g class=\"axis axis-x\" fill=\"\(grey)\" text-anchor=\"middle\">"
        for v in ticks {
            let xx = c(x(v))
            out +=
                "<line x1=\"\(xx)\" y1=\"\(c(plotT))\" x2=\"\(xx)\" y2=\"\(c(plotB))\" stroke=\"\(v == 0 ? grey : gridGrey)\" stroke-width=\"1\"/>"
            out += "<text x=\"\(xx)\" y=\"\(c(plotB + 18))\">\(esc(valueFormat(v)))</text>"
        }
        out += "</g>"

        // bars
        let x0 = x(0)
        out += "<g class=\"bars\">"
        for (i, item) in items.enumerated() {
            let rowY = plotT + Double(i) * rowH
            let cy = rowY + rowH / 2
            let xv = x(item.value)
            var tip = "\(item.label) : \(valueLabels[i])"
            if let t = item.target { tip += " (cible : \(valueFormat(t)))" }
            out += "<g class=\"bar\"><title>\(esc(tip))</title>"
            out +=
                "<text x=\"\(c(labelCol - 8))\" y=\"\(c(cy))\" dy=\"0.35em\" text-anchor=\"end\" fill=\"#3a3a3a\">\(esc(truncate(item.label, toWidth: labelCol - 12)))</text>"
            out +=
                "<rect x=\"\(c(min(x0, xv)))\" y=\"\(c(cy - barH / 2))\" width=\"\(c(abs(xv - x0)))\" height=\"\(c(barH))\" fill=\"\(blueFrance)\"/>"
            // the value label sits past the bar end, and past the target tick when it would cross it
            let labelW = textWidth(valueLabels[i])
            var end = xv
            if let t = item.target {
                let xt = x(t)
                if item.value < 0, xt < xv, xv - xt < labelW + 10 { end = xt - 2 }
                if item.value >= 0, xt > xv, xt - xv < labelW + 10 { end = xt + 2 }
            }
            let (lx, anchor) = item.value < 0 ? (end - 6, "end") : (end + 6, "start")
            out +=
                "<text class=\"value\" x=\"\(c(lx))\" y=\"\(c(cy))\" dy=\"0.35em\" text-anchor=\"\(anchor)\" fill=\"#161616\">\(esc(valueLabels[i]))</text>"
            if let t = item.target {
                let tx = c(x(t))
                out +=
                    "<line class=\"target\" x1=\"\(tx)\" y1=\"\(c(cy - barH / 2 - 4))\" x2=\"\(tx)\" y2=\"\(c(cy + barH / 2 + 4))\" stroke=\"\(redMarianne)\" stroke-width=\"3\"/>"
            }
            out += "</g>"
        }
        out += "</g>"

        if hasTargets {
            out += legend(
                [
                    (
                        { x, y in
                            "<rect x=\"\(c(x))\" y=\"\(c(y - 6))\" width=\"16\" height=\"12\" fill=\"\(blueFrance)\"/>"
                        }, "Valeur"
                    ),
                    (
                        { x, y in
                            "<line x1=\"\(c(x + 8))\" y1=\"\(c(y - 8))\" x2=\"\(c(x + 8))\" y2=\"\(c(y + 8))\" stroke=\"\(redMarianne)\" stroke-width=\"3\"/>"
                        }, "Cible"
                    )
                ], x: plotL, y: 14)
        }
        return out + "</svg>"
    }
}

import Foundation

extension SVGChart {
    /// A tiny inline trend line (no axes), labelled for screen readers by `label`. Empty or
    /// single-valued input, or all-equal values, give a flat line at mid-height.
    static func sparkline(_ values: [Double], width: Int = 100, height: Int = 24, label: String) -> String {
        let values = values.filter(\.isFinite)
        let chartWidth = Double(width)
        let chartHeight = Double(height)
        let pad = 2.5
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"jalon-sparkline\" width=\"\(width)\" "
            + "height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(esc(label))\" focusable=\"false\">"
        let lo = values.min() ?? 0
        let hi = values.max() ?? 0
        guard values.count >= 2, hi > lo else {
            let color = values.isEmpty ? gridGrey : blueFrance
            svg +=
                "<line x1=\"\(px(pad))\" y1=\"\(px(chartHeight / 2))\" x2=\"\(px(chartWidth - pad))\" "
                + "y2=\"\(px(chartHeight / 2))\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
            if !values.isEmpty {
                svg +=
                    "<circle cx=\"\(px(chartWidth - pad))\" cy=\"\(px(chartHeight / 2))\" r=\"2\" "
                    + "fill=\"\(blueFrance)\"/>"
            }
            return svg + "</svg>"
        }
        let step = (chartWidth - 2 * pad) / Double(values.count - 1)
        let points = values.enumerated().map { index, value in
            (pad + Double(index) * step, chartHeight - pad - (value - lo) / (hi - lo) * (chartHeight - 2 * pad))
        }
        svg +=
            "<polyline fill=\"none\" stroke=\"\(blueFrance)\" stroke-width=\"1.5\" stroke-linejoin=\"round\" "
            + "stroke-linecap=\"round\" points=\""
            + points.map { "\(px($0.0)),\(px($0.1))" }.joined(separator: " ") + "\"/>"
        let end = points.last!
        svg += "<circle cx=\"\(px(end.0))\" cy=\"\(px(end.1))\" r=\"2\" fill=\"\(blueFrance)\"/>"
        return svg + "</svg>"
    }
}

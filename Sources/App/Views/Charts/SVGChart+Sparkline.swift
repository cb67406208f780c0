import Foundation

extension SVGChart {
    /// A tiny inline trend line (no axes), labelled for screen readers by `label`. Empty or
    /// single-valued input, or all-equal values, give a flat line at mid-height.
    static func sparkline(_ values: [Double], width: Int = 100, height: Int = 24, label: String) -> String {
        let values = values.filter(\.isFinite)
        let W = Double(width)
        let H = Double(height)
        let pad = 2.5
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"jalon-sparkline\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(esc(label))\" focusable=\"false\">"
        let lo = values.min() ?? 0
        let hi = values.max() ?? 0
        guard values.count >= 2, hi > lo else {
            let color = values.isEmpty ? gridGrey : blueFrance
            out +=
                "<line x1=\"\(c(pad))\" y1=\"\(c(H / 2))\" x2=\"\(c(W - pad))\" y2=\"\(c(H / 2))\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
            if !values.isEmpty {
                out += "<circle cx=\"\(c(W - pad))\" cy=\"\(c(H / 2))\" r=\"2\" fill=\"\(blueFrance)\"/>"
            }
            return out + "</svg>"
        }
        let step = (W - 2 * pad) / Double(values.count - 1)
        let points = values.enumerated().map { i, v in
            (pad + Double(i) * step, H - pad - (v - lo) / (hi - lo) * (H - 2 * pad))
        }
        out +=
            "<polyline fill=\"none\" stroke=\"\(blueFrance)\" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\""
            + points.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " ") + "\"/>"
        let end = points.last!
        out += "<circle cx=\"\(c(end.0))\" cy=\"\(c(end.1))\" r=\"2\" fill=\"\(blueFrance)\"/>"
        return out + "</svg>"
    }
}

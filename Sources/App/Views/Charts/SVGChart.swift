import Foundation
import JalonCore

/// Server-rendered, accessible SVG charts: pure functions from data to markup.
///
/// Every string that comes from data (titles, labels, formatted values) goes through
/// `HTMLEscape.attribute`, coordinates are rounded to one decimal, and ids derive from a hash of
/// the title, so that the same input always yields the same string.
enum SVGChart {
    // DSFR palette
    static let blueFrance = "#000091"
    static let redMarianne = "#e1000f"
    static let grey = "#666"
    static let gridGrey = "#ddd"
    static let fontFamily = "Marianne, arial, sans-serif"
    static let fontSize = 12.0

    /// Abbreviated French month names, as in `janv. 2022`.
    static let shortMonths = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."
    ]

    // MARK: - Helpers

    /// Escapes a data-borne string for an attribute value or a text node.
    static func esc(_ text: String) -> String { HTMLEscape.attribute(text) }

    /// A coordinate (in pixels) rounded to one decimal, without trailing `.0` and never `-0`.
    static func px(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var rounded = (value * 10).rounded() / 10
        // -0.0 == 0: the assignment turns a negative zero into a positive one.
        if rounded == 0 { rounded = 0 }
        let text = String(format: "%.1f", rounded)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `chart-` + the 64-bit FNV-1a hash of the title in hex: stable across runs and platforms.
    static func chartID(_ title: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in title.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "chart-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Rough width of a text run in the chart font (no font metrics on the server).
    static func textWidth(_ text: String, size: Double = fontSize) -> Double { Double(text.count) * size * 0.6 }

    /// `janv. 2022`.
    static func monthLabel(year: Int, month: Int) -> String { "\(shortMonths[month - 1]) \(year)" }

    /// Truncates a label to roughly `width` pixels, with an ellipsis.
    static func truncate(_ text: String, toWidth width: Double, size: Double = fontSize) -> String {
        let maxChars = max(1, Int(width / (size * 0.6)))
        guard text.count > maxChars else { return text }
        return String(text.prefix(max(0, maxChars - 1))) + "…"
    }

    /// Extends a value range so that a flat or single-valued series still gets an axis.
    static func padded(_ lo: Double, _ hi: Double) -> (Double, Double) {
        guard hi - lo <= max(abs(hi), abs(lo)) * 1e-12 else { return (lo, hi) }
        let pad = lo == 0 ? 1 : abs(lo) * 0.1
        return (lo - pad, hi + pad)
    }

    /// 4 or 5 "nice" ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering `lo...hi` (`lo < hi`).
    static func niceTicks(_ lo: Double, _ hi: Double) -> [Double] {
        let raw = (hi - lo) / 4
        guard raw.isFinite, raw > 0 else { return [lo, hi] }
        let mag = pow(10, floor(log10(raw)))
        // A range of a few subnormals has no power of ten to step by: the ends are ticks enough.
        guard mag.isNormal, (hi / (mag / 10)).magnitude < 1e15, (lo / (mag / 10)).magnitude < 1e15 else {
            return [lo, hi]
        }
        var candidates: [Double] = []
        for power in [mag / 10, mag, mag * 10, mag * 100] {
            for factor in [1.0, 2, 2.5, 5] { candidates.append(factor * power) }
        }
        for step in candidates {
            let first = floor(lo / step + 1e-9)
            var last = ceil(hi / step - 1e-9)
            let count = Int(last - first) + 1
            guard count <= 5 else { continue }
            if count < 4 { last += Double(4 - count) }
            return stride(from: first, through: last, by: 1).map { clean($0 * step) }
        }
        return [lo, hi]
    }

    /// Removes binary noise (`0.30000000000000004`) so that formatting and ids stay stable.
    static func clean(_ value: Double) -> Double {
        guard value != 0 else { return 0 }
        let scale = pow(10, 12 - ceil(log10(abs(value))))
        guard scale.isFinite, scale > 0 else { return value }
        return (value * scale).rounded() / scale
    }

    /// Opening tag shared by the full-size charts.
    static func openSVG(id: String, width: Int, height: Int, className: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(className)\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
            + "font-family=\"\(fontFamily)\" font-size=\"\(px(fontSize))\" style=\"max-width:100%;height:auto\">"
            + "<title id=\"\(id)-title\">"
    }

    /// `<title>` and `<desc>` with their ids (the opening `<title …>` is in `openSVG`).
    static func header(id: String, width: Int, height: Int, className: String, title: String, desc: String) -> String {
        openSVG(id: id, width: width, height: height, className: className)
            + esc(title) + "</title><desc id=\"\(id)-desc\">" + esc(desc) + "</desc>"
    }

    /// A framed, empty chart saying "Aucune donnée".
    static func emptyFrame(id: String, width: Int, height: Int, className: String, title: String) -> String {
        header(id: id, width: width, height: height, className: className, title: title, desc: "Aucune donnée.")
            + "<rect x=\"0.5\" y=\"0.5\" width=\"\(px(Double(width) - 1))\" height=\"\(px(Double(height) - 1))\" "
            + "fill=\"none\" stroke=\"\(gridGrey)\"/>"
            + "<text x=\"\(px(Double(width) / 2))\" y=\"\(px(Double(height) / 2))\" text-anchor=\"middle\" "
            + "dy=\"0.35em\" fill=\"\(grey)\">Aucune donnée</text>"
            + "</svg>"
    }

    /// A legend entry: a small swatch (markup drawn from its left edge and vertical middle) and its text.
    static func legend(
        _ entries: [(swatch: (Double, Double) -> String, text: String)], x left: Double, y middle: Double
    ) -> String {
        var svg = "<g class=\"legend\" fill=\"#3a3a3a\">"
        var cursor = left
        for entry in entries {
            svg += entry.swatch(cursor, middle)
            svg += "<text x=\"\(px(cursor + 22))\" y=\"\(px(middle))\" dy=\"0.35em\">\(esc(entry.text))</text>"
            cursor += 22 + textWidth(entry.text) + 18
        }
        return svg + "</g>"
    }
}

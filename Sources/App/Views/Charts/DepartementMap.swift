import Foundation

/// The map of départements (pygal-maps-fr's SVG, installed by setup in Public/vendor/maps), with the
/// given départements coloured and titled. Optional asset: without it the page simply has no map.
enum DepartementMap {
    struct Area: Sendable {
        var code: String
        var colour: String
        var title: String
    }

    static func render(_ areas: [Area], publicDirectory: String, caption: String) -> String? {
        guard let svg = try? String(contentsOfFile: publicDirectory + "vendor/maps/fr.departments.svg", encoding: .utf8)
        else { return nil }
        var map = svg
        for area in areas {
            // Départements are groups `<g class="z59 departement map-element">`; Corsica is z2A/z2B.
            let open = "<g class=\"z\(area.code) departement map-element\">"
            map = map.replacingOccurrences(
                of: open,
                with: "<g class=\"z\(area.code) departement map-element jalon-map-hit\" "
                    + "fill=\"\(HTMLEscape.attribute(area.colour))\"><title>\(HTMLEscape.text(area.title))</title>"
            )
        }
        guard let start = map.range(of: "<svg") else { return nil }
        let header =
            "<svg role=\"img\" aria-label=\"\(HTMLEscape.attribute(caption))\" class=\"jalon-map\" width=\"420\" "
            + "fill=\"#e5e5e5\" stroke=\"#ffffff\" stroke-width=\"1\""
        return header + map[start.upperBound...]
    }

    /// DSFR-like colours per status.
    static func colour(_ kind: String) -> String {
        switch kind {
        case "success": "#18753c"
        case "error": "#ce0500"
        case "warning": "#b34000"
        case "info": "#0063cb"
        default: "#929292"
        }
    }
}

import JalonCore
import Plot

/// Small DSFR building blocks shared by pages.
enum UI {
    static func h1(_ title: String) -> HNode { .el("h1", .txt(title)) }

    static func number(_ number: Int) -> String { Format.integer(number) }

    /// Badges are `<span>`: they sit inside table cells, list items and paragraphs.
    static func badge(_ text: String, kind: String = "info") -> HNode {
        .el("span", .cls("fr-badge fr-badge--sm fr-badge--\(kind) fr-badge--no-icon"), .txt(text))
    }

    static func demoBadge() -> HNode {
        .el(
            "span", .cls("fr-badge fr-badge--sm fr-badge--new jalon-demo"),
            .attr("title", "Structure fictive de la région de démonstration"), .txt("Démonstration"))
    }

    static func statusBadge(open: Bool) -> HNode {
        open ? badge("Ouverte", kind: "success") : badge("Fermée", kind: "error")
    }

    static func couloirLabel(_ code: String) -> String {
        Couloir(code: code).map { "\($0.rawValue) — \($0.label)" } ?? code
    }

    /// A DSFR table with a caption (accessibility) and header cells with scope.
    static func table(caption: String, headers: [(String, Bool)], rows: [[HNode]], numericColumns: Set<Int> = [])
        -> HNode
    {
        .el(
            "div", .cls("fr-table fr-table--no-caption"),
            .el(
                "table",
                .el("caption", .txt(caption)),
                .el(
                    "thead",
                    .el(
                        "tr",
                        .each(Array(headers.enumerated())) { column, header in
                            .el(
                                "th", .attr("scope", "col"), .when(numericColumns.contains(column), .cls("jalon-num")),
                                .txt(header.0))
                        })),
                .el(
                    "tbody",
                    .each(rows) { row in
                        .el(
                            "tr",
                            .each(Array(row.enumerated())) { column, cell in
                                .el("td", .when(numericColumns.contains(column), .cls("jalon-num")), cell)
                            })
                    })))
    }

    /// A two-column table whose first column holds row headers (`th scope="row"`).
    static func keyValueTable(caption: String, rows: [(String, HNode)]) -> HNode {
        .el(
            "div", .cls("fr-table fr-table--no-caption"),
            .el(
                "table",
                .el("caption", .txt(caption)),
                .el(
                    "tbody",
                    .each(rows) { label, value in
                        .el("tr", .el("th", .attr("scope", "row"), .txt(label)), .el("td", value))
                    })))
    }

    static func alert(_ message: String, kind: String = "info", title: String? = nil) -> HNode {
        .el(
            "div", .cls("fr-alert fr-alert--\(kind) fr-alert--sm fr-mb-3w"),
            .attr("role", kind == "error" ? "alert" : "status"),
            .when(title != nil, .el("h3", .cls("fr-alert__title"), .txt(title ?? ""))),
            .el("p", .txt(message)))
    }

    /// A secret shown this once (a new API token, a reset password), in a code element to copy.
    static func shownOnce(_ secret: String?, title: String, id: String, usage: String? = nil) -> HNode {
        guard let secret else { return .empty }
        return .el(
            "div", .cls("fr-alert fr-alert--success fr-mb-3w"), .attr("role", "status"),
            .el("h3", .cls("fr-alert__title"), .txt(title)),
            .el("p", .el("code", .attr("id", id), .txt(secret))),
            .when(usage != nil, .el("p", .txt(usage ?? ""))))
    }

    /// An administrator's reason to write into periods a validated snapshot locked: drawn for
    /// administrators only, since nobody else may give one.
    static func overrideField(id: String, hint: String) -> HNode {
        guard RequestContext.current.identity?.grant.role == .administrateur else { return .empty }
        return .el(
            "div", .cls("fr-col-12"),
            input(id: id, name: "override", label: "Motif de dérogation (administrateur)", value: nil, hint: hint))
    }

    /// Previous / next pagination that keeps the current filters.
    static func pagination(page: Int, pageCount: Int, link: (Int) -> String) -> HNode {
        guard pageCount > 1 else { return .empty }
        return .el(
            "nav", .attr("role", "navigation"), .cls("fr-pagination"), .attr("aria-label", "Pagination"),
            .el(
                "ul", .cls("fr-pagination__list"),
                .el(
                    "li",
                    page > 1
                        ? .link(link(1), .cls("fr-pagination__link fr-pagination__link--first"), .txt("Première page"))
                        : .el(
                            "a", .cls("fr-pagination__link fr-pagination__link--first"), .attr("aria-disabled", "true"),
                            .attr("role", "link"), .txt("Première page"))),
                .el(
                    "li",
                    page > 1
                        ? .link(
                            link(page - 1), .cls("fr-pagination__link fr-pagination__link--prev"),
                            .txt("Page précédente"))
                        : .el(
                            "a", .cls("fr-pagination__link fr-pagination__link--prev"), .attr("aria-disabled", "true"),
                            .attr("role", "link"), .txt("Page précédente"))),
                .el(
                    "li",
                    .el(
                        "a", .cls("fr-pagination__link"), .attr("aria-current", "page"), .attr("title", "Page \(page)"),
                        .txt("\(page) / \(pageCount)"))),
                .el(
                    "li",
                    page < pageCount
                        ? .link(
                            link(page + 1), .cls("fr-pagination__link fr-pagination__link--next"), .txt("Page suivante")
                        )
                        : .el(
                            "a", .cls("fr-pagination__link fr-pagination__link--next"), .attr("aria-disabled", "true"),
                            .attr("role", "link"), .txt("Page suivante"))),
                .el(
                    "li",
                    page < pageCount
                        ? .link(
                            link(pageCount), .cls("fr-pagination__link fr-pagination__link--last"),
                            .txt("Dernière page"))
                        : .el(
                            "a", .cls("fr-pagination__link fr-pagination__link--last"), .attr("aria-disabled", "true"),
                            .attr("role", "link"), .txt("Dernière page")))))
    }

    /// A labelled select; `options` are (value, label).
    static func select(id: String, name: String, label: String, options: [(String, String)], selected: String?) -> HNode
    {
        .el(
            "div", .cls("fr-select-group"),
            .el("label", .cls("fr-label"), .attr("for", id), .txt(label)),
            .el(
                "select", .cls("fr-select"), .attr("id", id), .attr("name", name),
                .each(options) { value, text in
                    .el(
                        "option", .attr("value", value),
                        .when(value == (selected ?? ""), .attr("selected", "selected")), .txt(text))
                }))
    }

    /// A hidden field of a form (which section it writes, the version it was built on).
    static func hidden(_ name: String, _ value: String) -> HNode {
        .void("input", [("type", "hidden"), ("name", name), ("value", value)])
    }

    static func input(
        id: String, name: String, label: String, value: String?, hint: String? = nil, type: String = "text",
        required: Bool = false
    ) -> HNode {
        .el(
            "div", .cls("fr-input-group"),
            .el(
                "label", .cls("fr-label"), .attr("for", id), .txt(label),
                .when(hint != nil, .el("span", .cls("fr-hint-text"), .txt(hint ?? "")))),
            .void(
                "input",
                [("class", "fr-input"), ("id", id), ("name", name), ("type", type), ("value", value ?? "")]
                    + (required ? [("required", "required")] : [])))
    }

    static func textarea(id: String, name: String, label: String, value: String?, hint: String? = nil, rows: Int = 4)
        -> HNode
    {
        .el(
            "div", .cls("fr-input-group"),
            .el(
                "label", .cls("fr-label"), .attr("for", id), .txt(label),
                .when(hint != nil, .el("span", .cls("fr-hint-text"), .txt(hint ?? "")))),
            .el(
                "textarea", .cls("fr-input"), .attr("id", id), .attr("name", name), .attr("rows", "\(rows)"),
                .txt(value ?? "")))
    }
}

import JalonCore
import Plot

/// Plot escapes text nodes but not attribute values: every attribute that may carry user or file
/// data goes through `attr`, which escapes `& < > " '`.
enum HTMLEscape {
    static func attribute(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    static func text(_ text: String) -> String { attribute(text) }
}

/// The one node type of our views: body content, built with these helpers only.
typealias HNode = Node<HTML.BodyContext>

extension Node where Context == HTML.BodyContext {
    /// An element by name with attributes and children (all through the escaping helpers).
    static func el(_ name: String, _ nodes: HNode...) -> HNode { .element(named: name, nodes: nodes) }
    static func el(_ name: String, _ nodes: [HNode]) -> HNode { .element(named: name, nodes: nodes) }
    /// A void element (`<input>`, `<meta>`, `<link>`) with escaped attribute values.
    static func void(_ name: String, _ attrs: [(String, String)]) -> HNode {
        .selfClosedElement(
            named: name,
            attributes: attrs.map {
                Attribute<HTML.BodyContext>(name: $0.0, value: HTMLEscape.attribute($0.1), ignoreIfValueIsEmpty: false)
            })
    }

    static func attr(_ name: String, _ value: String) -> HNode {
        .attribute(named: name, value: HTMLEscape.attribute(value), ignoreIfValueIsEmpty: false)
    }

    static func cls(_ value: String) -> HNode { attr("class", value) }
    /// Text with quotes escaped too (Plot's own text escaping leaves them), so that no data can
    /// ever read as markup wherever the node ends up.
    static func txt(_ text: String) -> HNode { .raw(HTMLEscape.text(text)) }
    static func link(_ href: String, _ nodes: HNode...) -> HNode {
        .element(named: "a", nodes: [attr("href", href)] + nodes)
    }
    static func when(_ condition: Bool, _ node: @autoclosure () -> HNode) -> HNode { condition ? node() : .empty }
    static func each<T>(_ items: [T], _ render: (T) -> HNode) -> HNode { .group(items.map(render)) }

    /// Every state-changing form: POST with the session's CSRF token as a hidden field.
    static func postForm(_ nodes: HNode...) -> HNode { postForm(nodes) }

    private static func postForm(_ nodes: [HNode]) -> HNode {
        .element(named: "form", nodes: [attr("method", "post"), csrfField] + nodes)
    }

    /// A form that writes in `area`: not drawn for an account whose role may not write there (the
    /// server refuses it anyway). Drawn when rendering outside a request (snapshot tests).
    static func postForm(_ area: Area, _ nodes: HNode...) -> HNode {
        if let role = RequestContext.current.identity?.grant.role, !role.mayWrite(area) { return .empty }
        return postForm(nodes)
    }

    /// The hidden CSRF field of the request being rendered (nothing when nobody is signed in).
    static var csrfField: HNode {
        guard let token = RequestContext.current.identity?.csrf else { return .empty }
        return .void("input", [("type", "hidden"), ("name", AuthMiddleware.csrfField), ("value", token)])
    }
}

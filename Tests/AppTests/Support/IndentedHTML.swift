/// The app's generated HTML, one element per line and indented, so that a stored snapshot reads
/// and fails as a diff.
///
/// Only line breaks and indentation between elements are added, and whitespace-only text between
/// elements is dropped: every tag is copied as written (an attribute value is never altered), the
/// inline content of an element (its text with the `<a>`, `<strong>`, `<br>`… inside it) stays
/// whole on one line, and the content of `<pre>`, `<textarea>`, `<script>` and `<style>` is
/// copied verbatim. It reads the HTML Plot writes, not any HTML: an end tag that matches no open
/// element is kept on its own line, and an element left open is printed without an end tag.
struct IndentedHTML: Equatable, CustomStringConvertible {
    /// The printed lines (a verbatim `<pre>` may span several).
    let lines: [String]

    init(_ html: String) {
        var out: [String] = []
        Self.layout(Self.tree(Self.tokens(html)), depth: 0, into: &out)
        lines = out
    }

    /// The text of a snapshot file: the lines, each ending with a line break.
    var text: String { lines.map { $0 + "\n" }.joined() }

    var description: String { text }

    // MARK: Tokens

    enum Token: Equatable {
        /// `<!DOCTYPE html>` and other `<!…>` or `<?…>` declarations.
        case declaration(String)
        case comment(String)
        case start(name: String, raw: String, selfClosing: Bool)
        case end(name: String, raw: String)
        case text(String)

        var raw: String {
            switch self {
            case .declaration(let r), .comment(let r), .text(let r): r
            case .start(_, let r, _), .end(_, let r): r
            }
        }
    }

    /// Elements that never have content or an end tag.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"
    ]

    /// Elements whose content is copied as it is, never split into lines.
    static let verbatimElements: Set<String> = ["pre", "textarea", "script", "style"]

    /// Elements whose content is text, not markup, up to their end tag.
    static let rawTextElements: Set<String> = ["textarea", "script", "style"]

    /// Elements that stay on the line of the text around them (phrasing content).
    static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "img", "kbd", "mark", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"
    ]

    /// Cuts the HTML into tokens whose raw texts, joined, give back the HTML exactly.
    static func tokens(_ html: String) -> [Token] {
        let s = Array(html.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        var textStart = 0
        func flushText(upTo end: Int) {
            if textStart < end { tokens.append(.text(string(s[textStart..<end]))) }
        }
        while i < s.count {
            guard s[i] == "<", let (token, next) = markup(s, at: i) else {
                i += 1
                continue
            }
            flushText(upTo: i)
            tokens.append(token)
            i = next
            textStart = i
            // The content of a raw-text element runs to its end tag, whatever it contains.
            if case .start(let name, _, false) = token, rawTextElements.contains(name) {
                let close = endTag(name, in: s, from: i) ?? s.count
                if i < close { tokens.append(.text(string(s[i..<close]))) }
                i = close
                textStart = i
            }
        }
        flushText(upTo: s.count)
        return tokens
    }

    /// The markup token starting at `i` (on a `<`) and the index after it; nil when this `<` is text.
    static func markup(_ s: [Unicode.Scalar], at i: Int) -> (Token, Int)? {
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        func isLetter(_ c: Unicode.Scalar?) -> Bool { c.map { $0.properties.isAlphabetic && $0.isASCII } ?? false }
        if at(i + 1) == "!", at(i + 2) == "-", at(i + 3) == "-" {
            var k = i + 4
            while k < s.count, !(s[k] == "-" && at(k + 1) == "-" && at(k + 2) == ">") { k += 1 }
            let end = min(k + 3, s.count)
            return (.comment(string(s[i..<end])), end)
        }
        if at(i + 1) == "!" || at(i + 1) == "?" {
            let end = (s[i...].firstIndex(of: ">") ?? s.count - 1) + 1
            return (.declaration(string(s[i..<end])), end)
        }
        let closing = at(i + 1) == "/"
        let nameStart = closing ? i + 2 : i + 1
        guard isLetter(at(nameStart)) else { return nil }
        var k = nameStart
        while let c = at(k), c != ">", c != "/", !c.properties.isWhitespace { k += 1 }
        let name = string(s[nameStart..<k]).lowercased()
        // Up to the `>` that is outside any quoted attribute value.
        while k < s.count, s[k] != ">" {
            if s[k] == "=" {
                var v = k + 1
                while let c = at(v), c.properties.isWhitespace { v += 1 }
                if let quote = at(v), quote == "\"" || quote == "'" {
                    k = (s[(v + 1)...].firstIndex(of: quote) ?? s.count) + 1
                    continue
                }
            }
            k += 1
        }
        let end = min(k + 1, s.count)
        let raw = string(s[i..<end])
        if closing { return (.end(name: name, raw: raw), end) }
        return (.start(name: name, raw: raw, selfClosing: k > i && at(k - 1) == "/"), end)
    }

    /// Where the end tag of `name` starts, from `i` on (any case).
    static func endTag(_ name: String, in s: [Unicode.Scalar], from i: Int) -> Int? {
        let needle = Array(("</" + name).unicodeScalars)
        var k = i
        while k + needle.count <= s.count {
            if s[k] == "<", string(s[k..<(k + needle.count)]).lowercased() == "</" + name {
                let after = k + needle.count < s.count ? s[k + needle.count] : ">"
                if after == ">" || after == "/" || after.properties.isWhitespace { return k }
            }
            k += 1
        }
        return nil
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    // MARK: Tree

    final class Element {
        let name: String
        let start: String
        var children: [Node] = []
        var end: String?

        init(name: String, start: String) {
            self.name = name
            self.start = start
        }

        /// The element as written in the page.
        var source: String { start + children.map(\.source).joined() + (end ?? "") }
    }

    enum Node {
        case element(Element)
        /// Text, a comment, a declaration or an end tag matching no open element: printed as written.
        case other(Token)

        var source: String {
            switch self {
            case .element(let e): e.source
            case .other(let t): t.raw
            }
        }

        /// Text and inline elements holding only text and inline elements: kept on one line.
        var isInline: Bool {
            switch self {
            case .element(let e): inlineElements.contains(e.name) && e.children.allSatisfy(\.isInline)
            case .other(.text): true
            case .other: false
            }
        }
    }

    static func tree(_ tokens: [Token]) -> [Node] {
        let root = Element(name: "", start: "")
        var open = [root]
        for token in tokens {
            switch token {
            case .start(let name, let raw, let selfClosing):
                let element = Element(name: name, start: raw)
                open[open.count - 1].children.append(.element(element))
                if !selfClosing && !voidElements.contains(name) { open.append(element) }
            case .end(let name, let raw):
                if let k = open.lastIndex(where: { $0.name == name }), k > 0 {
                    open[k].end = raw
                    open.removeSubrange(k...)
                } else {
                    open[open.count - 1].children.append(.other(token))
                }
            default:
                open[open.count - 1].children.append(.other(token))
            }
        }
        return root.children
    }

    // MARK: Printing

    static let indentUnit = "  "

    static func layout(_ nodes: [Node], depth: Int, into out: inout [String]) {
        let indent = String(repeating: indentUnit, count: depth)
        var run = ""
        func flushRun() {
            if !run.allSatisfy(\.isWhitespace) { out.append(indent + run) }
            run = ""
        }
        for node in nodes {
            if node.isInline {
                run += node.source
                continue
            }
            flushRun()
            guard case .element(let e) = node,
                !verbatimElements.contains(e.name),
                !e.children.allSatisfy(\.isInline)
            else {
                out.append(indent + node.source)
                continue
            }
            out.append(indent + e.start)
            layout(e.children, depth: depth + 1, into: &out)
            if let end = e.end { out.append(indent + end) }
        }
        flushRun()
    }

    // MARK: Differences

    /// Where two printed pages differ: the first and last differing lines of each, with their line
    /// numbers (nil when they are the same). The lines common to both ends are left out, so an
    /// inserted line shows as itself, not as a shift of everything after it.
    static func difference(expected: String, actual: String, context limit: Int = 6) -> String? {
        guard expected != actual else { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < e.count, prefix < a.count, e[prefix] == a[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < e.count - prefix, suffix < a.count - prefix, e[e.count - 1 - suffix] == a[a.count - 1 - suffix] {
            suffix += 1
        }
        func excerpt(_ lines: [Substring], _ title: String) -> String {
            let range = prefix..<(lines.count - suffix)
            guard !range.isEmpty else { return "\(title) : rien (après la ligne \(prefix))" }
            let lineNumbers =
                range.count == 1 ? "ligne \(prefix + 1)" : "lignes \(prefix + 1) à \(prefix + range.count)"
            var shown = range.prefix(limit).map { "  \($0 + 1) │ \(lines[$0])" }
            if range.count > limit { shown.append("  … \(range.count - limit) ligne(s) de plus") }
            return "\(title) (\(lineNumbers)) :\n" + shown.joined(separator: "\n")
        }
        return "première différence à la ligne \(prefix + 1)\n" + excerpt(e, "attendu") + "\n" + excerpt(a, "obtenu")
    }
}

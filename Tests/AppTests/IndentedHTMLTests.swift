import Foundation
import Testing

/// The snapshots' pretty-printer: it only adds line breaks and indentation between elements.
struct IndentedHTMLTests {
    func lines(_ html: String) -> [String] { IndentedHTML(html).lines }

    @Test func nestedElementsGoOneALineIndentedByTheirDepth() {
        #expect(
            lines("<!DOCTYPE html>\n<html lang=\"fr\"><body><div><ul><li>Un</li><li>Deux</li></ul></div></body></html>")
                == [
                    "<!DOCTYPE html>",
                    "<html lang=\"fr\">",
                    "  <body>",
                    "    <div>",
                    "      <ul>",
                    "        <li>Un</li>",
                    "        <li>Deux</li>",
                    "      </ul>",
                    "    </div>",
                    "  </body>",
                    "</html>"
                ])
        #expect(IndentedHTML("<p>x</p>").text == "<p>x</p>\n")
    }

    @Test func voidElementsHaveNoContent() {
        #expect(
            lines(#"<head><meta charset="utf-8"><link rel="icon" href="/f.svg"/><title>T</title></head><hr><p>x</p>"#)
                == [
                    "<head>",
                    #"  <meta charset="utf-8">"#,
                    #"  <link rel="icon" href="/f.svg"/>"#,
                    "  <title>T</title>",
                    "</head>",
                    "<hr>",
                    "<p>x</p>"
                ])
        #expect(
            lines(#"<div><input type="text" name="q"><label for="q">Texte</label><img src="/a.png" alt=""></div>"#)
                == [
                    "<div>", #"  <input type="text" name="q">"#, #"  <label for="q">Texte</label>"#,
                    #"  <img src="/a.png" alt="">"#, "</div>"
                ])
    }

    @Test func inlineTextStaysWholeOnItsLine() {
        let paragraph =
            "<p>Voir <a href=\"/fiches/DMP\">la fiche <strong>DMP</strong></a> · 12,5\u{202F}% <br/>ensuite</p>"
        #expect(lines("<div>" + paragraph + "</div>") == ["<div>", "  " + paragraph, "</div>"])
        // Text beside a block element keeps its spaces.
        #expect(
            lines("<div>Avant <div>x</div> après</div>") == [
                "<div>", "  Avant ", "  <div>x</div>", "   après", "</div>"
            ])
    }

    @Test func preTextareaScriptAndStyleAreCopiedVerbatim() {
        let pre = "<pre>  ligne 1\n    <b>ligne 2</b>\n</pre>"
        let textarea = "<textarea name=\"notes\" rows=\"2\">a <p>b</p>\n  c</textarea>"
        let script = "<script>if (a < b && c > d) { x(\"</div>\") }</script>"
        let style = "<style>p > a { color: red }</style>"
        #expect(
            lines("<div>" + pre + textarea + script + style + "</div>")
                == ["<div>", "  " + pre, "  " + textarea, "  " + script, "  " + style, "</div>"])
    }

    @Test func anAttributeValueIsNeverAlteredEvenWithAnAngleBracketInside() {
        let link = #"<a title="a > b" href="/x?c=1&amp;d=2" data-x='<p>'>lien</a>"#
        let input = #"<input value="1 > 0 && 2 < 3" placeholder='>'>"#
        #expect(lines("<div>" + link + input + "</div>") == ["<div>", "  " + link, "  " + input, "</div>"])
        #expect(
            IndentedHTML.tokens(link).first
                == .start(name: "a", raw: #"<a title="a > b" href="/x?c=1&amp;d=2" data-x='<p>'>"#, selfClosing: false))
    }

    @Test func commentsAndStrayTagsKeepTheirOwnLine() {
        #expect(
            lines("<div><!-- note > 1 --><p>x</p></span></div>") == [
                "<div>", "  <!-- note > 1 -->", "  <p>x</p>", "  </span>", "</div>"
            ])
        // An element left open is printed without an end tag, never with one it did not have.
        #expect(lines("<div><section><p>x</p>") == ["<div>", "  <section>", "    <p>x</p>"])
    }

    @Test func theTokensOfEveryStoredSnapshotGiveItBack() throws {
        let dir = Fixtures.snapshots
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".html") }
        #expect(!names.isEmpty)
        for name in names {
            let html = try String(contentsOfFile: dir + name, encoding: .utf8)
            #expect(IndentedHTML.tokens(html).map(\.raw).joined() == html, "\(name)")
            #expect(IndentedHTML.tree(IndentedHTML.tokens(html)).map(\.source).joined() == html, "\(name)")
        }
    }

    @Test func aDifferenceNamesItsFirstLinesNotTheWholePage() throws {
        let expected = (1...50).map { "<li>\($0)</li>" }.joined(separator: "\n") + "\n"
        var changed = expected.split(separator: "\n").map(String.init)
        changed.insert("<li>nouveau</li>", at: 20)
        changed[40] = "<li>modifié</li>"
        let report = try #require(
            IndentedHTML.difference(expected: expected, actual: changed.joined(separator: "\n") + "\n"))
        #expect(report.hasPrefix("première différence à la ligne 21\n"))
        #expect(report.contains("attendu (lignes 21 à 40) :\n  21 │ <li>21</li>"))
        #expect(report.contains("obtenu (lignes 21 à 41) :\n  21 │ <li>nouveau</li>\n  22 │ <li>21</li>"))
        #expect(report.contains("ligne(s) de plus") && !report.contains("<li>50</li>"))
        #expect(IndentedHTML.difference(expected: expected, actual: expected) == nil)
        let one = try #require(
            IndentedHTML.difference(expected: "<p>a</p>\n<p>b</p>\n", actual: "<p>a</p>\n<p>c</p>\n"))
        #expect(
            one
                == "première différence à la ligne 2\nattendu (ligne 2) :\n  2 │ <p>b</p>\n"
                + "obtenu (ligne 2) :\n  2 │ <p>c</p>"
        )
    }
}

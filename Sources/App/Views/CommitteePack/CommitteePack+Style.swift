import Foundation

extension CommitteePack {
    /// `Resources/pack/dossier.css`, with the committee and date in the page footer.
    static func stylesheet(footer: String) -> String {
        let footerText = footer.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
            of: "\"", with: "\\\""
        )
        .replacingOccurrences(of: "\n", with: " ")
        return css.replacingOccurrences(of: "__FOOTER__", with: footerText)
    }

    static let css: String = {
        guard let url = Bundle.module.url(forResource: "dossier", withExtension: "css", subdirectory: "Resources/pack"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }()
}

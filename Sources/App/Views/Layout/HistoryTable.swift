import Foundation
import JalonCore
import Plot

/// Audit events as a table, shared by the audit journal and the "Historique" block of every page that
/// keeps a history (territory, indicator, fiche, activity, account, task, photo).
enum HistoryTable {
    static let actions = [
        ("create", "création"), ("update", "modification"), ("write", "écriture"), ("import", "import"),
        ("undo", "annulation"),
        ("merge", "fusion"), ("delete", "suppression"), ("login", "connexion"), ("logout", "déconnexion"),
        ("login_failed", "connexion refusée"), ("login_throttled", "connexion bloquée"), ("password", "mot de passe"),
        ("permission", "droits"), ("revoke", "révocation"), ("override", "dérogation")
    ]

    static func label(_ action: String) -> String { actions.first { $0.0 == action }?.1 ?? action }

    /// The events as a table: the audit journal, and the history block of every page that has one.
    static func render(_ events: [AuditEvent], caption: String) -> HNode {
        UI.table(
            caption: caption,
            headers: [("Date", false), ("Par", false), ("Action", false), ("Objet", false), ("Résumé", false)],
            rows: events.map { event in
                [
                    .txt(Format.date(event.at) + " " + Self.time(event.at)),
                    .group(
                        .txt(event.actor),
                        .when(
                            event.address != nil,
                            .el("span", .cls("fr-hint-text"), .txt("depuis " + (event.address ?? ""))))),
                    .txt(label(event.action)),
                    .group(
                        .txt(event.objectType),
                        .el("span", .cls("fr-hint-text"), .txt(String(event.objectID.prefix(40))))),
                    summary(event)
                ]
            })
    }

    /// The summary, then what changed field by field (before → after).
    static func summary(_ event: AuditEvent) -> HNode {
        let lines = event.detailLines
        return .group(
            .txt(event.summary),
            .when(
                !lines.isEmpty,
                .el(
                    "ul", .cls("jalon-changes fr-text--sm fr-mb-0"),
                    .group(lines.map { .el("li", .el("strong", .txt($0.field + " : ")), .txt($0.value)) }))))
    }

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }
}

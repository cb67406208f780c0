import Foundation
import JalonCore
import Plot

/// Activities as a table, shared by the activity journal and the structure page ("Activités ayant touché…").
enum ActivityTable {
    static func render(_ rows: [ActivityRow], caption: String) -> HNode {
        UI.table(
            caption: caption,
            headers: [
                ("Date", false), ("Type", false), ("Titre", false), ("Territoires", false),
                ("Structures touchées", true),
                ("Participants", true), ("Organisateurs", false)
            ],
            rows: rows.map { activity in
                [
                    .txt(Format.date(iso: activity.date.iso)), .txt(activity.type.label),
                    .group(
                        .link(SiteURL.activity(activity.id.uuidString.lowercased()).path, .txt(activity.title)),
                        .when(
                            !activity.topics.isEmpty,
                            .el("span", .cls("fr-hint-text"), .txt(activity.topics.joined(separator: ", ")))
                        )),
                    .txt(activity.territories.joined(separator: ", ")), .txt(UI.number(activity.reached)),
                    .txt(activity.participants.map(UI.number) ?? "—"),
                    .txt(activity.organisers.joined(separator: ", "))
                ]
            }, numericColumns: [4, 5])
    }
}

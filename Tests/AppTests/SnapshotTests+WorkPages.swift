import Foundation
import JalonCore
import Testing

@testable import App

/// The pages people work in every day — entry, tasks, activities, accounts, audit, imports —
/// rendered from fixed view models as the administrator Camille Exemple (fictitious), so that the
/// header, the CSRF fields and the administrators' override field are part of the snapshots.
extension SnapshotTests {
    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }

    /// 30 June 2022, 10:15 in Paris (08:15 UTC), plus `minutes`.
    static func at(minutes: Int = 0) -> Date { Date(timeIntervalSince1970: 1_656_576_900 + Double(minutes * 60)) }

    static let administrator = UserAccount(
        id: id(10), email: "camille.exemple@exemple.invalid", name: "Camille Exemple", role: "administrateur",
        active: true, version: 1, passwordHash: "$2b$04$empreinte-fictive", createdAt: at(minutes: -525_600),
        passwordChangedAt: at(minutes: -43_200))

    static let animatrice = UserAccount(
        id: id(11), email: "dominique.essai@exemple.invalid", name: "Dominique Essai", role: "animateur",
        active: true, version: 3, passwordHash: "$2b$04$empreinte-fictive", createdAt: at(minutes: -86_400),
        passwordChangedAt: at(minutes: -86_400))

    /// Renders as the signed-in administrator, with a fixed CSRF token.
    static func asAdministrator(_ render: () -> String) -> String {
        let identity = Identity(
            user: administrator, grant: Grant(role: .administrateur),
            via: .session(.init(id: "session-fixe", token: "jeton-fixe", csrf: "csrf-fixe")))
        return RequestContext.$current.withValue(.init(identity: identity), operation: render)
    }

    static let activityEvent = AuditEvent(
        at: at(), actor: "dominique.essai@exemple.invalid", action: "update", objectType: "activity",
        objectID: id(20).uuidString.lowercased(), summary: "Activité « Visite MSSanté au CH » modifiée : lieu",
        details: #"{"lieu": "« Lille » → « Roubaix »"}"#, address: "192.0.2.10")

    @Test func entry() throws {
        let dmp = IndicatorDefinition(
            code: "O3-09", label: "Documents DMP par habitant", service: "DMP", couloir: .tous, source: "CNAM",
            kind: .perInhabitant, rollup: .ratio)
        let es = IndicatorDefinition(
            code: "O2-09", label: "Nb d'ES avec logiciel Ségur commandé", service: "Ségur", couloir: .es,
            source: "ANS", kind: .share, rollup: .shareOfStructures)
        var model = EntryEdit.Model(
            indicators: [
                StoredIndicator(definition: es, unit: "%", periodicity: "trimestrielle"),
                StoredIndicator(definition: dmp, unit: "", periodicity: "mensuelle")
            ],
            error: "Valeur illisible « douze » (ex. 2 551 301, 12,83 %, OUI, ND).")
        model.observation = .init(
            indicator: "O3-09", territory: "D59", couloir: "", period: "2022-05", value: "douze",
            source: "CNAM", comment: "Saisie de Camille Exemple")
        model.target = .init(indicator: "O2-09", territory: "R32", due: "fin 2022", target: "60 %")
        try Self.assertSnapshot(Self.asAdministrator { EntryEdit.render(model) }, named: "entry")
    }

    @Test func tasks() throws {
        let action = Self.id(30).uuidString.lowercased()
        func card(_ n: Int, _ title: String, _ status: TaskStatus, due: String?, late: Bool = false)
            -> TaskIndex.Card
        {
            TaskIndex.Card(
                id: Self.id(40 + n).uuidString.lowercased(), title: title, assignee: n == 2 ? "" : "Camille Exemple",
                due: due, status: status, action: n == 1 ? "DMP · Action 1 — Alimentation du DMP" : nil, late: late,
                version: n, territory: n == 3 ? "D59" : nil)
        }
        let model = TaskIndex.Model(
            roadmap: "Feuille de route Ségur du numérique 2021-2023 — Hauts-de-France",
            columns: [
                .init(
                    status: .todo,
                    cards: [
                        card(1, "Relancer les éditeurs DMP", .todo, due: "2022-05-31", late: true),
                        card(2, "Préparer le comité régional", .todo, due: nil)
                    ]),
                .init(status: .doing, cards: [card(3, "Former les secrétariats du Nord", .doing, due: "2022-09-30")]),
                .init(status: .blocked, cards: []),
                .init(status: .done, cards: [card(4, "Publier le bilan du premier semestre", .done, due: "2022-06-30")])
            ],
            actions: [.init(id: action, label: "DMP · Action 1 — Alimentation du DMP")],
            assignees: ["Camille Exemple"], message: "Tâche créée.",
            history: [
                AuditEvent(
                    at: Self.at(), actor: "camille.exemple@exemple.invalid", action: "update", objectType: "task",
                    objectID: Self.id(43).uuidString.lowercased(),
                    summary: "Tâche « Former les secrétariats du Nord » déplacée",
                    details: #"{"statut": "« À faire » → « En cours »"}"#, address: nil)
            ])
        try Self.assertSnapshot(Self.asAdministrator { TaskIndex.render(model) }, named: "tasks")
    }

    @Test func activities() throws {
        var filter = ActivityFilter()
        filter.from = Day(2022, 1, 1)
        filter.to = Day(2022, 12, 31)
        filter.couloir = .es
        filter.territory = "D59"
        let model = ActivityIndex.Model(
            filter: filter,
            rows: [
                ActivityRow(
                    id: Self.id(21), date: Day(2022, 5, 10), type: .webinaire, title: "Webinaire INS", participants: 57,
                    reached: 2, territories: ["R32"], organisers: ["GRADeS", "CPAM Lille-Douai"], topics: ["INS"]),
                ActivityRow(
                    id: Self.id(20), date: Day(2022, 3, 1), type: .visite, title: "Visite MSSanté au CH",
                    participants: nil, reached: 1, territories: ["D59"], organisers: ["ARS Hauts-de-France"],
                    topics: ["MSS", "DMP"])
            ],
            totals: .init(activities: 2, participants: 57, structures: 3), message: "Activité enregistrée.")
        try Self.assertSnapshot(Self.asAdministrator { ActivityIndex.render(model) }, named: "activities")
    }

    @Test func activity() throws {
        let detail = ActivityDetail(
            row: ActivityRow(
                id: Self.id(20), date: Day(2022, 3, 1), type: .visite, title: "Visite MSSanté au CH", participants: 4,
                reached: 1, territories: ["D59", "TAN-LITTORAL"], organisers: ["ARS Hauts-de-France"],
                topics: ["MSS", "DMP"]),
            durationMinutes: 90, place: "Lille", remote: false,
            notes: "Présentation de la messagerie sécurisée ; suite à donner : former les secrétariats.",
            couloirs: ["ES"], structures: [(structure: Self.structure, attendees: "Camille Exemple (DSI)")],
            attachments: [.init(id: Self.id(50), fileName: "ordre du jour.pdf", size: 24_576)],
            history: [Self.activityEvent])
        try Self.assertSnapshot(Self.asAdministrator { ActivityShow.render(.init(detail: detail)) }, named: "activity")
    }

    @Test func accounts() throws {
        let contributeur = UserAccount(
            id: Self.id(12), email: "alex.fictif@exemple.invalid", name: "Alex Fictif", role: "contributeur",
            active: false, version: 2, passwordHash: "$2b$04$empreinte-fictive", createdAt: Self.at(),
            passwordChangedAt: Self.at())
        let model = AccountIndex.Model(
            rows: [
                .init(user: Self.administrator, territories: [], indicators: []),
                .init(user: Self.animatrice, territories: ["D59", "TAN-LITTORAL"], indicators: []),
                .init(user: contributeur, territories: ["D62"], indicators: ["O3-09", "O3-18"])
            ], message: "Compte créé.")
        try Self.assertSnapshot(Self.asAdministrator { AccountIndex.render(model) }, named: "accounts")
    }

    @Test func account() throws {
        let tokens = [
            APIToken(
                id: Self.id(60), userID: Self.animatrice.id, name: "import mensuel INSi", role: "animateur",
                territories: "D59", createdAt: Self.at(minutes: -1_440), lastUsedAt: Self.at(), revokedAt: nil),
            APIToken(
                id: Self.id(61), userID: Self.animatrice.id, name: "ancien script", role: "lecteur", territories: "",
                createdAt: Self.at(minutes: -86_400), lastUsedAt: nil, revokedAt: Self.at(minutes: -1_440))
        ]
        let history = [
            AuditEvent(
                at: Self.at(), actor: "camille.exemple@exemple.invalid", action: "permission", objectType: "user",
                objectID: Self.animatrice.email, summary: "Droits de dominique.essai@exemple.invalid modifiés",
                details: #"{"territoires": "+ TAN-LITTORAL"}"#, address: "192.0.2.1")
        ]
        let model = AccountShow.Model(
            row: .init(user: Self.animatrice, territories: ["D59", "TAN-LITTORAL"], indicators: []), tokens: tokens,
            history: history)
        try Self.assertSnapshot(Self.asAdministrator { AccountShow.render(model) }, named: "account")
    }

    @Test func audit() throws {
        var filter = AuditFilter()
        filter.objectType = "activity"
        filter.text = "lille"
        let events = [
            Self.activityEvent,
            AuditEvent(
                at: Self.at(minutes: -60), actor: "jalon (ligne de commande)", action: "import",
                objectType: "activity",
                objectID: "journal.csv", summary: "3 activités importées de journal.csv", details: "{}",
                address: nil)
        ]
        try Self.assertSnapshot(
            Self.asAdministrator { AuditIndex.render(.init(filter: filter, events: events, total: 2)) }, named: "audit")
    }

    @Test func imports() throws {
        let profile = ImportProfile(
            name: "insi-secteurs", version: 2,
            description: "Appels au téléservice INSi par secteur (GIE SESAM-Vitale), un fichier par mois",
            parameters: ["periode": "Mois couvert par le fichier (ex. 2022-02)", "territoire": "Région du fichier"])
        func batch(_ n: Int, _ kind: String, _ file: String, status: String, profile: String? = nil) -> ImportBatch {
            ImportBatch(
                id: Self.id(70 + n), kind: kind, fileName: file, sha256: String(repeating: "\(n)a", count: 32),
                actor: "camille.exemple@exemple.invalid", status: status, profile: profile, read: 12 * n,
                created: 10 * n, updated: n, unchanged: n, rejected: n - 1, createdAt: Self.at(minutes: -n * 1_440),
                undoneAt: status == ImportBatch.undone ? Self.at() : nil)
        }
        let model = ImportIndex.Model(
            batches: [
                batch(
                    1, "observations", "insi_secteurs_fevrier_2022.tsv", status: ImportBatch.valid,
                    profile: "insi-secteurs v2"),
                batch(2, "targets", "cibles_2022.csv", status: ImportBatch.undone)
            ],
            profiles: [profile], message: "Import validé : 10 valeurs créées, 1 modifiée.")
        try Self.assertSnapshot(Self.asAdministrator { ImportIndex.render(model) }, named: "imports")
    }

    /// The preview of an upload: what would be created, changed, left and rejected, before validation.
    @Test func importPreview() throws {
        let report = ImportReport(
            file: "dmp_nord_mai_2022.csv", sha256: String(repeating: "5b", count: 32), read: 4, created: 1,
            updated: 1, unchanged: 1,
            rejected: [
                .init(
                    line: 5, field: "periode",
                    reason: "Période illisible « 2022-13 » (ex. 2021-12, 2021-T4, déc. 2021, 31/12/2021).")
            ],
            samples: [
                .init(
                    line: 2, indicator: "DMP-ALIM", subject: "D59", couloir: "TOUS", period: "mai 2022", before: nil,
                    after: "12,83 %"),
                .init(
                    line: 3, indicator: "DMP-ALIM", subject: "D62", couloir: "TOUS", period: "mai 2022",
                    before: "7,5 %", after: "7,8 %")
            ])
        let upload = Self.id(80).uuidString.lowercased()
        try Self.assertSnapshot(
            Self.asAdministrator { ImportPreview.render(.init(report: report, upload: upload)) },
            named: "import-preview")
    }
}

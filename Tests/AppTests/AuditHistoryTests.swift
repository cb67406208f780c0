import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// Every update keeps its before → after in the audit trail, and the object's own page shows it.
@Suite(.serialized) struct AuditHistoryTests {
    static func details(_ app: Application, _ type: String, _ id: String? = nil) async throws -> [[String: String]] {
        struct R: Decodable { var details: String }
        var q: SQLQueryString = "SELECT details FROM audit_events WHERE object_type = \(bind: type)"
        if let id { q += " AND object_id = \(bind: id)" }
        return try await app.sql.raw(q + " ORDER BY at").all(decoding: R.self).map {
            (try? JSONDecoder().decode([String: String].self, from: Data($0.details.utf8))) ?? [:]
        }
    }

    @Test(arguments: TestDB.all)
    func fichePagesShowTheirHistoryWithBeforeAndAfter(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            #expect(
                try await app.post(
                    "/feuille-de-route/fiches/DMP",
                    form: [("section", "texts"), ("objectives", "Alimenter le DMP"), ("levers", "SUN-ES")]
                ).status == .seeOther)
            let page = try await app.get("/feuille-de-route/fiches/DMP").body
            // The actor by his name: his e-mail stays in /audit (issue 12).
            #expect(
                page.contains("Historique de la fiche") && page.contains("Compte de test Administrateur")
                    && page.contains("Textes de la fiche modifiés : leviers, objectifs"))
            #expect(!page.contains("administrateur@test.invalid"))
            #expect(
                try await app.count(
                    "audit_events",
                    where: "object_type = 'fiche' AND details LIKE '%→ « Alimenter le DMP »%'") == 1)
        }
    }

    @Test(arguments: TestDB.all)
    func actionEditsShowBeforeAndAfterOnTheFiche(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            let fiche = "/feuille-de-route/fiches/DMP"
            #expect(
                try await app.post(
                    fiche,
                    form: [
                        ("section", "action"), ("title", "Webinaires DMP"), ("status", "a_faire"),
                        ("start", "2022-01-01")
                    ]
                ).status == .seeOther)
            struct A: Decodable {
                var id: UUID
                var version: Int
            }
            let action = try #require(
                try await app.sql.raw("SELECT id, version FROM actions WHERE title = 'Webinaires DMP'").first(
                    decoding: A.self))
            #expect(
                try await app.post(
                    fiche,
                    form: [
                        ("section", "action"), ("action_id", action.id.uuidString),
                        ("action_version", String(action.version)),
                        ("title", "Webinaires <b>DMP</b> en EHPAD"), ("status", "en_cours"), ("start", "2022-01-01")
                    ]
                ).status == .seeOther)
            let changes = try await Self.details(app, "action", action.id.uuidString)
            #expect(changes.count == 2)
            #expect(
                changes.last == [
                    "titre": "« Webinaires DMP » → « Webinaires <b>DMP</b> en EHPAD »",
                    "statut": "« À faire » → « En cours »"
                ])
            let page = try await app.get(fiche).body
            #expect(page.contains("Action « Webinaires &lt;b&gt;DMP&lt;/b&gt; en EHPAD » modifiée : statut, titre"))
            #expect(page.contains("<strong>statut : </strong>« À faire » → « En cours »"))
            #expect(page.contains("<b>DMP</b>") == false)
        }
    }

    @Test(arguments: TestDB.all)
    func calendarAndRACIChangesNameTheCells(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            let fiche = "/feuille-de-route/fiches/DMP"
            #expect(
                try await app.post(
                    fiche, form: [("section", "action"), ("title", "Webinaires DMP"), ("status", "a_faire")]
                ).status == .seeOther)
            struct A: Decodable {
                var id: UUID
                var number: Int
            }
            let action = try #require(
                try await app.sql.raw("SELECT id, number FROM actions WHERE title = 'Webinaires DMP'").first(
                    decoding: A.self))
            let key = action.id.uuidString.lowercased()
            #expect(
                try await app.post(fiche, form: [("section", "raci"), ("cell[\(key)|ARS|]", "R")]).status
                    == .seeOther)
            #expect(
                try await app.post(
                    fiche,
                    form: [
                        ("section", "raci"), ("cell[\(key)|ARS|]", "A"), ("cell[\(key)|AM|ES]", "C")
                    ]
                ).status == .seeOther)
            let raci = try await Self.details(app, "fiche").filter { $0["cases"] != nil }
            #expect(
                raci.last?["cases"]
                    == "+ Action \(action.number) · AM · Établissements de santé : C, "
                    + "Action \(action.number) · ARS : A ; "
                    + "− Action \(action.number) · ARS : R")
        }
    }

    @Test(arguments: TestDB.all)
    func activityCorrectionsSayWhatChanged(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            _ = try await app.importActivityJournal(
                "date;type;titre;structures;lieu;participants\n"
                    + "2022-03-01;visite;Visite du CH;T00000ES1|T00000ES3;Lille;4")
            _ = try await app.importActivityJournal(
                "date;type;titre;structures;lieu;participants\n"
                    + "2022-03-01;visite;Visite du CH;T00000ES1|T00000ES2;Roubaix;4")
            struct I: Decodable { var id: UUID }
            let id = try #require(try await app.sql.raw("SELECT id FROM activities").first(decoding: I.self)).id
            let changes = try await Self.details(app, "activity", id.uuidString)
            #expect(changes.count == 2)
            #expect(
                changes.last == ["lieu": "« Lille » → « Roubaix »", "structures": "+ T00000ES2 ; − T00000ES3"])
            let page = try await app.get(SiteURL.activity(id.uuidString.lowercased()).path).body
            #expect(
                page.contains("modifié : lieu, structures")
                    && page.contains("<strong>lieu : </strong>« Lille » → « Roubaix »"))
            // The audit trail is searchable by what changed, not only by its summary.
            #expect(
                try await app.get("/audit?q=roubaix").body.contains(
                    "<strong>lieu : </strong>« Lille » → « Roubaix »"))
            #expect(try await app.get("/audit?q=roubaix&objet=organisation").body.contains("« Roubaix »") == false)
        }
    }

    @Test(arguments: TestDB.all)
    func targetAndIndicatorChangesShowOnTheirPages(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            for value in ["10", "12"] {
                try await app.setTarget(
                    .init(indicator: "O3-18", territory: "D59", couloir: nil, due: "fin 2022", target: value))
            }
            let targets = try await Self.details(app, "target")
            #expect(targets.last?["cible"] == "« 10 » → « 12 »")
            let indicator = try #require(try await IndicatorQuery.find("O3-18", on: app.sql))
            _ = try await app.db.sqlTransaction { db in
                try await IndicatorService.upsert(
                    .init(
                        code: "O3-18", label: "Libellé <i>revu</i>", couloir: indicator.definition.couloir.rawValue,
                        type: indicator.definition.kind.rawValue, rollup: indicator.definition.rollup.rawValue), on: db,
                    actor: .system)
            }
            let definition = try #require(try await Self.details(app, "indicator", "O3-18").last)
            #expect(definition["libellé"] == "« \(indicator.definition.label) » → « Libellé <i>revu</i> »")
            let page = try await app.get(SiteURL.indicator("O3-18").path).body
            #expect(page.contains("Historique de la définition et des cibles"))
            #expect(page.contains("<strong>cible : </strong>« 10 » → « 12 »"))
            #expect(page.contains("→ « Libellé &lt;i&gt;revu&lt;/i&gt; »"))
            // The territory's page shows its targets' changes too; another département's does not.
            #expect(
                try await app.get(SiteURL.territory("D59").path).body.contains(
                    "<strong>cible : </strong>« 10 » → « 12 »"))
            #expect(try await app.get(SiteURL.territory("D62").path).body.contains("« 10 » → « 12 »") == false)
        }
    }

    @Test(arguments: TestDB.all)
    func territoryOrganisationAndAccountChanges(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            _ = try await app.db.sqlTransaction { db in
                try await TerritoryService.define(
                    .init(
                        code: "TAN-LITTORAL", name: "TAN du Littoral", decoupage: "TAN", parent: "R32",
                        members: ["E245900428", "C59350"]), on: db, actor: .system)
            }
            let territory = try #require(try await Self.details(app, "territory", "TAN-LITTORAL").last)
            #expect(
                territory == [
                    "nom": "« TAN Littoral » → « TAN du Littoral »", "membres": "+ C59350 ; − C62160"
                ])
            #expect(
                try await app.get(SiteURL.territory("TAN-LITTORAL").path).body.contains(
                    "<strong>membres : </strong>+ C59350 ; − C62160"))
            #expect(
                try await app.get(SiteURL.decoupage("TAN").path).body.contains(
                    "<strong>nom : </strong>« TAN Littoral » → « TAN du Littoral »"))
            // A deleted territory stays readable in the trail, and its découpage's page says it lost it.
            try await app.db.sqlTransaction { db in
                try await DecoupageService.deleteTerritory("TAN-LITTORAL", on: db, actor: .system)
            }
            #expect(
                try await Self.details(app, "territory", "TAN-LITTORAL").last
                    == [
                        "nom": "« TAN du Littoral » → (vide)", "parent": "« R32 » → (vide)",
                        "membres": "− C59350, E245900428"
                    ])
            #expect(
                try await app.get(SiteURL.decoupage("TAN").path).body.contains(
                    "Territoire TAN-LITTORAL « TAN du Littoral » retiré du découpage"))

            for name in ["GRADeS", "GRADeS Hauts-de-France"] {
                _ = try await app.db.sqlTransaction { db in
                    try await DirectoryService.saveOrganisation(
                        .init(code: "GRADES", name: name, kind: "grades", territories: ["R32"]), on: db, actor: .system)
                }
            }
            #expect(
                try await Self.details(app, "organisation", "GRADES").last == [
                    "nom": "« GRADeS » → « GRADeS Hauts-de-France »"
                ])
            #expect(
                try await app.get("/annuaire").body.contains(
                    "<strong>nom : </strong>« GRADeS » → « GRADeS Hauts-de-France »"))

            let id = try await app.createAccount(
                "animatrice@exemple.invalid", name: "Animatrice", role: .animateur, territories: ["D59"])
            try await app.db.sqlTransaction { db in
                try await AccountService.update(
                    id,
                    .init(email: "animatrice@exemple.invalid", name: "Animatrice", role: .pilote, territories: ["D62"]),
                    version: nil, on: db, actor: .system)
            }
            let account = try #require(try await Self.details(app, "user", "animatrice@exemple.invalid").last)
            #expect(
                account == [
                    "rôle": "« \(Role.animateur.label) » → « \(Role.pilote.label) »",
                    "territoires": "+ D62 ; − D59"
                ])
        }
    }

    @Test(arguments: TestDB.all)
    func theTaskBoardShowsItsLatestMoves(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            #expect(try await app.get("/taches").body.contains("Aucun mouvement enregistré."))
            #expect(
                try await app.post(
                    "/taches",
                    form: [("title", "Former les <em>secrétariats</em>"), ("assignee", "Responsable fictif")]
                ).status == .seeOther)
            struct T: Decodable { var id: UUID }
            let id = try #require(try await app.sql.raw("SELECT id FROM tasks").first(decoding: T.self)).id
            #expect(
                try await app.post("/taches/\(id.uuidString.lowercased())/statut", form: [("status", "en_cours")])
                    .status == .seeOther)
            let board = try await app.get("/taches").body
            #expect(
                board.contains("Derniers mouvements")
                    && board.contains("<strong>statut : </strong>« À faire » → « En cours »"))
            #expect(
                board.contains("Tâche créée : Former les &lt;em&gt;secrétariats&lt;/em&gt;")
                    && !board.contains("<em>secrétariats"))
        }
    }

    @Test(arguments: TestDB.all)
    func exchangeCodeReplacementsListWhatMoved(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            for text in [
                "type;code_jalon;code_externe\nterritoire;D59;OU-NORD\nterritoire;D62;OU-PDC\n",
                "type;code_jalon;code_externe\nterritoire;D59;OU-NORD\nterritoire;D62;OU-PAS-DE-CALAIS\n"
                    + "couloir;ES;ETAB\n"
            ] {
                _ = try await app.db.sqlTransaction { db in
                    try await ImportKind.codes.run(
                        ImportFile(name: "codes.csv", data: Data(text.utf8)), mode: .commit, on: db, actor: .system)
                }
            }
            #expect(
                try await Self.details(app, "exchange_codes").last
                    == [
                        "correspondances":
                            "+ couloir ES = ETAB, territoire D62 = OU-PAS-DE-CALAIS ; − territoire D62 = OU-PDC"
                    ])
        }
    }

    @Test(arguments: TestDB.all)
    func replacedObservationsAreToldInTheTrail(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            try await app.createRoadmap()
            for value in ["1", "3"] {
                #expect(
                    try await app.post(
                        "/saisie",
                        form: [
                            ("kind", "observation"), ("indicator", "O3-18"), ("structure", "T00000ES1"),
                            ("period", "2022-05"), ("value", value)
                        ]
                    ).status == .seeOther)
            }
            let last = try #require(try await Self.details(app, "observations").last)
            #expect(last["remplacées"] == "1" && last["créées"] == "0")
            #expect(
                last.contains {
                    $0.key.hasPrefix("O3-18 ") && $0.key.hasSuffix(" 2022-05") && $0.value == "« 1 » → « 3 »"
                })
            // The structure's page lists the value that was replaced, and by whom.
            let page = try await app.get(SiteURL.structure("T00000ES1").path).body
            let table = try #require(
                page.components(separatedBy: "Valeurs remplacées de Structure T00000ES1").dropFirst().first)
            #expect(
                table.contains(">O3-18</code>") && table.contains("mai 2022")
                    && table.contains("saisie manuelle (Compte de test Administrateur)"))
            #expect(!page.contains("administrateur@test.invalid"))
        }
    }
}

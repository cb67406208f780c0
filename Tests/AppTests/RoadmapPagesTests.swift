import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

@Suite(.serialized) struct RoadmapPagesTests {
    @Test(arguments: TestDB.all)
    func templateThenEntryThenDashboardShowsTheStatus(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            // Before any roadmap, the page says how to create one.
            #expect(
                try await app.get("/feuille-de-route").body.contains(
                    "jalon roadmap template feuille-de-route-2023-2027"))
            try await app.createRoadmap()

            // act: enter a value the French way through the form
            let posted = try await app.post(
                "/saisie",
                form: [
                    ("kind", "observation"), ("indicator", "O2-08"), ("territory", "R32"),
                    ("period", "juin 2022"), ("value", "12"), ("source", "Région")
                ])
            #expect(posted.status == .seeOther)
            let refused = try await app.post(
                "/saisie",
                form: [
                    ("kind", "observation"), ("indicator", "O2-08"), ("territory", "R32"),
                    ("period", "juin 2022"), ("value", "trente")
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Valeur illisible « trente »"))
            #expect(refused.body.contains("value=\"trente\""))
            let target = try await app.post(
                "/saisie",
                form: [
                    ("kind", "target"), ("indicator", "O2-02"), ("territory", "D59"), ("due", "fin 2022"),
                    ("target", "80 %")
                ])
            #expect(target.status == .seeOther)

            // check: the dashboard at mid-2022
            let dashboard = try await app.get("/feuille-de-route?date=2022-06-30&territoire=R32")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("Objectif 2 — Acculturer, sensibiliser, informer l&#39;écosystème"))
            let row = try #require(
                dashboard.body.range(of: ">O2-08</code>").map { String(dashboard.body[$0.lowerBound...].prefix(1500)) })
            #expect(row.contains("Atteint"))
            #expect(row.contains("120,0\u{00A0}%"))  // 12 against a target of 10
            // Filtering by couloir keeps only that couloir's indicators.
            let es = try await app.get("/feuille-de-route?date=2022-06-30&couloir=BIO")
            #expect(es.body.contains(">O2-03</code>"))
            #expect(!es.body.contains(">O2-02</code>"))
            #expect(try await app.get("/feuille-de-route?date=30-06-2022").status == .badRequest)

            // The indicator page shows the value, its provenance and the per-territory table.
            let page = try await app.get("/indicateurs/O2-08?territoire=R32&date=2022-06-30")
            #expect(
                page.body.contains("saisie manuelle (Compte de test Administrateur)")
                    && !page.body.contains("administrateur@test.invalid"))
            #expect(page.body.contains("juin 2022"))
            #expect(page.body.contains("/indicateurs/O2-08?territoire=D59"))
            // O2-01 is computed from the activity log: it is not typed in
            let computed = try await app.post(
                "/saisie",
                form: [
                    ("kind", "observation"), ("indicator", "O2-01"), ("territory", "R32"), ("period", "juin 2022"),
                    ("value", "3")
                ])
            #expect(
                computed.status == .unprocessableEntity
                    && computed.body.contains("se calcule depuis le journal des activités"))
            #expect(try await app.get("/indicateurs/NOPE").status == .notFound)
            // The map of départements (installed by scripts/setup.sh) colours the région's départements.
            #expect(
                FileManager.default.fileExists(atPath: Fixtures.repoRoot + "Public/vendor/maps/fr.departments.svg"),
                "lancez scripts/setup.sh")
            #expect(page.body.contains("<g class=\"z59 departement map-element jalon-map-hit\" fill=\"#"))
            #expect(page.body.contains("<title>Nord : "))
            #expect(try await app.get("/indicateurs").body.contains("part des structures"))
        }
    }

    @Test(arguments: TestDB.all)
    func hostileIndicatorTextsAreEscaped(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            let hostile = HostileInput.payloads.joined(separator: " ")
            try await app.db.sqlTransaction { db in
                _ = try await IndicatorService.upsert(
                    .init(code: "O2-01", label: hostile, source: hostile, type: "count", nature: "flow", rollup: "sum"),
                    on: db, actor: .system)
                _ = try await ObservationService.record(
                    [
                        .init(
                            indicator: "O2-01", territory: "R32", period: "2022-05", value: "3", source: hostile,
                            comment: hostile)
                    ],
                    provenance: "saisie:" + hostile, on: db, actor: .system)
            }
            for path in [
                "/feuille-de-route?date=2022-06-30", "/indicateurs", "/indicateurs/O2-01?date=2022-06-30", "/saisie"
            ] {
                let page = try await app.get(path)
                #expect(page.status == .ok, "\(path)")
                HostileInput.assertEscaped(page.body, path)
            }
        }
    }
}

extension RoadmapPagesTests {
    @Test(arguments: TestDB.all)
    func ficheSyntheseEditsCalendarRACIAndTexts(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            let page = try await app.get("/feuille-de-route/fiches/DMP?date=2022-06-30")
            #expect(page.status == .ok)
            #expect(page.body.contains("Fiche synthèse — DMP"))
            #expect(page.body.contains("données non fournies à ce jour"))
            #expect(page.body.contains("S2 2021"))
            // The first action's id, from its calendar select.
            let marker = "name=\"cell["
            let start = try #require(page.body.range(of: marker)).upperBound
            let action = String(page.body[start...].prefix(36))
            #expect(UUID(uuidString: action) != nil)

            let calendar = try await app.post(
                "/feuille-de-route/fiches/DMP",
                form: [("section", "calendar"), ("cell[\(action)|2022-S1]", "3"), ("cell[\(action)|2022-S2]", "1")])
            #expect(calendar.status == .seeOther)
            let raci = try await app.post(
                "/feuille-de-route/fiches/DMP",
                form: [
                    ("section", "raci"), ("cell[\(action)|ARS|]", "A"), ("cell[\(action)|AM|ES]", "R")
                ])
            #expect(raci.status == .seeOther)
            let texts = try await app.post(
                "/feuille-de-route/fiches/DMP",
                form: [
                    ("section", "texts"), ("objectives", "Généraliser l'alimentation du DMP"),
                    ("levers", "Financement SUN-ES"), ("obstacles", "Éditeurs en retard"),
                    ("contacts", "Camille Exemple — GRADeS — animatrice")
                ])
            #expect(texts.status == .seeOther)
            let after = try await app.get("/feuille-de-route/fiches/DMP")
            #expect(after.body.contains("<option value=\"3\" selected=\"selected\">✓✓✓</option>"))
            #expect(after.body.contains("<option value=\"A\" selected=\"selected\">A</option>"))
            #expect(after.body.contains("Financement SUN-ES"))
            #expect(try await app.count("action_raci") == 2)
            #expect(try await app.count("fiche_calendar") == 2)

            let bad = try await app.post(
                "/feuille-de-route/fiches/DMP", form: [("section", "raci"), ("cell[\(action)|ARS|]", "X")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Rôle RACI invalide"))
            #expect(try await app.count("action_raci") == 2)
            #expect(try await app.get("/feuille-de-route/fiches/INCONNUE").status == .notFound)
        }
    }

    @Test(arguments: TestDB.all)
    func comparisonOfTheTerritoriesOfADecoupage(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            _ = try await app.observe([
                .init(indicator: "O2-09", structure: "590000001", period: "2022-03", value: "OUI")
            ])
            try await app.setTarget(.init(indicator: "O2-09", territory: "D59", due: "mi-2022", target: "50 %"))
            let page = try await app.get("/feuille-de-route/comparaison?date=2022-06-30&couloir=ES")
            #expect(page.status == .ok)
            #expect(
                page.body.contains(">Nord</th>") && page.body.contains(">Pas-de-Calais</th>")
                    && page.body.contains(">Hauts-de-France</th>"))
            // The Nord's only open hospital said yes: 100 % against 50 % → "atteint", in green.
            #expect(page.body.contains("fr-badge--success\" title=\"Atteint\">100,0\u{00A0}%"))
            let tan = try await app.get("/feuille-de-route/comparaison?date=2022-06-30&decoupage=TAN")
            #expect(tan.body.contains(">TAN Littoral</th>"))
        }
    }
}

extension RoadmapPagesTests {
    @Test(arguments: TestDB.all)
    func referentialsAndActionsAreEditable(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            // Referentials: relabel a couloir and its aliases, add an organisation and a service.
            let page = try await app.get("/referentiels")
            #expect(page.body.contains("Organisations pilotes") && page.body.contains("value=\"GRADeS\""))
            #expect(
                try await app.post(
                    "/referentiels",
                    form: [
                        ("kind", "couloirs"), ("code", "ES"), ("label", "Hôpitaux et cliniques"),
                        ("aliases", "HOP, HOSP")
                    ]
                ).status == .seeOther)
            #expect(
                try await app.post(
                    "/referentiels",
                    form: [("kind", "pilot_organisations"), ("code", "cr"), ("label", "Conseil régional")]
                ).status == .seeOther)
            #expect(
                try await app.post(
                    "/referentiels",
                    form: [("kind", "services"), ("code", "SAS"), ("label", "Service d'accès aux soins")]
                ).status == .seeOther)
            let after = try await app.get("/referentiels")
            #expect(
                after.body.contains("value=\"Hôpitaux et cliniques\"") && after.body.contains("value=\"HOP, HOSP\""))
            #expect(
                after.body.contains(">CR</code>") && after.body.contains("value=\"Service d&#39;accès aux soins\""))
            let refused = try await app.post(
                "/referentiels", form: [("kind", "couloirs"), ("code", "NOUVEAU"), ("label", "X")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("les codes de couloir sont ceux des tables nationales"))

            // Actions: add one with its pilot, then edit it.
            let added = try await app.post(
                "/feuille-de-route/fiches/DMP",
                form: [
                    ("section", "action"), ("title", "Webinaires DMP en EHPAD"), ("pilot", "CR"),
                    ("status", "en_cours"), ("start", "2022-01-01"), ("end", "fin 2022"),
                    ("description", "Un par trimestre")
                ])
            #expect(added.status == .seeOther)
            let fiche = try await app.get("/feuille-de-route/fiches/DMP")
            #expect(
                fiche.body.contains("Webinaires DMP en EHPAD") && fiche.body.contains("pilote : CR")
                    && fiche.body.contains("31 décembre 2022"))
            let bad = try await app.post(
                "/feuille-de-route/fiches/DMP",
                form: [
                    ("section", "action"), ("title", "X"), ("status", "en_cours"), ("start", "fin 2023"),
                    ("end", "2022-01-01")
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("La fin de l&#39;action précède son début."))
            let unknownPilot = try await app.post(
                "/feuille-de-route/fiches/DMP",
                form: [("section", "action"), ("title", "X"), ("status", "en_cours"), ("pilot", "NASA")])
            #expect(unknownPilot.body.contains("Organisation pilote inconnue"))
        }
    }
}

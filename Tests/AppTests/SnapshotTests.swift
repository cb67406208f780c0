import Foundation
import JalonCore
import Testing

@testable import App

/// Pages rendered from fixed view models and compared with the files in `__Snapshots__/`, stored
/// indented one element a line (`IndentedHTML`) so that a change reads as a diff. Set
/// JALON_RECORD_SNAPSHOTS=1 to re-record after an intended change; a missing snapshot is recorded
/// and the test fails, so a new page is reviewed once.
struct SnapshotTests {
    static let dir = Fixtures.snapshots

    static func assertSnapshot(_ html: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let path = dir + name + ".html"
        let actual = IndentedHTML(html).text
        let record = ProcessInfo.processInfo.environment["JALON_RECORD_SNAPSHOTS"] == "1"
        guard !record, let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record(
                "instantané \(name) enregistré : relisez-le puis relancez les tests", sourceLocation: sourceLocation)
            return
        }
        if let difference = IndentedHTML.difference(expected: expected, actual: actual) {
            let message =
                "la page \(name) diffère de son instantané \(path) — \(difference)\n"
                + "Changement voulu : JALON_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests, puis relire le diff."
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    static let r32 = Territory(
        code: "R32", kind: .region, name: "Hauts-de-France", insee: "32", parentCode: "FR", population: 6_003_283,
        decoupageID: nil)
    static let roadmap = Roadmap(
        id: UUID(uuidString: "00000000-0000-0000-0000-0000000000f1")!, code: "feuille-de-route-2023-2027-r32",
        name: "Feuille de route régionale du numérique en santé 2023-2027 — Hauts-de-France", regionCode: "R32",
        startOn: "2023-01-01", endOn: "2027-12-31", status: .running, archived: false, version: 1)
    static let closedRoadmap = Roadmap(
        id: UUID(uuidString: "00000000-0000-0000-0000-0000000000f2")!, code: "segur-2021-2023-r32",
        name: "Feuille de route Ségur du numérique 2021-2023 — Hauts-de-France", regionCode: "R32",
        startOn: "2021-01-01", endOn: "2023-12-31", status: .closed, archived: false, version: 1)
    static let tan = Territory(
        code: "TAN-LITTORAL", kind: .custom, name: "TAN Littoral", insee: "", parentCode: "R32", population: 696_641,
        decoupageID: UUID(uuidString: "00000000-0000-0000-0000-000000000001"))
    static let structure = Structure(
        id: UUID(uuidString: "00000000-0000-0000-0000-000000000002")!, finessET: "590000001", finessEJ: "590000010",
        legalEntityName: "CHU DE LILLE",
        siret: "26590000100017", rpps: nil, source: "finess", name: "CHU DE LILLE",
        longName: "CENTRE HOSPITALIER UNIVERSITAIRE DE LILLE", complement: "",
        address: "2 AV OSCAR LAMBRET", postalCode: "59037", city: "LILLE CEDEX", communeCode: "59350",
        communeName: "Lille", communeRaw: "59350",
        phone: "0320445962", categoryCode: "101", categoryLabel: "Centre Hospitalier Régional (C.H.R.)", couloir: "ES",
        openedOn: "1970-01-01",
        authorisedOn: "1970-01-01", closedOn: nil, sourceUpdatedOn: "2024-02-01", latitude: 50.6105, longitude: 3.0345,
        isDemo: false)

    static let currentRoadmap = Roadmap(
        id: UUID(uuidString: "00000000-0000-0000-0000-000000002027")!, code: "feuille-de-route-2023-2027-r32",
        name: "Feuille de route régionale du numérique en santé 2023-2027 — Hauts-de-France", regionCode: "R32",
        startOn: "2023-01-01", endOn: "2027-12-31", status: .running, archived: false, version: 1)

    @Test func homeForAPilote() throws {
        let model = HomeIndex.Model(
            role: .pilote, accountName: "Claude Exemple", today: Day(2026, 12, 2), hasGeography: true,
            roadmap: Self.currentRoadmap,
            objectives: [
                .init(number: 1, title: "Accélérer l'outillage numérique", late: 1, atRisk: 2, indicators: 15),
                .init(number: 3, title: "Renforcer la cybersécurité", late: 0, atRisk: 0, indicators: 7)
            ],
            notProvided: [.init(code: "I.4", label: "Centre de ressources « Cyber »")],
            dueActions: [
                .init(
                    fiche: "CYBER", ficheTitle: "Cybersécurité", number: 2, title: "Exercices de crise",
                    pilot: "ARS-HDF",
                    endOn: Day(2026, 11, 30), late: true)
            ],
            tasks: [.init(title: "Préparer le CRNS", due: Day(2026, 12, 10), late: false)],
            freshness: [
                .init(service: "DMP", lastPeriodEnd: Day(2026, 10, 31), stale: false),
                .init(service: "MES", lastPeriodEnd: Day(2026, 6, 30), stale: true)
            ],
            imports: [
                .init(
                    fileName: "dmp-octobre.csv", kind: "observations", at: Date(timeIntervalSince1970: 1_795_000_000),
                    changes: 6, undone: false)
            ],
            latestPhoto: ValidatedSnapshot(
                id: UUID(uuidString: "00000000-0000-0000-0000-000000001214")!,
                name: "Comité régional du numérique en santé du 14 décembre 2023", asOf: Day(2023, 12, 31),
                territory: "R32", couloir: nil, validatedBy: "Claude Exemple",
                validatedAt: Date(timeIntervalSince1970: 1_702_512_000), sha256: "", rowCount: 68, rows: []))
        try Self.assertSnapshot(HomeIndex.render(model), named: "home-pilote")
    }

    @Test func raciOverview() throws {
        let model = RACIOverview.Model(
            roadmap: Self.currentRoadmap, roadmapChoices: [Self.currentRoadmap], organisations: ["ARS", "AM", "GRADES"],
            services: ["DMP", "MES"], service: nil, audience: nil,
            lines: [
                .init(
                    service: "MES", ficheCode: "MES", ficheTitle: "Mon espace santé", audience: "MDV", actionNumber: 1,
                    actionTitle: "Promouvoir MES auprès des libéraux",
                    roles: ["ARS": "C/I", "AM": "A/R", "GRADES": "R/C"]),
                .init(
                    service: "MES", ficheCode: "MES", ficheTitle: "Mon espace santé", audience: "USAGERS",
                    actionNumber: 1,
                    actionTitle: "Promouvoir MES auprès des libéraux", roles: ["ARS": "A", "AM": "A/R"])
            ])
        try Self.assertSnapshot(RACIOverview.render(model), named: "raci-overview")
    }

    @Test func homeForAnAnimateur() throws {
        let model = HomeIndex.Model(
            role: .animateur, accountName: "Alex Exemple", today: Day(2026, 12, 2), hasGeography: true,
            roadmap: Self.currentRoadmap,
            reach: [
                .init(
                    territory: Self.tan,
                    byCouloir: [
                        .init(couloir: .es, reach: StructureReach(reached: 12, open: 40)),
                        .init(couloir: .pharma, reach: StructureReach(reached: 3, open: 120))
                    ])
            ],
            worklist: [
                WorklistItem(
                    id: UUID(uuidString: "00000000-0000-0000-0000-000000000059")!, key: "590000001",
                    name: "Centre hospitalier de Lille", city: "LILLE", category: "355", couloir: "ES", lastReached: nil
                )
            ],
            worklistTerritory: Self.tan)
        try Self.assertSnapshot(HomeIndex.render(model), named: "home-animateur")
    }

    @Test func territory() throws {
        let model = TerritoryShow.Model(
            territory: Self.r32,
            ancestors: [
                Territory(
                    code: "FR", kind: .country, name: "France", insee: "", parentCode: nil, population: 66_526_267,
                    decoupageID: nil)
            ],
            children: [
                Territory(
                    code: "D59", kind: .departement, name: "Nord", insee: "59", parentCode: "R32",
                    population: 2_608_346, decoupageID: nil)
            ],
            childrenTitle: "Départements", childrenTotal: 1, members: [], decoupage: nil,
            memberships: [.init(territory: Self.tan, communesInside: 272, communesTotal: 3_782)],
            openByCouloir: ["ES": 281, "BIO": 38], communeCount: 3_782)
        try Self.assertSnapshot(TerritoryShow.render(model), named: "territory")
    }

    @Test func structures() throws {
        var filter = StructureFilter()
        filter.territory = "TAN-LITTORAL"
        filter.couloir = .es
        let model = StructureIndex.Model(
            filter: filter, page: StructurePage(items: [Self.structure], total: 120, page: 2, perPage: 50),
            territory: Self.tan, unknownTerritory: nil,
            categories: [
                .init(
                    code: "101", label: "Centre Hospitalier Régional (C.H.R.)", aggregateCode: "1101", couloir: "ES",
                    defaultCouloir: "ES")
            ])
        try Self.assertSnapshot(StructureIndex.render(model), named: "structures")
    }

    @Test func structure() throws {
        let model = StructureShow.Model(structure: Self.structure, territories: [Self.r32, Self.tan])
        try Self.assertSnapshot(StructureShow.render(model), named: "structure")
    }
}

extension SnapshotTests {
    @Test func dashboard() throws {
        let row = RoadmapShow.Row(
            code: "O2-09", label: "Nb d'ES avec logiciel Ségur commandé", couloir: "ES", target: "50,0 %",
            due: "mi-2022",
            value: "29,9 %", valueDate: "30 juin 2022", realisation: "59,8 %", status: .enRetard,
            trend: [0.1, 0.2, 0.299], inconsistent: false,
            variations: Variations.of(
                levels: [(Day(2021, 6, 30), 0.1), (Day(2022, 5, 31), 0.2), (Day(2022, 6, 30), 0.299)],
                at: Day(2022, 6, 30), baseline: 0.05))
        let ok = RoadmapShow.Row(
            code: "O2-01", label: "Nb d'actions de communication", couloir: "TOUS", target: "24", due: "mi-2022",
            value: "28", valueDate: "30 juin 2022", realisation: "116,7 %", status: .atteint, trend: [5, 12, 28],
            inconsistent: true)
        let model = RoadmapShow.Model(
            roadmap: Self.closedRoadmap, roadmapChoices: [Self.roadmap, Self.closedRoadmap], at: Day(2022, 6, 30),
            territory: Self.r32,
            couloir: nil,
            objectives: [
                .init(
                    number: 2, title: "Acculturer, sensibiliser, informer l'écosystème",
                    fiches: [.init(code: "INFORMER-SENSIBILISER", title: "Informer/sensibiliser", rows: [ok, row])])
            ],
            territoryChoices: [Self.r32, Self.tan], showVariations: true)
        try Self.assertSnapshot(RoadmapShow.render(model), named: "dashboard")
    }

    @Test func fiche() throws {
        let action = "00000000-0000-0000-0000-0000000000aa"
        let model = FicheShow.Model(
            roadmap: Self.closedRoadmap, code: "DMP", title: "DMP",
            objective: "Objectif 3 — Accompagner le déploiement des services socles et encourager les usages",
            territory: Self.r32,
            at: Day(2022, 6, 30), objectivesText: "Généraliser l'alimentation du DMP", levers: "Financement SUN-ES",
            obstacles: "Éditeurs en retard",
            contacts: "Camille Exemple — GRADeS — animatrice",
            actions: [.init(id: action, number: 1, title: "Alimentation du DMP", status: "en_cours")],
            semesters: [.semester(2021, 2), .semester(2022, 1)], calendar: ["\(action)|2022-S1": 3],
            organisations: [("ARS", "Agence régionale de santé"), ("AM", "Assurance Maladie")],
            raci: ["\(action)|ARS|": "A", "\(action)|AM|ES": "R"],
            raciRows: [
                .init(actionID: action, actionNumber: 1, actionTitle: "Alimentation du DMP", audience: ""),
                .init(actionID: action, actionNumber: 1, actionTitle: "Alimentation du DMP", audience: "ES")
            ],
            indicators: [
                .init(
                    code: "O3-10", service: "DMP", couloir: "ES", label: "dont documents de sortie",
                    target: "Non définie (mi-2022)",
                    source: "CNAM (national)", photo: "données non fournies à ce jour", status: .sansCible)
            ],
            message: nil, error: nil)
        try Self.assertSnapshot(FicheShow.render(model), named: "fiche")
    }

    @Test func comparison() throws {
        let model = ComparisonShow.Model(
            roadmap: Self.closedRoadmap, roadmapChoices: [Self.roadmap, Self.closedRoadmap], at: Day(2022, 6, 30),
            couloir: .es, grouping: "TAN",
            groupings: [("departements", "Départements"), ("TAN", "TAN")],
            territories: [Self.tan, Self.r32],
            rows: [
                .init(
                    code: "O2-09", label: "Nb d'ES avec logiciel Ségur commandé", couloir: "ES",
                    cells: [.init(value: "45,5 %", status: .enRetard), .init(value: "29,9 %", status: .aRisque)])
            ])
        try Self.assertSnapshot(ComparisonShow.render(model), named: "comparison")
    }

    @Test func indicator() throws {
        let d = IndicatorDefinition(
            code: "O3-09", label: "Documents DMP par habitant", service: "DMP", couloir: .tous, source: "CNAM",
            kind: .perInhabitant, rollup: .ratio)
        let main = IndicatorShow.TerritoryRow(
            territory: Self.r32, rawValue: 1.05, rawTarget: 1.3, value: "1,05", target: "1,30 (mi-2022)",
            realisation: "80,7 %",
            projection: "—", status: .enRetard, provenance: "agrégation (ratio) des 5 territoires qui le composent",
            inconsistent: false)
        let model = IndicatorShow.Model(
            indicator: StoredIndicator(definition: d, unit: "", periodicity: "mensuelle"), at: Day(2022, 6, 30),
            territory: Self.r32,
            main: main, series: [(Day(2022, 4, 30), 0.98), (Day(2022, 5, 31), 1.02), (Day(2022, 6, 30), 1.05)],
            targets: [(Day(2022, 6, 30), 1.3)], trajectory: nil, rows: [main],
            observations: [
                .init(
                    subject: "D59", period: "juin 2022", value: "0,98", provenance: "import démonstration",
                    recordedAt: "24 novembre 2026")
            ],
            history: [], fiches: ["DMP"],
            variations: Variations.of(
                levels: [(Day(2021, 6, 30), 0.3), (Day(2022, 5, 31), 1.02), (Day(2022, 6, 30), 1.05)],
                at: Day(2022, 6, 30), baseline: 0.9))
        try Self.assertSnapshot(IndicatorShow.render(model), named: "indicator")
    }
}

extension SnapshotTests {
    @Test func roadmaps() throws {
        let model = RoadmapIndex.Model(
            entries: [
                .init(
                    roadmap: Self.roadmap, current: true,
                    objectives: [(1, "Accélérer l'outillage numérique", 1), (6, "Réduire la fracture numérique", nil)],
                    fiches: 11),
                .init(roadmap: Self.closedRoadmap, current: false, objectives: [], fiches: 14)
            ], templates: RoadmapTemplate.available, message: nil, error: nil)
        try Self.assertSnapshot(RoadmapIndex.render(model), named: "roadmaps")
    }
}

import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

@Suite(.serialized) struct HTTPTests {
    @Test(arguments: TestDB.all)
    func pagesAnswerInFrenchWithTheirData(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let home = try await app.get("/")
            #expect(home.status == .ok)
            #expect(home.headers.contentType == .html)
            #expect(home.body.contains("<html lang=\"fr\""))
            #expect(home.body.contains("Tableau de bord"))
            #expect(home.body.contains("Dernière photo à date validée"))

            // The referential counts are on the territories page.
            let tree = try await app.get("/territoires")
            #expect(tree.body.contains("Établissements de santé"))
            #expect(tree.body.contains("Le référentiel en chiffres"))
            #expect(tree.body.contains("Hauts-de-France (R32)"))
            #expect(tree.body.contains("/territoires/D59"))
            let search = try await app.get("/territoires?q=dunk")
            #expect(search.body.contains("/territoires/C59183"))
            // "%" and "_" typed by a user are characters, not wildcards.
            #expect(try await app.get("/territoires?q=%25").body.contains("Aucun territoire ne correspond."))
            #expect(try await app.get("/territoires?q=_").body.contains("Aucun territoire ne correspond."))

            let region = try await app.get("/territoires/R32")
            #expect(region.status == .ok)
            #expect(region.body.contains("466\u{202F}544"))  // 236 710 + 86 279 + 62 681 + 41 019 + 39 855
            #expect(region.body.contains("TAN Littoral"))
            #expect(region.body.contains("en partie"))

            let arrondissement = try await app.get("/territoires/C75114")
            #expect(arrondissement.status == .seeOther)
            #expect(arrondissement.headers.first(name: .location) == "/territoires/C75056")

            let custom = try await app.get("/territoires/TAN-LITTORAL")
            #expect(custom.body.contains("CU de Dunkerque"))
            #expect(custom.body.contains("Boulogne-sur-Mer"))

            let list = try await app.get("/structures?territoire=D59&couloir=ES")
            #expect(list.body.contains("CHU DE LILLE"))
            #expect(!list.body.contains("PHARMACIE"))
            #expect(list.body.contains("1 structure "))
            let closed = try await app.get("/structures?statut=fermees")
            #expect(closed.body.contains("EHPAD FERME"))
            #expect(!closed.body.contains("CHU DE LILLE"))
            let text = try await app.get("/structures?q=montsouris&statut=toutes")
            #expect(
                text.body.contains("PHARMACIE DU PARC MONTSOURIS") && text.body.contains("CENTRE DE SANTE MONTSOURIS"))

            let structure = try await app.get("/structures/590000001")
            #expect(structure.body.contains("CHU DE LILLE"))
            #expect(structure.body.contains("1er janvier 1970"))
            #expect(structure.body.contains("/territoires/C59350"))
            #expect(structure.body.contains("openstreetmap.org"))
            #expect(try await app.get("/structures/999999999").status == .notFound)
            let missing = try await app.get("/territoires/D00X")
            #expect(missing.status == .notFound)
            #expect(missing.body.contains("Territoire inconnu"))

            // Committees are built: the placeholder pages are gone, the menu leads to the register.
            #expect(try await app.get("/bientot/comites").status == .notFound)
            #expect(try await app.get("/").body.contains("href=\"/comites\""))
            #expect(try await app.get("/comites").body.contains("Aucun comité pour l&#39;instant"))
            #expect(try await app.get("/referentiels/categories").body.contains("Centre Hospitalier"))
        }
    }

    @Test(arguments: TestDB.all)
    func structuresCSVExportIsExcelFriendly(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let csv = try await app.get("/structures.csv?territoire=D59&statut=toutes")
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(csv.body.hasPrefix("\u{FEFF}finess_et;finess_ej;nom;"))
            let lines = csv.body.split(separator: "\r\n")
            #expect(lines.count == 1 + 4)
            #expect(csv.body.contains("\"EHPAD \"\"LES TILLEULS\"\" ; SITE NORD\""))
        }
    }

    @Test(arguments: TestDB.all)
    func decoupageEditorWorksWithPlainForms(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            // act: create a découpage, then a territory in it
            let created = try await app.post(
                "/decoupages", form: [("name", "GHT"), ("region", "R32"), ("description", "Zones de GHT")])
            #expect(created.status == .seeOther)
            #expect(created.headers.first(name: .location) == "/decoupages/GHT")
            let defined = try await app.post(
                "/decoupages/GHT",
                form: [("code", "GHT-LILLE"), ("name", "GHT Lille"), ("members", "E200093201\n62041")])
            #expect(defined.status == .seeOther)
            let page = try await app.get("/decoupages/GHT")
            #expect(page.body.contains("GHT-LILLE"))
            #expect(page.body.contains("340\u{202F}410"))  // 236 710 + 62 681 + 41 019
            // A wrong member comes back with the form filled in and a French message.
            let refused = try await app.post(
                "/decoupages/GHT", form: [("code", "GHT-X"), ("name", "GHT X"), ("members", "C99999")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Membres inconnus pour GHT-X"))
            #expect(refused.body.contains("value=\"GHT-X\""))
            // Delete
            let deleted = try await app.post("/decoupages/GHT/supprimer", form: [("code", "GHT-LILLE")])
            #expect(deleted.status == .seeOther)
            #expect(try await TerritoryQuery.find("GHT-LILLE", on: app.sql) == nil)
        }
    }

    @Test(arguments: TestDB.all)
    func couloirTableIsEditableAndReclassifies(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let r = try await app.post(
                "/referentiels/categories", form: [("couloir[101]", "AUTRES"), ("couloir[620]", "PHARMA")])
            #expect(r.status == .seeOther)
            #expect(try await StructureQuery.find("590000001", on: app.sql)?.couloir == "AUTRES")
            #expect(try await app.count("audit_events", where: "object_type = 'category'") == 1)
            let bad = try await app.post("/referentiels/categories", form: [("couloir[101]", "NIMPORTE")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Couloir inconnu"))
            let csv = try await app.get("/referentiels/categories.csv")
            #expect(csv.body.contains("101;Centre Hospitalier Régional (C.H.R.);1101;AUTRES;ES"))
        }
    }

    @Test(arguments: TestDB.all)
    func apiHealthAndMetrics(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let (hs, health) = try await app.getJSON("/healthz")
            #expect(hs == .ok)
            #expect((health as? [String: String]) == ["status": "ok"])

            let (_, list) = try await app.getJSON("/api/territories?parent=R32")
            #expect(
                (list as? [[String: Any]])?.compactMap { $0["code"] as? String }.sorted() == [
                    "D59", "D62", "E200033579", "E200093201", "E245900428", "TAN-LITTORAL"
                ])
            let (_, depts) = try await app.getJSON("/api/territories?kind=departement&parent=R32")
            #expect((depts as? [[String: Any]])?.count == 2)

            let (_, r32) = try await app.getJSON("/api/territories/R32")
            let region = try #require(r32 as? [String: Any])
            #expect(region["population"] as? Int == 466_544)
            #expect((region["structures"] as? [String: Int])?["ES"] == 1)

            let (_, page) = try await app.getJSON("/api/structures?territory=TAN-LITTORAL&couloir=MS")
            let p = try #require(page as? [String: Any])
            #expect(p["total"] as? Int == 1)
            #expect(((p["items"] as? [[String: Any]])?.first?["finess"] as? String) == "590000002")

            let (_, one) = try await app.getJSON("/api/structures/750000101")
            let s = try #require(one as? [String: Any])
            #expect((s["territories"] as? [String])?.contains("C75056") == true)

            let (bs, bad) = try await app.getJSON("/api/structures?status=partout")
            #expect(bs == .badRequest)
            #expect(((bad as? [String: String])?["error"])?.contains("Statut inconnu") == true)
            let (ns, _) = try await app.getJSON("/api/territories/NOPE")
            #expect(ns == .notFound)

            let metrics = try await app.get("/metrics")
            #expect(
                metrics.body.contains(
                    "jalon_http_requests_total{method=\"GET\",route=\"/api/territories/:code\",status=\"200\"}"))
            #expect(metrics.body.contains("jalon_http_request_duration_seconds_bucket"))
        }
    }
}

extension HTTPTests {
    /// Practices outside FINESS (a radiology practice known by its SIRET, as the RPPS import will
    /// create them) live in the same table and show everywhere structures do.
    @Test(arguments: TestDB.all)
    func structuresOutsideFinessAreFirstClass(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let id = UUID()
            let values: [any Encodable & Sendable] = [
                id, String?.none, "", "10001234567", "12345678900019", "rpps", "CABINET DE RADIOLOGIE DU BEFFROI", "",
                "", "1 place du Beffroi",
                "59140", "DUNKERQUE", "59183", "59183", "", "", "Cabinet de radiologie", "RADIO", "2010-01-01",
                String?.none, String?.none,
                String?.none, Double?.none, Double?.none, false, "", Date(), Date()
            ]
            try await app.sql.insertBatched(into: "structures", columns: FinessImporter.columns, rows: [values])
            let counts = try await StructureQuery.countsByCouloir(territory: "TAN-LITTORAL", on: app.sql)
            #expect(counts["RADIO"] == 1)
            let page = try await app.get("/structures/\(id.uuidString.lowercased())")
            #expect(page.status == .ok)
            #expect(page.body.contains("CABINET DE RADIOLOGIE DU BEFFROI"))
            let list = try await app.get("/structures?couloir=RADIO")
            #expect(list.body.contains("/structures/\(id.uuidString.lowercased())"))
        }
    }
}

import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// Organisations and contacts: CSV in and out, duplicates found and merged, who to contact per territory.
@Suite(.serialized) struct DirectoryTests {
    static let organisations = """
        code;nom;type;territoires
        ARS-HDF;ARS Hauts-de-France;ars;R32
        CPAM-LILLE;CPAM Lille-Douai;cpam;D59
        CPAM-ARTOIS;CPAM de l'Artois;cpam;D62
        GRADES-HDF;GRADeS Hauts-de-France;grades;R32
        """
    // Fictitious people only.
    static let contacts = """
        civilite;prenom;nom;fonction;organisation;structure;email;telephone;roles;territoires;consentement
        Mme;Camille;Exemple;Animatrice territoriale;GRADES-HDF;;camille.exemple@example.org;03 00 00 00 01;\
        animateur territorial;TAN-LITTORAL;oui
        M.;Dominique;Essai;Référent e-santé;CPAM-LILLE;;dominique.essai@example.org;;\
        référent e-santé CPAM|référent INS;D59;non
        Mme;Camille;EXEMPLE;Animatrice;GRADES-HDF;;c.exemple@example.org;;animateur territorial;D62;oui
        """

    @Test(arguments: TestDB.all)
    func directoryInOutDuplicatesAndWhoToContact(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let o = try await app.db.sqlTransaction { db in
                try await ImportKind.organisations.run(
                    ImportFile(name: "orgs.csv", data: Data(Self.organisations.utf8)), mode: .commit, on: db,
                    actor: .system)
            }
            #expect(o.changes == 4)
            let again = try await app.db.sqlTransaction { db in
                try await ImportKind.organisations.run(
                    ImportFile(name: "orgs.csv", data: Data(Self.organisations.utf8)), mode: .commit, on: db,
                    actor: .system)
            }
            #expect(again.changes == 0 && again.unchanged == 4)
            let c = try await app.db.sqlTransaction { db in
                try await ImportKind.contacts.run(
                    ImportFile(name: "contacts.csv", data: Data(Self.contacts.utf8)), mode: .commit, on: db,
                    actor: .system)
            }
            #expect(c.changes == 3)
            // re-importing the same file: e-mails already known, nothing added
            let c2 = try await app.db.sqlTransaction { db in
                try await ImportKind.contacts.run(
                    ImportFile(name: "contacts.csv", data: Data(Self.contacts.utf8)), mode: .commit, on: db,
                    actor: .system)
            }
            #expect(c2.changes == 0 && c2.unchanged == 3)
            // an unknown organisation refuses the whole file, naming the line
            await #expect(throws: ServiceError.self) {
                _ = try await app.db.sqlTransaction { db in
                    try await ImportKind.contacts.run(
                        ImportFile(
                            name: "x.csv",
                            data: Data("prenom;nom;organisation;email\nA;B;INCONNUE;a.b@example.org\n".utf8)),
                        mode: .commit, on: db, actor: .system)
                }
            }
            #expect(try await app.count("contacts") == 3)
            // the same name at the same organisation: a probable duplicate, merged keeping territories, roles and
            // the opt-out
            let dups = try await DirectoryService.duplicates(on: app.sql)
            #expect(dups.count == 1 && dups[0].reason == "même nom, même organisation")
            let page = try await app.get("/annuaire")
            #expect(page.body.contains("Doublons probables (1)"))
            let merged = try await app.post(
                "/annuaire/fusion", form: [("keep", dups[0].keep.uuidString), ("other", dups[0].other.uuidString)])
            #expect(merged.status == .seeOther)
            #expect(try await app.count("contacts") == 2)
            let camille = try #require(
                try await DirectoryQuery.contacts(on: app.sql).first { $0.email == "camille.exemple@example.org" })
            #expect(Set(camille.territories) == ["TAN-LITTORAL", "D62"])
            #expect(try await DirectoryService.duplicates(on: app.sql).isEmpty)
            // CSV out reads back in unchanged
            let csv = try await app.get("/annuaire/contacts.csv")
            #expect(csv.body.contains("Dominique;Essai;Référent e-santé;CPAM-LILLE;;dominique.essai@example.org"))
            // who to contact per TAN; which CPAM covers which TAN
            let who = try await app.get("/annuaire/qui-contacter?decoupage=TAN")
            #expect(
                who.status == .ok && who.body.contains("Camille Exemple") && who.body.contains("CPAM × territoires"))
            #expect(who.body.contains("CPAM Lille-Douai"))
            // the forms of the page
            #expect(
                try await app.post(
                    "/annuaire/organisations",
                    form: [
                        ("code", "urps-ml"), ("name", "URPS Médecins libéraux"), ("kind", "urps"),
                        ("territories", "R32")
                    ]
                ).status == .seeOther)
            #expect(
                try await DirectoryQuery.organisations(on: app.sql).contains {
                    $0.code == "URPS-ML" && $0.territories == ["R32"]
                })
            #expect(
                try await app.post(
                    "/annuaire/contacts",
                    form: [
                        ("first_name", "Sacha"), ("last_name", "Modèle"), ("organisation", "URPS-ML"),
                        ("email", "sacha.modele@example.org"), ("roles", "DSI, RSSI"), ("mailing_consent", "1")
                    ]
                ).status == .seeOther)
            #expect(
                try await app.post(
                    "/annuaire/contacts",
                    form: [
                        ("first_name", "Lou"), ("last_name", "Fictif"), ("function", "DSI"), ("structure", "590000001"),
                        ("email", "lou.fictif@example.org")
                    ]
                ).status == .seeOther)
            #expect(try await app.get("/structures/590000001").body.contains("Lou Fictif"))
            let bad = try await app.post("/annuaire/contacts", form: [("last_name", "X"), ("email", "pas-une-adresse")])
            #expect(bad.status == .unprocessableEntity && bad.body.contains("Adresse électronique invalide"))
            // the API lists them
            let (status, list) = try await app.getJSON("/api/contacts")
            #expect(status == .ok && (list as? [[String: Any]])?.count == 4)
        }
    }
}

/// The audit trail: searchable, exportable, and an activity's page shows its own history.
@Suite(.serialized) struct AuditTrailTests {
    @Test(arguments: TestDB.all)
    func everyWriteIsFoundInTheTrailAndOnItsObject(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            _ = try await app.importActivityJournal()
            _ = try await app.importActivityJournal(
                Seed.activityJournal.replacingOccurrences(of: ";4;ARS", with: ";5;ARS"))
            let page = try await app.get("/audit?objet=activity")
            #expect(
                page.status == .ok && page.body.contains("4 événement(s)")
                    && page.body.contains("Visite MSSanté au CH"))
            let csv = try await app.get("/audit.csv?action=update")
            #expect(csv.body.hasPrefix("\u{FEFF}date;acteur;adresse;action;objet;identifiant;resume;details\r\n"))
            #expect(csv.body.components(separatedBy: "\r\n").filter { $0.contains(";update;activity;") }.count == 1)
            let visit = try #require(
                try await ActivityQuery.page(.init(), on: app.sql).rows.first { $0.title == "Visite MSSanté au CH" })
            let detail = try await app.get("/activites/\(visit.id.uuidString.lowercased())")
            #expect(
                detail.body.contains("Historique") && detail.body.contains("création")
                    && detail.body.contains("modification"))
            #expect(try await app.get("/audit?q=%25'%3B--").status == .ok)
        }
    }
}

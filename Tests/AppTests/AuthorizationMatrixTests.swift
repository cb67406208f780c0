import Foundation
import JalonCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Every route of the route table × every role (and nobody), then every territorial write × in
/// and out of the account's territories. Generated from `app.routes.all`: a new route without an
/// access rule, or a new territorial write without its in/out case below, fails here.
@Suite struct AuthorizationMatrixTests {
    /// A request of the territorial part: `in` must pass the rights, `out` must be refused.
    struct Case {
        var role: Role
        var inside: Request
        var outside: Request
        /// How a refusal shows: 403 for a write, a rejected line for an import's preview.
        var refusalIsRejectedLine = false
    }

    struct Request {
        var method: HTTPMethod
        var path: String
        var contentType: String
        var body: String
    }

    static func form(_ path: String, _ fields: [(String, String)]) -> Request {
        .init(
            method: .POST, path: path, contentType: "application/x-www-form-urlencoded",
            body: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(
                separator: "&"))
    }

    static func json(_ path: String, _ body: String, method: HTTPMethod = .POST) -> Request {
        .init(method: method, path: path, contentType: "application/json", body: body)
    }

    static func multipart(_ path: String, file: String, content: String, fields: [(String, String)] = []) -> Request {
        .init(
            method: .POST, path: path, contentType: Multipart.contentType,
            body: Multipart.body(fields: fields, file: file, content: content))
    }

    /// Routes that write in a territorial area but whose in/out rule is exercised elsewhere, with why.
    static let coveredElsewhere: [String: String] = [
        "POST /imports/apercus/:id":
            "la validation relit le fichier avec les mêmes droits que l'aperçu (cas /imports ci-dessous)",
        "POST /imports/profils/:name": "tester un profil n'écrit rien ; les lignes sont vérifiées à l'import",
        "POST /comites/reunions/:id/dossiers":
            "le dossier passe par MeetingService.writable, comme POST /comites/reunions/:id ci-dessous "
            + "(PackServiceTests : le lecteur ne génère pas)",
        "POST /api/meetings/:id/pack": "même contrôle que POST /comites/reunions/:id/dossiers"
    ]

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    static func concrete(_ route: Route) -> String {
        "/"
            + route.path.map { c -> String in
                if case .parameter(let name) = c {
                    switch name {
                    case "slug": return "comites"
                    case "name": return "insi-secteurs"
                    default: return "ZZZ-\(name)"
                    }
                }
                return c.description
            }.joined(separator: "/")
    }

    static func seeded<T>(
        _ db: TestDB, _ body: (Application, [String: Credentials], [String: String]) async throws -> T
    ) async throws -> T {
        try await Seed.activityStructures(db) { app in
            try await app.createRoadmap()
            _ = try await app.importActivityJournal(
                """
                date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs
                2022-03-01;Visite sur site;Visite Nord;MSS;ES;D59;T00000ES1;3;ARS
                2022-03-02;Visite sur site;Visite Pas-de-Calais;MSS;ES;D62;T00000ES4;3;ARS
                """)
            var ids: [String: String] = [:]
            for a in try await ActivityQuery.page(.init(), on: app.sql).rows {
                ids[a.title] = a.id.uuidString.lowercased()
            }
            for code in ["D59", "D62"] {
                ids["tache-" + code] = try await app.db.sqlTransaction { db in
                    try await TaskService.create(
                        .init(title: "Relancer", assignee: "", due: "", action: "", territory: code), on: db,
                        actor: .system
                    ).uuidString.lowercased()
                }
            }
            // A COTAN inside the animateur's territory and one outside, each with a meeting, a member and a decision.
            for code in ["D59", "D62"] {
                let (meeting, decision) = try await app.db.sqlTransaction { db -> (UUID, UUID) in
                    let committee = "cotan-" + code.lowercased()
                    _ = try await CommitteeService.create(
                        .init(
                            name: "COTAN \(code)", kind: "cotan", territory: code, frequency: "2 par an",
                            code: committee),
                        on: db, actor: .system)
                    let meeting = try await CommitteeService.planMeeting(
                        committee,
                        .init(
                            day: "2027-04-13", startTime: "", durationMinutes: "", place: "", videoURL: "", status: ""),
                        on: db, actor: .system)
                    let member = try await DirectoryService.createContact(
                        .init(
                            firstName: "Membre", lastName: code, email: "membre.\(code.lowercased())@example.invalid"),
                        on: db, actor: .system)
                    try await CommitteeService.setMember(
                        committee, contact: member, role: "membre", on: db, actor: .system)
                    let decision = try await MeetingService.addDecision(
                        meeting, .init(text: "Relancer"), on: db, actor: .system)
                    return (meeting, decision)
                }
                ids["reunion-" + code] = meeting.uuidString.lowercased()
                ids["decision-" + code] = decision.uuidString.lowercased()
            }
            var who: [String: Credentials] = [:]
            who["administrateur"] = try await app.signIn(.administrateur)
            who["pilote"] = try await app.signIn(.pilote)
            who["animateur"] = try await app.signIn(.animateur, territories: ["D59"])
            who["contributeur"] = try await app.signIn(.contributeur, indicators: ["O3-18"])
            who["lecteur"] = try await app.signIn(.lecteur)
            return try await body(app, who, ids)
        }
    }

    static func send(_ app: Application, _ r: Request, as who: Credentials?) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": r.contentType]
        for (n, v) in who?.headers ?? [:] { headers.add(name: n, value: v) }
        var body = r.body
        // The sign-in form is posted as a browser posts it: with the token of the form it was opened from.
        if r.method == .POST && r.path == SiteURL.login.path {
            let form = try await app.signInForm()
            headers.replaceOrAdd(
                name: .cookie,
                value: [headers.first(name: .cookie), form.cookie].compactMap { $0 }.joined(separator: "; "))
            body += "&\(SessionController.loginTokenField)=\(form.token)"
        }
        return try await app.testing().sendRequest(r.method, r.path, headers: headers, body: ByteBuffer(string: body))
    }

    @Test(arguments: TestDB.all)
    func everyRouteAnswersEveryRoleAsItsRuleSays(db: TestDB) async throws {
        try await Self.seeded(db) { app, who, _ in
            // Signing out last: it closes the session the other requests use.
            let routes = app.routes.all.sorted {
                (Self.key($0) == "POST /deconnexion" ? 1 : 0, Self.key($0)) < (
                    Self.key($1) == "POST /deconnexion" ? 1 : 0, Self.key($1)
                )
            }
            #expect(routes.count > 100)
            for route in routes {
                let key = Self.key(route)
                guard let access = route.access else {
                    Issue.record("\(key) n'a pas de règle d'accès dans routes.swift")
                    continue
                }
                let isAPI = key.contains(" /api/")
                let request = Request(
                    method: route.method, path: Self.concrete(route),
                    contentType: isAPI ? "application/json" : "application/x-www-form-urlencoded",
                    body: route.method == .GET ? "" : (isAPI ? "{}" : "x=1"))
                let anonymous = try await Self.send(app, request, as: nil)
                if access == .anonymous {
                    #expect(anonymous.status != .forbidden, "\(key) sans compte")
                } else if route.method == .GET && !isAPI {
                    #expect(
                        anonymous.status == .seeOther
                            && anonymous.headers.first(name: .location)?.hasPrefix("/connexion?suite=") == true,
                        "\(key) sans compte → \(anonymous.status)")
                } else {
                    #expect(anonymous.status == .unauthorized, "\(key) sans compte → \(anonymous.status)")
                }
                for role in Role.allCases {
                    let r = try await Self.send(app, request, as: who[role.rawValue])
                    if access == .anonymous {
                        // The sign-in form answers 401 to wrong credentials, whoever asks.
                        #expect(r.status != .forbidden, "\(key) en \(role.rawValue) → \(r.status)")
                    } else if access.allows(role) {
                        #expect(
                            r.status != .forbidden && r.status != .unauthorized,
                            "\(key) en \(role.rawValue) → \(r.status) \(r.body.string.prefix(300))")
                    } else {
                        #expect(r.status == .forbidden, "\(key) en \(role.rawValue) → \(r.status)")
                        #expect(r.body.string.contains("Accès refusé"), "\(key) en \(role.rawValue) : message")
                    }
                }
            }
        }
    }

    @Test(arguments: TestDB.all)
    func territorialWritesStayInsideTheAccountsTerritories(db: TestDB) async throws {
        try await Self.seeded(db) { app, who, ids in
            let nord = ids["Visite Nord"]!
            let pdc = ids["Visite Pas-de-Calais"]!
            func activity(_ territory: String, _ structure: String) -> [(String, String)] {
                [
                    ("date", "2022-05-02"), ("type", "Visite sur site"), ("title", "Visite \(territory)"),
                    ("territories", territory), ("structures", structure)
                ]
            }
            func observationCSV(_ indicator: String, _ structure: String) -> String {
                "indicateur;structure;periode;valeur\n\(indicator);\(structure);2022-05;1\n"
            }
            let cases: [String: [Case]] = [
                "POST /activites/nouvelle": [
                    .init(
                        role: .animateur, inside: Self.form("/activites/nouvelle", activity("D59", "T00000ES1")),
                        outside: Self.form("/activites/nouvelle", activity("D62", "T00000ES4")))
                ],
                "POST /activites/:id/pieces": [
                    .init(
                        role: .animateur,
                        inside: Self.multipart("/activites/\(nord)/pieces", file: "cr.txt", content: "compte rendu"),
                        outside: Self.multipart("/activites/\(pdc)/pieces", file: "cr.txt", content: "compte rendu"))
                ],
                "POST /annuaire/contacts": [
                    .init(
                        role: .animateur,
                        inside: Self.form("/annuaire/contacts", [("last_name", "Exemple"), ("territories", "D59")]),
                        outside: Self.form("/annuaire/contacts", [("last_name", "Exemple"), ("territories", "D62")]))
                ],
                "POST /taches": [
                    .init(
                        role: .animateur, inside: Self.form("/taches", [("title", "Appeler"), ("territory", "D59")]),
                        outside: Self.form("/taches", [("title", "Appeler"), ("territory", "D62")]))
                ],
                "POST /taches/:id/statut": [
                    .init(
                        role: .animateur,
                        inside: Self.form("/taches/\(ids["tache-D59"]!)/statut", [("status", "fait")]),
                        outside: Self.form("/taches/\(ids["tache-D62"]!)/statut", [("status", "fait")]))
                ],
                "POST /saisie": [
                    .init(
                        role: .animateur,
                        inside: Self.form(
                            "/saisie",
                            [
                                ("kind", "observation"), ("indicator", "O3-18"), ("structure", "T00000ES1"),
                                ("period", "2022-05"), ("value", "1")
                            ]),
                        outside: Self.form(
                            "/saisie",
                            [
                                ("kind", "observation"), ("indicator", "O3-18"), ("structure", "T00000ES4"),
                                ("period", "2022-05"), ("value", "1")
                            ])),
                    .init(
                        role: .contributeur,
                        inside: Self.form(
                            "/saisie",
                            [
                                ("kind", "observation"), ("indicator", "O3-18"), ("territory", "D62"),
                                ("period", "2022-05"), ("value", "1")
                            ]),
                        outside: Self.form(
                            "/saisie",
                            [
                                ("kind", "observation"), ("indicator", "O3-20"), ("territory", "D62"),
                                ("period", "2022-05"), ("value", "1")
                            ]))
                ],
                "POST /imports": [
                    .init(
                        role: .animateur,
                        inside: Self.multipart(
                            "/imports", file: "a.csv", content: observationCSV("O3-18", "T00000ES1"),
                            fields: [("kind", "observations")]),
                        outside: Self.multipart(
                            "/imports", file: "a.csv", content: observationCSV("O3-18", "T00000ES4"),
                            fields: [("kind", "observations")]), refusalIsRejectedLine: true),
                    .init(
                        role: .contributeur,
                        inside: Self.multipart(
                            "/imports", file: "a.csv", content: observationCSV("O3-18", "T00000ES4"),
                            fields: [("kind", "observations")]),
                        outside: Self.multipart(
                            "/imports", file: "a.csv", content: observationCSV("O3-20", "T00000ES4"),
                            fields: [("kind", "observations")]), refusalIsRejectedLine: true)
                ],
                "POST /api/observations": [
                    .init(
                        role: .animateur,
                        inside: Self.json(
                            "/api/observations",
                            #"[{"indicator":"O3-18","structure":"T00000ES1","period":"2022-06","value":"1"}]"#),
                        outside: Self.json(
                            "/api/observations",
                            #"[{"indicator":"O3-18","structure":"T00000ES4","period":"2022-06","value":"1"}]"#)),
                    .init(
                        role: .contributeur,
                        inside: Self.json(
                            "/api/observations",
                            #"[{"indicator":"O3-18","territory":"D62","period":"2022-06","value":"1"}]"#),
                        outside: Self.json(
                            "/api/observations",
                            #"[{"indicator":"O3-20","territory":"D62","period":"2022-06","value":"1"}]"#))
                ],
                "POST /api/imports": [
                    .init(
                        role: .animateur,
                        inside: .init(
                            method: .POST, path: "/api/imports?dry_run=true&file=a.csv", contentType: "text/csv",
                            body: observationCSV("O3-18", "T00000ES1")),
                        outside: .init(
                            method: .POST, path: "/api/imports?dry_run=true&file=a.csv", contentType: "text/csv",
                            body: observationCSV("O3-18", "T00000ES4")),
                        refusalIsRejectedLine: true)
                ],
                "POST /api/activities": [
                    .init(
                        role: .animateur,
                        inside: Self.json(
                            "/api/activities",
                            #"{"date":"2022-05-03","type":"Visite sur site","title":"API Nord","#
                                + #""territories":["D59"]}"#),
                        outside: Self.json(
                            "/api/activities",
                            #"{"date":"2022-05-03","type":"Visite sur site","title":"API PdC","territories":["D62"]}"#))
                ],
                "POST /comites": [
                    .init(
                        role: .animateur,
                        inside: Self.form(
                            "/comites",
                            [
                                ("name", "COTAN Nord bis"), ("kind", "cotan"), ("frequency", "2 par an"),
                                ("territory", "D59")
                            ]),
                        outside: Self.form(
                            "/comites",
                            [
                                ("name", "COTAN PdC bis"), ("kind", "cotan"), ("frequency", "2 par an"),
                                ("territory", "D62")
                            ]))
                ],
                "POST /comites/:code": [
                    .init(
                        role: .animateur,
                        inside: Self.form("/comites/cotan-d59", [("section", "programme"), ("year", "2028")]),
                        outside: Self.form("/comites/cotan-d62", [("section", "programme"), ("year", "2028")]))
                ],
                "POST /comites/reunions/:id": [
                    .init(
                        role: .animateur,
                        inside: Self.form(
                            "/comites/reunions/\(ids["reunion-D59"]!)",
                            [("section", "agenda"), ("item", "10 min | Point")]),
                        outside: Self.form(
                            "/comites/reunions/\(ids["reunion-D62"]!)",
                            [("section", "agenda"), ("item", "10 min | Point")]))
                ],
                "POST /api/committees": [
                    .init(
                        role: .animateur,
                        inside: Self.json(
                            "/api/committees",
                            #"{"name":"COTAN API Nord","kind":"cotan","frequency":"2 par an","territory":"D59"}"#),
                        outside: Self.json(
                            "/api/committees",
                            #"{"name":"COTAN API PdC","kind":"cotan","frequency":"2 par an","territory":"D62"}"#))
                ],
                "POST /api/committees/:code/meetings": [
                    .init(
                        role: .animateur,
                        inside: Self.json("/api/committees/cotan-d59/meetings", #"{"day":"2027-05-04"}"#),
                        outside: Self.json("/api/committees/cotan-d62/meetings", #"{"day":"2027-05-04"}"#))
                ],
                "POST /api/committees/:code/programme": [
                    .init(
                        role: .animateur, inside: Self.json("/api/committees/cotan-d59/programme", #"{"year":2029}"#),
                        outside: Self.json("/api/committees/cotan-d62/programme", #"{"year":2029}"#))
                ],
                "PATCH /api/meetings/:id": [
                    .init(
                        role: .animateur,
                        inside: Self.json(
                            "/api/meetings/\(ids["reunion-D59"]!)", #"{"place":"Lille"}"#, method: .PATCH),
                        outside: Self.json(
                            "/api/meetings/\(ids["reunion-D62"]!)", #"{"place":"Arras"}"#, method: .PATCH))
                ],
                "POST /api/meetings/:id/agenda": [
                    .init(
                        role: .animateur,
                        inside: Self.json(
                            "/api/meetings/\(ids["reunion-D59"]!)/agenda", #"{"title":"Point","duration_minutes":10}"#),
                        outside: Self.json(
                            "/api/meetings/\(ids["reunion-D62"]!)/agenda", #"{"title":"Point","duration_minutes":10}"#))
                ],
                "POST /api/meetings/:id/attendance": [
                    .init(
                        role: .animateur,
                        inside: Self.json(
                            "/api/meetings/\(ids["reunion-D59"]!)/attendance", #"{"invite_members":true}"#),
                        outside: Self.json(
                            "/api/meetings/\(ids["reunion-D62"]!)/attendance", #"{"invite_members":true}"#))
                ],
                "POST /api/meetings/:id/minutes": [
                    .init(
                        role: .animateur,
                        inside: Self.json("/api/meetings/\(ids["reunion-D59"]!)/minutes", #"{"text":"Tour de table"}"#),
                        outside: Self.json("/api/meetings/\(ids["reunion-D62"]!)/minutes", #"{"text":"Tour de table"}"#)
                    )
                ],
                "POST /api/meetings/:id/decisions": [
                    .init(
                        role: .animateur,
                        inside: Self.json("/api/meetings/\(ids["reunion-D59"]!)/decisions", #"{"text":"Relancer"}"#),
                        outside: Self.json("/api/meetings/\(ids["reunion-D62"]!)/decisions", #"{"text":"Relancer"}"#))
                ],
                "PATCH /api/decisions/:id": [
                    .init(
                        role: .animateur,
                        inside: Self.json(
                            "/api/decisions/\(ids["decision-D59"]!)", #"{"status":"realisee"}"#, method: .PATCH),
                        outside: Self.json(
                            "/api/decisions/\(ids["decision-D62"]!)", #"{"status":"realisee"}"#, method: .PATCH))
                ],
                "POST /api/contacts": [
                    .init(
                        role: .animateur,
                        inside: Self.json(
                            "/api/contacts", #"{"first_name":"A","last_name":"Exemple","territories":["D59"]}"#),
                        outside: Self.json(
                            "/api/contacts", #"{"first_name":"B","last_name":"Exemple","territories":["D62"]}"#))
                ]
            ]
            let territorial: Set<Area> = [.activities, .committees, .contacts, .observations, .tasks]
            for route in app.routes.all {
                guard case .write(let area)? = route.access, territorial.contains(area) else { continue }
                let key = Self.key(route)
                guard let list = cases[key] else {
                    #expect(
                        Self.coveredElsewhere[key] != nil,
                        "\(key) écrit dans un domaine territorial sans cas dedans/dehors dans ce test")
                    continue
                }
                for c in list {
                    let creds = who[c.role.rawValue]!
                    let inside = try await Self.send(app, c.inside, as: creds)
                    let insideBody = inside.body.string.prefix(400)
                    #expect(
                        inside.status.code < 400,
                        "\(key) dans le périmètre (\(c.role.rawValue)) → \(inside.status) \(insideBody)")
                    #expect(
                        !inside.body.string.contains("Hors de vos territoires")
                            && !inside.body.string.contains("ne vous est pas attribué"), "\(key) dedans")
                    let outside = try await Self.send(app, c.outside, as: creds)
                    let refusal =
                        outside.body.string.contains("Hors de vos territoires")
                        || outside.body.string.contains("ne vous est pas attribué")
                    let outsideBody = outside.body.string.prefix(300)
                    if c.refusalIsRejectedLine {
                        #expect(
                            outside.status.code < 500 && refusal,
                            "\(key) hors périmètre (\(c.role.rawValue)) → \(outside.status) \(outsideBody)")
                    } else {
                        #expect(
                            outside.status == .forbidden && refusal,
                            "\(key) hors périmètre (\(c.role.rawValue)) → \(outside.status) \(outsideBody)")
                    }
                    // A pilote may do both.
                    let pilote = try await Self.send(app, c.outside, as: who["pilote"])
                    #expect(pilote.status != .forbidden, "\(key) hors périmètre en pilote → \(pilote.status)")
                }
            }
        }
    }
}

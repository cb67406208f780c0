import JalonCore

/// The committees' part of the OpenAPI document: the register, meetings, agenda, attendance, minutes,
/// decisions and packs. Examples chain in the order the contract test sends them: the committee, its
/// meeting (`{meeting}`), then what happens in it.
extension OpenAPI {
    static func values<Value: RawRepresentable>(_ cases: [Value]) -> [String] where Value.RawValue == String {
        cases.map(\.rawValue)
    }

    static var committeeSchemas: JSON {
        let subject =
            [
                "type": "object", "nullable": true,
                "properties": [
                    "kind": ["type": "string", "enum": values(MeetingSubjectKind.allCases)] as JSON, "code": string()
                ],
                "required": ["kind", "code"]
            ] as JSON
        return [
            "Committee": object(
                [
                    "code": string(), "name": string(),
                    "kind": ["type": "string", "enum": values(CommitteeKind.allCases)], "kind_label": string(),
                    "frequency": string("3 par an, mensuelle, toutes les 6 semaines…"),
                    "territory": string("Le TAN d'un COTAN", nullable: true), "organisations": array(string()),
                    "version": integer
                ], required: ["code", "name", "kind", "kind_label", "frequency", "organisations", "version"]),
            "CommitteeDetail": object(
                [
                    "committee": ref("Committee"), "objectives": string(),
                    "agenda_template": array(ref("AgendaTemplateItem")),
                    "members": array(
                        object(
                            [
                                "contact": string(), "name": string(), "function": string(), "role": string(),
                                "organisation": string(nullable: true)
                            ], required: ["contact", "name", "function", "role"])),
                    "follows": array(string("Code d'une fiche suivie : le dossier n'en montre que les indicateurs")),
                    "meetings": array(ref("Meeting")), "open_decisions": array(ref("Decision"))
                ],
                required: [
                    "committee", "objectives", "agenda_template", "members", "follows", "meetings", "open_decisions"
                ]),
            "AgendaTemplateItem": object(
                ["duration_minutes": integer, "title": string(), "speakers": string()],
                required: ["duration_minutes", "title", "speakers"]),
            "Meeting": object(
                [
                    "id": string(), "committee": string(), "day": string("AAAA-MM-JJ"), "start_time": string("HH:MM"),
                    "duration_minutes": integer, "place": string(), "video_url": string(),
                    "status": ["type": "string", "enum": values(MeetingStatus.allCases)],
                    "minutes_status": ["type": "string", "enum": values(MinutesStatus.allCases)], "version": integer
                ],
                required: [
                    "id", "committee", "day", "start_time", "duration_minutes", "place", "video_url", "status",
                    "minutes_status", "version"
                ]),
            "Decision": object(
                [
                    "id": string(), "meeting": string(), "meeting_day": string(), "text": string(), "owner": string(),
                    "status": ["type": "string", "enum": values(DecisionStatus.allCases)],
                    "due_on": string(nullable: true), "subject": subject,
                    "task": string("La tâche du tableau qui la suit", nullable: true)
                ], required: ["id", "meeting", "meeting_day", "text", "owner", "status"]),
            "AgendaItem": object(
                [
                    "id": string(), "duration_minutes": integer, "title": string(), "speakers": string(),
                    "subject": subject
                ], required: ["id", "duration_minutes", "title", "speakers"]),
            "Attendee": object(
                [
                    "contact": string(), "name": string(), "function": string(),
                    "presence": ["type": "string", "enum": values(Presence.allCases)], "represented_by": string(),
                    "organisation": string(nullable: true)
                ], required: ["contact", "name", "function", "presence", "represented_by"]),
            "Minutes": object(
                [
                    "status": ["type": "string", "enum": values(MinutesStatus.allCases)],
                    "text": string("Absent d'un brouillon pour qui ne peut pas écrire le comité", nullable: true),
                    "version": integer
                ], required: ["status", "version"]),
            "Pack": object(
                [
                    "id": string(), "created_at": string(), "created_by": string(),
                    "photo": string("La photo à date validée dont il est tiré"), "photo_sha256": string(),
                    "html_sha256": string(), "pdf_sha256": string(), "pages": integer,
                    "sections": array(["type": "string", "enum": values(PackSection.allCases)]),
                    "focus": array(string()), "pdf": string(), "html": string(), "xlsx": string()
                ],
                required: [
                    "id", "created_at", "created_by", "photo", "photo_sha256", "html_sha256", "pdf_sha256", "pages",
                    "sections", "focus", "pdf", "html", "xlsx"
                ]),
            "MeetingDetail": object(
                [
                    "meeting": ref("Meeting"), "committee_name": string(), "agenda": array(ref("AgendaItem")),
                    "attendance": array(ref("Attendee")), "minutes": ref("Minutes"),
                    "decisions": array(ref("Decision")), "open_decisions_before": array(ref("Decision")),
                    "packs": array(ref("Pack"))
                ],
                required: [
                    "meeting", "committee_name", "agenda", "attendance", "minutes", "decisions",
                    "open_decisions_before", "packs"
                ])
        ]
    }

    /// 403, 404, 409 and 422 of a committee write, each with its French message.
    static var committeeRefusals: JSON {
        [
            "400": refused("Corps de requête illisible"),
            "403": refused("Rôle sans droit d'écriture sur les comités, ou COTAN hors de vos territoires"),
            "404": refused("Comité, réunion ou décision inconnus"),
            "409": refused("Version périmée, ou compte rendu approuvé (à rouvrir avec un motif)"),
            "422": refused("Valeur refusée : le message nomme le champ")
        ]
    }

    static func responses(_ status: String, _ schema: JSON, _ description: String) -> JSON {
        committeeRefusals.merging([status: ok(schema, description)]) { _, new in new }
    }

    static var committeePaths: JSON {
        [
            "/api/committees": [
                "get": [
                    "summary": "Registre des comités", "operationId": "listCommittees",
                    "responses": ["200": ok(array(ref("Committee")), "Comités")]
                ],
                "post": [
                    "summary": "Crée un comité avec ses membres (contacts par identifiant ou adresse électronique)",
                    "operationId": "createCommittee",
                    "requestBody": body(
                        object(
                            [
                                "code": string("Le slug du nom quand il est absent"), "name": string(),
                                "kind": ["type": "string", "enum": values(CommitteeKind.allCases)],
                                "frequency": string(), "territory": string(), "organisations": array(string()),
                                "objectives": string(), "agenda_template": array(ref("AgendaTemplateItem")),
                                "members": array(
                                    object(["contact": string(), "role": string()], required: ["contact"])),
                                "follows": array(string("Code de fiche"))
                            ], required: ["name", "kind", "frequency"]),
                        example: [
                            "code": "copil-api", "name": "COPIL Ségur (API)", "kind": "copil", "frequency": "mensuelle",
                            "organisations": ["ARS-HDF"], "objectives": "Arbitrer les priorités du trimestre.",
                            "agenda_template": [
                                ["duration_minutes": 20, "title": "Indicateurs", "speakers": "ARS"] as JSON,
                                ["duration_minutes": 30, "title": "Points d'attention", "speakers": ""] as JSON
                            ],
                            "members": [["contact": "camille.exemple@example.org", "role": "président"] as JSON],
                            "follows": ["DMP"]
                        ]),
                    "responses": responses("201", ref("CommitteeDetail"), "Créé")
                ]
            ],
            "/api/committees/{code}": [
                "get": [
                    "summary": "Un comité : membres, réunions, décisions ouvertes", "operationId": "getCommittee",
                    "parameters": [path("code", "Code du comité")],
                    "x-jalon-example": "/api/committees/copil-api",
                    "responses": ["200": ok(ref("CommitteeDetail"), "Comité"), "404": notFound]
                ]
            ],
            "/api/committees/{code}/meetings": [
                "post": [
                    "summary": "Planifie une réunion, avec l'ordre du jour type du comité",
                    "operationId": "planMeeting",
                    "parameters": [path("code", "Code du comité")],
                    "x-jalon-example": "/api/committees/copil-api/meetings",
                    "requestBody": body(
                        object(
                            [
                                "day": string("AAAA-MM-JJ"), "start_time": string("HH:MM, 14:00 par défaut"),
                                "duration_minutes": integer, "place": string(), "video_url": string("https://…")
                            ], required: ["day"]),
                        example: ["day": "2027-03-09", "start_time": "10:00", "place": "ARS, Lille"]),
                    "responses": responses("201", ref("Meeting"), "Planifiée")
                ]
            ],
            "/api/committees/{code}/programme": [
                "post": [
                    "summary": "Propose les réunions de l'année selon la fréquence (relancé, ne planifie rien de plus)",
                    "operationId": "planProgramme",
                    "parameters": [path("code", "Code du comité")],
                    "x-jalon-example": "/api/committees/copil-api/programme",
                    "requestBody": body(object(["year": integer], required: ["year"]), example: ["year": 2027]),
                    "responses": responses(
                        "200",
                        object(
                            ["year": integer, "planned": integer, "meetings": array(ref("Meeting"))],
                            required: ["year", "planned", "meetings"]), "Programme")
                ]
            ],
            "/api/meetings/{id}": [
                "get": [
                    "summary": "Une réunion : ordre du jour, présences, compte rendu, décisions, dossiers",
                    "operationId": "getMeeting",
                    "parameters": [path("id", "Identifiant de la réunion")],
                    "x-jalon-example": "/api/meetings/{meeting}",
                    "responses": ["200": ok(ref("MeetingDetail"), "Réunion"), "404": notFound]
                ],
                "patch": [
                    "summary": "Modifie une réunion (un champ absent garde sa valeur)",
                    "operationId": "updateMeeting",
                    "parameters": [path("id", "Identifiant de la réunion")],
                    "x-jalon-example": "/api/meetings/{meeting}",
                    "requestBody": body(
                        object(
                            [
                                "day": string(), "start_time": string(), "duration_minutes": integer,
                                "place": string(), "video_url": string(),
                                "status": ["type": "string", "enum": values(MeetingStatus.allCases)],
                                "version": integer
                            ], required: []),
                        example: ["place": "ARS, Lille — salle 3", "video_url": "https://visio.example.org/copil"]),
                    "responses": responses("200", ref("Meeting"), "Modifiée")
                ]
            ],
            "/api/meetings/{id}/agenda": [
                "post": [
                    "summary": "Ajoute un point à l'ordre du jour ; répond l'ordre du jour entier",
                    "operationId": "addAgendaItem",
                    "parameters": [path("id", "Identifiant de la réunion")],
                    "x-jalon-example": "/api/meetings/{meeting}/agenda",
                    "requestBody": body(
                        object(
                            [
                                "title": string(), "duration_minutes": integer, "speakers": string(),
                                "subject_kind": ["type": "string", "enum": values(MeetingSubjectKind.allCases)],
                                "subject_code": string()
                            ], required: ["title", "duration_minutes"]),
                        example: [
                            "title": "Point d'avancement DMP", "duration_minutes": 15, "speakers": "GRADeS",
                            "subject_kind": "indicateur", "subject_code": "TEST-DMP"
                        ]),
                    "responses": responses("201", array(ref("AgendaItem")), "Ordre du jour")
                ]
            ],
            "/api/meetings/{id}/attendance": [
                "post": [
                    "summary": "Invite les membres et consigne des présences (tout ou rien)",
                    "operationId": "recordAttendance",
                    "parameters": [path("id", "Identifiant de la réunion")],
                    "x-jalon-example": "/api/meetings/{meeting}/attendance",
                    "requestBody": body(
                        object(
                            [
                                "invite_members": ["type": "boolean"],
                                "presences": array(
                                    object(
                                        [
                                            "contact": string("Identifiant ou adresse électronique"),
                                            "presence": ["type": "string", "enum": values(Presence.allCases)],
                                            "represented_by": string()
                                        ], required: ["contact", "presence"]))
                            ], required: []),
                        example: [
                            "invite_members": true,
                            "presences": [["contact": "camille.exemple@example.org", "presence": "present"] as JSON]
                        ]),
                    "responses": responses(
                        "200",
                        object(
                            ["invited": integer, "attending": integer, "attendance": array(ref("Attendee"))],
                            required: ["invited", "attending", "attendance"]), "Présences")
                ]
            ],
            "/api/meetings/{id}/minutes": [
                "post": [
                    "summary": "Enregistre le brouillon du compte rendu, l'approuve (verrouillé) ou le rouvre (motif)",
                    "operationId": "writeMinutes",
                    "parameters": [path("id", "Identifiant de la réunion")],
                    "x-jalon-example": "/api/meetings/{meeting}/minutes",
                    "requestBody": body(
                        object(
                            [
                                "text": string(), "version": integer, "approve": ["type": "boolean"],
                                "reopen": string("Motif de réouverture d'un compte rendu approuvé")
                            ], required: []),
                        example: ["text": "Tour de table ; priorités du trimestre validées.", "approve": true]),
                    "responses": responses("200", ref("Minutes"), "Compte rendu")
                ]
            ],
            "/api/meetings/{id}/decisions": [
                "post": [
                    "summary": "Prend une décision (task : en faire aussitôt une tâche du tableau)",
                    "operationId": "addDecision",
                    "parameters": [path("id", "Identifiant de la réunion")],
                    "x-jalon-example": "/api/meetings/{meeting}/decisions",
                    "requestBody": body(
                        object(
                            [
                                "text": string(), "owner": string(), "due": string("31/03/2027, fin 2027…"),
                                "subject_kind": ["type": "string", "enum": values(MeetingSubjectKind.allCases)],
                                "subject_code": string(), "task": ["type": "boolean"]
                            ], required: ["text"]),
                        example: [
                            "text": "Relancer les éditeurs non référencés", "owner": "GRADeS", "due": "31/03/2027",
                            "subject_kind": "fiche", "subject_code": "DMP", "task": true
                        ]),
                    "responses": responses("201", ref("Decision"), "Décision prise")
                ]
            ],
            "/api/decisions/{id}": [
                "patch": [
                    "summary": "Change le statut d'une décision, ou en fait une tâche du tableau",
                    "operationId": "updateDecision",
                    "parameters": [path("id", "Identifiant de la décision")],
                    "x-jalon-example": "/api/decisions/{decision}",
                    "requestBody": body(
                        object(
                            [
                                "status": ["type": "string", "enum": values(DecisionStatus.allCases)],
                                "task": ["type": "boolean"]
                            ], required: []),
                        example: ["status": "realisee"]),
                    "responses": responses("200", ref("Decision"), "Décision")
                ]
            ],
            "/api/meetings/{id}/pack": [
                "post": [
                    "summary":
                        "Génère le dossier de séance depuis une photo à date validée (la dernière par défaut) ; "
                        + "200 quand un dossier identique existe déjà",
                    "operationId": "generatePack",
                    "parameters": [path("id", "Identifiant de la réunion")],
                    "x-jalon-example": "/api/meetings/{meeting}/pack",
                    "requestBody": body(
                        object(
                            [
                                "photo": string("Identifiant de la photo à date"),
                                "sections": array(["type": "string", "enum": values(PackSection.allCases)]),
                                "focus": array(string("Code d'indicateur"))
                            ], required: []),
                        example: ["sections": ["couverture", "ordre-du-jour", "indicateurs", "decisions"]]),
                    "responses": responses("201", ref("Pack"), "Généré").merging([
                        "200": ok(ref("Pack"), "Déjà généré à l'identique"),
                        "503": refused("Imprimante PDF (Chromium) absente ou en échec")
                    ]) { _, new in new }
                ]
            ],
            "/api/meetings/{id}/pack.pdf": [
                "get": [
                    "summary": "Le PDF du dernier dossier de séance (ou de ?pack=…), tel que figé",
                    "operationId": "getPackPDF",
                    "parameters": [
                        path("id", "Identifiant de la réunion"), query("pack", "Identifiant d'un dossier précis")
                    ],
                    "x-jalon-example": "/api/meetings/{meeting}/pack.pdf",
                    "responses": [
                        "200": [
                            "description": "PDF (en-tête X-Content-SHA256 : son empreinte)",
                            "content": ["application/pdf": ["schema": ["type": "string", "format": "binary"]]]
                        ] as JSON,
                        "404": notFound
                    ]
                ]
            ]
        ]
    }
}

import JalonCore
import Vapor

/// The OpenAPI 3 description of the JSON API, served at `/api/openapi.json`. A test calls every
/// operation and checks the answer against these schemas, and checks every `/api` route is here.
enum OpenAPI {
    typealias JSON = [String: Any]

    static func ref(_ name: String) -> JSON { ["$ref": "#/components/schemas/\(name)"] }
    static func string(_ description: String? = nil, nullable: Bool = false) -> JSON {
        var schema: JSON = ["type": "string"]
        if let description { schema["description"] = description }
        if nullable { schema["nullable"] = true }
        return schema
    }
    static var integer: JSON { ["type": "integer"] }
    static func number(nullable: Bool = false) -> JSON {
        nullable ? ["type": "number", "nullable": true] : ["type": "number"]
    }
    static func object(_ properties: [String: JSON], required: [String]) -> JSON {
        ["type": "object", "properties": properties, "required": required]
    }
    static func array(_ items: JSON) -> JSON { ["type": "array", "items": items] }
    static func query(_ name: String, _ description: String, enumValues: [String]? = nil) -> JSON {
        var schema: JSON = ["type": "string"]
        if let enumValues { schema["enum"] = enumValues }
        return ["name": name, "in": "query", "required": false, "description": description, "schema": schema]
    }
    static func path(_ name: String, _ description: String) -> JSON {
        ["name": name, "in": "path", "required": true, "description": description, "schema": ["type": "string"]]
    }
    static func ok(_ schema: JSON, _ description: String) -> JSON {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }
    /// Every operation needs an account: an API token (Bearer) or a signed-in session.
    static var security: [JSON] { [["bearer": [String]()], ["session": [String]()]] }
    static var noSecurity: [JSON] { [] }
    static var securitySchemes: JSON {
        [
            "bearer": [
                "type": "http", "scheme": "bearer",
                "description": "Jeton d'API (jalon token create, ou « Mon compte ») : jalon_…"
            ] as JSON,
            "session": [
                "type": "apiKey", "in": "cookie", "name": AuthMiddleware.cookieName,
                "description": "Session ouverte sur /connexion ; les écritures envoient alors l'en-tête X-CSRF-Token."
            ] as JSON
        ]
    }

    static var notFound: JSON { ["description": "Inconnu", "content": ["application/json": ["schema": ref("Error")]]] }
    static func refused(_ description: String) -> JSON {
        ["description": description, "content": ["application/json": ["schema": ref("Error")]]]
    }
    /// The refusals of an edit of a roadmap's structure, each with its French message.
    static var structureEditRefusals: JSON {
        [
            "400": refused("Corps de requête illisible"),
            "403": refused("Rôle sans droit d'écriture sur la feuille de route"),
            "404": refused("Feuille de route, objectif ou fiche inconnus"),
            "409": refused("Version périmée (quelqu'un d'autre a écrit entre-temps) ou numéro d'objectif déjà pris"),
            "422": refused("Valeur refusée (titre vide, numéro hors de 1 à 99, objectif inconnu, fiche déjà en tête…)")
        ]
    }

    static func body(_ schema: JSON, example: JSON) -> JSON {
        ["required": true, "content": ["application/json": ["schema": schema, "example": example]]]
    }

    /// The description with its security: every operation needs an account, except the health check.
    static var document: JSON {
        var doc = described
        doc["security"] = security
        var components = doc["components"] as? JSON ?? [:]
        components["securitySchemes"] = securitySchemes
        var schemas = components["schemas"] as? JSON ?? [:]
        schemas.merge(committeeSchemas) { current, _ in current }
        components["schemas"] = schemas
        if var paths = doc["paths"] as? JSON {
            paths.merge(committeePaths) { current, _ in current }
            doc["paths"] = paths
        }
        doc["components"] = components
        if var paths = doc["paths"] as? JSON, var health = paths["/healthz"] as? JSON, var get = health["get"] as? JSON
        {
            get["security"] = noSecurity
            health["get"] = get
            paths["/healthz"] = health
            doc["paths"] = paths
        }
        return doc
    }

    static var described: JSON {
        let territory = object(
            [
                "code": string("Code Jalon : FR, R32, D59, C59350, E200093201 ou code personnalisé"),
                "kind": ["type": "string", "enum": ["country", "region", "departement", "commune", "epci", "custom"]],
                "name": string(), "insee": string(nullable: true), "parent": string(nullable: true),
                "population": integer
            ], required: ["code", "kind", "name", "population"])
        let couloirCounts: JSON = [
            "type": "object", "additionalProperties": integer,
            "description":
                "Structures ouvertes par couloir (ES, MS-PA, MS-PH, MS-AUTRES, BIO, RADIO, MDV, PHARMA, AUTRES)"
        ]
        let territoryDetail = object(
            [
                "code": string(), "kind": string(), "name": string(), "insee": string(nullable: true),
                "parent": string(nullable: true),
                "population": integer, "communes": integer, "structures": couloirCounts,
                "memberships": array(
                    object(
                        ["code": string(), "name": string(), "complete": ["type": "boolean"]],
                        required: ["code", "name", "complete"])),
                "members": ["type": "array", "items": string(), "nullable": true]
            ], required: ["code", "kind", "name", "population", "communes", "structures", "memberships"])
        let structure = object(
            [
                "id": string(), "finess": string(nullable: true), "finess_ej": string(), "name": string(),
                "category": string(),
                "category_label": string(), "couloir": string(), "commune": string(nullable: true),
                "commune_name": string(nullable: true),
                "address": string(), "postal_code": string(), "city": string(),
                "status": ["type": "string", "enum": ["open", "closed"]], "opened_on": string(nullable: true),
                "closed_on": string(nullable: true),
                "latitude": number(nullable: true), "longitude": number(nullable: true), "demo": ["type": "boolean"]
            ], required: ["id", "finess_ej", "name", "category", "couloir", "status", "demo"])
        let structureDetail = object(
            [
                "structure": ref("Structure"), "legal_entity_name": string(nullable: true), "siret": string(),
                "phone": string(),
                "territories": array(string())
            ], required: ["structure", "siret", "phone", "territories"])
        let page = object(
            ["total": integer, "page": integer, "per_page": integer, "items": array(ref("Structure"))],
            required: ["total", "page", "per_page", "items"])
        let indicator = object(
            [
                "code": string(), "label": string(), "service": string(), "couloir": string(), "source": string(),
                "type": [
                    "type": "string", "enum": ["count", "share", "rate", "per_inhabitant", "boolean", "qualitative"]
                ],
                "unit": string(), "nature": ["type": "string", "enum": ["stock", "flow"]], "periodicity": string(),
                "rollup": [
                    "type": "string",
                    "enum": ["sum", "ratio", "share_of_structures", "count_of_structures", "mean", "min", "max", "none"]
                ],
                "direction": ["type": "string", "enum": ["higher", "lower"]],
                "cumulative_since": string(nullable: true), "formula": string(nullable: true),
                "companion": string("Indicateur affiché avec celui-ci (utilisateurs INSi avec les appels)")
            ], required: ["code", "label", "couloir", "type", "nature", "rollup", "direction"])
        let indicatorInput = object(
            [
                "code": string(), "label": string(), "service": string(), "couloir": string(), "source": string(),
                "type": string(), "unit": string(),
                "nature": string(), "cumulative_since": string(), "periodicity": string(), "rollup": string(),
                "direction": string("hausse ou baisse"), "formula": string(),
                "companion": string("Code d'un indicateur existant ; vide : aucun")
            ], required: ["code", "label"])
        let observationInput = object(
            [
                "indicator": string(), "territory": string(), "structure": string("Numéro FINESS ou identifiant"),
                "couloir": string(),
                "period": string("2021-12, 2021-T4, déc. 2021, 31/12/2021…"),
                "value": string("Nombre à la française : 2 551 301, 12,83 %, OUI, ND"),
                "numerator": string(), "denominator": string(), "source": string(), "comment": string()
            ], required: ["indicator", "period"])
        let targetInput = object(
            [
                "indicator": string(), "territory": string(), "couloir": string(),
                "due": string("fin 2021, mi-2022, T3 2023, 2022-06-30"),
                "target": string("9,85 %, 2 000, OUI, ni, à venir…"), "baseline": string(), "baseline_on": string(),
                "roadmap": string("Code de la feuille de route dont c'est la cible ; absent : cible partagée")
            ], required: ["indicator", "territory", "due", "target"])
        let writeResult = object(
            ["created": integer, "updated": integer, "unchanged": integer],
            required: ["created", "updated", "unchanged"])
        let roadmapItem = object(
            [
                "code": string(), "name": string(), "region": string(nullable: true), "start_on": string(),
                "end_on": string(), "status": ["type": "string", "enum": RoadmapStatus.allCases.map(\.rawValue)],
                "archived": ["type": "boolean"], "current": ["type": "boolean"],
                "version": integer
            ], required: ["code", "name", "start_on", "end_on", "status", "archived", "current", "version"])
        let roadmapWritten = object(
            [
                "code": string(), "created": ["type": "boolean"], "objectives": integer, "fiches": integer,
                "actions": integer, "indicators": integer, "indicators_written": integer, "targets": integer,
                "targets_written": integer, "structure_written": integer
            ], required: ["code", "created", "structure_written"])
        let roadmapAction = object(
            [
                "number": integer, "title": string(), "description": string(), "pilot": string(), "status": string(),
                "start_on": string(), "end_on": string(),
                "calendar": array(
                    object(["period": string(), "intensity": integer], required: ["period", "intensity"])),
                "raci": array(
                    object(
                        [
                            "party_kind": string("organisation"), "party": string("code de l'organisation"),
                            "audience": string("couloir ou USAGERS ; absent pour toutes les cibles"),
                            "roles": string("A/R")
                        ],
                        required: ["party_kind", "party", "roles"]))
            ], required: ["number", "title", "description", "status", "calendar", "raci"])
        let roadmapFiche = object(
            [
                "code": string(), "title": string(), "objective": integer, "service": string(),
                "objectives_text": string(), "levers": string(), "obstacles": string(), "contacts": string(),
                "indicators": array(
                    object(
                        [
                            "code": string(), "role": string("national ou complementaire"),
                            "targets": array(
                                object(
                                    [
                                        "territory": string(), "couloir": string(), "due": string(), "target": string(),
                                        "baseline": string(), "baseline_on": string()
                                    ], required: ["due", "target"]))
                        ], required: ["code", "role", "targets"])),
                "actions": array(roadmapAction)
            ],
            required: [
                "code", "title", "objectives_text", "levers", "obstacles", "contacts", "indicators", "actions"
            ])
        let roadmapDocument = object(
            [
                "format": string(RoadmapDocument.currentFormat), "code": string(), "title": string(),
                "region": string(), "start_on": string(), "end_on": string(), "status": string(),
                "objectives": array(
                    object(
                        ["number": integer, "title": string(), "priority": integer], required: ["number", "title"])),
                "fiches": array(roadmapFiche),
                "indicators": array(
                    object(
                        [
                            "code": string(), "label": string(), "service": string(), "couloir": string(),
                            "source": string(), "type": string(), "nature": string(), "rollup": string(),
                            "direction": string()
                        ],
                        required: [
                            "code", "label", "service", "couloir", "source", "type", "nature", "rollup", "direction"
                        ]))
            ],
            required: [
                "format", "code", "title", "start_on", "end_on", "status", "objectives", "fiches", "indicators"
            ])
        let progress = object(
            [
                "indicator": string(), "territory": string(), "couloir": string(), "at": string(),
                "value": number(nullable: true), "value_date": string(nullable: true),
                "target": [
                    "type": "object", "nullable": true,
                    "properties": ["value": [:], "due": string(), "baseline": number(nullable: true)],
                    "required": ["value", "due"]
                ],
                "realisation": number(nullable: true), "expected": number(nullable: true),
                "projection": number(nullable: true),
                "attainment": number(nullable: true),
                "status": [
                    "type": "string",
                    "enum": [
                        "sans_cible", "non_renseigne", "atteint", "en_retard", "en_bonne_voie", "a_risque", "en_cours"
                    ]
                ],
                "provenance": string(), "rolled_up": number(nullable: true), "inconsistent": ["type": "boolean"],
                "variation": object(
                    [
                        "since_previous": number(nullable: true), "since_year_before": number(nullable: true),
                        "since_baseline": number(nullable: true)
                    ], required: ["since_previous", "since_year_before", "since_baseline"])
            ],
            required: [
                "value", "target", "realisation", "expected", "projection", "attainment", "status", "provenance",
                "variation"
            ]
        )

        return [
            "openapi": "3.0.3",
            "info": [
                "title": "API Jalon", "version": "1.0.0",
                "description":
                    "Référentiel des territoires et des structures de santé (FINESS) de Jalon. "
                    + "Réponses en JSON ; messages d'erreur en français."
            ],
            "paths": [
                "/healthz": [
                    "get": [
                        "summary": "État du service", "operationId": "healthz",
                        "responses": [
                            "200": ok(object(["status": string()], required: ["status"]), "La base de données répond")
                        ]
                    ]
                ],
                "/api/territories": [
                    "get": [
                        "summary": "Liste des territoires", "operationId": "listTerritories",
                        "parameters": [
                            query(
                                "kind", "Type de territoire (régions par défaut)",
                                enumValues: ["country", "region", "departement", "commune", "epci", "custom"]),
                            query("parent", "Code du territoire parent (ex. R32)")
                        ],
                        "x-jalon-example": "/api/territories?parent=R32",
                        "responses": [
                            "200": ok(array(ref("Territory")), "Territoires"), "400": notFound, "404": notFound
                        ]
                    ]
                ],
                "/api/territories/{code}": [
                    "get": [
                        "summary": "Un territoire, sa population et ses structures par couloir",
                        "operationId": "getTerritory",
                        "parameters": [path("code", "Code du territoire (R32, D59, C59350, TAN-LITTORAL…)")],
                        "x-jalon-example": "/api/territories/R32",
                        "responses": ["200": ok(ref("TerritoryDetail"), "Territoire"), "404": notFound]
                    ]
                ],
                "/api/structures": [
                    "get": [
                        "summary": "Structures filtrées, par pages de 100", "operationId": "listStructures",
                        "parameters": [
                            query("territory", "Code de territoire"), query("couloir", "Couloir (ES, MS, MS-PA, BIO…)"),
                            query("q", "Texte recherché dans le nom, le numéro FINESS ou la commune"),
                            query("status", "Statut (open par défaut)", enumValues: ["open", "closed", "all"]),
                            query("category", "Code de catégorie FINESS"),
                            query("page", "Numéro de page (1 par défaut)")
                        ],
                        "x-jalon-example": "/api/structures?territory=R32&couloir=ES",
                        "responses": [
                            "200": ok(ref("StructurePage"), "Page de structures"), "400": notFound, "404": notFound
                        ]
                    ]
                ],
                "/api/structures/{finess}": [
                    "get": [
                        "summary": "Une structure", "operationId": "getStructure",
                        "parameters": [path("finess", "Numéro FINESS de l'établissement (ou identifiant interne)")],
                        "x-jalon-example": "/api/structures/{finess}",
                        "responses": ["200": ok(ref("StructureDetail"), "Structure"), "404": notFound]
                    ]
                ],
                "/api/indicators": [
                    "get": [
                        "summary": "Liste des indicateurs", "operationId": "listIndicators",
                        "responses": ["200": ok(array(ref("Indicator")), "Indicateurs")]
                    ],
                    "post": [
                        "summary": "Crée ou modifie un indicateur", "operationId": "upsertIndicator",
                        "requestBody": body(
                            ref("IndicatorInput"),
                            example: [
                                "code": "TEST-DMP", "label": "Part de DMP alimentés", "type": "share",
                                "couloir": "TOUS", "regle": "ratio", "rollup": "ratio", "direction": "hausse"
                            ]),
                        "responses": [
                            "200": ok(ref("Indicator"), "Modifié"), "201": ok(ref("Indicator"), "Créé"), "422": notFound
                        ]
                    ]
                ],
                "/api/indicators/{code}": [
                    "get": [
                        "summary": "Un indicateur, ses cibles et le nombre de ses observations",
                        "operationId": "getIndicator",
                        "parameters": [path("code", "Code de l'indicateur")],
                        "x-jalon-example": "/api/indicators/TEST-DMP",
                        "responses": [
                            "200": ok(
                                object(
                                    [
                                        "indicator": ref("Indicator"),
                                        "targets": array(
                                            object(
                                                [
                                                    "territory": string(), "couloir": string(), "due": string(),
                                                    "kind": string(),
                                                    "roadmap": string("Feuille de route ; absent : cible partagée")
                                                ], required: ["territory", "couloir", "due", "kind"])),
                                        "observations": integer
                                    ], required: ["indicator", "targets", "observations"]), "Indicateur"),
                            "404": notFound
                        ]
                    ]
                ],
                "/api/targets": [
                    "post": [
                        "summary": "Enregistre des cibles (tout ou rien)", "operationId": "setTargets",
                        "requestBody": body(
                            object(["targets": array(ref("TargetInput"))], required: ["targets"]),
                            example: [
                                "targets": [
                                    ["indicator": "TEST-DMP", "territory": "D59", "due": "fin 2022", "target": "20 %"]
                                ]
                            ]),
                        "responses": ["200": ok(ref("WriteResult"), "Cibles enregistrées"), "422": notFound]
                    ]
                ],
                "/api/observations": [
                    "post": [
                        "summary":
                            "Enregistre des observations (tout ou rien ; une valeur plus récente remplace l'ancienne, "
                            + "gardée dans l'historique)",
                        "operationId": "recordObservations",
                        "requestBody": body(
                            object(["observations": array(ref("ObservationInput"))], required: ["observations"]),
                            example: [
                                "observations": [
                                    [
                                        "indicator": "TEST-DMP", "territory": "D59", "period": "2022-01",
                                        "numerator": "100", "denominator": "1 000"
                                    ],
                                    [
                                        "indicator": "TEST-DMP", "territory": "D59", "period": "2022-05",
                                        "value": "12,5 %"
                                    ]
                                ]
                            ]),
                        "responses": ["200": ok(ref("WriteResult"), "Observations enregistrées"), "422": notFound]
                    ]
                ],
                "/api/roadmaps": [
                    "get": [
                        "summary": "Liste des feuilles de route (current : la feuille de route en cours)",
                        "operationId": "listRoadmaps",
                        "responses": ["200": ok(array(roadmapItem), "Feuilles de route")]
                    ],
                    "post": [
                        "summary": "Crée ou met à jour une feuille de route depuis son document (tout ou rien)",
                        "operationId": "writeRoadmap",
                        "parameters": [query("region", "Région, pour un document qui n'en nomme pas (un modèle)")],
                        "requestBody": body(
                            ref("RoadmapDocument"),
                            example: [
                                "format": RoadmapDocument.currentFormat, "code": "exemple-api",
                                "title": "Feuille de route d'exemple", "region": "R32", "start_on": "2028-01-01",
                                "end_on": "2032-12-31", "status": "en_preparation",
                                "objectives": [["number": 1, "title": "Services socles", "priority": 1]],
                                "fiches": [
                                    [
                                        "code": "DMP", "title": "DMP", "objective": 1, "objectives_text": "",
                                        "levers": "", "obstacles": "", "contacts": "", "indicators": [],
                                        "actions": [
                                            [
                                                "number": 1, "title": "Accompagner les ES", "description": "",
                                                "status": "a_faire", "calendar": [],
                                                "raci": [["party_kind": "organisation", "party": "ARS", "roles": "A/R"]]
                                            ]
                                        ]
                                    ],
                                    [
                                        "code": "MSS", "title": "MSSanté", "objective": 1, "objectives_text": "",
                                        "levers": "", "obstacles": "", "contacts": "", "indicators": [],
                                        "actions": [] as [JSON]
                                    ]
                                ],
                                "indicators": []
                            ]),
                        "responses": [
                            "200": ok(roadmapWritten, "Mise à jour"), "201": ok(roadmapWritten, "Créée"),
                            "422": notFound
                        ]
                    ]
                ],
                "/api/roadmaps/{code}": [
                    "get": [
                        "summary": "Le document d'une feuille de route (relu par POST /api/roadmaps)",
                        "operationId": "getRoadmap",
                        "parameters": [path("code", "Code de la feuille de route")],
                        "x-jalon-example": "/api/roadmaps/exemple-api",
                        "responses": ["200": ok(ref("RoadmapDocument"), "Document"), "404": notFound]
                    ]
                ],
                "/api/roadmaps/{code}/objectives/{number}": [
                    "patch": [
                        "summary":
                            "Renumérote un objectif, change son titre ou sa priorité (un champ absent garde sa "
                            + "valeur, priority null la retire)",
                        "operationId": "updateRoadmapObjective",
                        "parameters": [
                            path("code", "Code de la feuille de route"),
                            [
                                "name": "number", "in": "path", "required": true,
                                "description": "Numéro actuel de l'objectif", "schema": integer
                            ] as JSON
                        ],
                        "x-jalon-example": "/api/roadmaps/exemple-api/objectives/1",
                        "requestBody": body(
                            [
                                "type": "object",
                                "properties": [
                                    "number": integer, "title": string(),
                                    "priority": ["type": "integer", "nullable": true] as JSON,
                                    "version": integer
                                ] as JSON
                            ],
                            example: ["number": 2, "title": "Services socles et référentiels", "priority": 3]),
                        "responses": ["200": ok(roadmapItem, "Feuille de route modifiée (nouvelle version)")]
                            .merging(structureEditRefusals) { kept, _ in kept }
                    ]
                ],
                "/api/roadmaps/{code}/fiches/{fiche}": [
                    "patch": [
                        "summary":
                            "Change le titre d'une fiche, son service ou son objectif (un champ absent garde sa "
                            + "valeur, null retire le service ou l'objectif)",
                        "operationId": "updateRoadmapFiche",
                        "parameters": [path("code", "Code de la feuille de route"), path("fiche", "Code de la fiche")],
                        "x-jalon-example": "/api/roadmaps/exemple-api/fiches/DMP",
                        "requestBody": body(
                            [
                                "type": "object",
                                "properties": [
                                    "title": string(), "service": string(nullable: true),
                                    "objective": ["type": "integer", "nullable": true] as JSON, "version": integer
                                ] as JSON
                            ],
                            example: ["title": "Dossier médical partagé", "service": "DMP", "objective": 2]),
                        "responses": ["200": ok(roadmapItem, "Feuille de route modifiée (nouvelle version)")]
                            .merging(structureEditRefusals) { kept, _ in kept }
                    ]
                ],
                "/api/roadmaps/{code}/fiches/{fiche}/move": [
                    "post": [
                        "summary":
                            "Monte (up) ou descend (down) une fiche d'un rang dans l'ordre de la feuille de route",
                        "operationId": "moveRoadmapFiche",
                        "parameters": [path("code", "Code de la feuille de route"), path("fiche", "Code de la fiche")],
                        "x-jalon-example": "/api/roadmaps/exemple-api/fiches/MSS/move",
                        "requestBody": body(
                            object(
                                [
                                    "direction": [
                                        "type": "string", "enum": ["up", "down"],
                                        "description": "up ou down (haut ou bas sont acceptés)"
                                    ] as JSON,
                                    "version": integer
                                ], required: ["direction"]),
                            example: ["direction": "up"]),
                        "responses": ["200": ok(roadmapItem, "Feuille de route modifiée (nouvelle version)")]
                            .merging(structureEditRefusals) { kept, _ in kept }
                    ]
                ],
                "/api/progress": [
                    "get": [
                        "summary": "Avancement d'un indicateur pour un territoire et un couloir à une date",
                        "operationId": "getProgress",
                        "parameters": [
                            query("indicator", "Code de l'indicateur"), query("territory", "Code du territoire"),
                            query("couloir", "Couloir (par défaut celui de l'indicateur)"),
                            query("at", "Date AAAA-MM-JJ (par défaut aujourd'hui)"),
                            query("roadmap", "Feuille de route dont les cibles comptent (par défaut celle en cours)")
                        ],
                        "x-jalon-example": "/api/progress?indicator=TEST-DMP&territory=D59&at=2022-06-30",
                        "responses": ["200": ok(ref("Progress"), "Avancement"), "400": notFound, "404": notFound]
                    ]
                ],
                "/api/imports": [
                    "post": [
                        "summary":
                            "Importe un fichier d'observations (CSV, XLSX, DHIS2, ADX) ou de cibles "
                            + "(corps brut ou multipart, champ file) ; dry_run=true pour l'aperçu",
                        "operationId": "importObservations",
                        "parameters": [
                            query("dry_run", "true : aperçu sans écriture"),
                            query("file", "Nom du fichier (sinon en-tête X-File-Name)"),
                            query(
                                "kind",
                                "observations (par défaut, CSV ou XLSX), targets, dhis2 (data value set CSV), "
                                    + "adx (XML), activities, organisations, contacts ou codes",
                                enumValues: ImportKind.allCases.map(\.rawValue)),
                            query("profile", "Profil d'import qui lit le fichier (voir /api/profiles)"),
                            query("sheet", "Feuille d'un classeur .xlsx"),
                            query("periode", "Réponse au paramètre « periode » du profil (ex. 2022-02)"),
                            query("territoire", "Réponse au paramètre « territoire » du profil (ex. R32)")
                        ],
                        "requestBody": [
                            "required": true,
                            "content": [
                                "text/csv": [
                                    "schema": string("CSV : indicateur;territoire;periode;valeur…"),
                                    "example": "indicateur;territoire;periode;valeur\nTEST-DMP;D62;2022-05;9,5 %\n"
                                ],
                                "multipart/form-data": [
                                    "schema": object(
                                        ["file": ["type": "string", "format": "binary"]], required: ["file"])
                                ]
                            ]
                        ],
                        "responses": [
                            "200": ok(ref("ImportReport"), "Aperçu, ou aucun changement"),
                            "201": ok(ref("ImportReport"), "Lot enregistré"), "422": notFound
                        ]
                    ]
                ],
                "/api/imports/{id}": [
                    "get": [
                        "summary": "Un lot d'import", "operationId": "getImport",
                        "parameters": [path("id", "Identifiant du lot (ou ses 8 premiers caractères)")],
                        "x-jalon-example": "/api/imports/{id}",
                        "responses": [
                            "200": ok(
                                object(
                                    [
                                        "id": string(), "kind": string(), "file": string(), "sha256": string(),
                                        "actor": string(),
                                        "status": ["type": "string", "enum": ["valide", "annule"]], "read": integer,
                                        "created": integer, "updated": integer,
                                        "unchanged": integer, "rejected": array(ref("Rejection")),
                                        "created_at": string(), "undone_at": string(nullable: true)
                                    ],
                                    required: ["id", "status", "file", "sha256", "created", "updated", "rejected"]),
                                "Lot"), "404": notFound
                        ]
                    ]
                ],
                "/api/profiles": [
                    "get": [
                        "summary": "Profils d'import (dernière version de chacun)", "operationId": "listProfiles",
                        "responses": ["200": ok(array(ref("ProfileSummary")), "Profils")]
                    ],
                    "post": [
                        "summary": "Enregistre un profil d'import (nouvelle version s'il a changé)",
                        "operationId": "saveProfile",
                        "requestBody": body(
                            ref("ProfileDocument"),
                            example: [
                                "profile": [
                                    "name": "test-api", "version": 1, "description": "Profil de test", "headerLine": 1,
                                    "columns": ["territoire": "Département", "valeur": "Taux"],
                                    "constants": ["indicateur": "TEST-DMP", "periode": "2022-06"],
                                    "lookups": [:] as JSON, "filters": [] as [JSON]
                                ] as JSON
                            ]),
                        "responses": [
                            "200": ok(ref("ProfileSaved"), "Inchangé"),
                            "201": ok(ref("ProfileSaved"), "Nouvelle version"), "422": notFound
                        ]
                    ]
                ],
                "/api/profiles/{name}": [
                    "get": [
                        "summary": "Un profil d'import en JSON (tel qu'exporté)", "operationId": "getProfile",
                        "parameters": [
                            path("name", "Nom du profil"), query("version", "Version (la dernière par défaut)")
                        ],
                        "x-jalon-example": "/api/profiles/insi-secteurs",
                        "responses": ["200": ok(ref("ProfileDocument"), "Profil"), "404": notFound]
                    ]
                ],
                "/api/activities": [
                    "get": [
                        "summary": "Journal des activités filtré, par pages de 100, avec les totaux",
                        "operationId": "listActivities",
                        "parameters": [
                            query("du", "Depuis (AAAA-MM-JJ)"), query("au", "Jusqu'au (AAAA-MM-JJ)"),
                            query("type", "Type (visite, webinaire…)"),
                            query("theme", "Thème (DMP, MSS, INS…)"), query("couloir", "Couloir"),
                            query("territoire", "Territoire"),
                            query("organisateur", "Organisateur (texte)"), query("page", "Page")
                        ],
                        "x-jalon-example": "/api/activities?territoire=D59",
                        "responses": ["200": ok(ref("ActivityPage"), "Activités")]
                    ],
                    "post": [
                        "summary": "Consigne une activité avec les structures touchées",
                        "operationId": "createActivity",
                        "requestBody": body(
                            ref("ActivityInput"),
                            example: [
                                "date": "2022-03-01", "type": "visite", "title": "Visite MSSanté",
                                "topics": ["MSS"], "couloirs": ["ES"], "territories": ["D59"],
                                "structures": [["structure": "590000001", "attendees": "DSI, directeur"]],
                                "participants": "2", "organisers": ["ARS-HDF"]
                            ]),
                        "responses": [
                            "201": ok(
                                object(
                                    ["id": string(), "structures_reached": integer],
                                    required: ["id", "structures_reached"]), "Créée"), "422": notFound
                        ]
                    ]
                ],
                "/api/activities/{activity}": [
                    "get": [
                        "summary": "Une activité et les structures touchées", "operationId": "getActivity",
                        "parameters": [path("activity", "Identifiant de l'activité")],
                        "x-jalon-example": "/api/activities/{activity}",
                        "responses": [
                            "200": ok(
                                object(
                                    [
                                        "activity": ref("Activity"),
                                        "duration_minutes": ["type": "integer", "nullable": true], "place": string(),
                                        "remote": ["type": "boolean"], "notes": string(), "couloirs": array(string()),
                                        "structures": array(
                                            object(
                                                [
                                                    "key": string(), "name": string(), "couloir": string(),
                                                    "finess": string(nullable: true),
                                                    "attendees": string()
                                                ], required: ["key", "name", "couloir"]))
                                    ],
                                    required: ["activity", "structures"]), "Activité"), "404": notFound
                        ]
                    ]
                ],
                "/api/reach": [
                    "get": [
                        "summary": "Structures ouvertes d'un couloir touchées au moins une fois dans un territoire",
                        "operationId": "getReach",
                        "parameters": [
                            query("territory", "Territoire (code ou nom)"), query("couloir", "Couloir (ES par défaut)"),
                            query("since", "Depuis (AAAA-MM-JJ)"), query("at", "À la date (aujourd'hui par défaut)")
                        ],
                        "x-jalon-example": "/api/reach?territory=D59&couloir=ES&at=2022-12-31",
                        "responses": [
                            "200": ok(
                                object(
                                    [
                                        "territory": string(), "couloir": string(), "since": string(nullable: true),
                                        "at": string(), "reached": integer,
                                        "open": integer, "share": number(nullable: true)
                                    ], required: ["territory", "couloir", "reached", "open"]), "Portée"),
                            "400": notFound
                        ]
                    ]
                ],
                "/api/reach/table": [
                    "get": [
                        "summary":
                            "Portée de chaque couloir dans un territoire, ses départements "
                            + "et ses territoires personnalisés",
                        "operationId": "getReachTable",
                        "parameters": [
                            query("territory", "Région ou territoire (R32 par défaut)"),
                            query("since", "Depuis (AAAA-MM-JJ)"), query("at", "À la date")
                        ],
                        "x-jalon-example": "/api/reach/table?territory=R32&at=2022-12-31",
                        "responses": [
                            "200": ok(
                                object(
                                    [
                                        "since": string(nullable: true), "at": string(),
                                        "rows": array(
                                            object(
                                                [
                                                    "territory": string(), "name": string(),
                                                    "couloirs": [
                                                        "type": "object",
                                                        "additionalProperties": object(
                                                            [
                                                                "reached": integer, "open": integer,
                                                                "share": number(nullable: true)
                                                            ], required: ["reached", "open"])
                                                    ]
                                                ],
                                                required: ["territory", "name", "couloirs"]))
                                    ], required: ["at", "rows"]), "Portée par territoire et couloir"),
                            "400": notFound
                        ]
                    ]
                ],
                "/api/organisations": [
                    "get": [
                        "summary": "Organisations", "operationId": "listOrganisations",
                        "responses": ["200": ok(array(ref("Organisation")), "Organisations")]
                    ],
                    "post": [
                        "summary": "Crée ou modifie une organisation (par code)", "operationId": "saveOrganisation",
                        "requestBody": body(
                            object(
                                ["code": string(), "name": string(), "kind": string(), "territories": array(string())],
                                required: ["code", "name"]),
                            example: [
                                "code": "ARS-HDF", "name": "ARS Hauts-de-France", "kind": "ars", "territories": ["R32"]
                            ]),
                        "responses": [
                            "200": ok(ref("Organisation"), "Inchangée"),
                            "201": ok(ref("Organisation"), "Créée ou modifiée"), "422": notFound
                        ]
                    ]
                ],
                "/api/contacts": [
                    "get": [
                        "summary": "Contacts", "operationId": "listContacts",
                        "responses": ["200": ok(array(ref("Contact")), "Contacts")]
                    ],
                    "post": [
                        "summary": "Crée un contact (les doublons probables sont signalés)",
                        "operationId": "createContact",
                        "requestBody": body(
                            object(
                                [
                                    "first_name": string(), "last_name": string(), "civility": string(),
                                    "function": string(), "organisation": string(),
                                    "structure": string(), "email": string(), "phone": string(),
                                    "roles": array(string()),
                                    "territories": array(string()), "mailing_consent": ["type": "boolean"]
                                ], required: ["first_name", "last_name"]),
                            example: [
                                "first_name": "Camille", "last_name": "Exemple", "function": "Animatrice territoriale",
                                "organisation": "ARS-HDF",
                                "email": "camille.exemple@example.org", "roles": ["animateur territorial"],
                                "territories": ["D59"], "mailing_consent": true
                            ]),
                        "responses": [
                            "201": ok(
                                object(
                                    ["id": string(), "possible_duplicates": integer],
                                    required: ["id", "possible_duplicates"]), "Créé"), "422": notFound
                        ]
                    ]
                ],
                "/api/imports/{id}/undo": [
                    "post": [
                        "summary": "Annule un lot : rétablit les valeurs remplacées, supprime les valeurs créées",
                        "operationId": "undoImport",
                        "parameters": [path("id", "Identifiant du lot")],
                        "responses": [
                            "200": ok(
                                object(
                                    [
                                        "batch": string(), "restored": integer, "deleted": integer,
                                        "kept_because_changed_since": integer
                                    ],
                                    required: ["batch", "restored", "deleted"]), "Lot annulé"), "404": notFound,
                            "409": notFound
                        ]
                    ]
                ]
            ],
            "components": [
                "schemas": [
                    "Rejection": object(
                        ["line": integer, "field": string(), "reason": string()],
                        required: ["line", "field", "reason"]),
                    "Activity": object(
                        [
                            "id": string(), "date": string(), "type": string(), "title": string(),
                            "participants": ["type": "integer", "nullable": true],
                            "structures_reached": integer, "territories": array(string()),
                            "organisers": array(string()), "topics": array(string())
                        ],
                        required: [
                            "id", "date", "type", "title", "structures_reached", "territories", "organisers", "topics"
                        ]),
                    "ActivityPage": object(
                        [
                            "total": integer, "participants": integer, "structures_reached": integer, "page": integer,
                            "items": array(ref("Activity"))
                        ],
                        required: ["total", "participants", "structures_reached", "page", "items"]),
                    "ActivityInput": object(
                        [
                            "date": string(), "type": string(), "title": string(), "duration_minutes": integer,
                            "place": string(), "remote": ["type": "boolean"],
                            "participants": string(), "notes": string(), "topics": array(string()),
                            "couloirs": array(string()), "territories": array(string()),
                            "structures": array(
                                object(["structure": string(), "attendees": string()], required: ["structure"])),
                            "organisers": array(string()),
                            "followups": array(string())
                        ],
                        required: ["date", "type", "title"]),
                    "Organisation": object(
                        ["code": string(), "name": string(), "kind": string(), "territories": array(string())],
                        required: ["code", "name", "kind", "territories"]),
                    "Contact": object(
                        [
                            "id": string(), "name": string(), "first_name": string(), "last_name": string(),
                            "function": string(), "email": string(), "phone": string(),
                            "organisation": string(nullable: true), "structure": string(nullable: true),
                            "roles": array(string()), "territories": array(string()),
                            "mailing_consent": ["type": "boolean"]
                        ], required: ["id", "name", "roles", "territories", "mailing_consent"]),
                    "ProfileSummary": object(
                        [
                            "name": string(), "version": integer, "description": string(),
                            "parameters": ["type": "object", "additionalProperties": string()],
                            "shipped": ["type": "boolean"]
                        ],
                        required: ["name", "version", "description", "parameters", "shipped"]),
                    "ProfileDocument": object(
                        [
                            "profile": object(
                                [
                                    "name": string(), "version": integer, "description": string(),
                                    "headerLine": integer,
                                    "columns": ["type": "object", "additionalProperties": string()],
                                    "constants": ["type": "object", "additionalProperties": string()],
                                    "lookups": [
                                        "type": "object",
                                        "additionalProperties": ["type": "object", "additionalProperties": string()]
                                    ],
                                    "filters": array(
                                        object(
                                            [
                                                "column": string(),
                                                "keep": ["type": "array", "items": string(), "nullable": true],
                                                "drop": ["type": "array", "items": string(), "nullable": true]
                                            ], required: ["column"])),
                                    "unpivot": ["type": "object", "nullable": true],
                                    "parameters": [
                                        "type": "object", "additionalProperties": string(), "nullable": true
                                    ],
                                    "sheet": string(nullable: true)
                                ],
                                required: [
                                    "name", "version", "description", "headerLine", "columns", "constants", "lookups",
                                    "filters"
                                ]),
                            "indicators": ["type": "array", "items": ref("IndicatorInput"), "nullable": true]
                        ], required: ["profile"]),
                    "ProfileSaved": object(
                        ["name": string(), "version": integer, "created": ["type": "boolean"]],
                        required: ["name", "version", "created"]),
                    "ImportReport": object(
                        [
                            "file": string(), "sha256": string(), "read": integer, "created": integer,
                            "updated": integer, "unchanged": integer,
                            "rejected": array(ref("Rejection")), "batch": string(nullable: true),
                            "dry_run": ["type": "boolean"],
                            "profile": string(nullable: true)
                        ],
                        required: ["file", "sha256", "read", "created", "updated", "unchanged", "rejected", "dry_run"]),
                    "RoadmapDocument": roadmapDocument,
                    "Indicator": indicator, "IndicatorInput": indicatorInput, "ObservationInput": observationInput,
                    "TargetInput": targetInput, "WriteResult": writeResult, "Progress": progress,
                    "Territory": territory, "TerritoryDetail": territoryDetail, "Structure": structure,
                    "StructureDetail": structureDetail, "StructurePage": page,
                    "Error": object(["error": string(), "status": string()], required: ["error"])
                ]
            ]
        ]
    }

    @Sendable static func serve(req: Request) async throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])
        return .json(data: data)
    }
}

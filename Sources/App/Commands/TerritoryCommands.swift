import Foundation
import JalonCore
import Vapor

struct TerritoryDefineCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "Code choisi, ex. TAN-LITTORAL")
        var code: String
        @Option(name: "name", help: "Nom du territoire")
        var name: String?
        @Option(name: "decoupage", help: "Découpage auquel il appartient, ex. TAN")
        var decoupage: String?
        @Option(name: "parent", help: "Région parente, ex. R32")
        var parent: String?
        @Option(name: "members", help: "Membres séparés par des virgules : C59350, E200093201, D59…")
        var members: String?
    }

    var help: String {
        "Crée ou redéfinit un territoire personnalisé à partir de communes, d'EPCI et de départements."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let members = (signature.members ?? "").split(whereSeparator: { ", ;".contains($0) }).map(String.init)
            let territory = try await context.application.db.sqlTransaction { db in
                try await TerritoryService.define(
                    .init(
                        code: signature.code, name: signature.name ?? signature.code, decoupage: signature.decoupage,
                        parent: signature.parent, members: members
                    ), on: db, actor: cliActor)
            }
            let population = Format.integer(territory.population)
            context.console.output(
                "Territoire \(territory.code) « \(territory.name) » : \(population) habitants.".consoleText())
        }
    }
}

/// `code;name;découpage;parent;members` — members separated by commas or spaces. All lines or none.
struct TerritoryImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV code;nom;découpage;parent;membres")
        var file: String
    }

    var help: String {
        "Importe des territoires personnalisés depuis un CSV (code;nom;découpage;parent;membres), tout ou rien."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let (data, name) = try context.readFile(signature.file)
            let definitions = try TerritoryCSV.parse(data, fileName: name)
            let results = try await context.application.db.sqlTransaction { db in
                var out: [Territory] = []
                for (line, definition) in definitions {
                    do {
                        out.append(try await TerritoryService.define(definition, on: db, actor: cliActor))
                    } catch let error as ServiceError {
                        throw ServiceError(kind: error.kind, message: "\(name), ligne \(line) : \(error.message)")
                    }
                }
                return out
            }
            for territory in results {
                context.console.output(
                    "\(territory.code) « \(territory.name) » : \(Format.integer(territory.population)) habitants"
                        .consoleText())
            }
            context.console.output("\(results.count) territoire(s) importé(s) depuis \(name).".consoleText())
        }
    }
}

enum TerritoryCSV {
    static func parse(_ data: Data, fileName: String) throws -> [(Int, TerritoryService.Definition)] {
        var rows = try UploadedCSV.records(data, fileName: fileName)
        if let first = rows.first, first[0].lowercased().trimmingCharacters(in: .whitespaces) == "code" {
            rows.removeFirst()
        }
        guard !rows.isEmpty else { throw ServiceError.invalid("\(fileName) : aucun territoire à importer.") }
        return try rows.map { record in
            guard record.fields.count >= 5 else {
                throw ServiceError.invalid(
                    "\(fileName), ligne \(record.line) : 5 champs attendus (code;nom;découpage;parent;membres), "
                        + "\(record.fields.count) trouvés.")
            }
            let members = record[4].split(whereSeparator: { ", \t".contains($0) }).map(String.init)
            return (
                record.line,
                .init(code: record[0], name: record[1], decoupage: record[2], parent: record[3], members: members)
            )
        }
    }
}

struct TerritoryListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "kind", help: "Type : region, departement, epci, custom… (custom par défaut)")
        var kind: String?
        @Option(name: "parent", help: "Code du parent")
        var parent: String?
    }

    var help: String { "Liste des territoires (personnalisés par défaut)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let kind =
                try signature.kind.map { raw -> TerritoryKind in
                    guard let parsed = TerritoryKind(rawValue: raw) else {
                        throw CommandFailure("Type inconnu « \(raw) ».")
                    }
                    return parsed
                } ?? (signature.parent == nil ? .custom : nil)
            let parent = signature.parent?.uppercased()
            for territory in try await TerritoryQuery.list(kind: kind, parent: parent, on: context.sql) {
                context.console.output(
                    "\(territory.code)\t\(territory.name)\t\(Format.integer(territory.population))".consoleText())
            }
        }
    }
}

import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// Keeps the OpenAPI document true: every documented operation answers with its documented shape,
/// and every `/api` route of the application is documented.
@Suite(.serialized) struct OpenAPITests {
    @Test(arguments: TestDB.all)
    func everyDocumentedOperationAnswersWithItsSchema(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let (status, raw) = try await app.getJSON("/api/openapi.json")
            #expect(status == .ok)
            let doc = try #require(raw as? [String: Any])
            #expect(doc["openapi"] as? String == "3.0.3")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
            /// Identifiers of what the examples created, put in the `x-jalon-example` addresses that name them.
            var placeholders: [String: String] = [:]
            func concrete(_ address: String) -> String {
                placeholders.reduce(address) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
            }
            /// Sends a write's documented example (to its `x-jalon-example` address when it has parameters)
            /// and checks the answer against the schema of its status.
            func sendExample(_ path: String, _ method: HTTPMethod) async throws -> Any {
                let operation = try #require(paths[path]?[method.rawValue.lowercased()] as? [String: Any], "\(path)")
                let content = try #require(
                    ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
                        as? [String: Any])
                let example = try JSONSerialization.data(withJSONObject: try #require(content["example"]))
                let target = concrete(operation["x-jalon-example"] as? String ?? path)
                let r = try await app.send(
                    method, target, headers: ["Content-Type": "application/json"], body: ByteBuffer(data: example))
                #expect(r.status == .ok || r.status == .created, "\(target) : \(r.status) \(r.body.string)")
                let responses = try #require(operation["responses"] as? [String: Any])
                let schema = try #require(
                    (((responses[String(r.status.code)] as? [String: Any])?["content"] as? [String: Any])?[
                        "application/json"] as? [String: Any])?["schema"])
                let answer = try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView))
                let problems = SchemaCheck.problems(answer, schema: schema, schemas: schemas, at: target)
                #expect(problems.isEmpty, "\(problems)")
                return answer
            }
            // Writes first, with their documented examples, so that the reads have data.
            var activityID = ""
            for path in [
                "/api/indicators", "/api/targets", "/api/observations", "/api/organisations", "/api/contacts",
                "/api/activities", "/api/roadmaps"
            ] {
                let answer = try await sendExample(path, .POST)
                if path == "/api/activities" { activityID = (answer as? [String: Any])?["id"] as? String ?? "" }
            }
            // The structure edits of the roadmap just written, in this order: the fiche's example gives it the
            // objective the first one renumbers.
            _ = try await sendExample("/api/roadmaps/{code}/objectives/{number}", .PATCH)
            _ = try await sendExample("/api/roadmaps/{code}/fiches/{fiche}", .PATCH)
            _ = try await sendExample("/api/roadmaps/{code}/fiches/{fiche}/move", .POST)
            // The CSV import, with its documented raw-body example; its batch serves the reads below.
            let importPost = try #require(paths["/api/imports"]?["post"] as? [String: Any])
            let csvExample = try #require(
                ((((importPost["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["text/csv"]
                    as? [String: Any])?["example"] as? String))
            let imported = try await app.send(
                .POST, "/api/imports?file=exemple.csv", headers: ["Content-Type": "text/csv"],
                body: ByteBuffer(string: csvExample))
            #expect(imported.status == .created, "\(imported.body.string)")
            let importReport = try JSONSerialization.jsonObject(with: Data(imported.body.readableBytesView))
            let importContent =
                ((importPost["responses"] as? [String: Any])?["201"] as? [String: Any])?["content"] as? [String: Any]
            let importSchema = try #require((importContent?["application/json"] as? [String: Any])?["schema"])
            #expect(
                SchemaCheck.problems(importReport, schema: importSchema, schemas: schemas, at: "/api/imports").isEmpty)
            let batchID = try #require((importReport as? [String: Any])?["batch"] as? String)
            // The committees' writes, chained: the committee (the contact above is its member), its meeting, what
            // happens in it, and its pack printed from a photo validated here.
            _ = try await sendExample("/api/committees", .POST)
            let meeting = try await sendExample("/api/committees/{code}/meetings", .POST)
            placeholders["{meeting}"] = try #require((meeting as? [String: Any])?["id"] as? String)
            _ = try await sendExample("/api/meetings/{id}", .PATCH)
            _ = try await sendExample("/api/meetings/{id}/agenda", .POST)
            let attendance = try await sendExample("/api/meetings/{id}/attendance", .POST)
            #expect((attendance as? [String: Any])?["attending"] as? Int == 1)
            _ = try await sendExample("/api/meetings/{id}/minutes", .POST)
            let decision = try await sendExample("/api/meetings/{id}/decisions", .POST)
            #expect((decision as? [String: Any])?["task"] is String, "la décision est devenue une tâche")
            placeholders["{decision}"] = try #require((decision as? [String: Any])?["id"] as? String)
            _ = try await sendExample("/api/decisions/{id}", .PATCH)
            _ = try await sendExample("/api/committees/{code}/programme", .POST)
            try await app.db.sqlTransaction { db in
                _ = try await SnapshotService.validate(
                    name: "Photo du COPIL", at: Day(2022, 6, 30), territory: "R32", couloir: nil, on: db, actor: .cli)
            }
            let pack = try await sendExample("/api/meetings/{id}/pack", .POST)
            // Cover, agenda and indicators; the decisions page is left out, with no earlier meeting to review.
            #expect((pack as? [String: Any])?["pages"] as? Int ?? 0 >= 3)
            for (path, operations) in paths {
                guard let get = operations["get"] as? [String: Any] else { continue }
                let example = concrete(get["x-jalon-example"] as? String ?? path).replacingOccurrences(
                    of: "{finess}", with: "590000001"
                ).replacingOccurrences(of: "{id}", with: batchID)
                    .replacingOccurrences(of: "{activity}", with: activityID)
                let ok = (get["responses"] as? [String: Any])?["200"] as? [String: Any]
                if (ok?["content"] as? [String: Any])?["application/pdf"] != nil {
                    let file = try await app.send(.GET, example)
                    #expect(file.status == .ok && file.headers.contentType == .pdf, "\(example)")
                    #expect(file.body.getString(at: 0, length: 5) == "%PDF-", "\(example)")
                    continue
                }
                let (code, body) = try await app.getJSON(example)
                #expect(code == .ok, "\(example)")
                let schema = try #require(
                    ((((get["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any])?[
                        "application/json"] as? [String: Any])?["schema"])
                let problems = SchemaCheck.problems(body, schema: schema, schemas: schemas, at: example)
                #expect(problems.isEmpty, "\(problems)")
            }
            // Every /api route is documented.
            let undo = try await app.send(.POST, "/api/imports/\(batchID)/undo")
            #expect(undo.status == .ok)
            let undoSchema = try #require(
                (((((paths["/api/imports/{id}/undo"]?["post"] as? [String: Any])?["responses"] as? [String: Any])?[
                    "200"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?[
                        "schema"])
            #expect(
                SchemaCheck.problems(
                    try JSONSerialization.jsonObject(with: Data(undo.body.readableBytesView)), schema: undoSchema,
                    schemas: schemas, at: "undo"
                ).isEmpty)
            #expect(try await app.send(.POST, "/api/imports/\(batchID)/undo").status == .conflict)
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys {
                    documented.insert(
                        method.uppercased() + " "
                            + path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: ""))
                }
            }
            for route in app.routes.all {
                let path = "/" + route.path.map(\.description).joined(separator: "/")
                guard path.hasPrefix("/api/"), path != "/api/openapi.json" else { continue }
                #expect(
                    documented.contains(route.method.rawValue + " " + path),
                    "route \(route.method.rawValue) \(path) absente du document OpenAPI")
            }
        }
    }

    @Test func theCheckerCatchesAWrongShape() {
        let schema: [String: Any] = [
            "type": "object", "required": ["total"], "properties": ["total": ["type": "integer"]]
        ]
        #expect(!SchemaCheck.problems(["total": "douze"], schema: schema, schemas: [:], at: "x").isEmpty)
        #expect(!SchemaCheck.problems([String: Any](), schema: schema, schemas: [:], at: "x").isEmpty)
        #expect(SchemaCheck.problems(["total": 12], schema: schema, schemas: [:], at: "x").isEmpty)
    }
}

/// A small OpenAPI 3.0 schema checker: types, required properties, nullable, enums, arrays, $ref.
enum SchemaCheck {
    static func problems(_ value: Any, schema raw: Any, schemas: [String: Any], at path: String) -> [String] {
        guard var schema = raw as? [String: Any] else { return ["\(path): schéma illisible"] }
        if let ref = schema["$ref"] as? String {
            guard let resolved = schemas[String(ref.split(separator: "/").last!)] as? [String: Any] else {
                return ["\(path): $ref \(ref) introuvable"]
            }
            schema = resolved
        }
        if value is NSNull { return schema["nullable"] as? Bool == true ? [] : ["\(path): null non permis"] }
        var out: [String] = []
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): objet attendu"] }
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                out.append("\(path).\(key): manquant")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, v) in object {
                if let p = properties[key] {
                    out += problems(v, schema: p, schemas: schemas, at: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    out += problems(v, schema: extra, schemas: schemas, at: "\(path).\(key)")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return ["\(path): tableau attendu"] }
            for (i, v) in array.enumerated() {
                out += problems(v, schema: schema["items"] ?? [:], schemas: schemas, at: "\(path)[\(i)]")
            }
        case "string":
            guard let s = value as? String else { return ["\(path): texte attendu"] }
            if let allowed = schema["enum"] as? [String], !allowed.contains(s) {
                out.append("\(path): « \(s) » hors énumération")
            }
        case "integer":
            guard value as? Int != nil, type(of: value) != Bool.self else { return ["\(path): entier attendu"] }
        case "number":
            guard value as? Double != nil, type(of: value) != Bool.self else { return ["\(path): nombre attendu"] }
        case "boolean":
            guard value as? Bool != nil else { return ["\(path): booléen attendu"] }
        default:
            break
        }
        return out
    }
}

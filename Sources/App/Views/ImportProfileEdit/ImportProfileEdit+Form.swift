import Foundation
import JalonCore

extension ImportProfileEdit {
    /// The profile editor as plain form fields (no JavaScript): one column, constant and question per
    /// canonical field, and short text notations for filters, lookups and the unpivot.
    struct Form: Sendable, Equatable {
        var name = ""
        var description = ""
        var headerLine = "1"
        var sheet = ""
        /// canonical field → source column / constant / question asked at import.
        var columns: [String: String] = [:]
        var constants: [String: String] = [:]
        var questions: [String: String] = [:]
        var unpivotField = ""
        var unpivotValueField = "valeur"
        /// One column header per line.
        var unpivotColumns = ""
        /// `Colonne : exclure : Total | France` or `Colonne : garder : ES`, one filter per line.
        var filters = ""
        /// `champ : libellé = code`, one per line.
        var lookups = ""
        /// `champ = champ + champ`, one per line: the fields a lookup reads together (`ImportProfile.lookupKeys`).
        var lookupKeys = ""

        init() {}

        init(_ profile: ImportProfile) {
            name = profile.name
            description = profile.description
            headerLine = String(profile.headerLine)
            sheet = profile.sheet ?? ""
            columns = profile.columns
            constants = profile.constants
            questions = profile.parameters ?? [:]
            unpivotField = profile.unpivot?.field ?? ""
            unpivotValueField = profile.unpivot?.valueField ?? "valeur"
            unpivotColumns = profile.unpivot?.columns.joined(separator: "\n") ?? ""
            filters = profile.filters.map { filter in
                filter.keep.map { "\(filter.column) : garder : \($0.joined(separator: " | "))" }
                    ?? "\(filter.column) : exclure : \((filter.drop ?? []).joined(separator: " | "))"
            }.joined(separator: "\n")
            lookups = profile.lookups.sorted { $0.key < $1.key }.flatMap { field, table in
                table.sorted { $0.key < $1.key }.map { "\(field) : \($0.key) = \($0.value)" }
            }.joined(separator: "\n")
            lookupKeys = (profile.lookupKeys ?? [:]).sorted { $0.key < $1.key }.map {
                "\($0.key) = \($0.value.joined(separator: " + "))"
            }.joined(separator: "\n")
        }

        /// From the posted fields (`col_periode`, `const_source`, `param_periode`…).
        init(fields: [String: String]) {
            func posted(_ key: String) -> String { (fields[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            name = posted("name").lowercased()
            description = posted("description")
            headerLine = posted("header_line").isEmpty ? "1" : posted("header_line")
            sheet = posted("sheet")
            for field in ImportProfile.fields {
                if !posted("col_" + field).isEmpty { columns[field] = posted("col_" + field) }
                if !posted("const_" + field).isEmpty { constants[field] = posted("const_" + field) }
                if !posted("param_" + field).isEmpty { questions[field] = posted("param_" + field) }
            }
            unpivotField = posted("unpivot_field")
            unpivotValueField = posted("unpivot_value_field").isEmpty ? "valeur" : posted("unpivot_value_field")
            unpivotColumns = posted("unpivot_columns")
            filters = posted("filters")
            lookups = posted("lookups")
            lookupKeys = posted("lookup_keys")
        }

        /// The profile, or every notation problem with its line, in French.
        func profile() throws -> ImportProfile {
            var problems: [String] = []
            guard let header = Int(headerLine), header >= 1 else {
                throw ServiceError.invalid("Ligne d'en-tête : un nombre à partir de 1.", field: "header_line")
            }
            var parsedFilters: [ImportProfile.Filter] = []
            for (number, line) in Self.lines(filters) {
                let parts = line.split(separator: ":", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
                let values =
                    parts.count == 3
                    ? parts[2].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                        !$0.isEmpty
                    }
                    : []
                guard parts.count == 3, !parts[0].isEmpty, !values.isEmpty,
                    ["garder", "exclure"].contains(parts[1].lowercased())
                else {
                    problems.append(
                        "Filtres, ligne \(number) : "
                            + "écrivez « Colonne : exclure : valeur | valeur » ou « Colonne : garder : valeur »."
                    )
                    continue
                }
                parsedFilters.append(
                    parts[1].lowercased() == "garder"
                        ? .init(column: parts[0], keep: values) : .init(column: parts[0], drop: values))
            }
            var parsedLookups: [String: [String: String]] = [:]
            for (number, line) in Self.lines(lookups) {
                guard let colon = line.firstIndex(of: ":"), let eq = line.lastIndex(of: "="), colon < eq else {
                    problems.append("Correspondances, ligne \(number) : écrivez « champ : libellé = code ».")
                    continue
                }
                let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let label = line[line.index(after: colon)..<eq].trimmingCharacters(in: .whitespaces)
                let code = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                guard !label.isEmpty, !code.isEmpty else {
                    problems.append("Correspondances, ligne \(number) : libellé ou code vide.")
                    continue
                }
                parsedLookups[field, default: [:]][label] = code
            }
            var parsedKeys: [String: [String]] = [:]
            for (number, line) in Self.lines(lookupKeys) {
                let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                let keys =
                    parts.count == 2
                    ? parts[1].split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } : []
                guard parts.count == 2, !parts[0].isEmpty, !keys.isEmpty, !keys.contains("") else {
                    problems.append("Clés composées, ligne \(number) : écrivez « champ = champ + champ ».")
                    continue
                }
                parsedKeys[parts[0].lowercased()] = keys
            }
            let unpivotList = Self.lines(unpivotColumns).map(\.1)
            var unpivot: ImportProfile.Unpivot?
            if !unpivotField.isEmpty {
                unpivot = .init(field: unpivotField, columns: unpivotList, valueField: unpivotValueField)
            } else if !unpivotList.isEmpty {
                problems.append("Dépivotage : choisissez le champ que deviennent les en-têtes de colonnes.")
            }
            let profile = ImportProfile(
                name: name, description: description, headerLine: header, columns: columns, constants: constants,
                lookups: parsedLookups, filters: parsedFilters, unpivot: unpivot,
                lookupKeys: parsedKeys.isEmpty ? nil : parsedKeys, parameters: questions.isEmpty ? nil : questions,
                sheet: sheet.isEmpty ? nil : sheet)
            problems += profile.problems
            guard problems.isEmpty else { throw ServiceError.invalid(problems.joined(separator: " ")) }
            return profile
        }

        /// Non-blank lines with their 1-based number.
        static func lines(_ text: String) -> [(Int, String)] {
            text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
                .map { ($0.offset + 1, $0.element.trimmingCharacters(in: .whitespacesAndNewlines)) }.filter {
                    !$0.1.isEmpty
                }
        }
    }
}

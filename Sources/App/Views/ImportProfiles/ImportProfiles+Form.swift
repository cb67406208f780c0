import Foundation
import JalonCore

/// The profile editor as plain form fields (no JavaScript): one column, constant and question per
/// canonical field, and short text notations for filters, lookups and the unpivot.
struct ImportProfileForm: Sendable, Equatable {
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

    init() {}

    init(_ p: ImportProfile) {
        name = p.name
        description = p.description
        headerLine = String(p.headerLine)
        sheet = p.sheet ?? ""
        columns = p.columns
        constants = p.constants
        questions = p.parameters ?? [:]
        unpivotField = p.unpivot?.field ?? ""
        unpivotValueField = p.unpivot?.valueField ?? "valeur"
        unpivotColumns = p.unpivot?.columns.joined(separator: "\n") ?? ""
        filters = p.filters.map { f in
            f.keep.map { "\(f.column) : garder : \($0.joined(separator: " | "))" }
                ?? "\(f.column) : exclure : \((f.drop ?? []).joined(separator: " | "))"
        }.joined(separator: "\n")
        lookups = p.lookups.sorted { $0.key < $1.key }.flatMap { field, table in
            table.sorted { $0.key < $1.key }.map { "\(field) : \($0.key) = \($0.value)" }
        }.joined(separator: "\n")
    }

    /// From the posted fields (`col_periode`, `const_source`, `param_periode`…).
    init(fields: [String: String]) {
        func v(_ k: String) -> String { (fields[k] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        name = v("name").lowercased()
        description = v("description")
        headerLine = v("header_line").isEmpty ? "1" : v("header_line")
        sheet = v("sheet")
        for f in ImportProfile.fields {
            if !v("col_" + f).isEmpty { columns[f] = v("col_" + f) }
            if !v("const_" + f).isEmpty { constants[f] = v("const_" + f) }
            if !v("param_" + f).isEmpty { questions[f] = v("param_" + f) }
        }
        unpivotField = v("unpivot_field")
        unpivotValueField = v("unpivot_value_field").isEmpty ? "valeur" : v("unpivot_value_field")
        unpivotColumns = v("unpivot_columns")
        filters = v("filters")
        lookups = v("lookups")
    }

    /// The profile, or every notation problem with its line, in French.
    func profile() throws -> ImportProfile {
        var problems: [String] = []
        guard let header = Int(headerLine), header >= 1 else {
            throw ServiceError.invalid("Ligne d'en-tête : un nombre à partir de 1.", field: "header_line")
        }
        var parsedFilters: [ImportProfile.Filter] = []
        for (n, line) in Self.lines(filters) {
            let parts = line.split(separator: ":", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            let values =
                parts.count == 3
                ? parts[2].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                : []
            guard parts.count == 3, !parts[0].isEmpty, !values.isEmpty,
                ["garder", "exclure"].contains(parts[1].lowercased())
            else {
                problems.append(
                    "Filtres, ligne \(n) : écrivez « Colonne : exclure : valeur | valeur » ou « Colonne : garder : valeur »."
                )
                continue
            }
            parsedFilters.append(
                parts[1].lowercased() == "garder"
                    ? .init(column: parts[0], keep: values) : .init(column: parts[0], drop: values))
        }
        var parsedLookups: [String: [String: String]] = [:]
        for (n, line) in Self.lines(lookups) {
            guard let colon = line.firstIndex(of: ":"), let eq = line.lastIndex(of: "="), colon < eq else {
                problems.append("Correspondances, ligne \(n) : écrivez « champ : libellé = code ».")
                continue
            }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let label = line[line.index(after: colon)..<eq].trimmingCharacters(in: .whitespaces)
            let code = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty, !code.isEmpty else {
                problems.append("Correspondances, ligne \(n) : libellé ou code vide.")
                continue
            }
            parsedLookups[field, default: [:]][label] = code
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
            parameters: questions.isEmpty ? nil : questions, sheet: sheet.isEmpty ? nil : sheet)
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

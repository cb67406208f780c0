import Foundation

/// How a recurring national file maps onto Jalon's canonical observation fields (`indicateur`,
/// `territoire`, `structure`, `couloir`, `periode`, `valeur`, `numerateur`, `denominateur`, `source`,
/// `commentaire`): columns by header name, constants, row filters, label → code lookups, and the
/// unpivot of wide tables (months or départements as columns). Stored as JSON, versioned.
public struct ImportProfile: Codable, Sendable, Equatable {
    public struct Unpivot: Codable, Sendable, Equatable {
        /// The canonical field the column header becomes (`periode` for months, `territoire` for départements).
        public var field: String
        /// The headers to unpivot, by name; every other column stays a plain column.
        public var columns: [String]
        /// The canonical field the cell becomes (`valeur` by default).
        public var valueField: String

        public init(field: String, columns: [String], valueField: String = "valeur") {
            self.field = field
            self.columns = columns
            self.valueField = valueField
        }
    }

    public struct Filter: Codable, Sendable, Equatable {
        public var column: String
        /// Keep the row only when the cell equals one of these (case and accents ignored)…
        public var keep: [String]?
        /// …or drop it when it equals one of these (e.g. "Total").
        public var drop: [String]?

        public init(column: String, keep: [String]? = nil, drop: [String]? = nil) {
            self.column = column
            self.keep = keep
            self.drop = drop
        }
    }

    public var name: String
    public var version: Int
    public var description: String
    /// 1-based line of the header row (national tables often start with a title).
    public var headerLine: Int
    /// canonical field → header of the source column (or `#N`, its position, for an untitled column).
    public var columns: [String: String]
    /// canonical field → constant value (e.g. `indicateur` → `DMP-ALIM`, `source` → `CNAM`).
    public var constants: [String: String]
    /// canonical field → (label → code), applied after columns and unpivot (e.g. `Charente` → `D16`).
    public var lookups: [String: [String: String]]
    /// canonical field → the fields whose values, joined by ` | `, its lookup reads, when one column does not
    /// say it alone: an INSi line gives two indicators, its sector and the measure (the unpivoted header)
    /// naming each (`Etablissements sanitaires | Nombre d'appels` → `O3-18`). The field alone by default.
    public var lookupKeys: [String: [String]]?
    public var filters: [Filter]
    public var unpivot: Unpivot?
    /// Fields asked each time the file is imported (e.g. the month a monthly file covers): field → question.
    /// A constant of the same field is the default answer.
    public var parameters: [String: String]?
    /// The sheet of an .xlsx workbook to read (the first one when nil).
    public var sheet: String?

    public init(
        name: String, version: Int = 1, description: String = "", headerLine: Int = 1, columns: [String: String] = [:],
        constants: [String: String] = [:], lookups: [String: [String: String]] = [:], filters: [Filter] = [],
        unpivot: Unpivot? = nil, lookupKeys: [String: [String]]? = nil,
        parameters: [String: String]? = nil, sheet: String? = nil
    ) {
        self.name = name
        self.version = version
        self.description = description
        self.headerLine = headerLine
        self.columns = columns
        self.constants = constants
        self.lookups = lookups
        self.filters = filters
        self.unpivot = unpivot
        self.lookupKeys = lookupKeys
        self.parameters = parameters
        self.sheet = sheet
    }

    public static let fields = [
        "indicateur", "territoire", "structure", "couloir", "periode", "valeur", "numerateur", "denominateur", "source",
        "commentaire"
    ]

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        /// Line 0: the whole file (or the import's settings), not one line.
        public var description: String { line > 0 ? "ligne \(line) : \(message)" : message }
    }

    /// One canonical row, with the physical line it came from.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var fields: [String: String]
    }

    /// Every problem of the definition itself, in French (empty when the profile is usable).
    public var problems: [String] {
        var out: [String] = []
        if name.isEmpty || !name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            out.append(
                "Nom « \(name.prefix(40)) » : "
                    + "minuscules sans accents, chiffres et tirets seulement (ex. insi-secteurs).")
        }
        if headerLine < 1 { out.append("La ligne d'en-tête est numérotée à partir de 1.") }
        let named =
            Array(columns.keys) + Array(constants.keys) + Array(lookups.keys) + Array((parameters ?? [:]).keys)
            + [unpivot?.field, unpivot?.valueField].compactMap { $0 }
            + (lookupKeys ?? [:]).flatMap { [$0.key] + $0.value }
        for field in Set(named).sorted() where !Self.fields.contains(field) {
            out.append("Champ inconnu « \(field.prefix(30)) » (champs : \(Self.fields.joined(separator: ", "))).")
        }
        for (field, header) in columns.sorted(by: { $0.key < $1.key })
        where header.trimmingCharacters(in: .whitespaces).isEmpty {
            out.append("Champ « \(field) » : nom de colonne vide.")
        }
        if let unpivot, unpivot.columns.isEmpty { out.append("Dépivotage : choisissez au moins une colonne.") }
        for (field, keys) in (lookupKeys ?? [:]).sorted(by: { $0.key < $1.key }) {
            if lookups[field] == nil {
                out.append("Clés de correspondance de « \(field) » sans table de correspondance.")
            }
            if keys.isEmpty { out.append("Clés de correspondance de « \(field) » : nommez au moins un champ.") }
        }
        let provided = Set(columns.keys).union(constants.keys).union((parameters ?? [:]).keys).union(
            [unpivot?.field, unpivot?.valueField].compactMap { $0 })
        for field in ["indicateur", "periode"] where !provided.contains(field) {
            out.append("Le champ « \(field) » ne vient ni d'une colonne, ni d'une constante, ni d'un paramètre.")
        }
        if !provided.contains("territoire") && !provided.contains("structure") {
            out.append("Le champ « territoire » (ou « structure ») ne vient de nulle part.")
        }
        if !provided.contains("valeur") && !(provided.contains("numerateur") && provided.contains("denominateur")) {
            out.append("Le champ « valeur » (ou « numerateur » et « denominateur ») ne vient de nulle part.")
        }
        return out
    }

    /// Applies the profile to the records of a file. A header the profile names but the file lacks
    /// fails the whole file (the file is not the one the profile is for). `settings` answer the
    /// profile's parameters and may override its constants for one import.
    public func apply(_ records: [CSVRecord], settings: [String: String] = [:]) throws -> [Row] {
        for (field, question) in (parameters ?? [:]).sorted(by: { $0.key < $1.key })
        where (settings[field] ?? constants[field] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw Failure(line: 0, message: "Le profil « \(name) » demande le paramètre « \(field) » : \(question).")
        }
        guard let header = records.first(where: { $0.line == headerLine }) ?? (headerLine == 1 ? records.first : nil)
        else {
            throw Failure(
                line: headerLine,
                message: "ligne d'en-tête absente (le profil « \(name) » l'attend ligne \(headerLine))")
        }
        var index: [String: Int] = [:]
        for (i, title) in header.fields.enumerated() where index[title.matchKey] == nil { index[title.matchKey] = i }
        func column(_ title: String) throws -> Int {
            // `#2`: the second column, for the untitled first column of many national tables.
            if title.hasPrefix("#"), let number = Int(title.dropFirst()), number >= 1 { return number - 1 }
            guard let position = index[title.matchKey] else {
                throw Failure(
                    line: header.line,
                    message: "colonne « \(title) » absente : ce fichier ne correspond pas au profil « \(name) »")
            }
            return position
        }
        // Checked in field order, so that the same wrong file always gets the same message.
        let mapped = try columns.sorted { $0.key < $1.key }.map { ($0.key, try column($0.value)) }
        let filterColumns = try filters.map { (try column($0.column), $0) }
        let unpivoted = try unpivot.map { unpivot in try unpivot.columns.map { (try column($0), $0) } } ?? []
        let fixed = constants.merging(settings.filter { Self.fields.contains($0.key) && !$0.value.isEmpty }) {
            _, given in given
        }
        var out: [Row] = []
        for record in records where record.line > header.line {
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let kept = filterColumns.allSatisfy { position, filter in
                let cell = record[position].matchKey
                if let keep = filter.keep, !keep.map(\.matchKey).contains(cell) { return false }
                if let drop = filter.drop, drop.map(\.matchKey).contains(cell) { return false }
                return true
            }
            guard kept else { continue }
            var base = fixed
            for (field, position) in mapped { base[field] = record[position].trimmingCharacters(in: .whitespaces) }
            let rows: [[String: String]]
            if let unpivot {
                rows = unpivoted.map { position, title in
                    var fields = base
                    fields[unpivot.field] = title
                    fields[unpivot.valueField] = record[position].trimmingCharacters(in: .whitespaces)
                    return fields
                }
            } else {
                rows = [base]
            }
            for var fields in rows {
                // Every lookup reads the fields as the file gave them, whatever the order lookups run in.
                let given = fields
                for (field, table) in lookups {
                    let label: String
                    if let keys = lookupKeys?[field] {
                        label = keys.map { given[$0] ?? "" }.joined(separator: " | ")
                    } else {
                        guard let alone = given[field] else { continue }
                        label = alone
                    }
                    if let code = table[label] ?? table.first(where: { $0.key.matchKey == label.matchKey })?.value {
                        fields[field] = code
                    }
                }
                out.append(Row(line: record.line, fields: fields))
            }
        }
        return out
    }
}

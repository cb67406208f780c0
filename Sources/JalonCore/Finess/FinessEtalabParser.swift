import Foundation

/// The historical etalab extract (`etalab-cs1100507-stock-*.csv`): `;`, Latin-1 or UTF-8, no header,
/// a metadata first line `finess;etalab;…`, then `structureet` lines (32 fields) and
/// `geolocalisation` lines (6 fields) whose Lambert-93/UTM coordinates are joined to the establishment.
public enum FinessEtalabParser {
    static let structureFieldCount = 32
    static let geolocFieldCount = 6

    public static func parse(_ text: String) throws -> FinessFile {
        var file = FinessFile(format: .etalabCSV)
        var index: [String: Int] = [:]
        // The FINESS département of each kept record: it tells the projection of its coordinates.
        var departements: [String] = []
        do {
            try CSVReader(separator: ";").forEach(text) { record in
                let kind = record[0].trimmingCharacters(in: .whitespaces).lowercased()
                switch kind {
                case "finess" where record.line == 1:
                    return
                case "structureet":
                    file.read += 1
                    guard record.fields.count >= structureFieldCount else {
                        throw FinessFileError(
                            line: record.line, incomplete("structureet", record, expected: structureFieldCount))
                    }
                    switch structure(record) {
                    case .success(let establishment):
                        if let existing = index[establishment.finessET] {
                            let firstLine = file.records[existing].line
                            file.rejections.append(
                                .init(
                                    line: record.line, field: "nofinesset",
                                    reason:
                                        "numéro FINESS \(establishment.finessET) en double (déjà lu ligne \(firstLine))"
                                ))
                        } else {
                            index[establishment.finessET] = file.records.count
                            file.records.append(establishment)
                            departements.append(record[13].trimmingCharacters(in: .whitespaces).uppercased())
                        }
                    case .failure(let rejection):
                        file.rejections.append(rejection)
                    }
                case "geolocalisation":
                    guard record.fields.count >= geolocFieldCount - 1 else {
                        throw FinessFileError(
                            line: record.line, incomplete("geolocalisation", record, expected: geolocFieldCount))
                    }
                    guard let recordIndex = index[record[1]] else { return }
                    guard let easting = Double(record[2].replacingOccurrences(of: ",", with: ".")),
                        let northing = Double(record[3].replacingOccurrences(of: ",", with: "."))
                    else {
                        if !(record[2].isEmpty && record[3].isEmpty) { file.rejections.append(unreadable(record)) }
                        return
                    }
                    // `Double` reads `nan` and `inf`; a position off the globe is no position either.
                    if let projection = Projection.forEtalab(source: record[4], departement: departements[recordIndex]),
                        easting.isFinite, northing.isFinite,
                        case let position = projection.toWGS84(x: easting, y: northing),
                        (-90...90).contains(position.latitude), (-180...180).contains(position.longitude)
                    {
                        file.records[recordIndex].position = position
                    } else if !(easting.isFinite && northing.isFinite) {
                        file.rejections.append(unreadable(record))
                    }
                default:
                    if record.line == 1 {
                        let firstFields = record.fields.prefix(3).joined(separator: ";")
                        throw FinessFileError(
                            line: 1,
                            "ce fichier n'est pas une extraction FINESS etalab (première ligne « \(firstFields) »)")
                    }
                    throw FinessFileError(
                        line: record.line,
                        "type d'enregistrement inconnu « \(record[0].prefix(40)) » "
                            + "(attendu structureet ou geolocalisation) — fichier mal formé")
                }
            }
        } catch let CSVReader.Failure.unterminatedQuote(line) {
            throw FinessFileError(line: line, "guillemet ouvert jamais refermé — fichier tronqué ou mal formé")
        }
        return file
    }

    /// A record with fewer fields than its kind has: the file was cut or is not an etalab extract.
    static func incomplete(_ kind: String, _ record: CSVRecord, expected: Int) -> String {
        "ligne \(kind) incomplète (\(record.fields.count) champs au lieu de \(expected)) — fichier tronqué ou mal formé"
    }

    /// Coordinates that are not numbers: the establishment is kept, without a position.
    static func unreadable(_ record: CSVRecord) -> FinessRejection {
        FinessRejection(
            line: record.line, field: "coordxet",
            reason: "coordonnées illisibles « \(record[2]) ; \(record[3]) » (établissement importé sans position)")
    }

    static func structure(_ record: CSVRecord) -> Result<FinessRecord, FinessRejection> {
        func field(_ index: Int) -> String { record[index].trimmingCharacters(in: .whitespaces) }
        let et = field(1).uppercased()
        let ej = field(2).uppercased()
        guard FinessRecord.isFinessNumber(et) else {
            return .failure(
                .init(
                    line: record.line, field: "nofinesset",
                    reason: "numéro FINESS d'établissement invalide « \(field(1)) » (9 caractères attendus)"))
        }
        guard ej.isEmpty || FinessRecord.isFinessNumber(ej) else {
            return .failure(
                .init(
                    line: record.line, field: "nofinessej", reason: "numéro FINESS juridique invalide « \(field(2)) »"))
        }
        var dates: [String?] = []
        for (column, name) in [(28, "dateouv"), (29, "dateautor"), (30, "datemaj")] {
            guard let date = FinessRecord.isoDate(field(column)) else {
                return .failure(
                    .init(
                        line: record.line, field: name,
                        reason: "date invalide « \(field(column)) » (AAAA-MM-JJ attendu)"))
            }
            dates.append(date)
        }
        let street = [field(7), field(8), field(9), field(10)].filter { !$0.isEmpty }.joined(separator: " ")
        let address = [field(6), street, field(11)].filter { !$0.isEmpty }.joined(separator: ", ")
        let acheminement = field(15)
        let postal = String(acheminement.prefix { $0.isNumber })
        let city = acheminement.dropFirst(postal.count).trimmingCharacters(in: .whitespaces)
        return .success(
            FinessRecord(
                finessET: et, finessEJ: ej, name: collapse(field(3)), longName: collapse(field(4)),
                complement: field(5),
                address: collapse(address), postalCode: postal, city: city,
                communeCode: FinessCommune.inseeCode(departement: field(13), commune: field(12)) ?? "",
                phone: field(16), categoryCode: field(18), categoryLabel: field(19), aggregateCode: field(20),
                aggregateLabel: field(21),
                siret: field(22), openedOn: dates[0], authorisedOn: dates[1], closedOn: nil, updatedOn: dates[2],
                line: record.line))
    }

    /// The extract pads some names with double spaces (`CMPP  INTERSECTORIEL`).
    static func collapse(_ name: String) -> String {
        name.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}

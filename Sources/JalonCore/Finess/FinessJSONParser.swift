import Foundation

/// The JSON flux "finess-structures": legal entities `pmej[]`, each with its geographic entities
/// `ege[]`; WGS84 coordinates; `etatObjet` and `dateFermeture` for closed entities.
public enum FinessJSONParser {
    struct Flux: Decodable {
        var schemaVersion: String?
        var pmej: [PMEJ]?
    }

    struct PMEJ: Decodable {
        var informationsGeneralesPMEJ: PMEJInfo?
        var ege: [EGE]?
        var etatObjet: String?
    }

    struct PMEJInfo: Decodable {
        var numFinessPm: String?
        var denominationPm: String?
        var denominationLonguePmSmsse: String?
        var siren: String?
        var statutJuridique: String?
        var dateFermeture: String?
    }

    struct EGE: Decodable {
        var informationsGeneralesEGE: EGEInfo?
        var categorieentiteGeographiqueExercice: String?
        var adresse: [Address]?
        var contact: [Contact]?
        var etatObjet: String?
        var dateDerniereMaj: String?
    }

    struct EGEInfo: Decodable {
        var numFinessEge: String?
        var nomEgeCourt: String?
        var nomEgeLong: String?
        var complementDenominationEg: String?
        var dateOuverture: String?
        var datePremiereAutorisation: String?
        var dateFermeture: String?
        var siret: String?
    }

    struct Address: Decodable {
        var usageAdresse: String?
        var numeroVoie: String?
        var typeVoie: String?
        var libelleVoie: String?
        var complementVoie: String?
        var lieuDit: String?
        var cogCommune: String?
        var ligneAcheminement: String?
        var codePostal: String?
        var coordonneesGeographique: Coordinates?
    }

    struct Coordinates: Decodable {
        var coordonneeX: String?
        var coordonneeY: String?
    }

    struct Contact: Decodable {
        struct Telecom: Decodable { var telephone: String? }
        var telecom: Telecom?
    }

    /// The address kept for an establishment: the geographic one (`usageAdresse` 03) when present.
    static let geographicUsage = "03"

    public static func parse(_ data: Data) throws -> FinessFile {
        let flux: Flux
        do {
            flux = try JSONDecoder().decode(Flux.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw FinessFileError(
                line: line(of: context, in: data), "JSON illisible ou tronqué (\(context.debugDescription))")
        } catch {
            throw FinessFileError(line: nil, "JSON au format inattendu : \(error)")
        }
        guard let entities = flux.pmej else {
            throw FinessFileError(
                line: nil, "le JSON ne contient pas de liste « pmej » : ce n'est pas un flux finess-structures")
        }
        var file = FinessFile(format: .jsonFlux)
        var seen: [String: Int] = [:]
        var rank = 0
        for pm in entities {
            let info = pm.informationsGeneralesPMEJ
            let ej = (info?.numFinessPm ?? "").uppercased()
            if FinessRecord.isFinessNumber(ej) {
                file.legalEntities.append(
                    FinessLegalEntity(
                        finessEJ: ej, name: info?.denominationLonguePmSmsse ?? info?.denominationPm ?? "",
                        siren: info?.siren ?? "", legalStatus: info?.statutJuridique ?? "",
                        closedOn: info?.dateFermeture.flatMap { FinessRecord.isoDate($0) ?? nil }))
            }
            for ege in pm.ege ?? [] {
                rank += 1
                file.read += 1
                switch record(ege, ej: ej, rank: rank) {
                case .success(let establishment):
                    if let first = seen[establishment.finessET] {
                        file.rejections.append(
                            .init(
                                line: rank, field: "numFinessEge",
                                reason:
                                    "numéro FINESS \(establishment.finessET) en double (déjà lu en position \(first))"
                            ))
                    } else {
                        seen[establishment.finessET] = rank
                        file.records.append(establishment)
                    }
                case .failure(let rejection):
                    file.rejections.append(rejection)
                }
            }
        }
        return file
    }

    static func record(_ ege: EGE, ej: String, rank: Int) -> Result<FinessRecord, FinessRejection> {
        let info = ege.informationsGeneralesEGE
        let et = (info?.numFinessEge ?? "").uppercased()
        guard FinessRecord.isFinessNumber(et) else {
            return .failure(
                .init(
                    line: rank, field: "numFinessEge",
                    reason: "numéro FINESS d'établissement invalide « \(info?.numFinessEge ?? "") »"))
        }
        var dates: [String?] = []
        for (value, name) in [
            (info?.dateOuverture, "dateOuverture"), (info?.datePremiereAutorisation, "datePremiereAutorisation"),
            (info?.dateFermeture, "dateFermeture"), (ege.dateDerniereMaj, "dateDerniereMaj")
        ] {
            guard let date = FinessRecord.isoDate(value ?? "") else {
                return .failure(.init(line: rank, field: name, reason: "date invalide « \(value ?? "") » pour \(et)"))
            }
            dates.append(date)
        }
        // An inactive entity (etatObjet "I") without a closing date is still closed; its last update dates it.
        var closedOn = dates[2]
        if closedOn == nil, ege.etatObjet == "I" { closedOn = dates[3] ?? "1900-01-01" }
        let addresses = ege.adresse ?? []
        let kept = addresses.first { $0.usageAdresse == geographicUsage } ?? addresses.first
        let street = [kept?.numeroVoie, kept?.typeVoie, kept?.libelleVoie, kept?.complementVoie].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: " ")
        let address = [street, kept?.lieuDit ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        var position: GeoPoint?
        if let lon = kept?.coordonneesGeographique?.coordonneeX.flatMap(Double.init),
            let lat = kept?.coordonneesGeographique?.coordonneeY.flatMap(Double.init),
            (-90...90).contains(lat), (-180...180).contains(lon)
        {
            position = GeoPoint(latitude: lat, longitude: lon)
        }
        let phone = ege.contact?.compactMap { $0.telecom?.telephone }.first ?? ""
        return .success(
            FinessRecord(
                finessET: et, finessEJ: ej, name: FinessEtalabParser.collapse(info?.nomEgeCourt ?? ""),
                longName: FinessEtalabParser.collapse(info?.nomEgeLong ?? ""),
                complement: info?.complementDenominationEg ?? "",
                address: address, postalCode: kept?.codePostal ?? "", city: kept?.ligneAcheminement ?? "",
                communeCode: (kept?.cogCommune ?? "").uppercased(), phone: phone,
                categoryCode: ege.categorieentiteGeographiqueExercice ?? "", siret: info?.siret ?? "",
                openedOn: dates[0], authorisedOn: dates[1], closedOn: closedOn, updatedOn: dates[3], position: position,
                line: rank))
    }

    /// JSONDecoder reports a byte offset in its debug description on Linux; turn it into a line number when it can.
    static func line(of context: DecodingError.Context, in data: Data) -> Int? {
        guard let range = context.debugDescription.range(of: #"(character|offset) \d+"#, options: .regularExpression),
            let offset = Int(context.debugDescription[range].split(separator: " ").last!)
        else { return nil }
        return data.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}

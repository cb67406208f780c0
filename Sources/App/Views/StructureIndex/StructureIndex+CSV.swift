import JalonCore

extension StructureIndex {
    /// CSV for French Excel: `;` separator, UTF-8 with BOM, CRLF, every field quoted when needed.
    static func csv(_ items: [Structure]) -> String {
        var out = "\u{FEFF}"
        let header = [
            "finess_et", "finess_ej", "nom", "nom_long", "categorie", "libelle_categorie", "couloir", "adresse",
            "code_postal",
            "commune_insee", "commune", "telephone", "siret", "date_ouverture", "date_fermeture", "latitude",
            "longitude", "source", "demonstration"
        ]
        out += header.joined(separator: ";") + "\r\n"
        for structure in items {
            let fields = [
                structure.finessET ?? "", structure.finessEJ, structure.name, structure.longName,
                structure.categoryCode, structure.categoryLabel, structure.couloir, structure.address,
                structure.postalCode,
                structure.communeCode ?? structure.communeRaw, structure.communeName ?? structure.city, structure.phone,
                structure.siret, structure.openedOn ?? "",
                structure.closedOn ?? "",
                structure.latitude.map(Format.coordinate) ?? "", structure.longitude.map(Format.coordinate) ?? "",
                structure.source,
                structure.isDemo ? "oui" : "non"
            ]
            out += fields.map(CSVField.quote).joined(separator: ";") + "\r\n"
        }
        return out
    }
}

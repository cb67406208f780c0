import JalonCore

extension Structures {
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
        for s in items {
            let fields = [
                s.finessET ?? "", s.finessEJ, s.name, s.longName, s.categoryCode, s.categoryLabel, s.couloir, s.address,
                s.postalCode,
                s.communeCode ?? s.communeRaw, s.communeName ?? s.city, s.phone, s.siret, s.openedOn ?? "",
                s.closedOn ?? "",
                s.latitude.map(Format.coordinate) ?? "", s.longitude.map(Format.coordinate) ?? "", s.source,
                s.isDemo ? "oui" : "non"
            ]
            out += fields.map(quote).joined(separator: ";") + "\r\n"
        }
        return out
    }

    /// Quotes a field when it holds a separator, quote or line break; neutralises spreadsheet formulas.
    static func quote(_ s: String) -> String {
        let v = SpreadsheetFormula.neutralised(s)
        guard v.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

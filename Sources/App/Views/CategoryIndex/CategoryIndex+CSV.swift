extension CategoryIndex {
    /// The classification as a CSV file for French Excel, in the columns the import reads back.
    static func csv(_ categories: [FinessCategory]) -> String {
        "\u{FEFF}categorie;libelle;agregat;couloir;couloir_par_defaut\r\n"
            + categories.map {
                [$0.code, $0.label, $0.aggregateCode, $0.couloir, $0.defaultCouloir].map(CSVField.quote).joined(
                    separator: ";")
            }.joined(separator: "\r\n") + "\r\n"
    }
}

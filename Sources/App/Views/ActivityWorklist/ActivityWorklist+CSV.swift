extension ActivityWorklist {
    /// The structures to reach as a CSV for Excel (BOM, `;`, CRLF).
    static func csv(_ model: Model) -> String {
        var out = "\u{FEFF}finess;structure;commune;categorie;couloir;dernier_contact\r\n"
        for item in model.items {
            out +=
                [item.key, item.name, item.city, item.category, item.couloir, item.lastReached?.iso ?? ""].map(
                    CSVField.quote
                ).joined(
                    separator: ";") + "\r\n"
        }
        return out
    }
}

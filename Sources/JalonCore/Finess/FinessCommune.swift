/// FINESS writes a commune as a département code (`01`…`95`, `2A`, `2B`, `9A`…`9J` overseas) and
/// three digits; the INSEE code is rebuilt from both.
public enum FinessCommune {
    /// `59` + `350` → `59350`; `2A` + `004` → `2A004`; `9D` + `411` → `97411`; `9F` + `611` → `97611`;
    /// `9J` + `613` → `98613`. Overseas FINESS départements 9A–9F are INSEE 971–976 (the commune's
    /// three digits already start with the département's last digit); 9G and after are the Pacific 98x.
    public static func inseeCode(departement: String, commune: String) -> String? {
        let departement = departement.uppercased()
        guard commune.count == 3, commune.allSatisfy(\.isNumber) else { return nil }
        if departement.count == 2, departement.hasPrefix("9"), let letter = departement.last, letter.isLetter {
            return (letter <= "F" ? "97" : "98") + commune
        }
        guard TerritoryCode.isDepartement(departement) else { return nil }
        return departement + commune
    }
}

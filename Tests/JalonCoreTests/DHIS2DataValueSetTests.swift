import Foundation
import Testing

@testable import JalonCore

struct DHIS2DataValueSetTests {
    @Test func readsColumnsByHeaderNameInAnyOrder() throws {
        // setup: columns shuffled, old combo names, a quoted comment holding a comma
        let text = """
            OrgUnit,DataElement,Period,Value,catoptcombo,Comment,FollowUp
            D59,DMP-ALIM,202112,12.83,HllvX50cXC0,"saisie, corrigée",true

            D62,DMP-ALIM,2021Q4,7,,,
            """
        // act
        let values = try DHIS2DataValueSet.parse(CSVReader(separator: ",").records(text))
        // check
        #expect(values.count == 2)
        #expect(
            values[0]
                == DHIS2DataValueSet.DataValue(
                    dataElement: "DMP-ALIM", period: "202112", orgUnit: "D59", categoryOptionCombo: "HllvX50cXC0",
                    value: "12.83", comment: "saisie, corrigée", followup: true, line: 2))
        #expect(values[1].line == 4)
        #expect(values[1].period == "2021Q4")
        #expect(values[1].followup == false)
    }

    @Test func withoutHeaderTheStandardOrderIsAssumed() throws {
        let text = "DMP-ALIM,2021,D59,,,2551301,admin,2022-01-05T10:00:00.000,,false\n"
        let values = try DHIS2DataValueSet.parse(CSVReader(separator: ",").records(text))
        #expect(
            values == [
                DHIS2DataValueSet.DataValue(
                    dataElement: "DMP-ALIM", period: "2021", orgUnit: "D59", value: "2551301", storedBy: "admin",
                    lastUpdated: "2022-01-05T10:00:00.000", line: 1)
            ])
    }

    @Test func errorsNameTheLine() throws {
        let missingOrgUnit = "dataelement,period,orgunit,value\nA,202112,D59,1\nB,202112,,2\n"
        #expect(throws: DHIS2DataValueSet.Failure(line: 3, message: "unité d'organisation (orgunit) vide")) {
            try DHIS2DataValueSet.parse(CSVReader(separator: ",").records(missingOrgUnit))
        }
        let noValueColumn = "dataelement,period,orgunit\nA,202112,D59\n"
        #expect(
            throws: DHIS2DataValueSet.Failure(
                line: 1, message: "colonne « value » absente de l'en-tête du fichier DHIS2")
        ) {
            try DHIS2DataValueSet.parse(CSVReader(separator: ",").records(noValueColumn))
        }
        let badFollowup = "A,202112,D59,,,1,,,,oui\n"
        #expect(throws: DHIS2DataValueSet.Failure(line: 1, message: "followup « oui » : true ou false attendu")) {
            try DHIS2DataValueSet.parse(CSVReader(separator: ",").records(badFollowup))
        }
        #expect(DHIS2DataValueSet.Failure(line: 3, message: "x").description == "ligne 3 : x")
    }

    @Test func serialisesAndReadsBack() throws {
        // setup
        let values = [
            DHIS2DataValueSet.DataValue(
                dataElement: "DMP-ALIM", period: Period.month(2021, 12).dhis2, orgUnit: "D59", value: "12.83",
                comment: "dit \"provisoire\", à revoir\nligne 2", followup: true),
            DHIS2DataValueSet.DataValue(
                dataElement: "MSS", period: Period.quarter(2021, 4).dhis2, orgUnit: "R32", value: "7")
        ]
        // act
        let text = DHIS2DataValueSet.csv(values)
        let back = try DHIS2DataValueSet.parse(CSVReader(separator: ",").records(text))
        // check
        #expect(
            text.hasPrefix(
                "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,"
                    + "comment,followup\n"
            ))
        #expect(text.contains(#"DMP-ALIM,202112,D59,,,12.83,,,"dit ""provisoire"", à revoir"#))
        #expect(text.hasSuffix("MSS,2021Q4,R32,,,7,,,,false\n"))
        #expect(
            back.map {
                var value = $0
                value.line = 0
                return value
            } == values)
        #expect(back.map(\.line) == [2, 4])
    }

    @Test(arguments: [
        (Period.month(2021, 12), "202112"), (.quarter(2021, 4), "2021Q4"), (.semester(2021, 2), "2021S2"),
        (.year(2021), "2021"),
        (.day(Day(2021, 12, 31)), "20211231"), (.month(2022, 1), "202201")
    ])
    func periods(period: Period, dhis2: String) {
        #expect(period.dhis2 == dhis2)
        #expect(Period(dhis2: dhis2) == period)
    }

    @Test(arguments: [
        "", "202113", "2021Q5", "2021S3", "2021W52", "202101B", "2021April", "20210230", "+2021", "21Q1", "2021-12"
    ])
    func refusesOtherDHIS2Periods(raw: String) {
        #expect(Period(dhis2: raw) == nil)
    }
}

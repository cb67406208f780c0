import Testing

@testable import JalonCore

@Suite struct AccessTests {
    @Test func rolesParseFromCodesLabelsAndAliases() {
        #expect(Role(parsing: "Pilote régional") == .pilote)
        #expect(Role(parsing: "ANIMATEUR") == .animateur)
        #expect(Role(parsing: "admin") == .administrateur)
        #expect(Role(parsing: "chef") == nil)
    }

    @Test func areasByRole() {
        #expect(Role.lecteur.mayWrite(.observations) == false)
        #expect(Role.contributeur.mayWrite(.observations))
        #expect(Role.contributeur.mayWrite(.activities) == false)
        #expect(Role.animateur.mayWrite(.regional) == false)
        #expect(Role.pilote.mayWrite(.regional))
        #expect(Role.pilote.mayWrite(.administration) == false)
        #expect(Role.administrateur.mayWrite(.administration))
    }

    @Test func animateurWritesInsideHisTerritoriesOnly() {
        let grant = Grant(role: .animateur, territories: ["D59"])
        let own: Set = ["59350", "59183"]
        #expect(grant.refusal(.init(area: .activities, communes: ["59350"]), ownCommunes: own) == nil)
        #expect(
            grant.refusal(.init(area: .activities, communes: ["59350", "62041"]), ownCommunes: own)?.contains(
                "Hors de vos territoires (D59)") == true)
        #expect(grant.refusal(.init(area: .activities, communes: nil), ownCommunes: own) != nil)
        #expect(
            grant.refusal(
                .init(area: .observations, communes: ["59350"], structureLevel: true, indicator: "X"), ownCommunes: own)
                == nil)
        #expect(
            grant.refusal(
                .init(area: .observations, communes: ["59350"], structureLevel: false, indicator: "X"), ownCommunes: own
            )?.contains("structures") == true)
        #expect(grant.refusal(.init(area: .regional), ownCommunes: own)?.contains("Animateur territorial") == true)
    }

    @Test func contributeurEntersHisIndicators() {
        let grant = Grant(role: .contributeur, indicators: ["O3-18"])
        #expect(
            grant.refusal(.init(area: .observations, communes: ["62041"], indicator: "O3-18"), ownCommunes: []) == nil)
        #expect(
            grant.refusal(.init(area: .observations, communes: ["62041"], indicator: "O3-20"), ownCommunes: [])
                == "L'indicateur O3-20 ne vous est pas attribué.")
        let narrowed = Grant(role: .contributeur, territories: ["D59"], indicators: ["O3-18"])
        #expect(
            narrowed.refusal(
                .init(area: .observations, communes: ["62041"], indicator: "O3-18"), ownCommunes: ["59350"]) != nil)
    }

    @Test func pilotAndAdministratorAreUnrestrictedInTheirAreas() {
        #expect(
            Grant(role: .pilote).refusal(
                .init(area: .observations, communes: ["62041"], indicator: "Z"), ownCommunes: []) == nil)
        #expect(Grant.operator_.refusal(.init(area: .administration), ownCommunes: []) == nil)
        #expect(Grant(role: .lecteur).refusal(.init(area: .tasks, communes: ["59350"]), ownCommunes: ["59350"]) != nil)
    }

    @Test func passwordPolicyIsAboutLength() {
        #expect(PasswordPolicy.refusal("court") != nil)
        #expect(PasswordPolicy.refusal("cheval agrafe pile") == nil)
        #expect(PasswordPolicy.refusal("aaaaaaaaaaaaaaaa") != nil)
        #expect(PasswordPolicy.refusal(String(repeating: "é", count: 40)) != nil)  // 80 bytes
        #expect(PasswordPolicy.refusal("xx-anne@ars.fr-yy", email: "anne@ars.fr") != nil)
    }

    @Test func throttleDoublesAfterFreeAttempts() {
        let throttle = LoginThrottle(freeAttempts: 3, window: 900, baseDelay: 30, maximumDelay: 600)
        #expect(throttle.wait(failures: [0, 1], now: 2) == 0)
        #expect(throttle.wait(failures: [0, 1, 2], now: 2) == 30)
        #expect(throttle.wait(failures: [0, 1, 2, 3], now: 3) == 60)
        #expect(throttle.wait(failures: [0, 1, 2], now: 40) == 0)
        #expect(throttle.wait(failures: Array(repeating: 100.0, count: 30), now: 100) == 600)
        #expect(throttle.wait(failures: [0, 1, 2], now: 1000) == 0)  // outside the window
    }
}

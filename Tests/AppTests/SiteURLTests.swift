import Testing

@testable import App

struct SiteURLTests {
    @Test func pathsAreEscapedAndQueriesSkipEmptyValues() {
        #expect(SiteURL.territory("TAN-LITTORAL").path == "/territoires/TAN-LITTORAL")
        #expect(SiteURL.structure("a/b c").path == "/structures/a%2Fb%20c")
        #expect(
            SiteURL.structures.with([("couloir", "MS-PA"), ("q", nil), ("territoire", ""), ("x", "é&")])
                == "/structures?couloir=MS-PA&x=%C3%A9%26")
    }

    @Test func placeholdersBecomeRouteParameters() {
        #expect(SiteURL.territory(":code").components.map(\.description) == ["territoires", ":code"])
        #expect(SiteURL.api(.structure(":finess")).components.map(\.description) == ["api", "structures", ":finess"])
        #expect(
            SiteURL.api(.roadmapFicheMove(":code", ":fiche")).components.map(\.description)
                == ["api", "roadmaps", ":code", "fiches", ":fiche", "move"])
        #expect(SiteURL.api(.roadmapObjective("plan r32", "6")).path == "/api/roadmaps/plan%20r32/objectives/6")
    }
}

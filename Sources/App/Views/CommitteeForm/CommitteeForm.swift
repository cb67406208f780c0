import JalonCore
import Plot

/// The fields of a committee, the same to create one on the register and to edit it on its page.
enum CommitteeForm {
    static func fields(_ committee: CommitteeQuery.Committee?) -> HNode {
        .group(
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-6"),
                    UI.input(id: "comite-nom", name: "name", label: "Nom", value: committee?.name ?? "", required: true)
                ),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-6"),
                    UI.select(
                        id: "comite-type", name: "kind", label: "Type",
                        options: CommitteeKind.allCases.map { ($0.rawValue, $0.label) },
                        selected: committee?.kind ?? CommitteeKind.crns.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.input(
                        id: "comite-frequence", name: "frequency", label: "Fréquence",
                        value: committee?.frequency ?? "",
                        hint: "3 par an, mensuelle, toutes les 6 semaines", required: true)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.input(
                        id: "comite-territoire", name: "territory", label: "Territoire (pour un COTAN)",
                        value: committee?.territoryCode ?? "", hint: "code du TAN, ex. TAN-LITTORAL")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.input(
                        id: "comite-organisations", name: "organisations", label: "Organisations qui l'animent",
                        value: committee?.organisations ?? "", hint: "codes de l'annuaire, ex. ARS, GRADeS"))),
            UI.textarea(
                id: "comite-objectifs", name: "objectives", label: "Objectifs", value: committee?.objectives ?? ""),
            UI.textarea(
                id: "comite-odj", name: "agenda_template", label: "Ordre du jour type",
                value: committee?.agendaTemplate ?? "",
                hint: "un point par ligne : « 20 min | Indicateurs de la feuille de route | ARS »"))
    }
}

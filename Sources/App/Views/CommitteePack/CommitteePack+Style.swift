extension CommitteePack {
    /// Landscape A4 slides in the State's identity (Marianne, bleu France, rouge Marianne): one section per
    /// page, table rows never cut, headers repeated, the committee and the page number in the margins.
    static func stylesheet(footer: String) -> String {
        let footerText = footer.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
            of: "\"", with: "\\\""
        )
        .replacingOccurrences(of: "\n", with: " ")
        return """
            @font-face { font-family: Marianne; src: url("vendor/dsfr/fonts/Marianne-Regular.woff2") format("woff2"); font-weight: 400; }
            @font-face { font-family: Marianne; src: url("vendor/dsfr/fonts/Marianne-Bold.woff2") format("woff2"); font-weight: 700; }
            @page {
              size: A4 landscape; margin: 12mm 14mm 14mm;
              @bottom-left { content: "\(footerText)"; font: 8pt Marianne, Arial, sans-serif; color: #666; }
              @bottom-right { content: counter(page) " / " counter(pages); font: 8pt Marianne, Arial, sans-serif; color: #666; }
            }
            html { font: 10.5pt/1.35 Marianne, Arial, sans-serif; color: #161616; }
            body { margin: 0; }
            .slide { break-after: page; }
            .slide:last-child { break-after: auto; }
            .slide__header { border-bottom: 3px solid #000091; margin-bottom: 6mm; }
            .slide__header h1 { color: #000091; font-size: 19pt; margin: 0 0 2mm; }
            .slide__subtitle { color: #000091; font-weight: 700; font-size: 11pt; margin: 0 0 2mm; }
            .slide__lead { color: #3a3a3a; margin: 0 0 4mm; }
            .slide--cover { display: flex; flex-direction: column; justify-content: center; min-height: 170mm; }
            .marianne { border-left: 0; margin-bottom: 14mm; }
            .marianne__state { font-weight: 700; font-size: 15pt; text-transform: uppercase; line-height: 1.05; margin: 0; }
            .marianne__motto { font-style: italic; font-size: 9pt; margin: 2mm 0 0; }
            .cover__kind { color: #E1000F; font-weight: 700; text-transform: uppercase; margin: 0; }
            .cover__title { color: #000091; font-size: 30pt; margin: 2mm 0 4mm; }
            .cover__date { font-size: 15pt; margin: 0; }
            .cover__place { font-size: 12pt; margin: 2mm 0 0; }
            .cover__photo { margin-top: 12mm; color: #3a3a3a; }
            .cover__sha { font-size: 7pt; color: #666; overflow-wrap: anywhere; }
            table.grid { border-collapse: collapse; width: 100%; }
            table.grid th { background: #000091; color: #fff; text-align: left; padding: 1.6mm 2mm; font-size: 9pt; }
            table.grid td { border-bottom: 1px solid #ddd; padding: 1.4mm 2mm; vertical-align: top; font-size: 9pt; }
            table.grid--small th, table.grid--small td { font-size: 7.5pt; padding: 1mm 1.2mm; }
            table.grid tr { break-inside: avoid; }
            thead { display: table-header-group; }
            td.num { text-align: right; white-space: nowrap; }
            .badge, .cell { display: inline-block; padding: 0 1.5mm; border-radius: 1mm; font-weight: 700; font-size: 8pt; }
            .badge--atteint, .badge--en_bonne_voie, .cell--atteint, .cell--en_bonne_voie { background: #b8fec9; color: #18753c; }
            .badge--en_retard, .cell--en_retard { background: #ffe9e9; color: #ce0500; }
            .badge--a_risque, .cell--a_risque { background: #ffe9e6; color: #b34000; }
            .badge--en_cours, .cell--en_cours { background: #e8edff; color: #0063cb; }
            .badge--non_renseigne, .badge--sans_cible, .cell--non_renseigne, .cell--sans_cible { background: #eee; color: #3a3a3a; }
            .focus { display: flex; gap: 6mm; align-items: flex-start; }
            .focus figure { margin: 0; flex: 1; }
            .focus figcaption { font-size: 8pt; color: #666; }
            .focus svg { max-width: 100%; height: auto; }
            .alert { border-left: 4px solid #ce0500; padding-left: 3mm; font-weight: 700; }
            .contacts { columns: 2; column-gap: 10mm; }
            .contacts__organisation { break-inside: avoid; margin-bottom: 5mm; }
            .contacts h2 { color: #000091; font-size: 12pt; margin: 0 0 1mm; }
            .contacts ul { margin: 0; padding-left: 4mm; }
            .contacts li { margin-bottom: 1.5mm; }
            """
    }
}

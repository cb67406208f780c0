import Vapor

/// Every route of Jalon, in one readable list.
func routes(_ app: Application) throws {
    app.get(SiteURL.home.components, use: HomeController.show)
    app.get(SiteURL.upcoming(":slug").components, use: HomeController.upcoming)

    app.get(SiteURL.territories.components, use: TerritoryController.index)
    app.get(SiteURL.territory(":code").components, use: TerritoryController.show)

    app.get(SiteURL.decoupages.components, use: DecoupageController.index)
    app.post(SiteURL.decoupages.components, use: DecoupageController.create)
    app.get(SiteURL.decoupage(":code").components, use: DecoupageController.show)
    app.post(SiteURL.decoupage(":code").components, use: DecoupageController.defineTerritory)
    app.post(SiteURL.decoupage(":code").components + ["supprimer"], use: DecoupageController.deleteTerritory)

    app.get(SiteURL.structures.components, use: StructureController.index)
    app.get(SiteURL.structuresCSV.components, use: StructureController.exportCSV)
    app.get(SiteURL.structure(":key").components, use: StructureController.show)

    app.get(SiteURL.roadmap.components, use: RoadmapController.dashboard)
    app.get(SiteURL.comparison.components, use: RoadmapController.comparison)
    app.get(SiteURL.tasks.components, use: TaskController.board)
    app.post(SiteURL.tasks.components, use: TaskController.create)
    app.post(SiteURL.tasks.components + [":id", "statut"], use: TaskController.move)
    app.get(SiteURL.fiche(":code").components, use: FicheController.show)
    app.post(SiteURL.fiche(":code").components, use: FicheController.update)
    app.get(SiteURL.indicators.components, use: IndicatorController.index)
    app.get(SiteURL.indicator(":code").components, use: IndicatorController.show)
    app.get(SiteURL.entry.components, use: EntryController.form)
    app.post(SiteURL.entry.components, use: EntryController.submit)

    app.get(SiteURL.exportObservations.components, use: ExportController.observations)
    app.get(SiteURL.exportProgress.components, use: ExportController.progress)
    app.get(SiteURL.imports.components, use: ImportController.index)
    app.on(.POST, SiteURL.imports.components, body: .collect(maxSize: "64mb"), use: ImportController.upload)
    app.get(SiteURL.importPreview(":id").components, use: ImportController.preview)
    app.post(SiteURL.importPreview(":id").components, use: ImportController.commit)
    app.post(SiteURL.importUndo(":id").components, use: ImportController.undo)
    app.get(SiteURL.referentials.components, use: ReferentialController.index)
    app.post(SiteURL.referentials.components, use: ReferentialController.save)
    app.get(SiteURL.categories.components, use: CategoryController.index)
    app.post(SiteURL.categories.components, use: CategoryController.update)
    app.get(SiteURL.categoriesCSV.components, use: CategoryController.exportCSV)
    app.on(.POST, SiteURL.categoriesCSV.components, body: .collect(maxSize: "8mb"), use: CategoryController.importCSV)

    app.get(SiteURL.healthz.components, use: HealthController.healthz)
    app.get(SiteURL.metrics.components, use: HealthController.metrics)

    app.get(SiteURL.api(.openapi).components, use: OpenAPI.serve)
    app.get(SiteURL.api(.territories).components, use: TerritoryAPIController.index)
    app.get(SiteURL.api(.territory(":code")).components, use: TerritoryAPIController.show)
    app.get(SiteURL.api(.structures).components, use: StructureAPIController.index)
    app.get(SiteURL.api(.structure(":finess")).components, use: StructureAPIController.show)
    app.get(SiteURL.api(.indicators).components, use: IndicatorAPIController.index)
    app.post(SiteURL.api(.indicators).components, use: IndicatorAPIController.create)
    app.get(SiteURL.api(.indicator(":code")).components, use: IndicatorAPIController.show)
    app.on(.POST, SiteURL.api(.observations).components, body: .collect(maxSize: "16mb"), use: IndicatorAPIController.observations)
    app.post(SiteURL.api(.targets).components, use: IndicatorAPIController.targets)
    app.get(SiteURL.api(.progress).components, use: IndicatorAPIController.progress)
    app.on(.POST, SiteURL.api(.imports).components, body: .collect(maxSize: "64mb"), use: ImportAPIController.create)
    app.get(SiteURL.api(.importBatch(":id")).components, use: ImportAPIController.show)
    app.post(SiteURL.api(.importBatch(":id")).components + ["undo"], use: ImportAPIController.undo)
}

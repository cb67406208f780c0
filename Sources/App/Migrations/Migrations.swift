import Fluent
import Vapor

/// The one ordered list of migrations. Landed migrations are never edited: add a new one.
enum Migrations {
    static func register(on app: Application) {
        app.migrations.add(CreateDecoupages())
        app.migrations.add(CreateTerritories())
        app.migrations.add(CreateTerritoryMembers())
        app.migrations.add(CreateTerritoryCommunes())
        app.migrations.add(CreateCommuneAliases())
        app.migrations.add(CreateCategories())
        app.migrations.add(CreateLegalEntities())
        app.migrations.add(CreateStructures())
        app.migrations.add(CreateAuditEvents())
        app.migrations.add(CreateReferentials())
        app.migrations.add(CreateRoadmaps())
        app.migrations.add(CreateIndicators())
        app.migrations.add(UpdateFichesAddContacts())
        app.migrations.add(CreateRollupCache())
        app.migrations.add(CreateImportBatches())
        app.migrations.add(CreateImportUploads())
        app.migrations.add(CreateTargetHistory())
        app.migrations.add(CreateImportProfiles())
        app.migrations.add(UpdateImportUploadsAddOptions())
        app.migrations.add(CreatePractitioners())
        app.migrations.add(CreateExchangeCodes())
        app.migrations.add(CreateActivities())
        app.migrations.add(UpdateIndicatorsAddComputed())
        app.migrations.add(CreateActivityAttachments())
        app.migrations.add(CreateAccounts())
        app.migrations.add(CreateSnapshots())
        app.migrations.add(UpdateAddVersions())
        app.migrations.add(CreateAuditGuard())
        app.migrations.add(UpdateImportUploadsAddOwner())
        app.migrations.add(UpdateRoadmapsAddStatus())
        app.migrations.add(UpdateRoadmapsAddArchivedAt())
        app.migrations.add(UpdateRoadmapsAddVersion())
        app.migrations.add(UpdateObjectivesAddPriority())
        app.migrations.add(UpdateFicheIndicatorsAddRole())
        app.migrations.add(CreateSnapshotIndicators())
        app.migrations.add(UpdateObservationsAddTextPhoto())
        app.migrations.add(UpdateActionRaciAddAudience())
        app.migrations.add(UpdateTargetsAddRoadmap())
        app.migrations.add(UpdateIndicatorsAddCompanion())
        // Always last: it fills the tables the migrations above create.
        app.migrations.add(InstallShippedData())
    }
}

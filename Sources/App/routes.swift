import Vapor

/// Every route of Jalon, in one readable list, each with its access rule (see `Access`): reading
/// needs an account, writing needs a role allowed in the area, and the services then check the
/// territories and indicators of the object itself.
func routes(_ app: Application) throws {
    app.get(SiteURL.login.components, use: SessionController.form).access(.anonymous)
    app.post(SiteURL.login.components, use: SessionController.login).access(.anonymous)
    app.post(SiteURL.logout.components, use: SessionController.logout).access(.read)
    app.get(SiteURL.myAccount.components, use: AccountController.mine).access(.read)
    app.post(SiteURL.myPassword.components, use: AccountController.changePassword).access(.read)
    app.post(SiteURL.myTokens.components, use: AccountController.createToken).access(.read)
    app.post(SiteURL.tokenRevoke(":id").components, use: AccountController.revokeToken).access(.read)
    app.get(SiteURL.accounts.components, use: AccountController.index).access(.write(.administration))
    app.post(SiteURL.accounts.components, use: AccountController.create).access(.write(.administration))
    app.get(SiteURL.account(":id").components, use: AccountController.show).access(.write(.administration))
    app.post(SiteURL.account(":id").components, use: AccountController.update).access(.write(.administration))
    app.post(SiteURL.accountPassword(":id").components, use: AccountController.resetPassword).access(
        .write(.administration))
    app.get(SiteURL.audit.components, use: AuditController.index).access(.write(.administration))
    app.get(SiteURL.auditCSV.components, use: AuditController.csv).access(.write(.administration))

    app.get(SiteURL.home.components, use: HomeController.show).access(.read)

    app.get(SiteURL.territories.components, use: TerritoryController.index).access(.read)
    app.get(SiteURL.territory(":code").components, use: TerritoryController.show).access(.read)

    app.get(SiteURL.decoupages.components, use: DecoupageController.index).access(.read)
    app.post(SiteURL.decoupages.components, use: DecoupageController.create).access(.write(.regional))
    app.get(SiteURL.decoupage(":code").components, use: DecoupageController.show).access(.read)
    app.post(SiteURL.decoupage(":code").components, use: DecoupageController.defineTerritory).access(.write(.regional))
    app.post(SiteURL.decoupage(":code").components + ["supprimer"], use: DecoupageController.deleteTerritory).access(
        .write(.regional))

    app.get(SiteURL.structures.components, use: StructureController.index).access(.read)
    app.get(SiteURL.structuresCSV.components, use: StructureController.exportCSV).access(.read)
    app.get(SiteURL.structure(":key").components, use: StructureController.show).access(.read)

    app.get(SiteURL.roadmap.components, use: RoadmapController.dashboard).access(.read)
    app.get(SiteURL.comparison.components, use: RoadmapController.comparison).access(.read)
    app.get(SiteURL.roadmaps.components, use: RoadmapIndexController.index).access(.read)
    app.post(SiteURL.roadmaps.components, use: RoadmapIndexController.update).access(.write(.regional))
    app.get(SiteURL.snapshots.components, use: SnapshotController.index).access(.read)
    app.post(SiteURL.snapshots.components, use: SnapshotController.create).access(.write(.regional))
    app.get(SiteURL.snapshot(":id").components, use: SnapshotController.show).access(.read)
    for format in ExportTable.Format.allCases {
        app.get(SiteURL.snapshotExport(":id", format).components, use: SnapshotController.export(format)).access(.read)
    }
    app.get(SiteURL.tasks.components, use: TaskController.board).access(.read)
    app.post(SiteURL.tasks.components, use: TaskController.create).access(.write(.tasks))
    app.post(SiteURL.tasks.components + [":id", "statut"], use: TaskController.move).access(.write(.tasks))
    app.get(SiteURL.fiche(":code").components, use: FicheController.show).access(.read)
    app.post(SiteURL.fiche(":code").components, use: FicheController.update).access(.write(.regional))
    app.get(SiteURL.ficheRACI(":code").components, use: FicheController.raciCSV).access(.read)
    app.get(SiteURL.raciOverview.components, use: RACIOverviewController.show).access(.read)
    app.get(SiteURL.committees.components, use: CommitteeController.index).access(.read)
    app.post(SiteURL.committees.components, use: CommitteeController.create).access(.write(.committees))
    app.get(SiteURL.committee(":code").components, use: CommitteeController.show).access(.read)
    app.post(SiteURL.committee(":code").components, use: CommitteeController.update).access(.write(.committees))
    app.get(SiteURL.programmes.components, use: ProgrammeController.index).access(.read)
    app.post(SiteURL.programmes.components, use: ProgrammeController.install).access(.write(.regional))
    app.get(SiteURL.programme(":code").components, use: ProgrammeController.show).access(.read)
    app.post(SiteURL.programme(":code").components, use: ProgrammeController.moveWindow).access(.write(.regional))
    app.get(SiteURL.programmeApplications(":code").components, use: ProgrammeController.applications)
        .access(.read)
    app.get(SiteURL.application(":code", ":id").components, use: ApplicationController.show).access(.read)
    app.post(SiteURL.application(":code", ":id").components, use: ApplicationController.change)
        .access(.write(.regional))
    app.get(SiteURL.meeting(":id").components, use: MeetingController.show).access(.read)
    app.post(SiteURL.meeting(":id").components, use: MeetingController.update).access(.write(.committees))
    app.post(SiteURL.meetingPacks(":id").components, use: MeetingController.generatePack)
        .access(.write(.committees))
    app.get(SiteURL.meetingICS(":id").components, use: MeetingController.ics).access(.read)
    // A calendar cannot sign in: the unguessable token of the address is the right to read.
    app.get(SiteURL.calendarFeed(":token").components, use: CalendarFeedController.feed).access(.anonymous)
    for file in PackQuery.File.allCases {
        app.get(SiteURL.meetingPack(":id", ":pack", file).components, use: MeetingController.downloadPack(file))
            .access(.read)
    }
    app.get(SiteURL.indicators.components, use: IndicatorController.index).access(.read)
    app.get(SiteURL.indicator(":code").components, use: IndicatorController.show).access(.read)
    app.get(SiteURL.entry.components, use: EntryController.form).access(.read)
    app.post(SiteURL.entry.components, use: EntryController.submit).access(.write(.observations))

    app.get(SiteURL.activities.components, use: ActivityController.index).access(.read)
    app.get(SiteURL.activityNew.components, use: ActivityController.newForm).access(.read)
    app.post(SiteURL.activityNew.components, use: ActivityController.create).access(.write(.activities))
    app.get(SiteURL.worklist.components, use: ActivityController.worklist).access(.read)
    app.get(SiteURL.activitiesICS.components, use: ActivityController.ics).access(.read)
    app.get(SiteURL.activityTerritories.components, use: ActivityController.territories).access(.read)
    app.get(SiteURL.activityCalendar.components, use: ActivityController.calendar).access(.read)
    app.get(SiteURL.activityReport.components, use: ActivityController.report).access(.read)
    app.get(SiteURL.activity(":id").components, use: ActivityController.show).access(.read)
    app.upload(
        SiteURL.activityAttachments(":id").components, max: "12mb", .write(.activities), use: ActivityController.attach)
    app.get(SiteURL.activityAttachment(":id", ":file").components, use: ActivityController.attachment).access(.read)

    app.get(SiteURL.directory.components, use: DirectoryController.index).access(.read)
    app.upload(SiteURL.directoryImport.components, max: "8mb", .write(.regional), use: DirectoryController.importCSV)
    app.post(SiteURL.directoryMerge.components, use: DirectoryController.merge).access(.write(.regional))
    app.post(SiteURL.directoryOrganisations.components, use: DirectoryController.saveOrganisation).access(
        .write(.regional))
    app.post(SiteURL.directoryContacts.components, use: DirectoryController.createContact).access(.write(.contacts))
    app.get(SiteURL.whoToContact.components, use: DirectoryController.whoToContact).access(.read)
    for kind in ["organisations", "contacts"] {
        app.get(SiteURL.directoryCSV(kind).components, use: DirectoryController.csv(kind)).access(.read)
    }

    app.get(SiteURL.exportDHIS2.components, use: ExportController.dhis2).access(.read)
    app.get(SiteURL.exportADX.components, use: ExportController.adx).access(.read)
    app.get(SiteURL.exchangeCodes.components, use: ExportController.codes).access(.read)
    app.upload(SiteURL.exchangeCodes.components, max: "8mb", .write(.regional), use: ExportController.replaceCodes)
    for format in ExportTable.Format.allCases {
        app.get(SiteURL.exportObservations(format).components, use: ExportController.observations(format)).access(.read)
        app.get(SiteURL.exportTargets(format).components, use: ExportController.targets(format)).access(.read)
        app.get(SiteURL.exportProgress(format).components, use: ExportController.progress(format)).access(.read)
    }

    app.get(SiteURL.imports.components, use: ImportController.index).access(.read)
    app.upload(SiteURL.imports.components, max: "64mb", .write(.observations), use: ImportController.upload)
    app.get(SiteURL.importPreview(":id").components, use: ImportController.preview).access(.read)
    app.post(SiteURL.importPreview(":id").components, use: ImportController.commit).access(.write(.observations))
    app.post(SiteURL.importUndo(":id").components, use: ImportController.undo).access(.write(.regional))
    app.get(SiteURL.importProfiles.components, use: ImportProfileController.index).access(.read)
    app.upload(
        SiteURL.importProfiles.components, max: "2mb", .write(.regional), use: ImportProfileController.importJSON)
    app.get(SiteURL.importProfileEditor.components, use: ImportProfileController.editor).access(.read)
    app.upload(
        SiteURL.importProfileEditor.components, max: "64mb", .write(.regional), use: ImportProfileController.submit)
    app.get(SiteURL.importProfile(":name").components, use: ImportProfileController.show).access(.read)
    // Testing a profile on a file writes nothing, but only those who may import need it.
    app.upload(
        SiteURL.importProfile(":name").components, max: "64mb", .write(.observations), use: ImportProfileController.test
    )
    app.get(SiteURL.importProfileJSON(":name").components, use: ImportProfileController.json).access(.read)

    app.get(SiteURL.referentials.components, use: ReferentialController.index).access(.read)
    app.post(SiteURL.referentials.components, use: ReferentialController.save).access(.write(.regional))
    app.get(SiteURL.categories.components, use: CategoryController.index).access(.read)
    app.post(SiteURL.categories.components, use: CategoryController.update).access(.write(.regional))
    app.get(SiteURL.categoriesCSV.components, use: CategoryController.exportCSV).access(.read)
    app.upload(SiteURL.categoriesCSV.components, max: "8mb", .write(.regional), use: CategoryController.importCSV)

    app.get(SiteURL.healthz.components, use: HealthController.healthz).access(.anonymous)
    // Prometheus scrapes with a token (bearer_token in its configuration).
    app.get(SiteURL.metrics.components, use: HealthController.metrics).access(.read)

    app.get(SiteURL.api(.openapi).components, use: OpenAPI.serve).access(.anonymous)
    app.get(SiteURL.api(.territories).components, use: TerritoryAPIController.index).access(.read)
    app.get(SiteURL.api(.territory(":code")).components, use: TerritoryAPIController.show).access(.read)
    app.get(SiteURL.api(.structures).components, use: StructureAPIController.index).access(.read)
    app.get(SiteURL.api(.structure(":finess")).components, use: StructureAPIController.show).access(.read)
    app.get(SiteURL.api(.indicators).components, use: IndicatorAPIController.index).access(.read)
    app.post(SiteURL.api(.indicators).components, use: IndicatorAPIController.create).access(.write(.regional))
    app.get(SiteURL.api(.indicator(":code")).components, use: IndicatorAPIController.show).access(.read)
    app.upload(
        SiteURL.api(.observations).components, max: "16mb", .write(.observations),
        use: IndicatorAPIController.observations)
    app.post(SiteURL.api(.targets).components, use: IndicatorAPIController.targets).access(.write(.regional))
    app.get(SiteURL.api(.progress).components, use: IndicatorAPIController.progress).access(.read)
    app.get(SiteURL.api(.roadmaps).components, use: RoadmapAPIController.index).access(.read)
    app.upload(SiteURL.api(.roadmaps).components, max: "8mb", .write(.regional), use: RoadmapAPIController.write)
    app.get(SiteURL.api(.roadmap(":code")).components, use: RoadmapAPIController.show).access(.read)
    app.patch(SiteURL.api(.roadmapObjective(":code", ":number")).components, use: RoadmapAPIController.updateObjective)
        .access(.write(.regional))
    app.patch(SiteURL.api(.roadmapFiche(":code", ":fiche")).components, use: RoadmapAPIController.updateFiche).access(
        .write(.regional))
    app.post(SiteURL.api(.roadmapFicheMove(":code", ":fiche")).components, use: RoadmapAPIController.moveFiche).access(
        .write(.regional))
    app.upload(SiteURL.api(.imports).components, max: "64mb", .write(.observations), use: ImportAPIController.create)
    app.get(SiteURL.api(.importBatch(":id")).components, use: ImportAPIController.show).access(.read)
    app.post(SiteURL.api(.importBatch(":id")).components + ["undo"], use: ImportAPIController.undo).access(
        .write(.regional))
    app.get(SiteURL.api(.profiles).components, use: ImportAPIController.profiles).access(.read)
    app.upload(SiteURL.api(.profiles).components, max: "2mb", .write(.regional), use: ImportAPIController.saveProfile)
    app.get(SiteURL.api(.profile(":name")).components, use: ImportAPIController.profile).access(.read)
    app.get(SiteURL.api(.activities).components, use: ActivityAPIController.index).access(.read)
    app.post(SiteURL.api(.activities).components, use: ActivityAPIController.create).access(.write(.activities))
    app.get(SiteURL.api(.activity(":activity")).components, use: ActivityAPIController.show).access(.read)
    app.get(SiteURL.api(.reach).components, use: ActivityAPIController.reach).access(.read)
    app.get(SiteURL.api(.reachTable).components, use: ActivityAPIController.reachTable).access(.read)
    app.get(SiteURL.api(.organisations).components, use: ActivityAPIController.organisations).access(.read)
    app.post(SiteURL.api(.organisations).components, use: ActivityAPIController.saveOrganisation).access(
        .write(.regional))
    app.get(SiteURL.api(.contacts).components, use: ActivityAPIController.contacts).access(.read)
    app.post(SiteURL.api(.contacts).components, use: ActivityAPIController.createContact).access(.write(.contacts))
    committeeAPI(app)

    // Deny by default: a route added without a rule is refused to everyone (and fails the matrix test).
    for route in app.routes.all where route.access == nil {
        let path = route.path.map(\.description).joined(separator: "/")
        app.logger.warning("Route sans règle d'accès, refusée à tous : \(route.method) /\(path)")
    }
}

/// `/api/committees`, `/api/meetings`, `/api/decisions`: governance through the API.
private func committeeAPI(_ app: Application) {
    app.get(SiteURL.api(.committees).components, use: CommitteeAPIController.index).access(.read)
    app.post(SiteURL.api(.committees).components, use: CommitteeAPIController.create).access(.write(.committees))
    app.get(SiteURL.api(.committee(":code")).components, use: CommitteeAPIController.show).access(.read)
    app.post(SiteURL.api(.committeeMeetings(":code")).components, use: CommitteeAPIController.planMeeting)
        .access(.write(.committees))
    app.post(SiteURL.api(.committeeProgramme(":code")).components, use: CommitteeAPIController.planProgramme)
        .access(.write(.committees))
    app.get(SiteURL.api(.meeting(":id")).components, use: MeetingAPIController.show).access(.read)
    app.patch(SiteURL.api(.meeting(":id")).components, use: MeetingAPIController.update).access(.write(.committees))
    app.post(SiteURL.api(.meetingAgenda(":id")).components, use: MeetingAPIController.addAgendaItem)
        .access(.write(.committees))
    app.post(SiteURL.api(.meetingAttendance(":id")).components, use: MeetingAPIController.attendance)
        .access(.write(.committees))
    app.post(SiteURL.api(.meetingMinutes(":id")).components, use: MeetingAPIController.minutes)
        .access(.write(.committees))
    app.post(SiteURL.api(.meetingDecisions(":id")).components, use: MeetingAPIController.addDecision)
        .access(.write(.committees))
    app.patch(SiteURL.api(.decision(":id")).components, use: MeetingAPIController.updateDecision)
        .access(.write(.committees))
    app.post(SiteURL.api(.meetingPack(":id")).components, use: MeetingAPIController.generatePack)
        .access(.write(.committees))
    app.get(SiteURL.api(.meetingPackPDF(":id")).components, use: MeetingAPIController.packPDF).access(.read)
}

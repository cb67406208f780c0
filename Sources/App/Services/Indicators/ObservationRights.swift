import Foundation
import JalonCore
import SQLKit

/// Asked for every observation line, typed or imported: may this actor write it? The actor's
/// communes and those of each territory named are read once per batch, so a large import by an
/// animateur costs a few queries, not one per line.
struct ObservationRights {
    let actor: Actor
    let db: any SQLDatabase
    private var own: Set<String>?
    private var territoryCommunes: [String: Set<String>] = [:]

    init(actor: Actor, on db: any SQLDatabase) {
        self.actor = actor
        self.db = db
    }

    /// Throws `ServiceError.forbidden` with the French reason, naming the field at fault.
    mutating func check(_ observation: ObservationService.Resolved) async throws {
        let grant = actor.grant
        guard !grant.isUnrestricted(in: .observations) else { return }
        if own == nil { own = try await Actor.communes(of: Array(grant.territories), on: db) }
        var communes: Set<String>?
        if let commune = observation.structureCommune {
            communes = [commune]
        } else if let territory = observation.territory {
            if territoryCommunes[territory] == nil {
                territoryCommunes[territory] = try await Actor.communes(of: [territory], on: db)
            }
            communes = territoryCommunes[territory]
        }
        let target = Grant.Target(
            area: .observations, communes: communes, structureLevel: observation.structureID != nil,
            indicator: observation.indicator)
        guard let reason = grant.refusal(target, ownCommunes: own ?? []) else { return }
        let field =
            if target.structureLevel || observation.territory == nil {
                "structure"
            } else if grant.role == .contributeur && !grant.indicators.contains(observation.indicator) {
                "indicateur"
            } else {
                "territoire"
            }
        throw ServiceError(kind: .forbidden, message: reason, field: field)
    }
}

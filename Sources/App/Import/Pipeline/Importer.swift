import Foundation
import SQLKit

/// One line of an input, numbered as its reader counts: the line of a file (the header is line 1),
/// or the position in an API batch or a form (from 1).
struct ImportLine<Input: Sendable>: Sendable {
    var number: Int
    var input: Input
}

/// What writing a planned line would do to what is stored.
enum ImportChange: Sendable, Equatable {
    case create
    case update
    case unchanged
}

/// How a planned write is stamped: the provenance every written value keeps, and the batch that can
/// undo it (nil for values typed in a form or sent by the API, which are not batches).
struct ImportStamp: Sendable {
    var provenance: String
    var batch: UUID?
}

/// One kind of import, as the stages of `ImportPipeline` call it. A kind says how to read its file
/// and how to resolve, check, plan and write one of its lines; the pipeline owns the loop, the
/// report, the rule on repeated keys, the batch and the undo dispatch.
protocol Importer {
    associatedtype Input: Sendable
    associatedtype Resolved: Sendable
    associatedtype Planned: Sendable

    /// The batch kind recorded and listed (`observations`, `targets`, `dhis2`, `activities`…).
    var kind: ImportKind { get }

    /// `name vN` of the import profile `read` went through, if any.
    var profileLabel: String? { get }

    /// Read and map: the lines of the file as this kind's input, through a profile where one applies.
    /// A structural problem (no header, a missing column, not the profile's file) fails the whole file.
    mutating func read(_ file: ImportFile, on db: any SQLDatabase) async throws -> [ImportLine<Input>]

    /// Resolve: one line against what Jalon knows (indicators, territories, structures, periods…).
    /// A `ServiceError` rejects the line.
    mutating func resolve(_ input: Input, on db: any SQLDatabase) async throws -> Resolved

    /// The natural keys a line holds, each of which no other line of the same input may hold.
    func keys(of resolved: Resolved) -> [ImportKey]

    /// Rights: throws `ServiceError.forbidden` when the actor may not write this line.
    mutating func authorize(_ resolved: Resolved, actor: Actor, on db: any SQLDatabase) async throws

    /// Plan: every resolved line with what writing it would change, in the same order.
    mutating func plan(_ resolved: [Resolved], on db: any SQLDatabase) async throws -> [Planned]

    func change(of planned: Planned) -> ImportChange

    /// Locks: the planned changes a validated period forbids, by position in the plan, with the reason.
    func locks(_ plan: [Planned], actor: Actor, on db: any SQLDatabase) async throws -> [Int: String]

    /// The preview's line for a planned change (nil when this kind shows none).
    func sample(of planned: Planned, line: Int) -> ImportReport.Sample?

    /// What committing the plan removes besides its lines (a table replaced whole drops the rows the
    /// input no longer holds).
    func deletions(on plan: [Planned]) -> Int

    /// What the report adds to its counts for this kind (e.g. the structures an activity log reaches).
    func notes(on plan: [Planned]) -> [String]

    /// Commit: writes the plan's changes in the caller's transaction, stamped.
    func write(_ plan: [Planned], stamp: ImportStamp, on db: any SQLDatabase, actor: Actor) async throws
}

extension Importer {
    var profileLabel: String? { nil }

    mutating func authorize(_ resolved: Resolved, actor: Actor, on db: any SQLDatabase) async throws {}

    func locks(_ plan: [Planned], actor: Actor, on db: any SQLDatabase) async throws -> [Int: String] { [:] }

    func sample(of planned: Planned, line: Int) -> ImportReport.Sample? { nil }

    func deletions(on plan: [Planned]) -> Int { 0 }

    func notes(on plan: [Planned]) -> [String] { [] }
}

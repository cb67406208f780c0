import Foundation
import JalonCore
import SQLKit

/// The one path of every import, whatever its kind and wherever it comes from (CLI, API, pages):
///
/// 1. **read** the file and **map** its columns to the kind's fields, through a profile if one is named
///    (`Importer.read`);
/// 2. **resolve** each line against what Jalon knows; a line that does not resolve is rejected
///    (`Importer.resolve`), and a key held by two lines refuses the whole input (`RepeatedKeys`);
/// 3. **check rights**: may this actor write this line (`Importer.authorize`);
/// 4. **plan**: compare with what is stored (`Importer.plan`), then **check locks**: a change in a
///    period validated by a photo is refused (`Importer.locks`);
/// 5. **preview** (the report, nothing written) or **commit** (the same plan written as one batch,
///    `Importer.write` then `ImportBatch.record`) — a preview is a commit that is not written;
/// 6. **undo** a batch later (`ImportBatch.undo`).
///
/// Values typed in a form or sent as an API batch take stages 2 to 5 through `write(…)`, with the
/// same rules, and are written without a batch.
enum ImportPipeline {
    enum Mode: Sendable {
        case preview
        case commit
    }

    /// What a line that fails does: rejected alone (the other lines are written), or the whole input refused.
    enum Rejections: Sendable {
        case lineByLine
        case wholeInput
    }

    /// A file through every stage, previewed or committed as one batch in the caller's transaction.
    static func run<Kind: Importer>(
        _ importer: inout Kind, file: ImportFile, mode: Mode, on db: any SQLDatabase, actor: Actor
    ) async throws -> ImportReport {
        let lines = try await importer.read(file, on: db)
        var report = ImportReport(file: file.name, sha256: file.sha256, noun: importer.kind.noun, read: lines.count)
        report.undoable = importer.kind.canUndo
        report.profile = importer.profileLabel
        let plan = try await checkAndPlan(
            &importer, lines, file: file.name, rejections: importer.kind.rejections, report: &report, on: db,
            actor: actor)
        guard mode == .commit, report.changes > 0 else { return report }
        let batch = UUID()
        try await importer.write(
            plan, stamp: ImportStamp(provenance: ImportBatch.provenance(file: file.name, batch: batch), batch: batch),
            on: db, actor: actor)
        report.batch = batch
        try await ImportBatch.record(report, kind: importer.kind, batch: batch, on: db, actor: actor)
        return report
    }

    /// Values typed in a form or sent as an API batch: every line valid or nothing written, the same
    /// checks as a file, written under `provenance` without a batch.
    static func write<Kind: Importer>(
        _ importer: inout Kind, inputs: [Kind.Input], provenance: String, on db: any SQLDatabase, actor: Actor
    ) async throws -> ImportReport {
        let lines = inputs.enumerated().map { ImportLine(number: $0.offset + 1, input: $0.element) }
        var report = ImportReport(file: "", sha256: "", noun: importer.kind.noun, read: lines.count)
        let plan = try await checkAndPlan(
            &importer, lines, file: nil, rejections: .wholeInput, report: &report, on: db, actor: actor)
        if report.changes > 0 {
            try await importer.write(plan, stamp: ImportStamp(provenance: provenance, batch: nil), on: db, actor: actor)
        }
        return report
    }

    /// Stages 2 to 4, shared by the preview and the commit: the plan of the lines that pass, with the
    /// report's counts, rejections and samples filled in.
    private static func checkAndPlan<Kind: Importer>(
        _ importer: inout Kind, _ lines: [ImportLine<Kind.Input>], file: String?, rejections: Rejections,
        report: inout ImportReport, on db: any SQLDatabase, actor: Actor
    ) async throws -> [Kind.Planned] {
        var repeated = RepeatedKeys()
        var failures: [(line: Int, error: ServiceError)] = []
        var resolved: [Kind.Resolved] = []
        var numbers: [Int] = []
        resolved.reserveCapacity(lines.count)
        numbers.reserveCapacity(lines.count)
        for line in lines {
            let item: Kind.Resolved
            do {
                item = try await importer.resolve(line.input, on: db)
            } catch let error as ServiceError {
                failures.append((line.number, error))
                continue
            }
            try repeated.check(importer.keys(of: item), line: line.number, file: file)
            do {
                try await importer.authorize(item, actor: actor, on: db)
            } catch let error as ServiceError {
                failures.append((line.number, error))
                continue
            }
            resolved.append(item)
            numbers.append(line.number)
        }
        if rejections == .wholeInput, !failures.isEmpty {
            throw refusal(failures, lines: lines.count, file: file)
        }
        var plan = try await importer.plan(resolved, on: db)
        let locked = try await importer.locks(plan, actor: actor, on: db)
        if !locked.isEmpty {
            let refused = locked.sorted { $0.key < $1.key }.map {
                (line: numbers[$0.key], error: ServiceError(kind: .forbidden, message: $0.value, field: "periode"))
            }
            if rejections == .wholeInput { throw refusal(refused, lines: lines.count, file: file) }
            failures += refused
            numbers = numbers.indices.filter { locked[$0] == nil }.map { numbers[$0] }
            plan = plan.indices.filter { locked[$0] == nil }.map { plan[$0] }
        }
        report.rejected = failures.sorted { $0.line < $1.line }.map {
            ImportReport.Rejection(line: $0.line, field: $0.error.field ?? "ligne", reason: $0.error.message)
        }
        for (index, planned) in plan.enumerated() {
            switch importer.change(of: planned) {
            case .create: report.created += 1
            case .update: report.updated += 1
            case .unchanged:
                report.unchanged += 1
                continue
            }
            if report.samples.count < ImportReport.sampleLimit,
                let sample = importer.sample(of: planned, line: numbers[index])
            {
                report.samples.append(sample)
            }
        }
        report.deleted = importer.deletions(on: plan)
        report.notes = importer.notes(on: plan)
        return plan
    }

    /// The refusal of a whole input: every line to correct for a file; the first one, as the API and
    /// the form have always said it, for typed values.
    private static func refusal(_ failures: [(line: Int, error: ServiceError)], lines: Int, file: String?)
        -> ServiceError
    {
        let first = failures[0]
        guard let file else {
            let others = failures.count > 1 ? " (et \(failures.count - 1) autre(s) ligne(s) à corriger)" : ""
            return ServiceError(
                kind: first.error.kind,
                message: (lines > 1 ? "Ligne \(first.line) : " : "") + first.error.message + others,
                field: first.error.field)
        }
        // Reasons are sentences; the list ends with its own period.
        let listed = failures.prefix(20).map {
            let reason = $0.error.message.hasSuffix(".") ? String($0.error.message.dropLast()) : $0.error.message
            return "ligne \($0.line), champ \($0.error.field ?? "ligne") : \(reason)"
        }
        return ServiceError(
            kind: failures.allSatisfy { $0.error.kind == .forbidden } ? .forbidden : .invalid,
            message: "\(file) : rien n'est importé, \(failures.count) ligne(s) à corriger — "
                + listed.joined(separator: " ; ") + (failures.count > 20 ? " ; …" : "") + ".",
            field: first.error.field)
    }
}

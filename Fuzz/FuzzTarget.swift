import Foundation

// libFuzzer entry point, compiled together with the JalonCore sources by scripts/fuzz.sh
// (`swiftc -sanitize=fuzzer,address`). One binary, five targets chosen by JALON_FUZZ_TARGET, each
// with its own corpus under Fuzz/corpus/. A crash, a sanitizer report or a hang is a failure;
// a parser refusing garbage with an error is exactly what is expected.
let fuzzTarget = ProcessInfo.processInfo.environment["JALON_FUZZ_TARGET"] ?? "csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    switch fuzzTarget {
    case "csv":
        let text = TextDecoding.decode(bytes).text
        _ = try? CSVReader(separator: CSVReader.detectSeparator(text)).records(text)
        _ = try? DHIS2DataValueSet.parse((try? CSVReader(separator: ",").records(text)) ?? [])
    case "finess":
        _ = try? FinessReader.read(bytes)
    case "numbers":
        let text = String(decoding: bytes, as: UTF8.self)
        _ = FrenchNumber.parse(text)
        _ = Period(text)
        _ = Milestone.parse(text)
        _ = Period(dhis2: text)
        _ = Period(adx: text)
        _ = ActivityMeasure(text: text)
        _ = text.trimmedSpaces
    case "engine":
        fuzzEngine(bytes)
    case "xlsx":
        _ = try? XLSXReader.records(bytes)
        _ = try? ADX(xml: bytes)
    default:
        break
    }
    return 0
}

/// The formatters and the numeric paths of the progress engine, fed with the doubles the input spells
/// (8 bytes each, little-endian): none may trap, whatever the value — ±greatestFiniteMagnitude, NaN,
/// ±infinity, subnormals, 2⁶³ are in the seeds.
func fuzzEngine(_ bytes: Data) {
    var values: [Double] = []
    var index = bytes.startIndex
    while index + 8 <= bytes.endIndex {
        var bits: UInt64 = 0
        for offset in 0..<8 { bits |= UInt64(bytes[index + offset]) << (8 * offset) }
        values.append(Double(bitPattern: bits))
        index += 8
    }
    for value in values {
        for digits in [0, 1, 2, 6] { _ = Format.decimal(value, fractionDigits: digits) }
        _ = Format.number(value)
        _ = Format.percent(value)
        _ = Format.coordinate(value)
        _ = ValueBounds.accepts(value)
    }
    guard !values.isEmpty else { return }
    let series = values.enumerated().map { offset, value in
        ObservationPoint(
            period: .month(2021 + offset / 12 % 10, offset % 12 + 1), value: offset % 3 == 2 ? nil : value,
            numerator: value, denominator: values[(offset + 1) % values.count])
    }
    let due = Day(2027, 12, 31)
    let targets = values.prefix(3).map {
        TargetPoint(due: due, value: .number($0), baseline: values.last, baselineDate: Day(2021, 1, 1))
    }
    for nature in IndicatorDefinition.Nature.allCases {
        for direction in IndicatorDefinition.Direction.allCases {
            let definition = IndicatorDefinition(
                code: "F", label: "F", nature: nature, cumulativeSince: Day(2021, 1, 1), direction: direction)
            let progress = ProgressEngine.progress(definition, series: series, targets: targets, at: Day(2024, 6, 30))
            for figure in [
                progress.value, progress.realisation, progress.expected, progress.projection, progress.attainment
            ] {
                _ = Format.decimal(figure ?? 0)
            }
        }
    }
    for rule in IndicatorDefinition.RollupRule.allCases { _ = Rollup.combine(rule, series).map { Format.decimal($0) } }
    _ = Rollup.structures(.shareOfStructures, yes: Int(truncatingIfNeeded: values.count), open: values.count - 1)
    let operands = values
    if let formula = try? Formula("{A} * {BB} / ({CCC} - {A}) + POP * NB(ES)") {
        let context = Formula.Context(
            indicator: { code in operands[code.utf8.count % operands.count] },
            population: { operands.first }, structures: { _ in operands.last })
        _ = formula.evaluate(context).map { Format.decimal($0) }
    }
}

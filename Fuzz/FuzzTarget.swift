import Foundation

// libFuzzer entry point, compiled together with the JalonCore sources by scripts/fuzz.sh
// (`swiftc -sanitize=fuzzer,address`). One binary, four targets chosen by JALON_FUZZ_TARGET, each
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
        let s = String(decoding: bytes, as: UTF8.self)
        _ = FrenchNumber.parse(s)
        _ = Period(s)
        _ = Milestone.parse(s)
        _ = Period(dhis2: s)
        _ = Period(adx: s)
        _ = ActivityMeasure(text: s)
        _ = s.trimmedSpaces
    case "xlsx":
        _ = try? XLSXReader.records(bytes)
        _ = try? ADX(xml: bytes)
    default:
        break
    }
    return 0
}

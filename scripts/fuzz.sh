#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that read what users upload (libFuzzer through
# `swiftc -sanitize=fuzzer,address`): CSV (and DHIS2 value sets), FINESS (etalab CSV and JSON flux),
# numbers/periods/milestones, the formatters and the progress engine on extreme doubles (engine), and XLSX/ADX. The JalonCore sources are compiled with Fuzz/FuzzTarget.swift
# into one binary; each target starts from its committed seed corpus (Fuzz/corpus/<target>, copied so
# that new inputs stay out of the repository). Writes Fuzz/REPORT.md: runs per target, and that none
# crashed. Usage: scripts/fuzz.sh [SECONDS per target, default 60] [REPORT, default Fuzz/REPORT.md]
#        scripts/fuzz.sh --runs N [REPORT]: N runs per target from seed 1 — deterministic, for make test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
limit=(-max_total_time="${1:-60}")
label="${1:-60} s per target"
fresh=0
if [[ ${1:-} == --runs ]]; then limit=(-runs="$2" -seed=1); label="$2 runs per target from seed 1 and the committed seeds"; fresh=1; shift; fi
report=${2:-Fuzz/REPORT.md}
out=.build/fuzz
mkdir -p "$out"
bin=$out/jalon-fuzz
sources=$(find Sources/JalonCore -name '*.swift' | sort)
if [[ ! -x $bin || -n $(find Sources/JalonCore Fuzz/FuzzTarget.swift -newer "$bin" -name '*.swift' | head -1) ]]; then
    echo "fuzz: compiling JalonCore with libFuzzer and AddressSanitizer…" >&2
    # shellcheck disable=SC2086
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name JalonFuzz -I Sources/CZlib -I Sources/CLzma -lz -llzma \
        $sources Fuzz/FuzzTarget.swift -o "$bin" 2>"$out/build.log" || { grep -v "warning: Cannot export local symbol" "$out/build.log" >&2; exit 1; }
fi
status=0
rows=()
for target in csv finess numbers engine xlsx; do
    corpus=$out/corpus-$target
    # A deterministic pass starts from the committed seeds only, not from what earlier runs found.
    [[ $fresh == 1 ]] && corpus=$out/seeds-$target && rm -rf "$corpus"
    mkdir -p "$corpus"
    cp -n Fuzz/corpus/$target/* "$corpus"/ 2>/dev/null || true
    log=$out/$target.log
    echo "fuzz: $target, $label…" >&2
    code=0
    # FoundationXML (used by the ADX parser) leaks a CFString each time libxml2 reports an error: a
    # swift-corelibs-foundation leak, not Jalon's; leak detection is off for that target only.
    leaks=1
    [[ $target == xlsx ]] && leaks=0
    ASAN_OPTIONS=detect_leaks=$leaks JALON_FUZZ_TARGET=$target "$bin" "$corpus" "${limit[@]}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -detect_leaks=$leaks \
        -artifact_prefix="$out/crash-$target-" -print_final_stats=1 >"$log" 2>&1 || code=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | tr -dc 0-9 || true)
    if [[ $code -eq 0 ]]; then verdict="no crash"; else verdict="**FAILED** (exit $code, see $log)"; status=1; tail -20 "$log" >&2; fi
    rows+=("| $target | ${runs:-?} | ${cov:-?} | $(ls "$corpus" | wc -l) | $verdict |")
done
{
    echo "# Fuzzing report"
    echo
    echo "- Date: $(date '+%Y-%m-%d %H:%M %Z'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $label"
    echo "- \`swiftc -sanitize=fuzzer,address\`, JalonCore sources + \`Fuzz/FuzzTarget.swift\`, seeds in \`Fuzz/corpus/\`"
    echo
    echo "| Target | Runs | Coverage (edges) | Corpus | Result |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
} >"$report"
cat "$report"
exit $status

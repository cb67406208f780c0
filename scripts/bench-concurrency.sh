#!/usr/bin/env bash
# Concurrency benchmark (part of `make bench`): 50 signed-in clients (each its own session, through
# /connexion) for 2 minutes against the regional dashboard and the structure list of the demo
# region, served by the release build — on SQLite, then on a throw-away PostgreSQL cluster.
# Appends requests, errors, p50/p95/p99 and the server's peak RSS to bench/REPORT.md.
# Usage: scripts/bench-concurrency.sh BIN [CLIENTS] [SECONDS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
bin=$(realpath "$1"); clients=${2:-50}; seconds=${3:-120}
work=$(mktemp -d /tmp/jalon-bench-load.XXXXXX)
pgdir=$(mktemp -d /tmp/jalon-bench-pg.XXXXXX); chmod 755 "$pgdir"
pid=""
cleanup() {
    [[ -n $pid ]] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
ln -s "$root/.cache" "$work/.cache"; ln -s "$root/Public" "$work/Public"
export LOG_LEVEL=warning JALON_DEMO_PASSWORD="charge-$$-$RANDOM"
emails="admin@demo.jalon.invalid pilote@demo.jalon.invalid animateur.nord@demo.jalon.invalid contributeur@demo.jalon.invalid lecteur@demo.jalon.invalid"
rows=()
failed=0

run() { # run LABEL DATABASE_URL
    export JALON_DATABASE_URL=$2
    ( cd "$work" && "$bin" migrate --yes >/dev/null && "$bin" demo >/dev/null )
    local port; port=$(free_port)
    ( cd "$work" && exec "$bin" serve --hostname 127.0.0.1 --port "$port" >"$work/serve-$1.log" 2>&1 ) &
    pid=$!
    wait_healthy "$port"
    # shellcheck disable=SC2086
    local out; out=$(python3 scripts/load_clients.py "http://127.0.0.1:$port" "$JALON_DEMO_PASSWORD" "$clients" "$seconds" $emails)
    local peak; peak=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
    echo "load $1: $out, peak RSS ${peak} MiB" >&2
    rows+=("$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(f\"| $1 | {d['requests']:,} | {d['rps']} | {d['errors']} | {d['p50']} ms | {d['p95']} ms | {d['p99']} ms | $peak MiB |\".replace(',', ' '))" "$out")")
    python3 -c "import json,sys; sys.exit(json.loads(sys.argv[1])['errors'] != 0)" "$out" || { failed=1; echo "load $1: errors: $out" >&2; }
}

run SQLite "sqlite://$work/load.sqlite"
pgurl=$(scripts/pg-cluster.sh start "$pgdir")
run PostgreSQL "$pgurl"

verdict=PASS; [[ $failed -eq 0 ]] || verdict=FAIL
{
    echo
    echo "# Concurrency benchmark"
    echo
    echo "- $clients clients, each signed in with its own session (demo accounts of the five roles), for $seconds s; half of the requests"
    echo "  \`GET /feuille-de-route?date=2022-06-30&territoire=R32\` (regional dashboard), half \`GET /structures?territoire=…&page=…\`"
    echo "  (R32, D59, D62, D80; pages 1–3), keep-alive connections, release build, client and server on the same 2 cores"
    echo
    echo "| Database | Requests | Requests/s | Errors | p50 | p95 | p99 | Server peak RSS |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Target: zero errors — **${verdict}**"
} >>bench/REPORT.md
[[ $verdict == PASS ]]

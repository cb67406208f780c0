#!/usr/bin/env bash
# Crash test with a real process: `jalon import observations` of a large file is killed with
# SIGKILL while it writes; the database must hold nothing of it (no partial write) and pass its
# integrity check; the same import then completes and a re-run changes nothing. Then `jalon serve`
# is killed while it writes a 60 000-value API batch: all of it or none of it.
# Runs on SQLite, and on PostgreSQL when a cluster URL is given.
# Usage: scripts/crash-test.sh BIN [POSTGRES_URL]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN=$(realpath "$1"); PGURL=${2:-}
FIX="$ROOT/Tests/AppTests/Fixtures"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/jalon-crash.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export LOG_LEVEL=warning

# 120 000 rows over the fixture's communes, one day each from 1990 on (within the accepted years,
# 1990-2100): long enough to be killed mid-write.
python3 - "$WORK/big.csv" <<'PY'
import datetime, sys
communes = ["C59350", "C59183", "C59009", "C62041", "C62160", "C75056", "C2A004", "D59", "D62", "R32"]
start = datetime.date(1990, 1, 1)
with open(sys.argv[1], "w") as f:
    f.write("indicateur;territoire;periode;valeur\n")
    for n in range(120000):
        f.write(f"O2-08;{communes[n % 10]};{start + datetime.timedelta(days=n // 10)};{n % 997}\n")
PY

# The same kind of values as one JSON batch for POST /api/observations (all or nothing): its first
# 48 000 values replace values of the file (days 7 200 to 11 999), the last 12 000 are new.
python3 - "$WORK/batch.json" <<'PY'
import datetime, json, sys
communes = ["C59350", "C59183", "C59009", "C62041", "C62160", "C75056", "C2A004", "D59", "D62", "R32"]
start = datetime.date(1990, 1, 1)
rows = [{"indicator": "O2-08", "territory": communes[i % 10], "period": str(start + datetime.timedelta(days=7200 + i // 10)),
         "value": str(i % 991), "source": "crash-api"} for i in range(60000)]
json.dump(rows, open(sys.argv[1], "w"))
PY

run_case() { # run_case LABEL URL COUNT-COMMAND...
    local label=$1 url=$2; shift 2
    export JALON_DATABASE_URL=$url
    "$BIN" migrate --yes >/dev/null
    "$BIN" import cog --from "$FIX/cog" >/dev/null
    "$BIN" roadmap template segur-2021-2023 --region R32 >/dev/null
    # Killed at three moments (reading, resolving, writing, depending on the machine): each time the
    # database holds all of the file or none of it, never a part.
    local delay n b
    for delay in 1 3 6; do
        "$BIN" import observations "$WORK/big.csv" >"$WORK/$label.out" 2>&1 &
        local pid=$!
        sleep "$delay"
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        n=$("$@" "SELECT COUNT(*) FROM observations"); b=$("$@" "SELECT COUNT(*) FROM import_batches")
        if [[ ($n == 0 && $b == 0) || ($n == 120000 && $b == 1) ]]; then ok; else ko "$label: killed after ${delay}s, $n observations and $b batches left"; fi
        [[ $n == 0 ]] || break
    done
    "$BIN" import observations "$WORK/big.csv" >"$WORK/$label-again.out" 2>&1 || { ko "$label: import after the crash failed"; cat "$WORK/$label-again.out"; return; }
    grep -qE "120 000 créées|120 000 inchangées" <(sed 's/\xe2\x80\xaf/ /g' "$WORK/$label-again.out") && ok || ko "$label: $(head -1 "$WORK/$label-again.out")"
    n=$("$@" "SELECT COUNT(*) FROM observations")
    [[ $n == 120000 ]] && ok || ko "$label: $n observations after the full import"

    # A multi-row write through the API: the server is killed while it writes a 60 000-value batch.
    printf 'une phrase de passe solide\n' | JALON_BCRYPT_COST=4 "$BIN" user create --admin "crash-$label@exemple.invalid" --password-stdin >/dev/null
    local token port spid
    token=$("$BIN" token create --user "crash-$label@exemple.invalid" --name crash 2>/dev/null)
    port=$(free_port)
    for delay in 1.5 3; do
        ( cd "$WORK" && exec "$BIN" serve --hostname 127.0.0.1 --port "$port" >"$WORK/$label-serve.log" 2>&1 ) &
        spid=$!
        wait_healthy "$port" 0.1
        curl -s -o /dev/null -H "Authorization: Bearer $token" -H "Content-Type: application/json" --data-binary @"$WORK/batch.json" \
            "http://127.0.0.1:$port/api/observations" &
        local cpid=$!
        sleep "$delay"
        kill -9 "$spid" 2>/dev/null || true
        wait "$spid" 2>/dev/null || true
        wait "$cpid" 2>/dev/null || true
        n=$("$@" "SELECT COUNT(*) FROM observations WHERE source = 'crash-api'")
        if [[ $n == 0 || $n == 60000 ]]; then ok; else ko "$label: server killed after ${delay}s during an API batch, $n of its 60 000 values left"; fi
        [[ $n == 0 ]] || break
    done
    # 48 000 values of the batch replace values of the file, 12 000 are new: 120 000 or 132 000 in all.
    n=$("$@" "SELECT COUNT(*) FROM observations")
    [[ $n == 120000 || $n == 132000 ]] && ok || ko "$label: $n observations after the killed API batch"
}

sqlite_count() { sqlite3 "$WORK/crash.sqlite" "$1"; }
run_case sqlite "sqlite://$WORK/crash.sqlite" sqlite_count
[[ $(sqlite3 "$WORK/crash.sqlite" "PRAGMA integrity_check") == ok ]] && ok || ko "sqlite: integrity check"

if [[ -n $PGURL ]]; then
    db="jalon_crash_$$"
    psql -q "$PGURL" -c "CREATE DATABASE $db" >/dev/null
    pg_url=$(pg_db_url "$PGURL" "$db")
    pg_count() { psql -qtA "$pg_url" -c "$1"; }
    run_case postgres "$pg_url" pg_count
    psql -q "$PGURL" -c "DROP DATABASE $db" >/dev/null || true
fi

echo "crash: $passed passed, $failed failed"
[[ $failed -eq 0 ]]

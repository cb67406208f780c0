#!/usr/bin/env bash
# Property-based checks of the API against its own OpenAPI description (schemathesis, from PyPI):
# a throw-away demo database, a running server, an administrator's API token, and requests
# generated from /api/openapi.json — none may answer 5xx. Usage: scripts/api-contract-test.sh BIN [MAX_EXAMPLES]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$1"; MAX=${2:-30}
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
command -v schemathesis >/dev/null || python3 -m pip install -q schemathesis >/dev/null 2>&1 || pip install -q --break-system-packages schemathesis >/dev/null
WORK="$(mktemp -d "${TMPDIR:-/tmp}/jalon-api.XXXXXX")"
pid=""
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
ln -s "$ROOT/.cache" "$WORK/.cache"; ln -s "$ROOT/Public" "$WORK/Public"
export JALON_DATABASE_URL="sqlite://$WORK/api.sqlite" LOG_LEVEL=warning JALON_BCRYPT_COST=4 JALON_DEMO_PASSWORD="contrat-api-$$-$RANDOM"
cd "$WORK"
"$BIN" migrate --yes >/dev/null
"$BIN" demo >/dev/null
token=$("$BIN" token create --user admin@demo.jalon.invalid --name contrat 2>/dev/null)
port=$(free_port)
"$BIN" serve --hostname 127.0.0.1 --port "$port" >"$WORK/serve.log" 2>&1 &
pid=$!
wait_healthy "$port"
status=0
# A committee pack is printed by Chromium while the request waits: some seconds on a debug build.
schemathesis run "http://127.0.0.1:$port/api/openapi.json" --url "http://127.0.0.1:$port" \
    -H "Authorization: Bearer $token" --checks not_a_server_error --max-examples "$MAX" --seed 1 \
    --request-timeout 90 \
    --phases examples,coverage,fuzzing --workers 1 >"$WORK/schemathesis.log" 2>&1 || status=$?
tail -n 25 "$WORK/schemathesis.log"
if [[ $status -ne 0 ]]; then
    echo "--- server log (errors) ---"; grep -iE "error|→ 5" "$WORK/serve.log" | tail -n 20 || true
fi
exit "$status"

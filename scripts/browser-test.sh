#!/usr/bin/env bash
# Browser journeys: throw-away demo database + server, then pytest/selenium.
# Usage: scripts/browser-test.sh [path/to/jalon]   (default .build/debug/jalon)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:-.build/debug/jalon}"
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
[[ -x "$BIN" ]] || { echo "jalon binary not found: $BIN" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/jalon-browser.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ln -s "$ROOT/.cache" "$WORK/.cache"
ln -s "$ROOT/Public" "$WORK/Public"
export JALON_DATABASE_URL="sqlite://$WORK/jalon.sqlite"
# The demo accounts get this password; the journeys sign in with it through the login form.
export JALON_DEMO_PASSWORD="parcours-navigateur-$$-$RANDOM"
export JALON_BCRYPT_COST=8

t() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2])-float(sys.argv[1]):.1f}s')" "$1" "$(t)"; }

T0=$(t)
(
  cd "$WORK"
  "$BIN" migrate --yes >"$WORK/setup.log" 2>&1
  "$BIN" import cog >>"$WORK/setup.log" 2>&1
  "$BIN" demo >>"$WORK/setup.log" 2>&1
) || { echo "setup failed:" >&2; cat "$WORK/setup.log" >&2; exit 1; }
echo "browser-test: database ready in $(since "$T0")"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
T1=$(t)
(cd "$WORK" && exec "$BIN" serve --hostname 127.0.0.1 --port "$PORT") >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!

ready=0
for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null --max-time 2 "$BASE/healthz" 2>/dev/null; then ready=1; break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.5
done
if [[ $ready -ne 1 ]]; then
  echo "server did not become healthy on $BASE within 30 s:" >&2
  tail -n 50 "$WORK/serve.log" >&2
  exit 1
fi
echo "browser-test: server up on $BASE in $(since "$T1")"

mkdir -p "$ROOT/.tmp/browser"
T2=$(t)
status=0
(cd "$ROOT" && JALON_BASE_URL="$BASE" python3 -m pytest -q -rA -p no:cacheprovider Tests/Browser) || status=$?
echo "browser-test: pytest finished in $(since "$T2") (status $status), total $(since "$T0")"
if [[ $status -ne 0 ]]; then
  echo "--- server log (tail) ---" >&2
  tail -n 30 "$WORK/serve.log" >&2
fi
exit "$status"

# Shared by the test and bench scripts: `source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"`.

# A free TCP port on loopback.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits until a `jalon serve` on PORT answers /healthz (100 tries, STEP seconds apart, 0.2 by default).
wait_healthy() {
    local _
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep "${2:-0.2}"; done
    return 0
}

# Check counters: `cond && ok || ko "what failed"`, then report $passed and $failed.
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "FAIL $*"; }

# The URL of database DB on the same PostgreSQL server as BASE_URL.
pg_db_url() { python3 -c "import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path='/' + sys.argv[2])))" "$1" "$2"; }

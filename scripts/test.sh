#!/usr/bin/env bash
# The whole test suite (called by `make test`, itself called by .ci/run):
#   0. the house style: swift-format lint and 120 columns (`make lint`);
#   1. Swift tests (core units; HTTP, import and database tests on SQLite AND on a throwaway
#      PostgreSQL cluster started here and removed afterwards);
#   2. the command line, run for real on a throw-away database;
#   3. imports killed with SIGKILL, on both databases (nothing partial is left); hostile inputs
#      (huge numbers, decompression bombs) against a real server, which must stay up;
#   4. browser journeys in headless Chromium against a real `jalon serve`;
#   5. a short deterministic fuzzing pass over the parsers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pgdir=$(mktemp -d /tmp/jalon-pg.XXXXXX)
chmod 755 "$pgdir"
cleanup() { scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "== lint (swift-format, 120 columns)"
scripts/lint.sh

echo "== build"
mkdir -p .build
if ! swift build --build-tests > .build/build.log 2>&1; then
    grep -E 'error|warning: unre' .build/build.log | head -50 || tail -50 .build/build.log
    echo "build failed (log: .build/build.log)"; exit 1
fi
tail -1 .build/build.log

echo "== PostgreSQL (throwaway cluster)"
pgurl=$(scripts/pg-cluster.sh start "$pgdir")
echo "cluster on ${pgurl}"

echo "== Swift tests (SQLite + PostgreSQL)"
set +e
JALON_TEST_POSTGRES_URL="$pgurl" JALON_REQUIRE_POSTGRES=1 swift test --skip-build > .build/swift-test.log 2>&1
status=$?
set -e
# The per-case lines are in the log; show suites, failures and the closing lines.
grep -Ev '^(◇|↳|✔ Test (case|[a-zA-Z]+\())' .build/swift-test.log || true
if [[ $status -ne 0 ]]; then echo "Swift tests failed (log: .build/swift-test.log)"; exit "$status"; fi

echo "== Command line (real binary, throw-away SQLite)"
scripts/cli-test.sh .build/debug/jalon

echo "== Crash test: imports killed with SIGKILL (SQLite and PostgreSQL)"
scripts/crash-test.sh .build/debug/jalon "$pgurl"

echo "== Hostile inputs against a real server (huge numbers, stored 1e26, decompression bombs; SQLite and PostgreSQL)"
scripts/hostile-server-test.sh .build/debug/jalon "$pgurl"

echo "== Two nodes on one PostgreSQL (shared sessions, optimistic versions)"
scripts/multinode-test.sh .build/debug/jalon "$pgurl"

echo "== API contract (schemathesis against a running server: no 5xx)"
scripts/api-contract-test.sh .build/debug/jalon 30

echo "== Browser journeys (headless Chromium)"
scripts/browser-test.sh .build/debug/jalon

echo "== Fuzzing, short pass (make fuzz for the long one)"
scripts/fuzz.sh --runs 30000 .build/fuzz/REPORT.md

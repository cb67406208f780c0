#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests, on a free loopback port.
#
#   scripts/pg-cluster.sh start DIR   create (or restart) a cluster in DIR; prints its URL
#                                     (postgres://jalon@127.0.0.1:PORT/jalon), also kept in DIR/url
#   scripts/pg-cluster.sh stop DIR    stop it and remove DIR (no error if already gone)
#
# Example:  dir=$(mktemp -d); url=$(scripts/pg-cluster.sh start "$dir"); ...; scripts/pg-cluster.sh stop "$dir"
#
# PostgreSQL refuses to run as root, so the cluster runs as the `postgres` system user and DIR
# is handed to it; every parent of DIR must be traversable by that user (/tmp is).
# Only the URL goes to stdout; messages and server output go to stderr or DIR/postgres.log.
set -euo pipefail

PGBIN=/usr/lib/postgresql/15/bin
PGUSER_OS=postgres

say() { echo "pg-cluster: $*" >&2; }
die() { echo "pg-cluster: error: $*" >&2; exit 1; }
usage() { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

as_pg() { runuser -u "$PGUSER_OS" -- "$@"; }

# Free TCP port on 127.0.0.1 (the kernel picks it; there is a small race until postgres binds it,
# covered by retrying the start).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Running and answering on the port recorded in DIR/url.
is_running() {
    local port
    [[ -f $1/data/postmaster.pid && -s $1/url ]] || return 1
    port=$(sed -n 's|^postgres://jalon@127\.0\.0\.1:\([0-9]*\)/jalon$|\1|p' "$1/url")
    [[ -n $port ]] && "$PGBIN/pg_isready" -q -t 2 -h 127.0.0.1 -p "$port" -d postgres -U jalon
}

# After a crash, a dying postmaster (or its leftover children) still holds the data directory
# for a moment: make sure it is gone before starting again.
stop_leftover() {
    local dir=$1 pid
    [[ -f $dir/data/postmaster.pid ]] || return 0
    as_pg "$PGBIN/pg_ctl" stop -D "$dir/data" -m immediate -w -t 10 -s >/dev/null 2>&1 || true
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    for _ in $(seq 1 50); do
        [[ $pid =~ ^[0-9]+$ && -e /proc/$pid ]] || break
        [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] || break
        sleep 0.1
    done
}

start() {
    local dir=$1
    [[ -x $PGBIN/initdb ]] || die "$PGBIN/initdb not found (run scripts/setup.sh)"
    id "$PGUSER_OS" >/dev/null 2>&1 || die "no '$PGUSER_OS' system user (run scripts/setup.sh)"
    (( EUID == 0 )) || die "must run as root (to act as the '$PGUSER_OS' user)"

    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)

    # Already running (start is idempotent): just print the URL again.
    if is_running "$dir"; then
        cat "$dir/url"
        return
    fi
    stop_leftover "$dir"

    chown "$PGUSER_OS:$PGUSER_OS" "$dir"
    chmod 700 "$dir"
    as_pg test -w "$dir" -a -x "$dir" \
        || die "user '$PGUSER_OS' cannot reach $dir: make its parent directories traversable (chmod o+x), e.g. use mktemp -d under /tmp"
    # The Unix socket lives in DIR; socket paths are limited to 107 bytes.
    (( ${#dir} <= 80 )) || die "directory path too long for a Unix socket (${#dir} > 80 characters): $dir"

    if [[ ! -f $dir/data/PG_VERSION ]]; then
        rm -rf "$dir/data"
        local log
        log=$(mktemp)
        # C.UTF-8: byte-order collation, like SQLite, so both databases sort text the same way.
        if ! as_pg "$PGBIN/initdb" -D "$dir/data" -A trust -U jalon -E UTF8 --locale=C.UTF-8 >"$log" 2>&1; then
            cat "$log" >&2; rm -f "$log"
            die "initdb failed in $dir/data"
        fi
        rm -f "$log"
    fi

    local port attempt
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_pg "$PGBIN/pg_ctl" start -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -s \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            >/dev/null 2>&1; then
            break
        fi
        # Most likely someone grabbed the port in between; anything else shows in the log.
        if (( attempt == 5 )); then
            tail -n 20 "$dir/postgres.log" >&2 2>/dev/null || true
            die "could not start PostgreSQL in $dir (log: $dir/postgres.log)"
        fi
    done

    local i
    for i in $(seq 1 100); do
        "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U jalon && break
        (( i < 100 )) || die "PostgreSQL on port $port not ready after 20 s (log: $dir/postgres.log)"
        sleep 0.2
    done

    local exists
    exists=$("$PGBIN/psql" -X -q -A -t -h 127.0.0.1 -p "$port" -U jalon -d postgres \
        -c "select 1 from pg_database where datname = 'jalon'")
    if [[ $exists != 1 ]]; then
        "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$port" -U jalon -d postgres -v ON_ERROR_STOP=1 \
            -c 'create database jalon' >/dev/null
    fi

    local url="postgres://jalon@127.0.0.1:$port/jalon"
    printf '%s\n' "$url" >"$dir/url"
    printf '%s\n' "$url"
}

stop() {
    local dir=$1
    [[ -e $dir ]] || return 0
    [[ -d $dir ]] || die "$dir is not a directory"
    dir=$(cd "$dir" && pwd -P)
    [[ $dir != / ]] || die "refusing to remove /"
    # Only remove what looks like one of our clusters (guards against a wrong argument).
    if [[ ! -e $dir/data && ! -e $dir/url && ! -e $dir/postgres.log && -n $(ls -A "$dir") ]]; then
        die "$dir does not look like a pg-cluster.sh directory; not removing it"
    fi

    if [[ -f $dir/data/postmaster.pid ]]; then
        as_pg "$PGBIN/pg_ctl" stop -D "$dir/data" -m immediate -w -t 30 -s >/dev/null 2>&1 || true
        # pg_ctl failed or timed out: kill the postmaster ourselves (it takes its children along).
        local pid
        pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
        if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
            && [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == "$PGBIN/postgres" ]]; then
            say "pg_ctl stop failed; killing postmaster $pid"
            kill -QUIT "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$dir"
}

(( $# == 2 )) || usage
case "$1" in
    start) start "$2" ;;
    stop) stop "$2" ;;
    *) usage ;;
esac

#!/usr/bin/env bash
# Two `jalon serve` nodes on one PostgreSQL database, on loopback, used as a browser would through a
# load balancer: a session opened on one node works on the other, two people editing the same fiche
# from different nodes get a French conflict for the second save and nobody's change is lost, and
# signing out on one node signs out everywhere. Usage: scripts/multinode-test.sh BIN POSTGRES_URL
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$1"; PGURL="$2"
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
WORK="$(mktemp -d "${TMPDIR:-/tmp}/jalon-nodes.XXXXXX")"
db="jalon_nodes_$$"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    psql -q "$PGURL" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

psql -q "$PGURL" -c "CREATE DATABASE $db" >/dev/null
export JALON_DATABASE_URL
JALON_DATABASE_URL=$(pg_db_url "$PGURL" "$db")
# curl, unlike browsers, keeps Secure cookies to HTTPS even on 127.0.0.1: plain HTTP here.
export LOG_LEVEL=warning JALON_BCRYPT_COST=4 JALON_SECRET="secret-partage-par-les-noeuds-$$-0123456789" JALON_COOKIE_SECURE=0
cd "$WORK"
"$BIN" migrate --yes >/dev/null
"$BIN" import cog --from "$ROOT/Tests/AppTests/Fixtures/cog" >/dev/null
"$BIN" roadmap template segur-2021-2023 --region R32 >/dev/null
printf 'une phrase de passe solide\n' | "$BIN" user create --admin admin@exemple.invalid --password-stdin >/dev/null
printf 'une autre phrase solide\n' | "$BIN" user create pilote@exemple.invalid --role pilote --password-stdin >/dev/null

A=$(free_port); B=$(free_port)
# Node B logs everything it can (trace), so that the check at the end proves no password reaches a log.
for p in "$A" "$B"; do
    level=warning; [[ $p == "$B" ]] && level=trace
    LOG_LEVEL=$level "$BIN" serve --hostname 127.0.0.1 --port "$p" >"$WORK/serve-$p.log" 2>&1 &
    pids+=($!)
done
for p in "$A" "$B"; do
    wait_healthy "$p"
done

field() { grep -o "name=\"$1\" value=\"[^\"]*\"" | head -1 | sed 's/.*value="//; s/"$//'; }
login() { # login JAR PORT EMAIL PASSWORD — opens the form first, as a browser does (its sign-in token and cookie)
    local token
    token=$(curl -s -c "$1" -b "$1" "http://127.0.0.1:$2/connexion" | field _connexion)
    curl -s -c "$1" -b "$1" -o /dev/null -w '%{http_code}' --data-urlencode "email=$3" --data-urlencode "password=$4" --data-urlencode "suite=/" \
        --data-urlencode "_connexion=$token" "http://127.0.0.1:$2/connexion"
}
fiche=/feuille-de-route/fiches/DMP

# A session opened on node A is known to node B.
[[ $(login "$WORK/admin" "$A" admin@exemple.invalid 'une phrase de passe solide') == 303 ]] && ok || ko "sign-in on node A"
page=$(curl -s -b "$WORK/admin" "http://127.0.0.1:$B$fiche")
grep -q 'compte-connecte' <<<"$page" && ok || ko "session of node A unknown to node B"

# Two people open the same fiche, one through each node, and both save their text.
[[ $(login "$WORK/pilote" "$B" pilote@exemple.invalid 'une autre phrase solide') == 303 ]] && ok || ko "sign-in on node B"
pageA=$(curl -s -b "$WORK/admin" "http://127.0.0.1:$A$fiche"); pageB=$(curl -s -b "$WORK/pilote" "http://127.0.0.1:$B$fiche")
vA=$(field version <<<"$pageA"); vB=$(field version <<<"$pageB")
[[ -n $vA && $vA == "$vB" ]] && ok || ko "both forms built from the same version ($vA, $vB)"
save() { # save JAR PORT PAGE TEXT
    curl -s -b "$1" -o "$WORK/save.html" -w '%{http_code}' --data-urlencode "section=texts" --data-urlencode "version=$(field version <<<"$3")" \
        --data-urlencode "_csrf=$(field _csrf <<<"$3")" --data-urlencode "objectives=$4" "http://127.0.0.1:$2$fiche"
}
[[ $(save "$WORK/admin" "$A" "$pageA" "Objectifs écrits sur le nœud A") == 303 ]] && ok || ko "first save (node A)"
code=$(save "$WORK/pilote" "$B" "$pageB" "Objectifs écrits sur le nœud B")
[[ $code == 409 ]] && ok || ko "second save from a stale form answered $code, not 409"
grep -q "modifié(e) par quelqu&#39;un d&#39;autre pendant que vous l&#39;éditiez" "$WORK/save.html" && ok || ko "conflict message"
after=$(curl -s -b "$WORK/pilote" "http://127.0.0.1:$B$fiche")
grep -q "Objectifs écrits sur le nœud A" <<<"$after" && ok || ko "the first save is lost"
# Reloaded, the second person saves on top of the first: nothing was lost, nothing is overwritten blindly.
[[ $(save "$WORK/pilote" "$B" "$after" "Objectifs écrits sur le nœud A, complétés sur le nœud B") == 303 ]] && ok || ko "save after reload"
grep -q "complétés sur le nœud B" <<<"$(curl -s -b "$WORK/admin" "http://127.0.0.1:$A$fiche")" && ok || ko "node A does not see node B's save"

# Signing out on node B ends the session on node A too.
csrf=$(curl -s -b "$WORK/admin" "http://127.0.0.1:$B/" | field _csrf)
curl -s -b "$WORK/admin" -o /dev/null --data-urlencode "_csrf=$csrf" "http://127.0.0.1:$B/deconnexion"
[[ $(curl -s -b "$WORK/admin" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$A/") == 303 ]] && ok || ko "session still alive on node A after signing out on node B"

# No password in clear anywhere: not in either node's log (node B at trace level), not in the database,
# whether the sign-in succeeded or failed.
[[ $(login "$WORK/intrus" "$B" admin@exemple.invalid 'mauvaise-phrase-secrete-intrus') == 401 ]] && ok || ko "a wrong password is refused"
grep -q 'FROM "users"\|FROM users' "$WORK/serve-$B.log" && ok || ko "node B's trace log does not show its sign-in queries (the check below would prove nothing)"
if grep -rqF -e 'une phrase de passe solide' -e 'une autre phrase solide' -e 'mauvaise-phrase-secrete-intrus' "$WORK"/serve-*.log \
    || pg_dump "$JALON_DATABASE_URL" | grep -qF -e 'une phrase de passe solide' -e 'une autre phrase solide' -e 'mauvaise-phrase-secrete-intrus'; then
    ko "a password appears in clear in a log or in the database"
else ok; fi

echo "nodes: $passed passed, $failed failed"
[[ $failed -eq 0 ]]

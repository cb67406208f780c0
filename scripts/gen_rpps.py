#!/usr/bin/env python3
"""Synthetic RPPS extraction (PS_LibreAcces_Personne_activite layout) for the benchmark.

    gen_rpps.py N OUT --communes communes.csv.lzma

N activity lines of fictitious people (names like NOM-TEST-000123), `|` separated with the real
header and the trailing `|` of the national file. About 8 % are liberal general practitioners,
1 % liberal radiologists, 4 % community pharmacists (at FINESS numbers that may not exist), the
rest other professions and salaried activities — roughly the national mix. Deterministic.
"""
import argparse, csv, lzma, random

HEADER = ("Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|Libellé civilité d'exercice|Code civilité|Libellé civilité|"
          "Nom d'exercice|Prénom d'exercice|Code profession|Libellé profession|Code catégorie professionnelle|Libellé catégorie professionnelle|"
          "Code type savoir-faire|Libellé type savoir-faire|Code savoir-faire|Libellé savoir-faire|Code mode exercice|Libellé mode exercice|"
          "Numéro SIRET site|Numéro SIREN site|Numéro FINESS site|Numéro FINESS établissement juridique|Identifiant technique de la structure|"
          "Raison sociale site|Enseigne commerciale site|Complément destinataire (coord. structure)|Complément point géographique (coord. structure)|"
          "Numéro Voie (coord. structure)|Indice répétition voie (coord. structure)|Code type de voie (coord. structure)|Libellé type de voie (coord. structure)|"
          "Libellé Voie (coord. structure)|Mention distribution (coord. structure)|Bureau cedex (coord. structure)|Code postal (coord. structure)|"
          "Code commune (coord. structure)|Libellé commune (coord. structure)|Code pays (coord. structure)|Libellé pays (coord. structure)|"
          "Téléphone (coord. structure)|Téléphone 2 (coord. structure)|Télécopie (coord. structure)|Adresse e-mail (coord. structure)|"
          "Code Département (structure)|Libellé Département (structure)|Ancien identifiant de la structure|Autorité d'enregistrement|"
          "Code secteur d'activité|Libellé secteur d'activité|Code section tableau pharmaciens|Libellé section tableau pharmaciens|Code rôle|Libellé rôle|"
          "Code genre activité|Libellé genre activité|")
COLUMNS = HEADER.rstrip("|").split("|")

def line(**f):
    return "|".join(f.get(c, "") for c in COLUMNS) + "|\n"

def activity(rng, i, communes):
    rpps = f"8{i:010d}"
    commune, name = communes[rng.randrange(len(communes))]
    base = {"Type d'identifiant PP": "8", "Identifiant PP": rpps, "Identification nationale PP": "8" + rpps,
            "Nom d'exercice": f"NOM-TEST-{i:06d}", "Prénom d'exercice": "Prénom", "Code commune (coord. structure)": commune,
            "Libellé commune (coord. structure)": name, "Code postal (coord. structure)": commune[:2] + "000",
            "Libellé Voie (coord. structure)": f"Rue {i % 500}", "Numéro Voie (coord. structure)": str(i % 90 + 1),
            "Identifiant technique de la structure": f"R1{i // 3:08d}"}
    x = rng.random()
    if x < 0.08:
        base.update({"Code profession": "10", "Libellé profession": "Médecin", "Code savoir-faire": "SM54", "Libellé savoir-faire": "Médecine Générale",
                     "Code mode exercice": "L", "Libellé mode exercice": "Libéral", "Numéro SIRET site": f"9{i // 3:013d}"})
    elif x < 0.09:
        base.update({"Code profession": "10", "Libellé profession": "Médecin", "Libellé savoir-faire": "Radio-diagnostic",
                     "Code mode exercice": "L", "Libellé mode exercice": "Libéral"})
    elif x < 0.13:
        base.update({"Code profession": "21", "Libellé profession": "Pharmacien", "Code section tableau pharmaciens": "A",
                     "Code mode exercice": "L", "Numéro FINESS site": f"{commune[:2]}{i % 9000:07d}"})
    else:
        base.update({"Code profession": rng.choice(["10", "40", "50", "60"]), "Libellé profession": "Autre", "Code mode exercice": rng.choice(["S", "L"]),
                     "Libellé savoir-faire": "Cardiologie"})
    return line(**base)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--communes", required=True)
    a = ap.parse_args()
    with lzma.open(a.communes, "rt", encoding="utf-8") as f:
        communes = [(r["code"], r["nom"]) for r in csv.DictReader(f) if r["type"] == "COM"]
    rng = random.Random(2)
    with open(a.out, "w", encoding="utf-8") as out:
        out.write(HEADER + "\n")
        for i in range(a.n):
            out.write(activity(rng, i, communes))

if __name__ == "__main__":
    main()

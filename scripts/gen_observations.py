#!/usr/bin/env python3
"""Synthetic observations CSV for the import benchmark (scripts/bench-observations.sh).

    gen_observations.py N OUT --communes communes.csv.lzma [--region-departements 02,59,60,62,80]

N rows `indicateur;territoire;couloir;periode;valeur;source`: the monthly count indicators of the
Ségur template (INSi calls per couloir, MES connections, DMP documents) for the real communes of
Hauts-de-France, month after month from January 2021 — every row a distinct natural key.
Values written the French way (`12 345`). Deterministic.
"""
import argparse, csv, io, lzma, random, sys

INDICATORS = ["O3-18", "O3-19", "O3-20", "O3-21", "O3-22", "O2-18", "O2-19", "O3-10", "O3-11", "O3-12", "O3-13", "O3-14"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--communes", required=True)
    ap.add_argument("--departements", default="02,59,60,62,80")
    a = ap.parse_args()
    depts = set(a.departements.split(","))
    with lzma.open(a.communes, "rt", encoding="utf-8") as f:
        rows = csv.DictReader(f)
        communes = sorted(r["code"] for r in rows if r["type"] == "COM" and r["code"][:2] in depts)
    months = [f"{2021 + m // 12}-{m % 12 + 1:02d}" for m in range(120)]
    need = a.n
    capacity = len(INDICATORS) * len(communes) * len(months)
    if need > capacity:
        sys.exit(f"gen_observations: {need} rows asked, {capacity} distinct keys available")
    rng = random.Random(2021)
    written = 0
    with open(a.out, "w", encoding="utf-8", newline="") as out:
        out.write("indicateur;territoire;couloir;periode;valeur;source\n")
        for month in months:
            for ind in INDICATORS:
                for c in communes:
                    if written == need:
                        return
                    v = rng.randint(0, 250_000)
                    out.write(f"{ind};C{c};;{month};{v:,}".replace(",", " ") + ";GIE SESAM-Vitale\n")
                    written += 1

if __name__ == "__main__":
    main()

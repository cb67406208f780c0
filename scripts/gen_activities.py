#!/usr/bin/env python3
"""Fills a Jalon SQLite database (already holding the demo region) with N synthetic activities
reaching K demo structures each, for the reach benchmark (scripts/bench-activities.sh).

    gen_activities.py DB N K

Rows are written with the storage Jalon uses (UUIDs as upper-case text, dates as ISO text, times as
seconds since 1970). Deterministic. Organisers are organisations, never people.
"""
import random, sqlite3, sys, time, uuid, datetime

def main():
    db, n, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    c = sqlite3.connect(db)
    structures = [r[0] for r in c.execute("select id from structures where is_demo = 1 and closed_on is null order by finess_et")]
    tans = [r[0] for r in c.execute("select code from territories where kind = 'custom' and parent_code = 'R32' order by code")]
    rng = random.Random(5)
    start = datetime.date(2021, 6, 1)
    now = time.time()
    types = ["visite-sur-site", "reunion-information", "webinaire", "contact-individuel", "formation", "atelier"]
    topics = ["DMP", "MSS", "INS", "MES", "SEGUR", "ORDO", "APCV"]
    acts, links, terrs, tops, orgs = [], [], [], [], []
    for i in range(n):
        aid = str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()
        d = start + datetime.timedelta(days=rng.randrange(940))
        t = rng.choice(types)
        acts.append((aid, f"bench:{i}", "bench", t, f"Activité de test {i}", d.isoformat(), 60, "", 0, k * 2, "", now, now))
        for sid in rng.sample(structures, k):
            links.append((aid, sid, ""))
        terrs.append((aid, rng.choice(tans)))
        tops.append((aid, rng.choice(topics)))
        orgs.append((aid, None, None, "GRADeS Hauts-de-France"))
    c.executemany("insert into activities (id, import_key, content_hash, type, title, date, duration_minutes, place, remote, participants, notes, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)", acts)
    c.executemany("insert into activity_structures (activity_id, structure_id, attendees) values (?,?,?)", links)
    c.executemany("insert into activity_territories (activity_id, territory_code) values (?,?)", terrs)
    c.executemany("insert into activity_topics (activity_id, topic) values (?,?)", tops)
    c.executemany("insert into activity_organisers (activity_id, organisation_id, contact_id, label) values (?,?,?,?)", orgs)
    c.execute("delete from rollup_cache")
    c.commit()
    print(f"{n} activités, {len(links)} structures touchées")

if __name__ == "__main__":
    main()

"""N signed-in clients for D seconds against a running Jalon: each signs in through /connexion
(its own session), then loops over the regional dashboard and pages of the structure list, on a
keep-alive connection. Prints one JSON line: requests, errors, p50/p95/p99 in ms, requests/s.

Usage: load_clients.py BASE_URL PASSWORD CLIENTS SECONDS EMAIL...
"""
import http.client, json, random, sys, threading, time, urllib.parse

base, password, clients, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
emails = sys.argv[5:]
host = urllib.parse.urlsplit(base)
paths = ["/feuille-de-route?date=2022-06-30&territoire=R32"] + \
        [f"/structures?territoire={t}&page={p}" for t in ["R32", "D59", "D62", "D80"] for p in (1, 2, 3)]

def connect():
    return http.client.HTTPConnection(host.hostname, host.port, timeout=60)

def sign_in(email):
    c = connect()
    # The sign-in form carries a token of its own, matched with a cookie: open it first, as a browser does.
    c.request("GET", "/connexion")
    r = c.getresponse(); page = r.read().decode()
    form_cookie = next(v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie" and v.startswith("jalon_connexion="))
    token = page.split('name="_connexion" value="', 1)[1].split('"', 1)[0]
    body = urllib.parse.urlencode({"email": email, "password": password, "suite": "/", "_connexion": token})
    c.request("POST", "/connexion", body, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": form_cookie})
    r = c.getresponse(); r.read()
    cookie = next((v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie" and v.startswith("jalon_session=")), None)
    if r.status != 303 or cookie is None:
        raise SystemExit(f"sign-in of {email} failed: {r.status}")
    return c, cookie

times, errors, lock = [], [], threading.Lock()
start = threading.Event()

def client(i):
    conn, cookie = sign_in(emails[i % len(emails)])
    rnd = random.Random(i)
    mine, bad = [], []
    start.wait()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        path = paths[0] if rnd.random() < 0.5 else rnd.choice(paths[1:])
        t0 = time.monotonic()
        try:
            conn.request("GET", path, headers={"Cookie": cookie})
            r = conn.getresponse(); r.read()
            if r.status != 200: bad.append(f"{path} → {r.status}")
        except Exception as e:  # a dropped connection is an error too
            bad.append(f"{path} → {type(e).__name__}"); conn = connect()
        mine.append((time.monotonic() - t0) * 1000)
    with lock:
        times.extend(mine); errors.extend(bad)

threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for t in threads: t.start()
time.sleep(1); start.set(); began = time.monotonic()
for t in threads: t.join()
elapsed = time.monotonic() - began
times.sort()
q = lambda p: times[min(len(times) - 1, int(round(p * (len(times) - 1))))] if times else 0
print(json.dumps({"requests": len(times), "errors": len(errors), "first_errors": errors[:5], "p50": round(q(0.5), 1),
                  "p95": round(q(0.95), 1), "p99": round(q(0.99), 1), "rps": round(len(times) / elapsed, 1)}))

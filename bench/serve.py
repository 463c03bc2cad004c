"""Latency of `consilience serve` under concurrent clients on a >= 10,000-document database.

    python bench/serve.py [--docs 10000] [--clients 20] [--seconds 30] [--db PATH]

The database is synthesised: the five example reports are run through the
whole pipeline once, then every table (documents, records, stories, merged
events, claim groups, disputes, ledger, framing, relations, full-text
indexes via their triggers) is repeated with edited ids, titles ("variant N")
and publication dates (shifted 0-29 days) until there are ``--docs``
documents; each copy forms its own stories.  ``--db`` keeps it for reruns.

Then ``consilience serve`` runs in a subprocess and ``--clients`` asyncio
clients (httpx) request a fixed mix of pages and API calls in a closed loop
for ``--seconds`` seconds.  Prints p50/p95/p99 latency and errors per route
and overall, requests/second, and the server's CPU seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD_TABLES = ("mentions", "places", "dates", "figures", "claims", "events")
LINKED = ("claim_groups", "contradictions", "ledger", "relations")


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _copy(conn: sqlite3.Connection, table: str, edits: dict[str, str], copies: int) -> None:
    cols = _columns(conn, table)
    quoted = ", ".join(f'"{c}"' for c in cols)
    select = ", ".join(edits.get(c, f't."{c}"') for c in cols)
    conn.execute(f"""WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < {copies - 1})
                     INSERT INTO {table} ({quoted}) SELECT {select} FROM {table} t, n""")


def synthesise(db: Path, n_docs: int) -> None:
    from consilience.cli import main

    if main(["run", str(ROOT / "examples" / "karabakh"), "--db", str(db), "--report", os.devnull,
             "--workers", "1", "--quiet"]) != 0:
        raise SystemExit("the pipeline failed on the examples")
    conn = sqlite3.connect(db)
    base = [r[0] for r in conn.execute("SELECT id FROM documents")]
    copies = -(-n_docs // len(base))
    s = "'~' || n.k"
    docs_in = "t.data"
    for d in base:  # spans inside JSON name their document: point them at the copy
        docs_in = f"replace({docs_in}, '{d}', '{d}' || {s})"
    sid = f"t.story_id || {s}"
    conn.execute("BEGIN")
    _copy(conn, "documents", {"id": f"t.id || {s}", "source": f"t.source || {s}", "source_key": f"t.source_key || {s}",
                              "title": "t.title || ' (variant ' || n.k || ')'",
                              "published": "date(t.published, '+' || (n.k % 30) || ' days')"}, copies)
    for table in RECORD_TABLES:
        _copy(conn, table, {"id": f"t.id || {s}", "document_id": f"t.document_id || {s}"}, copies)
    _copy(conn, "extractions", {"document_id": f"t.document_id || {s}"}, copies)
    _copy(conn, "stories", {"id": f"t.id || {s}", "label": "t.label || ' #' || n.k"}, copies)
    _copy(conn, "story_documents", {"document_id": f"t.document_id || {s}", "story_id": sid}, copies)
    _copy(conn, "merged_events", {"id": f"t.id || {s}", "story_id": sid,
                                  "data": f"json_set({docs_in}, '$.id', t.id || {s}, '$.story_id', {sid})"}, copies)
    _copy(conn, "event_members", {"event_id": f"t.event_id || {s}", "merged_id": f"t.merged_id || {s}",
                                  "document_id": f"t.document_id || {s}"}, copies)
    for table in LINKED:
        _copy(conn, table, {"id": f"t.id || {s}", "story_id": sid,
                            "data": f"json_set({docs_in}, '$.id', t.id || {s}, '$.story_id', {sid})"}, copies)
    _copy(conn, "framing", {"story_id": sid, "data": f"json_set(t.data, '$.story_id', {sid})"}, copies)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def _urls(db: Path, rng: random.Random) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    stories = [r[0] for r in conn.execute("SELECT id FROM stories")]
    events = [r[0] for r in conn.execute("SELECT id FROM merged_events ORDER BY random() LIMIT 200")]
    docs = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY random() LIMIT 200")]
    actors = [r[0] for r in conn.execute("SELECT speaker FROM (SELECT json_extract(data, '$.speaker_actor_id') AS"
                                         " speaker FROM claims LIMIT 2000) WHERE speaker IS NOT NULL GROUP BY speaker")]
    places = [r[0] for r in conn.execute("SELECT DISTINCT json_extract(data, '$.place_name') FROM merged_events"
                                         " WHERE json_extract(data, '$.place_name') IS NOT NULL LIMIT 20")]
    conn.close()
    out = []
    for _ in range(400):
        out += [("stories", f"/?page={rng.randint(1, 100)}"),
                ("stories filtered", "/?outlet=Press%20TV&from=2020-10-05&sort=disputes"),
                ("story", f"/story/{rng.choice(stories)}"),
                ("event", f"/event/{rng.choice(events)}"),
                ("document", f"/document/{rng.choice(docs)}"),
                ("actor", f"/actor/{rng.choice(actors)}"),
                ("place", f"/place/{rng.choice(places)}"),
                ("search", f"/search?q={rng.choice(['ceasefire', 'shelling', 'Stepanakert', 'drone'])}"),
                ("api stories", f"/api/stories?page={rng.randint(1, 100)}"),
                ("api story", f"/api/stories/{rng.choice(stories)}"),
                ("api events", "/api/events?date=2020-10-01"),
                ("api search", "/api/search?q=ceasefire&kind=claims")]
    rng.shuffle(out)
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_cpu(pid: int) -> float:
    """CPU seconds of the server and its worker processes."""
    total = _cpu_seconds(pid)
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        for cpid in child.read_text().split():
            try:
                total += _cpu_seconds(int(cpid))
            except FileNotFoundError:
                pass
    return total


async def _load(base: str, urls: list[tuple[str, str]], clients: int, seconds: float) -> dict[str, list]:
    import httpx

    results: dict[str, list] = defaultdict(list)   # kind -> [(latency_s, ok)]
    failures: Counter[str] = Counter()
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def worker(client: httpx.AsyncClient) -> None:
        while time.perf_counter() < deadline:
            kind, url = urls[next(counter) % len(urls)]
            t0 = time.perf_counter()
            try:
                r = await client.get(url)
                ok = r.status_code == 200
                if not ok:
                    failures[f"{kind}: HTTP {r.status_code} {r.text[:120]}"] += 1
            except httpx.HTTPError as exc:
                ok = False
                failures[f"{kind}: {type(exc).__name__} {exc}"[:200]] += 1
            results[kind].append((time.perf_counter() - t0, ok))

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(clients)))
    for reason, n in failures.most_common():
        print(f"error x{n}: {reason}", file=sys.stderr)
    return results


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=1, help="server processes (consilience serve --workers)")
    ap.add_argument("--db", type=Path, help="keep the synthesised database here (reused if it exists)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.db"
    if not db.exists():
        t0 = time.process_time()
        synthesise(db, args.docs)
        print(f"synthesised {db} in {time.process_time() - t0:.1f} s CPU", file=sys.stderr)
    conn = sqlite3.connect(db)
    n_docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    n_stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    conn.close()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-m", "consilience", "serve", "--db", str(db), "--port", str(port),
                               "--workers", str(args.workers)],
                              env=env, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        urls = _urls(db, random.Random(13))
        time.sleep(1.0 if args.workers > 1 else 0.0)   # let every worker process start
        cpu0 = _server_cpu(server.pid)
        t0 = time.perf_counter()
        results = asyncio.run(_load(base, urls, args.clients, args.seconds))
        wall = time.perf_counter() - t0
        cpu = _server_cpu(server.pid) - cpu0
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"database: {n_docs} documents, {n_stories} stories; {args.clients} clients, {args.workers} server "
          f"process(es), {wall:.1f} s, "
          f"server CPU {cpu:.1f} s ({os.cpu_count()} cores on this machine)")
    print(f"{'route':<18}{'n':>6}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'CPU ms/req':>12}")
    everything: list[float] = []
    errors = 0
    total = sum(len(v) for v in results.values())
    for kind in sorted(results):
        lat = [x for x, _ in results[kind]]
        bad = sum(1 for _, ok in results[kind] if not ok)
        everything += lat
        errors += bad
        print(f"{kind:<18}{len(lat):>6}{bad:>8}{1000 * _pct(lat, 50):>9.0f}{1000 * _pct(lat, 95):>9.0f}"
              f"{1000 * _pct(lat, 99):>9.0f}")
    print(f"{'all':<18}{total:>6}{errors:>8}{1000 * _pct(everything, 50):>9.0f}{1000 * _pct(everything, 95):>9.0f}"
          f"{1000 * _pct(everything, 99):>9.0f}{1000 * cpu / max(total, 1):>12.1f}")
    print(f"throughput: {total / wall:.1f} requests/s")


if __name__ == "__main__":
    main()

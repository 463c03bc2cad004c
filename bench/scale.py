"""Scale benchmark on real-derived news: linking, re-runs, end-to-end runs, workers.

The corpus is ``bench/realcorpus.py``'s: the 706 LGL and TR-News articles of
``shared/bench/geoparsing``, resampled by splicing halves of real articles.
Every figure is CPU time (``process_time`` of the process, plus its
children's for runs with workers), which holds on a busy machine; wall time
is printed beside it.  Each measurement runs in a fresh process, so its peak
memory (ru_maxrss) is its own.

    python bench/scale.py base --n 2000 --db /tmp/base.db     # ingest + extract once (slow)
    python bench/scale.py link --base /tmp/base.db --sizes 100 500 2000
    python bench/scale.py link-large --base /tmp/base.db --sizes 2000 10000 100000   # replicated corpora
    python bench/scale.py run --sizes 100 1000                # end-to-end `consilience run`, re-run, +10
    python bench/scale.py workers --base /tmp/base.db --n 300  # extraction, 1 vs 2 workers, local and Ray
    python bench/scale.py run --sizes 300 --workers 2 --engine ray   # the same on a local Ray

``workers`` and ``run`` also sample the CPU of every process of the run from
/proc (Ray's actors and its own processes are not children the run reaps).

``link`` copies the first N documents (ingest order) of an extracted base
database, links them from scratch (``link``), links again with nothing new
(``rerun``), and adds 10 held-back documents (``+10``).  The growth exponent
of a stage between two sizes is log(t2/t1)/log(n2/n1): 1 is linear, n log n
reads a little above 1, 2 is quadratic.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The sources measured (``$CONSILIENCE_SRC`` to measure another checkout, e.g. the code before a change).
SRC = Path(os.environ.get("CONSILIENCE_SRC") or ROOT / "src")
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(ROOT / "bench"))

HELD = "bench_held"


def _cpu() -> tuple[float, float]:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime, time.perf_counter()


def _since(t: tuple[float, float]) -> tuple[float, float]:
    c, w = _cpu()
    return round(c - t[0], 3), round(w - t[1], 3)


def _peak_mib() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(me, kids) / 1024, 1)


def _tree(root: int) -> set[int]:
    """``root`` and its descendants (Linux /proc; just ``root`` elsewhere)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        kids = [c for c, p in parents.items() if p == pid and c not in tree]
        tree.update(kids)
        frontier += kids
    return tree


def _kind(pid: int, root: int) -> str:
    """What a process of a run is: the run's own process, a worker, or Ray's machinery."""
    if pid == root:
        return "main"
    cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    if cmd.startswith("ray::") and "IDLE" not in cmd:
        return "ray_workers"
    exe = cmd.split(" ", 1)[0]
    if cmd.startswith("ray::") or "site-packages/ray/" in cmd or exe.endswith(("gcs_server", "raylet")):
        return "ray_system"
    return "workers"


def _tree_memory(root: int, cpu: dict[int, tuple[str, float]] | None = None) -> tuple[int, int]:
    """(RSS, PSS) in KiB summed over ``root`` and its descendants (Linux /proc; zeros elsewhere).

    ``cpu``, when given, gets each process's kind (:func:`_kind`) and own CPU seconds so far
    (utime + stime), by pid.
    """
    rss = pss = 0
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for pid in _tree(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
            if cpu is not None:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                seconds = (int(fields[11]) + int(fields[12])) / tick
                kind = _kind(pid, root) if pid not in cpu or cpu[pid][0] == "ray_system" else cpu[pid][0]
                cpu[pid] = (kind, seconds)
        except (OSError, ValueError, IndexError):
            continue
    return rss, pss


def _child_sampled(args: list[str]) -> dict[str, Any]:
    """:func:`_child`, sampling the memory and CPU of the child's whole process tree twice a second.

    ``tree_cpu`` sums each process's own CPU as last sampled (a process that ends between two
    samples loses at most half a second of its CPU): it counts what ``RUSAGE_CHILDREN`` misses,
    such as Ray's workers, which are not the child's own children.
    """
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    peak_rss = peak_pss = 0
    cpu: dict[int, tuple[str, float]] = {}
    while proc.poll() is None:
        rss, pss = _tree_memory(proc.pid, cpu)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.5)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(tree_peak_rss_mib=round(peak_rss / 1024), tree_peak_pss_mib=round(peak_pss / 1024),
                  tree_cpu=round(sum(c for _, c in cpu.values()), 1))
    for kind in ("main", "workers", "ray_workers", "ray_system"):
        result[f"cpu_{kind}"] = round(sum(c for k, c in cpu.values() if k == kind), 1)
    return result


def _child(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                         env={**os.environ, **(env or {})})
    if out.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# databases
# ---------------------------------------------------------------------------


def build_base(n: int, db: Path, workers: int = 1) -> dict[str, Any]:
    """Ingest and extract ``n`` real-derived documents into ``db`` (no linking)."""
    import dataclasses

    from realcorpus import write_jsonl

    from consilience import pipeline
    from consilience.config import DEFAULT_CONFIG
    from consilience.store import Store

    src = db.with_suffix(".jsonl")
    words = write_jsonl(n, src)
    cfg = dataclasses.replace(DEFAULT_CONFIG, workers=workers)
    with Store(db) as store:
        t = _cpu()
        ing = pipeline.ingest(store, [str(src)], config=cfg)
        ingest_cpu = _since(t)
        t = _cpu()
        extracted = pipeline.extract_stage(store, config=cfg)
        extract_cpu = _since(t)
    return {"n": n, "words": words, "ingest": ing.counts(), "ingest_cpu_wall": ingest_cpu,
            "extracted": extracted, "extract_cpu_wall": extract_cpu}


def _copy_database(base: Path, dest: Path) -> sqlite3.Connection:
    """A fresh copy of the database ``base`` at ``dest`` (SQLite's backup, so a live WAL is included), open."""
    dest.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
    dst = sqlite3.connect(dest)
    src.backup(dst)
    src.close()
    return dst


def subset(base: Path, n: int, dest: Path, hold: int = 0) -> None:
    """The first ``n`` documents of ``base`` (ingest order), unlinked; the last ``hold`` of them held back."""
    dst = _copy_database(base, dest)
    dst.execute("PRAGMA foreign_keys = ON")
    dst.execute("DELETE FROM documents WHERE rowid NOT IN (SELECT rowid FROM documents ORDER BY rowid LIMIT ?)", (n,))
    tables = {r[0] for r in dst.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in ("event_members", "merged_events", "claim_groups", "contradictions", "ledger", "relations",
                  "framing", "story_documents", "stories", "link_state"):
        if table in tables:
            dst.execute(f"DELETE FROM {table}")
    dst.execute("DELETE FROM links WHERE extractor LIKE 'consilience-link%'")
    if hold:
        dst.execute(f"UPDATE documents SET status = '{HELD}' WHERE rowid IN "
                    "(SELECT rowid FROM documents ORDER BY rowid DESC LIMIT ?)", (hold,))
    dst.commit()
    dst.close()


#: Days between two copies of the base corpus in a replicated one: four weeks, so that a copy's
#: weekdays are the base's ("on Monday" still names a Monday) and no two copies share a story's
#: time window (``link.stories`` ``gap_days`` = 14).
COPY_SHIFT_DAYS = 28
#: Share of a copy's lower-case word types (4 letters or more) replaced by another word.
COPY_WORD_SWAP = 0.3


def _shift_iso(value: Any, days: int) -> Any:
    """An ISO day, month or year moved by ``days`` (at its own precision); anything else as is."""
    import datetime as dt

    if not isinstance(value, str):
        return value
    try:
        if len(value) == 10:
            return (dt.date.fromisoformat(value) + dt.timedelta(days)).isoformat()
        if len(value) == 7 and value[4] == "-":
            return (dt.date.fromisoformat(value + "-15") + dt.timedelta(days)).isoformat()[:7]
        if len(value) == 4 and value.isdigit():
            return (dt.date(int(value), 7, 1) + dt.timedelta(days)).isoformat()[:4]
    except ValueError:
        return value
    return value


def replicate(base: Path, n: int, dest: Path, seed: int = 14) -> dict[str, Any]:
    """A link-bench database of ``n`` documents made from the extracted records of ``base``.

    Extracting 100,000 documents takes hours here, and linking only reads the stored documents
    and records, so the large link benchmarks copy the base corpus (``bench/realcorpus.py``:
    real LGL and TR-News articles and splices of them, extracted by the real pipeline).  Copy
    ``k`` (``k = 0`` is the base itself) of every document:

    * gets a new document id, new claim and event ids, and record ids with the new document id,
      every reference inside the records (place, date, mention, claim ids) mapped with them;
    * is published ``k * COPY_SHIFT_DAYS`` days later, and its relative dates ("on Monday",
      resolved against publication) move with it; absolute dates ("in 1952") do not.  The base
      has about 1,700 dated documents in one month (LGL, March 2009: a regional feed of
      ~55 documents a day), so a copy is the next four weeks of that feed: document density
      per time window, the unit that story assignment and grouping work in, stays the real
      one, and 100,000 documents span about four years;
    * has ``COPY_WORD_SWAP`` of its lower-case word types (4 letters or more) replaced
      throughout its title and text by another word of the same length from the corpus
      (one mapping per copy, so the text keeps its offsets and a copy uses its words
      consistently).  Names (capitalised words: places, people, organisations) are kept:
      the same towns and officials come back month after month, as in a real feed.  So a
      copy is not the same article again: two copies share about half their content terms
      (0.7 x 0.7), which matters for threading, which looks for earlier stories sharing rare
      terms at any time.  Records (mentions, claims, events) are copied as extracted: their
      span texts may differ from the swapped text by a word, which linking does not check.

    What this cannot show: a corpus whose name set keeps growing (names repeat across copies),
    and stories that run for months (each copy's stories stay within its four weeks, apart
    from threads).  Both are reasons to read the 100,000 figure as the cost of a steady
    regional feed, not of a world-wide one.
    """
    import hashlib
    import random
    import re

    from consilience.types import DOCUMENT_RECORD_TYPES

    dst = _copy_database(base, dest)
    dst.execute("PRAGMA foreign_keys = OFF")
    for table in ("event_members", "merged_events", "claim_groups", "contradictions", "ledger", "relations",
                  "framing", "story_documents", "stories", "link_state"):
        dst.execute(f"DELETE FROM {table}") if dst.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() else None
    dst.execute("DELETE FROM links WHERE extractor LIKE 'consilience-link%'")
    base_ids = [r[0] for r in dst.execute("SELECT id FROM documents WHERE status = 'ok' ORDER BY rowid")]
    if n < len(base_ids):
        raise SystemExit(f"replicate makes corpora larger than the base ({len(base_ids)}); use `link` for fewer")
    doc_cols = [r[1] for r in dst.execute("PRAGMA table_info(documents)")]
    words = sorted({w for (t,) in dst.execute("SELECT text FROM documents")
                    for w in re.findall(r"\b[a-z]{4,}\b", t)})
    by_len: dict[int, list[str]] = {}
    for w in words:
        by_len.setdefault(len(w), []).append(w)
    word_re = re.compile(r"\b[a-z]{4,}\b")
    tables = list(DOCUMENT_RECORD_TYPES)
    rec_rows = {t: {} for t in tables}
    for t in tables:
        for row in dst.execute(f'SELECT id, document_id, start, "end", text, extractor, data FROM {t}'):
            rec_rows[t].setdefault(row[1], []).append(row)
    ext_rows = {r[0]: r for r in dst.execute("SELECT * FROM extractions")}
    doc_rows = {r[0]: r for r in dst.execute(f"SELECT {', '.join(doc_cols)} FROM documents WHERE status = 'ok'")}
    i_id, i_text, i_raw, i_title = (doc_cols.index(c) for c in ("id", "text", "raw_text", "title"))
    i_pub, i_key, i_hash, i_url = (doc_cols.index(c) for c in ("published", "source_key", "content_hash", "url"))
    made = len(base_ids)
    k = 0
    while made < n:
        k += 1
        rng = random.Random(f"{seed}/{k}")
        swap = {w: rng.choice(by_len[len(w)]) for w in words if rng.random() < COPY_WORD_SWAP}
        days = k * COPY_SHIFT_DAYS

        def sub(text: str | None) -> str | None:
            return None if text is None else word_re.sub(lambda m: swap.get(m.group(0), m.group(0)), text)

        for old in base_ids:
            if made >= n:
                break
            new = hashlib.sha1(f"{old}/{k}".encode()).hexdigest()[:16]
            ids: dict[str, str] = {old: new}
            for t in tables:
                for row in rec_rows[t].get(old, ()):
                    rid = row[0]
                    ids[rid] = (new + rid[len(old):] if rid.startswith(old + ":")
                                else hashlib.sha1(f"{rid}/{k}".encode()).hexdigest()[:16])

            def remap(value: Any) -> Any:
                if isinstance(value, str):
                    return ids.get(value, value)
                if isinstance(value, list):
                    return [remap(v) for v in value]
                if isinstance(value, dict):
                    return {key: remap(v) for key, v in value.items()}
                return value

            doc = list(doc_rows[old])
            text = sub(doc[i_text])
            doc[i_id], doc[i_text], doc[i_raw], doc[i_title] = new, text, text, sub(doc[i_title])
            doc[i_pub] = _shift_iso(doc[i_pub], days)
            doc[i_key] = f"{doc[i_key]}#copy{k}"
            doc[i_url] = None if doc[i_url] is None else f"{doc[i_url]}-copy{k}"
            doc[i_hash] = hashlib.sha256(text.encode()).hexdigest()
            dst.execute(f"INSERT INTO documents ({', '.join(doc_cols)}) VALUES ({', '.join('?' * len(doc_cols))})",
                        doc)
            for t in tables:
                rows = []
                for rid, _, start, end, rtext, extractor, data in rec_rows[t].get(old, ()):
                    obj = json.loads(data)
                    if t == "dates" and obj.get("relative"):
                        obj = {key: (_shift_iso(v, days) if key in ("value", "earliest", "latest", "anchor") else v)
                               for key, v in obj.items()}
                    rows.append((ids[rid], new, start, end, rtext, extractor,
                                 json.dumps(remap(obj), ensure_ascii=False)))
                dst.executemany(f'INSERT INTO {t} (id, document_id, start, "end", text, extractor, data) '
                                "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            if old in ext_rows:
                row = list(ext_rows[old])
                row[0] = new
                dst.execute(f"INSERT INTO extractions VALUES ({', '.join('?' * len(row))})", row)
            made += 1
        dst.commit()
    dst.execute("PRAGMA foreign_keys = ON")
    dst.commit()
    total = dst.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    span = dst.execute("SELECT min(published), max(published) FROM documents WHERE published >= '2009'").fetchone()
    dst.close()
    return {"docs": total, "copies": k + 1, "published_2009_on": span}


def bench_link_large(base: Path, sizes: list[int], plus: int = 10, keep: Path | None = None) -> list[dict[str, Any]]:
    """``link`` at sizes beyond the base: :func:`replicate`d corpora (subsets of the base below it)."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        for n in sizes:
            db = folder / f"replicated{n}.db"
            t = time.perf_counter()
            made = replicate(base, n + plus, db) if n + plus > _ok_docs(base) else None
            if made is None:
                subset(base, n + plus, db, hold=plus)
            else:
                _hold_last(db, plus)
            r = _child(["_link", str(db)])
            r.update(n=n, replicated=made, build_wall=round(time.perf_counter() - t - r["link_wall"], 1))
            rows.append(r)
            print(f"link {n:>7} docs{' (replicated: ' + str(made['copies']) + ' copies)' if made else ''}: "
                  f"link {r['link_cpu']:8.2f} s CPU ({r['link_wall']:.1f} wall), re-run {r['rerun_cpu']:6.2f} s, "
                  f"+{plus} {r.get('plus_cpu', float('nan')):6.2f} s ({r.get('plus_stories_relinked', '?')} "
                  f"stories relinked), peak {r['peak_mib']:.0f} MiB; {r['counts']}", flush=True)
            if keep is None:
                db.unlink()
    _exponents(rows, "link_cpu")
    return rows


def _ok_docs(db: Path) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    finally:
        con.close()


def _hold_last(db: Path, hold: int) -> None:
    con = sqlite3.connect(db)
    con.execute(f"UPDATE documents SET status = '{HELD}' WHERE rowid IN "
                "(SELECT rowid FROM documents ORDER BY rowid DESC LIMIT ?)", (hold,))
    con.commit()
    con.close()


# ---------------------------------------------------------------------------
# linking
# ---------------------------------------------------------------------------


def link_once(db: Path, *, profile: str | None = None) -> dict[str, Any]:
    """Link a prepared database three ways: from scratch, again (nothing new), with its held documents added."""
    from consilience.link.stage import LinkSettings, link_corpus
    from consilience.store import Store

    settings = LinkSettings(use_embeddings=False)
    out: dict[str, Any] = {}
    with Store(db) as store:
        out["docs"] = store.conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
        t = _cpu()
        if profile:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            prof.enable()
        result = link_corpus(store, settings)
        if profile:
            prof.disable()
            pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
        out["link_cpu"], out["link_wall"] = _since(t)
        out["peak_mib"] = _peak_mib()
        out["counts"] = result.counts()
        t = _cpu()
        link_corpus(store, settings)
        out["rerun_cpu"], out["rerun_wall"] = _since(t)
        held = store.conn.execute("SELECT count(*) FROM documents WHERE status = ?", (HELD,)).fetchone()[0]
        if held:
            store.conn.execute("UPDATE documents SET status = 'ok' WHERE status = ?", (HELD,))
            store.conn.commit()
            t = _cpu()
            added = link_corpus(store, settings)
            out["plus_cpu"], out["plus_wall"] = _since(t)
            out["plus_docs"] = held
            out["plus_stories_relinked"] = len(added.stories)
    return out


def bench_link(base: Path, sizes: list[int], plus: int = 10, profile: bool = False) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            db = Path(tmp) / f"link{n}.db"
            subset(base, n + plus, db, hold=plus)
            r = _child(["_link", str(db)] + (["--profile"] if profile else []))
            r["n"] = n
            rows.append(r)
            print(f"link {n:>6} docs: link {r['link_cpu']:8.2f} s CPU ({r['link_wall']:.1f} wall), "
                  f"re-run {r['rerun_cpu']:6.2f} s, +{plus} {r.get('plus_cpu', float('nan')):6.2f} s "
                  f"({r.get('plus_stories_relinked', '?')} stories relinked), peak {r['peak_mib']:.0f} MiB",
                  flush=True)
    _exponents(rows, "link_cpu")
    return rows


# ---------------------------------------------------------------------------
# end to end
# ---------------------------------------------------------------------------


def run_cli(db: Path, src: Path, workers: int, engine: str = "local") -> dict[str, Any]:
    t = _cpu()
    out = subprocess.run([sys.executable, "-m", "consilience", "run", str(src), "--db", str(db), "-q",
                          "--workers", str(workers), "--engine", engine, "--report", str(db.with_suffix(".html"))],
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(SRC)})
    cpu, wall = _since(t)
    if out.returncode != 0:
        raise SystemExit(f"consilience run failed:\n{out.stderr[-3000:]}")
    return {"cpu": cpu, "wall": wall, "peak_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
            "summary": out.stdout.strip().splitlines()[-4:]}


def bench_run(sizes: list[int], workers: int = 1, plus: int = 10, engine: str = "local") -> list[dict[str, Any]]:
    """`consilience run` on a fresh database, again with nothing new, then with ``plus`` new documents."""
    from realcorpus import corpus

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            docs = list(corpus(n + plus))
            first, more = Path(tmp) / f"c{n}.jsonl", Path(tmp) / f"c{n}+.jsonl"
            for path, part in ((first, docs[:n]), (more, docs[n:])):
                with path.open("w", encoding="utf-8") as fh:
                    for d in part:
                        fh.write(json.dumps({**{k: d[k] for k in ("text", "title", "outlet", "published")},
                                             "url": f"https://bench.invalid/{d['id']}", "language": "en"}) + "\n")
            words = sum(len(d["text"].split()) for d in docs[:n])
            db = Path(tmp) / f"run{n}.db"
            r = _child_sampled(["_run", str(db), str(first), str(more), str(workers), engine])
            r.update(n=n, words=words, workers=workers,
                     docs_per_s=round(n / r["first"]["cpu"], 2), words_per_s=round(words / r["first"]["cpu"]))
            rows.append(r)
            speed = (f"= {r['docs_per_s']} docs/s, {r['words_per_s']} words/s" if engine == "local" else
                     "in the driver (Ray's processes are not its children: see every process below)")
            print(f"run {n:>6} docs ({words} words, {engine}, {workers} worker(s)): {r['first']['cpu']:.1f} s CPU "
                  f"({r['first']['wall']:.1f} wall) {speed}; "
                  f"peak {r['first']['peak_mib']:.0f} MiB; re-run {r['rerun']['cpu']:.2f} s; "
                  f"+{plus}: {r['plus']['cpu']:.2f} s; the three runs, CPU of every process "
                  f"{r['tree_cpu']:.1f} s (Ray's actors and tasks {r['cpu_ray_workers']} s, Ray's own "
                  f"{r['cpu_ray_system']} s), peak PSS {r['tree_peak_pss_mib']} MiB", flush=True)
    _exponents([{"n": r["n"], "cpu": r["first"]["cpu"]} for r in rows], "cpu")
    return rows


def _run_child(db: Path, first: Path, more: Path, workers: int, engine: str = "local") -> dict[str, Any]:
    return {"first": run_cli(db, first, workers, engine), "rerun": run_cli(db, first, workers, engine),
            "plus": run_cli(db, more, workers, engine)}


# ---------------------------------------------------------------------------
# workers
# ---------------------------------------------------------------------------


def extract_child(db: Path, workers: int, engine: str = "local") -> dict[str, Any]:
    """Extraction of every document of ``db`` (its extractions deleted first) on ``engine``.

    With Ray, starting the local Ray (``start``) is timed apart; the extraction figure includes
    starting the actors (each builds the pipeline).
    """
    import dataclasses

    from consilience import pipeline
    from consilience.config import DEFAULT_CONFIG
    from consilience.engines import open_engine
    from consilience.store import Store

    import consilience.store.records as records_module

    write_records = records_module.write_records
    writer = [0.0]

    def timed_write(conn: Any, records: Any) -> Any:     # the one writer's CPU (commits not included)
        t0 = time.process_time()
        try:
            return write_records(conn, records)
        finally:
            writer[0] += time.process_time() - t0

    records_module.write_records = timed_write
    cfg = dataclasses.replace(DEFAULT_CONFIG, workers=workers, engine=engine)
    out: dict[str, Any] = {"engine": engine, "workers": workers}
    with Store(db) as store, open_engine(cfg) as eng:
        store.conn.execute("DELETE FROM extractions")
        store.conn.commit()
        if engine == "ray":
            t = _cpu()
            eng._ensure()
            out["start_cpu"], out["start_wall"] = _since(t)
        t = _cpu()
        n = pipeline.extract_stage(store, config=cfg, engine=eng)
        out["cpu"], out["wall"] = _since(t)
    out.update(docs=n, peak_mib=_peak_mib(), writer_ms_per_doc=round(writer[0] * 1000 / max(n, 1), 2))
    return out


def bench_workers(base: Path, n: int, engines: list[str]) -> list[dict[str, Any]]:
    """Extraction of ``n`` documents with 1 and 2 workers on each engine, in fresh processes."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.db"
        subset(base, n, db)
        for engine in engines:
            for workers in (1, 2):
                t = time.perf_counter()
                r = _child_sampled(["_extract", str(db), str(workers), engine])
                r["process_wall"] = round(time.perf_counter() - t, 1)
                rows.append(r)
                start = (f" (+ Ray start {r['start_wall']:.1f} s wall, {r['start_cpu']:.1f} s CPU in the driver)"
                         if "start_wall" in r else "")
                print(f"extract {n} docs, {engine}, {workers} worker(s): {r['wall']:.1f} s wall{start}; CPU of "
                      f"every process of the run {r['tree_cpu']:.1f} s (whole process {r['process_wall']:.1f} s "
                      f"wall); peak RSS of one process {r['peak_mib']:.0f} MiB; whole run: peak RSS "
                      f"{r['tree_peak_rss_mib']} MiB (shared pages counted in each process), peak PSS "
                      f"{r['tree_peak_pss_mib']} MiB", flush=True)
                print(f"    CPU by process: run's own {r['cpu_main']} s (of which the writer "
                      f"{r['writer_ms_per_doc']} ms a document), pool workers {r['cpu_workers']} s, Ray "
                      f"actors and tasks {r['cpu_ray_workers']} s, Ray's own processes (GCS, raylet, agents, "
                      f"idle workers) {r['cpu_ray_system']} s", flush=True)
            one, two = rows[-2], rows[-1]
            print(f"  {engine}: 2 vs 1 worker, wall {one['wall'] / two['wall']:.2f}x, CPU {two['tree_cpu'] / one['tree_cpu']:.2f}x "
                  f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall time is shared)", flush=True)
    return rows


def _exponents(rows: list[dict[str, Any]], key: str) -> None:
    for a, b in zip(rows, rows[1:]):
        if a.get(key) and b.get(key) and a[key] > 0:
            print(f"  growth {a['n']} -> {b['n']}: exponent {math.log(b[key] / a[key]) / math.log(b['n'] / a['n']):.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("base")
    p.add_argument("--n", type=int, default=2000)
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--workers", type=int, default=1)
    p = sub.add_parser("link")
    p.add_argument("--base", type=Path, required=True)
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    p.add_argument("--profile", action="store_true", help="cProfile of the first link, to stderr")
    p = sub.add_parser("link-large", help="link on corpora replicated from the base (see `replicate`)")
    p.add_argument("--base", type=Path, required=True)
    p.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000, 100000])
    p.add_argument("--keep", type=Path, help="folder to keep the replicated databases in")
    p = sub.add_parser("replicate", help="write a replicated link-bench database (see `replicate`)")
    p.add_argument("--base", type=Path, required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--db", type=Path, required=True)
    p = sub.add_parser("run")
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="ray: CPU is the driver's and its reaped children's only (use `workers` for Ray's CPU)")
    p = sub.add_parser("workers")
    p.add_argument("--base", type=Path, required=True)
    p.add_argument("--n", type=int, default=300)
    p.add_argument("--engines", nargs="+", choices=("local", "ray"), default=["local", "ray"])
    p = sub.add_parser("_link")
    p.add_argument("db", type=Path)
    p.add_argument("--profile", action="store_true")
    p = sub.add_parser("_run")
    p.add_argument("db", type=Path)
    p.add_argument("first", type=Path)
    p.add_argument("more", type=Path)
    p.add_argument("workers", type=int)
    p.add_argument("engine", nargs="?", default="local")
    p = sub.add_parser("_extract")
    p.add_argument("db", type=Path)
    p.add_argument("workers", type=int)
    p.add_argument("engine", nargs="?", default="local")
    args = parser.parse_args(argv)
    if args.cmd == "base":
        print(json.dumps(build_base(args.n, args.db, args.workers)))
    elif args.cmd == "link":
        print(json.dumps(bench_link(args.base, args.sizes, profile=args.profile)))
    elif args.cmd == "link-large":
        print(json.dumps(bench_link_large(args.base, args.sizes, keep=args.keep)))
    elif args.cmd == "replicate":
        print(json.dumps(replicate(args.base, args.n, args.db)))
    elif args.cmd == "run":
        print(json.dumps(bench_run(args.sizes, args.workers, engine=args.engine)))
    elif args.cmd == "workers":
        print(json.dumps(bench_workers(args.base, args.n, args.engines)))
    elif args.cmd == "_link":
        print(json.dumps(link_once(args.db, profile="x" if args.profile else None)))
    elif args.cmd == "_run":
        print(json.dumps(_run_child(args.db, args.first, args.more, args.workers, args.engine)))
    elif args.cmd == "_extract":
        print(json.dumps(extract_child(args.db, args.workers, args.engine)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

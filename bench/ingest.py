"""Ingest throughput: documents/second for read + clean + store, and peak memory.

Generates a JSONL corpus of N documents (default 10,000) by resampling the
sentences of the example articles (with their boilerplate lines, so cleaning
has work to do), ingests it into a fresh database and prints the figures.

    python bench/ingest.py [--docs 10000] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from consilience.pipeline import ingest  # noqa: E402
from consilience.store import Store  # noqa: E402

OUTLETS = ("TRT World", "Press TV", "The Levant", "Al Jazeera", "Reuters", "AFP", "Anadolu", "Tass")


def example_lines() -> tuple[list[str], list[str]]:
    body, furniture = [], []
    for path in sorted((ROOT / "examples" / "karabakh").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            (body if len(line.split()) >= 8 and re.search(r"[.!?\"”]$", line) else furniture).append(line)
    return body, furniture


def make_corpus(path: Path, n: int, seed: int) -> int:
    rng = random.Random(seed)
    body, furniture = example_lines()
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            lines = [rng.choice(body) for _ in range(rng.randint(8, 30))]
            for _ in range(rng.randint(0, 4)):
                lines.insert(rng.randint(0, len(lines)), rng.choice(furniture))
            title = " ".join(rng.choice(body).split()[:9])
            text = "\n".join([title, *lines])
            words += len(text.split())
            day = 1 + i % 28
            fh.write(json.dumps({"text": text, "title": title, "url": f"https://example.org/a/{i}",
                                 "outlet": OUTLETS[i % len(OUTLETS)], "published": f"2020-10-{day:02d}",
                                 "language": "en"}) + "\n")
    return words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = make_corpus(corpus, args.docs, args.seed)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with Store(Path(tmp) / "bench.db") as store:
            t0 = time.perf_counter()
            result = ingest(store, [str(corpus)])
            elapsed = time.perf_counter() - t0
            n_docs = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"corpus: {args.docs} generated documents, {words:,} words (JSONL, seed {args.seed})")
    print(f"stored: {n_docs} documents, {result.duplicate_links} duplicate links, {len(result.errors)} errors")
    print(f"ingest+clean+store: {elapsed:.1f} s, {args.docs / elapsed:,.0f} documents/s, {words / elapsed:,.0f} words/s")
    print(f"peak RSS: {peak / 1024:.0f} MiB (before ingest: {rss_before / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()

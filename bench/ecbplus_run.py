"""Story clustering of ECB+ end to end: write the documents, ``consilience run`` them, score the stories.

Writes the documents of an ECB+ folder (topics 36-40 by default) as text
files with a ``manifest.csv`` (the web address of a document's first line
as its url, the day in that address as its published date, as
``eval_linking.py`` reads it), runs ``consilience run`` on them in a fresh
database, reads each document's story from the database and prints the ARI
and purity of the stories against the gold sub-topics (``…ecb.xml`` vs
``…ecbplus.xml``), and against the topics.  The number of stories is not
given to the system.

Story grouping within a run does not depend on the documents' order (ids
depend on the files' paths): two ``--work`` folders give the same ARI.

    python bench/ecbplus_run.py [--bench ../shared/bench/ecbplus] [--work DIR]
"""

from __future__ import annotations

import argparse
import csv
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from eval_linking import DEFAULT_BENCH, ari, doc_date, load, purity, split_prefix, subtopic  # noqa: E402

_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|'re|n't|'ll|'ve|'d)(?=\s|$)")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_SPLIT_NUMBER = re.compile(r"(\d) ([.,]) (\d)")


def detokenize(tokens: list[str]) -> str:
    """Tokens joined back into prose: "Indonesia 's 6 . 1 quake ," -> "Indonesia's 6.1 quake,"."""
    text = " ".join(tokens).replace("``", "\u201c").replace("''", "\u201d")
    text = _SPLIT_NUMBER.sub(r"\1\2\3", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    return _SPACE_AFTER.sub(r"\1", text)


def write_corpus(docs: dict[str, list[list[str]]], folder: Path) -> None:
    """One text file per document (first line a title) and a manifest.csv with url and published."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for doc_id, sentences in sorted(docs.items()):
        url = None
        body = sentences
        if sentences and sentences[0] and sentences[0][0].lower().startswith("http"):
            url = "".join(sentences[0])
            body = sentences[1:]
        name = doc_id.replace(".xml", ".txt")
        (folder / name).write_text("\n\n".join(detokenize(s) for s in body) + "\n", encoding="utf-8")
        rows.append({"path": name, "outlet": "", "url": url or "", "published": doc_date(sentences) or "",
                     "language": "en"})
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["path", "outlet", "url", "published", "language"])
        writer.writeheader()
        writer.writerows(rows)


def stories_from_db(db: Path) -> dict[str, str]:
    """ECB+ document id -> story id, from the documents' source paths."""
    conn = sqlite3.connect(db)
    cols = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
    source = "path" if "path" in cols else "source"
    out = {}
    for path, story in conn.execute(f"SELECT d.{source}, s.story_id FROM documents d "
                                    "JOIN story_documents s ON s.document_id = d.id"):
        out[Path(str(path)).name.replace(".txt", ".xml")] = story
    conn.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "consilience-ecbplus-run",
                        help="folder for the corpus and database; document ids, and so the order in which "
                             "undated documents join stories, depend on its path (default: %(default)s)")
    parser.add_argument("--workers", default="1")
    args = parser.parse_args(argv)
    if not (args.bench / f"{split_prefix(args.bench)}_text.txt").is_file():
        print(f"skipped: {args.bench} not found")
        return 0
    docs, _ = load(args.bench)
    if True:
        work = args.work
        corpus, db = work / "corpus", work / "ecbplus.db"
        if db.exists():
            db.unlink()
        write_corpus(docs, corpus)
        cmd = [sys.executable, "-m", "consilience", "run", str(corpus), "--db", str(db), "-q",
               "--workers", args.workers, "--report", str(work / "report.html")]
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if done.returncode not in (0, 1):
            print(done.stdout[-2000:], done.stderr[-2000:])
            return done.returncode
        story_of = stories_from_db(db)
    ids = sorted(d for d in docs if d in story_of)
    truth, pred = [subtopic(d) for d in ids], [story_of[d] for d in ids]
    topics = [d.split("_")[0] for d in ids]
    print(f"consilience run on {len(docs)} ECB+ {split_prefix(args.bench)} documents ({len(ids)} in stories), "
          f"{wall:.0f} s wall, exit {done.returncode}")
    print(f"  stories vs gold sub-topics: ARI {ari(truth, pred):.3f}  purity {purity(truth, pred):.3f}  "
          f"stories {len(set(pred))} (gold {len(set(truth))})")
    print(f"  stories vs gold topics:     ARI {ari(topics, pred):.3f}  purity {purity(topics, pred):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

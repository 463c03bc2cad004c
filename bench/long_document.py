"""Peak memory and CPU time of ingesting and extracting one long document.

Builds a document of about ``--chars`` characters of real news text by
concatenating the article texts of TR-News and LGL
(``../shared/bench/geoparsing/``; skipped with a message when absent), runs
``build_document`` and ``extract_document`` on it in this process, and prints
the characters, the records found, the CPU time (``process_time``) and the
peak resident memory (``ru_maxrss``).  Run each size in a fresh process so
the peak belongs to that size:

    python bench/long_document.py --chars 1100000
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DATA = ROOT.parent / "shared" / "bench" / "geoparsing"
if not DATA.is_dir():
    DATA = Path("/work/shared/bench/geoparsing")

_TEXT = re.compile(r"<text><!\[CDATA\[(.*?)\]\]></text>", re.S)


def real_text(chars: int) -> str:
    articles: list[str] = []
    for name in ("TR-News.xml", "lgl.xml"):
        path = DATA / name
        if path.is_file():
            articles.extend(t.strip() for t in _TEXT.findall(path.read_text("utf-8")))
    if not articles:
        sys.exit(f"no articles found under {DATA}; this benchmark needs shared/bench/geoparsing")
    out: list[str] = []
    size = 0
    i = 0
    while size < chars:
        piece = articles[i % len(articles)]
        out.append(piece)
        size += len(piece) + 2
        i += 1
    return "\n\n".join(out)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=1_100_000)
    parser.add_argument("--ingest-only", action="store_true")
    args = parser.parse_args()

    from consilience.config import DEFAULT_CONFIG
    from consilience.errors import InputError
    from consilience.ingest.document import build_document
    from consilience.ingest.items import RawItem

    text = real_text(args.chars)
    config = DEFAULT_CONFIG.with_overrides(max_document_chars=max(DEFAULT_CONFIG.max_document_chars,
                                                                  len(text) + 1))
    t0 = time.process_time()
    try:
        doc = build_document(RawItem("long.txt", "/bench/long.txt", "text", text, {"language": "en"}),
                             config)
    except InputError as exc:
        sys.exit(f"refused: {exc}")
    t1 = time.process_time()
    print(f"chars={len(text):,} cleaned={len(doc.text):,} ingest_cpu_s={t1 - t0:.1f}")
    if not args.ingest_only:
        from consilience.extract.document import extract_document
        from consilience.nlp.pipeline import build_pipeline

        nlp = build_pipeline(config)
        rss_model = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t2 = time.process_time()
        records = extract_document(doc, nlp, config=config)
        t3 = time.process_time()
        print(f"model_loaded_peak_mb={rss_model:.0f} extract_cpu_s={t3 - t2:.1f} "
              f"mentions={len(records.mentions)} claims={len(records.claims)} "
              f"events={len(records.events)} notes={list(records.notes)}")
        bad = [m for m in records.mentions if doc.text[m.start:m.end] != m.text]
        print(f"mention offsets not matching the text: {len(bad)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak_rss_mb={peak:.0f}")


if __name__ == "__main__":
    main()

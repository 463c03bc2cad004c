"""A real-derived news corpus for scale benchmarks: LGL and TR-News articles, resampled.

The 706 real articles of ``shared/bench/geoparsing`` (588 LGL local US news,
118 TR-News) are used as they are; beyond 706, each further document splices
the first half of one real article (cut at a sentence end) onto the second
half of another, so the text, the names and the vocabulary stay real while no
two documents are the same.  Dates and outlets come from the articles
(``dltime``, ``domain``).  Deterministic for a given seed.

    python bench/realcorpus.py 2000 out.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "geoparsing"
FILES = ("lgl.xml", "TR-News.xml")

_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+")


def data_dir() -> Path | None:
    for cand in (DATA, Path("/work/shared/bench/geoparsing")):
        if all((cand / f).is_file() for f in FILES):
            return cand
    return None


def real_articles(folder: Path | None = None) -> list[dict[str, str]]:
    """The real articles: text, title, outlet, published (YYYY-MM-DD), in file order."""
    folder = folder or data_dir()
    if folder is None:
        raise SystemExit(f"no {' and '.join(FILES)} under {DATA}: the scale benchmark needs them")
    out = []
    for name in FILES:
        for art in ET.parse(folder / name).getroot().iter("article"):
            text = (art.findtext("text") or "").strip()
            if len(text.split()) < 20:
                continue
            out.append({"id": f"{name.split('.')[0]}-{art.get('docid')}",
                        "title": " ".join((art.findtext("title") or "").split()),
                        "outlet": (art.findtext("domain") or "").strip() or "unknown",
                        "published": (art.findtext("dltime") or "").strip()[:10],
                        "text": text})
    return out


def _halves(text: str) -> tuple[str, str]:
    mid = len(text) // 2
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    cut = min(cuts, key=lambda c: abs(c - mid)) if cuts else mid
    return text[:cut].rstrip(), text[cut:].lstrip()


def corpus(n: int, seed: int = 14) -> Iterator[dict[str, str]]:
    """``n`` documents: the real ones first, then splices of two real ones."""
    arts = real_articles()
    rng = random.Random(seed)
    for i in range(n):
        if i < len(arts):
            yield arts[i]
            continue
        a, b = rng.sample(arts, 2)
        head, _ = _halves(a["text"])
        _, tail = _halves(b["text"])
        yield {"id": f"splice-{i}", "title": a["title"], "outlet": a["outlet"], "published": a["published"],
               "text": f"{head}\n{tail}"}


def write_jsonl(n: int, path: Path, seed: int = 14) -> int:
    """Write ``n`` documents as JSONL (one article a line, ingestible); returns the word count."""
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for d in corpus(n, seed):
            words += len(d["text"].split())
            fh.write(json.dumps({"text": d["text"], "title": d["title"], "outlet": d["outlet"],
                                 "published": d["published"], "url": f"https://bench.invalid/{d['id']}",
                                 "language": "en"}, ensure_ascii=False) + "\n")
    return words


if __name__ == "__main__":
    print(write_jsonl(int(sys.argv[1]), Path(sys.argv[2])), "words")

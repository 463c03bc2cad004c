"""Records of a fixed document set as JSON lines, to check that a speed change keeps every record.

Usage::

    python bench/records_snapshot.py OUT.jsonl                # export (before a change)
    python bench/records_snapshot.py OUT2.jsonl --compare OUT.jsonl   # export again and compare
    python bench/records_snapshot.py --stages [--real]        # CPU per pipeline component, vs spaCy

The documents: the example articles, 160 LGL/TR-News articles
(``../shared/bench/geoparsing``), 150 ACLED notes and 124 event-location
sentences (``../shared/bench``); the sets that are absent are left out, with
a message.  Every document goes through ``extract_batch`` in batches of 8,
and every 25th also through ``extract_document``, which must give the same.

``--stages`` times each component of the pipeline over the whole
``bench/extract.py`` corpus (``process_time``, best of 2), then the claims
and events, beside spaCy's full pipeline and its NER alone, component by
component: where the time goes, and what the neural parts alone cost.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("CONSILIENCE_SRC") or str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

SHARED = ROOT.parent / "shared" / "bench"


def documents() -> list[Any]:
    from consilience.types import Document, OffsetMap, Segment

    texts: list[tuple[str, str | None]] = []
    ex = ROOT / "examples" / "karabakh"
    for r in csv.DictReader((ex / "manifest.csv").open(encoding="utf-8")):
        texts.append(((ex / r["path"]).read_text(encoding="utf-8"), r["published"]))
    try:
        from realcorpus import real_articles

        arts = real_articles()
        texts += [(a["text"], a["published"] or None) for a in arts[:120] + arts[-40:]]
    except SystemExit as exc:
        print(f"left out: {exc}", file=sys.stderr)
    acled = SHARED / "acled_sample" / "acled_2022_dev.csv"
    if acled.is_file():
        rows = list(csv.DictReader(acled.open(encoding="utf-8")))
        texts += [(r["notes"], r["event_date"]) for r in rows[:4500:30]]
    else:
        print(f"left out: no {acled}", file=sys.stderr)
    located = SHARED / "event_location" / "event_location_dev.jsonl"
    if located.is_file():
        for j, line in enumerate(located.open(encoding="utf-8")):
            if j % 2 == 0:
                texts.append((json.loads(line)["text"], "2020-01-01"))
    else:
        print(f"left out: no {located}", file=sys.stderr)
    return [Document(id=f"d{i:04d}", source=f"s{i}", source_key=f"s{i}", format="text", content_hash=str(i),
                     raw_text=t, text=t, offset_map=OffsetMap((Segment(0, 0, len(t)),)), published=p,
                     language="en") for i, (t, p) in enumerate(texts)]


def export(out: Path) -> int:
    from consilience.extract.document import extract_batch, extract_document
    from consilience.nlp.pipeline import make_pipeline
    from consilience.types import DOCUMENT_RECORD_TYPES, record_to_dict

    docs = documents()
    nlp = make_pipeline()
    recs = []
    for i in range(0, len(docs), 8):
        recs += extract_batch(docs[i:i + 8], nlp)
    for d, r in zip(docs[::25], recs[::25]):
        if extract_document(d, nlp) != r:
            raise SystemExit(f"{d.id}: extract_document and extract_batch differ")
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for r in recs:
            row: dict[str, Any] = {"id": r.document_id, "version": r.extractor_version, "notes": list(r.notes),
                                   "actors": [record_to_dict(a) for a in r.actors]}
            for kind in DOCUMENT_RECORD_TYPES:
                row[kind] = [record_to_dict(x) for x in getattr(r, kind)]
                n += len(row[kind])
            f.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents, {n} records -> {out}")
    return n


def compare(a: Path, b: Path) -> int:
    """Number of documents whose records differ (the first few printed)."""
    left = [json.loads(x) for x in a.open(encoding="utf-8")]
    right = [json.loads(x) for x in b.open(encoding="utf-8")]
    if len(left) != len(right):
        print(f"{len(left)} documents vs {len(right)}")
        return max(len(left), len(right))
    bad = 0
    for x, y in zip(left, right):
        if x == y:
            continue
        bad += 1
        if bad <= 5:
            kind = next(k for k in x if x[k] != y.get(k))
            print(f"{x['id']} {kind}\n  before: {json.dumps(x[kind])[:400]}\n  after:  {json.dumps(y.get(kind))[:400]}")
    print(f"{len(left)} documents, {bad} differ")
    return bad


def stages(real: bool) -> None:
    from extract import corpus

    from consilience.extract.document import _prepare, _records, _version
    from consilience.nlp.model import load_model
    from consilience.nlp.pipeline import make_pipeline

    docs = corpus(20_000, real)
    words = sum(len(d.text.split()) for d in docs)
    nlp = make_pipeline()
    version = _version(nlp)
    full = load_model()
    ner = load_model(exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])

    def run(p: Any, prepared: bool) -> tuple[list[Any], dict[str, float]]:
        sd = [_prepare(d, p) for d in docs] if prepared else [p.make_doc(d.text) for d in docs]
        times: dict[str, float] = {}
        for name, proc in p.pipeline:
            t = time.process_time()
            sd = list(proc.pipe(sd, batch_size=1000)) if hasattr(proc, "pipe") else [proc(x) for x in sd]
            times[name] = time.process_time() - t
        return sd, times

    best: dict[tuple[str, str], float] = {}
    for _ in range(3):                      # the first round warms the caches; best of the others
        for label, p, prep in (("consilience", nlp, True), ("spacy full", full, False), ("spacy NER", ner, False)):
            sd, times = run(p, prep)
            if label == "consilience":
                t = time.process_time()
                for d, s in zip(docs, sd):
                    _records(d, s, version, nlp)
                times["claims and events (_records)"] = time.process_time() - t
            for k, v in times.items():
                best[(label, k)] = min(v, best.get((label, k), v + 1.0))
    totals: dict[str, float] = {}
    print(f"{words} words, {len(docs)} documents; CPU seconds per component over all of them")
    for (label, k), v in best.items():
        totals[label] = totals.get(label, 0.0) + v
        print(f"{label:12} {k:34} {v:7.3f} s")
    for label, v in totals.items():
        print(f"{label:12} {'total':34} {v:7.3f} s  {words / v:7.0f} words/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="JSON lines to write")
    parser.add_argument("--compare", type=Path, help="an earlier export: print the differences")
    parser.add_argument("--stages", action="store_true", help="CPU per pipeline component instead")
    parser.add_argument("--real", action="store_true", help="with --stages: real news, not the examples")
    args = parser.parse_args(argv)
    if args.stages:
        stages(args.real)
        return 0
    if args.out is None:
        parser.error("give OUT.jsonl (or --stages)")
    export(args.out)
    if args.compare is not None:
        return 1 if compare(args.compare, args.out) else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

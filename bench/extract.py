"""Throughput of per-document extraction against spaCy's own full pipeline.

Usage::

    python bench/extract.py [--min-words 20000] [--json]

Measures, on the example corpus repeated until it has at least
``--min-words`` words (whitespace-separated), in one process, after a
warm-up document for every pipeline (build time is reported apart):

* ``extract_document`` end to end (Consilience's pipeline with actors,
  places, dates and figures), with ``parse="selective"`` and ``parse="all"``;
* Consilience's NLP layers alone (no record components) for
  ``parse="selective"``, ``"all"`` and ``"none"``, which isolates what
  selective parsing saves;
* spaCy's full pipeline alone: the model as shipped (``tok2vec``, ``tagger``,
  ``parser``, ``attribute_ruler``, ``lemmatizer``, ``ner``) over the same
  texts with ``nlp.pipe``.

Timings are interleaved over ``--rounds`` rounds and the best of each is
kept (every pipeline has seen the texts once before: caches such as the
per-(word, tag) attribute cache are warm, as they are after the first
thousand documents of a run); words per second are per CPU-second of this (single-threaded) process,
which is stable on a busy machine (wall seconds are printed too).
``extract_many`` scales them by the worker count.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("CONSILIENCE_SRC") or str(ROOT / "src"))   # another checkout: $CONSILIENCE_SRC
sys.path.insert(0, str(ROOT / "bench"))

from consilience.extract.document import extract_document, extract_many  # noqa: E402
from consilience.nlp.model import load_model, model_info  # noqa: E402
from consilience.nlp.pipeline import make_pipeline  # noqa: E402
from consilience.types import Document, OffsetMap, Segment  # noqa: E402

EXAMPLES = ROOT / "examples" / "karabakh"


def corpus(min_words: int, real: bool = False) -> list[Document]:
    """The example articles (or real news: LGL and TR-News), repeated until ``min_words`` is reached."""
    import csv

    if real:
        from realcorpus import real_articles

        texts = [(a["text"], a["published"] or None) for a in real_articles()]
    else:
        rows = list(csv.DictReader((EXAMPLES / "manifest.csv").open(encoding="utf-8")))
        texts = [((EXAMPLES / r["path"]).read_text(encoding="utf-8"), r["published"]) for r in rows]
    docs: list[Document] = []
    words = 0
    while words < min_words:
        for text, published in texts:
            n = len(docs)
            docs.append(Document(
                id=f"bench{n:04d}", source=f"bench{n}", source_key=f"bench{n}", format="text",
                content_hash=str(n), raw_text=text, text=text,
                offset_map=OffsetMap((Segment(0, 0, len(text)),)), published=published,
                language="en"))
            words += len(text.split())
            if real and words >= min_words:
                return docs
    return docs


def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def run(min_words: int, rounds: int, real: bool = False) -> dict[str, Any]:
    docs = corpus(min_words, real)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    results: dict[str, Any] = {"words": words, "documents": len(docs), "rounds": rounds,
                               "model": model_info(), "rows": []}
    configs: list[tuple[str, Callable[[], Any], dict[str, Any]]] = []

    # spaCy alone, all default components (parser included)
    t0 = time.perf_counter()
    spacy_nlp = load_model()
    build = time.perf_counter() - t0
    list(spacy_nlp.pipe(texts[:1]))
    configs.append(("spacy full pipeline (nlp.pipe)", lambda: list(spacy_nlp.pipe(texts)),
                    {"build_seconds": round(build, 2), "pipes": list(spacy_nlp.pipe_names)}))

    ner_nlp = load_model(exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    list(ner_nlp.pipe(texts[:1]))
    configs.append(("spacy NER only (tok2vec, ner)", lambda: list(ner_nlp.pipe(texts)),
                    {"build_seconds": 0.0, "pipes": list(ner_nlp.pipe_names)}))

    tokens = sum(len(spacy_nlp.make_doc(t)) for t in texts)
    for mode in ("selective", "all", "none"):
        t0 = time.perf_counter()
        nlp = make_pipeline(parse=mode, components=())
        build = time.perf_counter() - t0
        share = sum(sum(e - s for s, e in (d._.consilience_parsed or ())) for d in nlp.pipe(texts))
        configs.append((f"consilience NLP only, parse={mode}",
                        (lambda nlp=nlp: list(nlp.pipe(texts))),
                        {"build_seconds": round(build, 2),
                         "parsed_token_share": round(share / tokens, 3)}))

    for mode in ("selective", "all"):
        t0 = time.perf_counter()
        nlp = make_pipeline(parse=mode)
        build = time.perf_counter() - t0
        counts = {"mentions": 0, "places": 0, "dates": 0, "figures": 0}
        for d in docs:
            rec = extract_document(d, nlp)
            for k in counts:
                counts[k] += len(getattr(rec, k))
        configs.append((f"extract_document, parse={mode}",
                        (lambda nlp=nlp: [extract_document(d, nlp) for d in docs]),
                        {"build_seconds": round(build, 2), "records": counts}))
    list(extract_many(docs, workers=1))     # warm-up, as for the rows above (builds the cached pipeline)
    configs.append(("extract_many (nlp.pipe batches), 1 worker",
                    lambda: list(extract_many(docs, workers=1)), {"build_seconds": 0.0}))

    best: dict[str, tuple[float, float]] = {}
    for _ in range(rounds):                 # interleaved rounds, best of each: less noise
        for name, fn, _extra in configs:
            wall, cpu = timed(fn)
            old = best.get(name)
            best[name] = (min(wall, old[0]), min(cpu, old[1])) if old else (wall, cpu)
    # the parse step alone: the selective parser component on the same docs, both modes
    parser_cpu: dict[str, float] = {}
    for mode in ("selective", "all"):
        nlp = make_pipeline(parse=mode, components=())
        name = "consilience_selective_parser"
        for _ in range(rounds):
            with nlp.select_pipes(disable=[name]):
                prepared = list(nlp.pipe(texts))
            component = nlp.get_pipe(name)
            _, cpu = timed(lambda: [component(d) for d in prepared])
            parser_cpu[mode] = min(cpu, parser_cpu.get(mode, cpu))
    results["parse_step"] = {
        mode: {"cpu_seconds": round(cpu, 3), "ms_per_1000_words": round(1e6 * cpu / words, 1)}
        for mode, cpu in parser_cpu.items()}
    results["parse_step"]["selective_saves"] = round(1 - parser_cpu["selective"] / parser_cpu["all"], 3)

    base = words / best[configs[0][0]][1]
    for name, _fn, extra in configs:
        wall, cpu = best[name]
        results["rows"].append({
            "name": name, "wall_seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
            "words_per_second": round(words / cpu, 1),
            "ratio_to_spacy_full": round(words / cpu / base, 3), **extra})
    ner = words / best["spacy NER only (tok2vec, ner)"][1]
    for r in results["rows"]:
        r["ratio_to_spacy_ner"] = round(r["words_per_second"] / ner, 3)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-words", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3, help="best of this many timings")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--real", action="store_true",
                        help="real news (LGL and TR-News, ../shared/bench/geoparsing) instead of the example corpus")
    args = parser.parse_args(argv)
    results = run(args.min_words, args.rounds, args.real)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    m = results["model"]
    print(f"{results['words']} words in {results['documents']} documents; "
          f"model {m['name']} {m['version']}, spaCy {m['spacy_version']}; one process; "
          f"best of {results['rounds']}; words per CPU-second of this process")
    print(f"{'':40} {'words/s':>8} {'vs spaCy':>8} {'vs NER':>7} {'wall s':>7} {'build s':>8}")
    for r in results["rows"]:
        extra = ""
        if "parsed_token_share" in r:
            extra = f"  parsed tokens {r['parsed_token_share']:.0%}"
        print(f"{r['name']:40} {r['words_per_second']:8.0f} {r['ratio_to_spacy_full']:8.2f} "
              f"{r['ratio_to_spacy_ner']:7.2f} "
              f"{r['wall_seconds']:7.1f} {r['build_seconds']:8.1f}{extra}")
    p = results["parse_step"]
    print(f"parse step alone (consilience_selective_parser): selective "
          f"{p['selective']['ms_per_1000_words']} ms/1000 words, all "
          f"{p['all']['ms_per_1000_words']} ms/1000 words: selective saves "
          f"{p['selective_saves']:.0%} of the parse step")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""List the political-violence events Consilience codes on whole ordinary-news articles (issue 11).

Runs the per-document extraction (rules only) on the first N LGL and the first N TR-News articles of
../shared/bench/geoparsing (as bench/realcorpus.py reads them) and prints one JSON line per factual
political-violence event: article, event type / sub-type, trigger, fatalities and the event's sentence.
Nearly all of these articles are ordinary local news, so every line is a candidate false event.

    python bench/news_pv_scan.py [N] > events.jsonl       # N = 150 by default
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_acled import FACTUAL, make_doc  # noqa: E402
from realcorpus import real_articles  # noqa: E402


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (cut at ". " or a line break) around [start, end)."""
    a = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    b = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text))
    return " ".join(text[a:b + 1].split())


def articles(n: int) -> list[dict[str, str]]:
    arts = real_articles()
    lgl = [a for a in arts if a["id"].startswith("lgl-")][:n]
    tr = [a for a in arts if a["id"].startswith("TR-")][:n]
    return lgl + tr


def main(argv: list[str]) -> int:
    from consilience.extract import acled as acled_mod
    from consilience.extract.document import extract_document
    from consilience.nlp.pipeline import build_pipeline

    n = int(argv[0]) if argv else 150
    acled_mod.set_classifier(None)
    nlp = build_pipeline()
    total = 0
    arts = articles(n)
    for a in arts:
        rec = extract_document(make_doc(a["text"], a["id"], a["published"] or None), nlp)
        for e in rec.events:
            if e.modality not in FACTUAL or not acled_mod.is_political_violence(e):
                continue
            total += 1
            sent = sentence_at(a["text"], e.start, e.end)
            print(json.dumps({"id": a["id"], "title": a["title"], "type": e.event_type,
                              "sub": e.sub_event_type, "trigger": e.trigger, "fatal": bool(e.fatalities_figure_id),
                              "sentence": sent}, ensure_ascii=False, default=str), flush=True)
    print(f"{total} political-violence events in {len(arts)} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Event precision on whole news articles: every event Consilience codes on 80 LGL/TR-News articles.

The sentence set of ``bench/news_pv_sentences.jsonl`` scores sentences one at a time; an analyst sees
every event of whole articles, with their context.  ``bench/news_article_events.json`` names 80 articles
of ``shared/bench/geoparsing`` (71 LGL, 9 TR-News; how they were drawn and labelled:
``bench/news_article_events.md``) and labels each event the product coded on them at the time of
labelling: correct (an ACLED-codable political event -- political violence, a demonstration, a
strategic development of a conflict or between states -- that the sentence tells of, with the right
modality) or not, with why.

This script runs the pipeline on the same 80 articles and matches each event it codes now to the labels
by (article, trigger, sentence).  It prints the events coded, how many are labelled correct and wrong,
precision over the labelled ones, and the events no label covers (new since labelling: read them, and
label them in the JSON if they should count).  It measures precision, not recall: an event missed by
every version is never listed.

    python bench/news_article_events.py [--bench ../shared/bench] [--show-wrong]
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from consilience.extract.document import extract_document  # noqa: E402
from consilience.ingest.document import build_document  # noqa: E402
from consilience.ingest.items import RawItem  # noqa: E402
from consilience.nlp.pipeline import build_pipeline  # noqa: E402

LABELS = ROOT / "bench" / "news_article_events.json"
DEFAULT_BENCH = ROOT.parent / "shared" / "bench"


def _articles(bench: Path, wanted: list[dict[str, str]]) -> list[tuple[dict[str, str], str]]:
    """(label entry, text) for each wanted article, found by corpus file and URL."""
    by_key: dict[tuple[str, str], str] = {}
    for corpus in sorted({w["corpus"] for w in wanted}):
        root = ET.parse(bench / "geoparsing" / corpus).getroot()
        for art in root.findall("article"):
            by_key[(corpus, art.findtext("url") or "")] = art.findtext("text") or ""
    missing = [w["url"] for w in wanted if (w["corpus"], w["url"]) not in by_key]
    if missing:
        raise SystemExit(f"{len(missing)} labelled articles not found in {bench / 'geoparsing'}: {missing[:3]}")
    return [(w, by_key[(w["corpus"], w["url"])]) for w in wanted]


def _key(url: str, trigger: str | None, sentence: str) -> tuple[str, str, str]:
    """Letters and digits only: spacing and punctuation (no-break spaces, quotation marks) may differ."""
    return url, (trigger or "").lower(), "".join(c for c in sentence.lower() if c.isalnum())[:100]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--show-wrong", action="store_true", help="list the events labelled wrong that are still coded")
    args = ap.parse_args(argv)
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    labels = {_key(e["article_url"], e["trigger"], e["sentence"]): e for e in data["events"]}
    nlp = build_pipeline()
    coded = right = wrong = 0
    unlabelled: list[str] = []
    wrong_seen: list[str] = []
    for entry, text in _articles(args.bench, data["articles"]):
        item = RawItem(source=entry["url"], source_key=entry["url"], format="text", text=text,
                       meta={"title": entry["title"]} if entry.get("title") else {})
        doc = build_document(item)
        for e in extract_document(doc, nlp).events:
            coded += 1
            label = labels.get(_key(entry["url"], e.trigger, e.text))
            if label is None:
                unlabelled.append(f"{e.event_type} / {e.sub_event_type} [{e.trigger}] {e.modality}: {e.text[:160]}")
            elif label["correct"]:
                right += 1
            else:
                wrong += 1
                wrong_seen.append(f"[{e.trigger}] {label.get('why_not', '')}: {e.text[:120]}")
    labelled = right + wrong
    print(f"news articles: {len(data['articles'])} LGL/TR-News articles, {coded} events coded")
    print(f"  labelled correct {right}, labelled wrong {wrong}, unlabelled {len(unlabelled)}")
    if labelled:
        print(f"  event precision over labelled events: {right / labelled:.3f}")
    if coded:
        print(f"  bounds with the unlabelled counted wrong / right: {right / coded:.3f} / "
              f"{(right + len(unlabelled)) / coded:.3f}")
    print(f"  (at labelling, with the rules of that time: {sum(e['correct'] for e in data['events'])} correct "
          f"of {len(data['events'])} coded)")
    for line in unlabelled:
        print("   unlabelled:", line)
    if args.show_wrong:
        for line in wrong_seen:
            print("   wrong:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

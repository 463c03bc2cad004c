"""Events against gold data: PLOVER gold-standard records and event -> location linking.

Reads ``../shared/bench/plover_gsr`` (322 sentences from the CAMEO manual
coded with a PLOVER event type, source/target actors with ISO3 codes, dead
and injured) and ``../shared/bench/event_location`` (248 wire sentences: for
an event verb, which location span -- if any -- is its location), runs the
full pipeline (every component, every sentence parsed) and the claim and
event extractors, and prints:

* PLOVER event type: accuracy and macro-F1 over the gold types (our ACLED
  types mapped through ``data/acled_plover.tsv``; a sentence with no event
  counts as "NONE"), strict (the first event the sentence yields) and
  lenient (any of its events); also accuracy on the types an ACLED-shaped
  extractor can express, and with claim stances filling in verbal types;
* actors: does actor1's country match a gold source code, actor2's a gold
  target code;
* fatalities: exact match with the gold ``dead`` count;
* location linking: the place our linker picks for the gold verb, with the
  real places extractor and with every GPE/LOC/FAC entity as a candidate.

Reference points: the codebook-tuned LLM coder of Halterman & Keith
reaches 0.76 micro-F1 on PLOVER event type; UniversalPetrarch codes 44%
correctly.  Usage::

    python bench/eval_events.py [--bench ../shared/bench] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from consilience.extract.event_args import RecordIndex, actor_roles, link_place  # noqa: E402
from consilience.extract.event_triggers import TriggerMatch, lexicon  # noqa: E402
from consilience.extract.events import extract_events, plover_map, sentence_ranges  # noqa: E402
from consilience.types import Actor, Event, Place  # noqa: E402

DEFAULT_BENCH = ROOT.parent / "shared" / "bench"
ACLED_EXPRESSIBLE = {"FIGHT", "ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "AGREE", "CONSULT", "RETREAT",
                     "THREATEN"}
STANCE_TO_PLOVER = {"demand": "DEMAND", "reject": "REJECT", "deny": "REJECT", "accuse": "DISAPPROVE",
                    "threaten": "THREATEN", "promise": "AGREE"}


def run_pipeline(nlp: Any, text: str, doc_id: str, published: str | None) -> tuple[Any, dict[str, Any]]:
    """The Doc and every record the real extractors give for ``text``."""
    from consilience.extract.claims import extract_claims

    sdoc = nlp.make_doc(text)
    sdoc._.consilience_document_id = doc_id
    sdoc._.consilience_published = published
    sdoc = nlp(sdoc)
    rec = {k: tuple(getattr(sdoc._, f"consilience_{k}") or ()) for k in
           ("mentions", "actors", "places", "dates", "figures")}
    rec["claims"] = tuple(extract_claims(sdoc, doc_id, mentions=rec["mentions"], dates=rec["dates"]))
    return sdoc, rec


def events_for(sdoc: Any, doc_id: str, rec: dict[str, Any], published: str | None) -> tuple[list[Event], dict[str, Actor]]:
    actors = {a.id: a for a in rec["actors"]}
    events = extract_events(sdoc, doc_id, published=published, mentions=rec["mentions"], actors=actors,
                            places=rec["places"], dates=rec["dates"], figures=rec["figures"], claims=rec["claims"])
    return events, actors


def plover_of(e: Event) -> str | None:
    if e.plover:
        return e.plover
    code = plover_map().get((e.event_type, e.sub_event_type or ""), ("", ""))[0]
    return code or None


def country_code(aid: str | None, actors: dict[str, Actor]) -> str | None:
    """An actor's code as PLOVER writes it: ISO3, or IGO for international organisations."""
    if not aid:
        return None
    a = actors.get(aid)
    if a is not None and a.sector == "igo":
        return "IGO"
    if a is not None and a.country:
        return a.country
    head = aid.split("/")[0]
    return head if head.isupper() and len(head) == 3 else None


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    labels = sorted(set(gold))
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def _codes(actors_field: Any) -> set[str]:
    if not isinstance(actors_field, list):
        return set()
    return {str(a.get("code") or "")[:3] for a in actors_field if a.get("code")}


def eval_plover(nlp: Any, path: Path, limit: int | None) -> dict[str, float]:
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    if limit:
        records = records[:limit]
    gold: list[str] = []
    strict: list[str] = []
    with_claims: list[str] = []
    lenient_hits = 0
    src_hits = src_total = tgt_hits = tgt_total = 0
    src_pred = tgt_pred = 0
    dead_hits = dead_total = 0
    confusion: Counter[tuple[str, str]] = Counter()
    cache: dict[str, tuple[list[Event], dict[str, Actor], tuple[Any, ...], dict[str, Any]]] = {}
    for k, r in enumerate(records):
        text = r["text"].strip("{} ")
        if text not in cache:
            sdoc, rec = run_pipeline(nlp, text, f"gsr{k}", r.get("date"))
            events, actors = events_for(sdoc, f"gsr{k}", rec, r.get("date"))
            events = [e for e in events if e.modality not in ("negated", "hypothetical")]
            cache[text] = (events, actors, rec["claims"], {f.id: f for f in rec["figures"]})
        events, actors, claims, figures = cache[text]
        g = r["event"]
        codes = [plover_of(e) or "NONE" for e in events]
        p = codes[0] if codes else "NONE"
        gold.append(g)
        strict.append(p)
        confusion[(g, p)] += 1
        lenient_hits += g in codes
        if p == "NONE":
            stance = next((STANCE_TO_PLOVER[c.stance] for c in claims if c.stance in STANCE_TO_PLOVER), "NONE")
            with_claims.append(stance)
        else:
            with_claims.append(p)
        chosen = next((e for e in events if plover_of(e) == g), events[0] if events else None)
        gsrc, gtgt = _codes(r.get("source")), _codes(r.get("target"))
        if gsrc:
            src_total += 1
            c = country_code(chosen.actor1_id, actors) if chosen else None
            src_pred += c is not None
            src_hits += c in gsrc
        if gtgt:
            tgt_total += 1
            c = country_code(chosen.actor2_id, actors) if chosen else None
            tgt_pred += c is not None
            tgt_hits += c in gtgt
        if r.get("dead") not in (None, ""):
            dead_total += 1
            want = int(r["dead"])
            got = {int(figures[e.fatalities_figure_id].value) for e in events
                   if e.fatalities_figure_id in figures and figures[e.fatalities_figure_id].value is not None}
            dead_hits += want in got
    n = len(gold)
    acc = sum(1 for a, b in zip(gold, strict) if a == b) / n
    acc_claims = sum(1 for a, b in zip(gold, with_claims) if a == b) / n
    expressible = [(a, b) for a, b in zip(gold, strict) if a in ACLED_EXPRESSIBLE]
    print(f"PLOVER GSR: {n} sentences, {len(set(gold))} gold types")
    print(f"  event type, strict (first event):  accuracy {acc:.3f}  macro-F1 {macro_f1(gold, strict):.3f}")
    print(f"  event type, lenient (any event):   accuracy {lenient_hits / n:.3f}")
    print(f"  on types an ACLED-shaped extractor can express ({len(expressible)} sentences: "
          f"{', '.join(sorted(ACLED_EXPRESSIBLE & set(gold)))}): accuracy "
          f"{sum(1 for a, b in expressible if a == b) / max(1, len(expressible)):.3f}")
    print(f"  events + claim stances for the rest: accuracy {acc_claims:.3f}  "
          f"macro-F1 {macro_f1(gold, with_claims):.3f}")
    print(f"  sentences with no event: {strict.count('NONE')} of {n}")
    print(f"  actor1 country = gold source: {src_hits}/{src_total} ({src_hits / max(1, src_total):.3f}); "
          f"predicted for {src_pred}, precision {src_hits / max(1, src_pred):.3f}")
    print(f"  actor2 country = gold target: {tgt_hits}/{tgt_total} ({tgt_hits / max(1, tgt_total):.3f}); "
          f"predicted for {tgt_pred}, precision {tgt_hits / max(1, tgt_pred):.3f}")
    print(f"  fatalities exact: {dead_hits}/{dead_total}")
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for (g, p), c in confusion.items():
        per[g][p] += c
    print("  per gold type (correct/total, most frequent prediction):")
    for g in sorted(per, key=lambda x: -sum(per[x].values())):
        tot = sum(per[g].values())
        top = ", ".join(f"{p}:{c}" for p, c in per[g].most_common(3))
        print(f"    {g:<11} {per[g][g]:>3}/{tot:<3} {top}")
    return {"accuracy": acc, "macro_f1": macro_f1(gold, strict), "lenient": lenient_hits / n,
            "expressible_accuracy": sum(1 for a, b in expressible if a == b) / max(1, len(expressible)),
            "source_precision": src_hits / max(1, src_pred), "fatalities_exact": dead_hits / max(1, dead_total)}


def _verb_match(sdoc: Any, tok_i: int) -> TriggerMatch:
    """A stand-in trigger for a gold event verb (the linker only needs its position)."""
    entry = lexicon().entries[0]
    return TriggerMatch(entry, (tok_i,), tok_i)


def eval_location(nlp: Any, path: Path, limit: int | None) -> dict[str, float]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        rows = rows[:limit]
    scores = {"places module": [0, 0], "entity candidates": [0, 0]}
    none_gold = 0
    unmarked = 0
    for k, r in enumerate(rows):
        if not any(s.get("label") == "VERB" for s in r.get("spans", ())):
            unmarked += 1              # one record has no verb span: nothing to score
            continue
        text = r["text"]
        tokens = r["tokens"]
        verb = next(s for s in r["spans"] if s["label"] == "VERB")
        locs = [s for s in r["spans"] if s["label"] == "LOCATION"]
        gold_chars = [(tokens[s["token_start"]]["start"], tokens[s["token_end"]]["end"]) for s in locs]
        none_gold += not gold_chars
        sdoc, rec = run_pipeline(nlp, text, f"loc{k}", None)
        vstart = tokens[verb["token_start"]]["start"]
        vtok = next((t for t in sdoc if t.idx <= vstart < t.idx + len(t.text)), None)
        if vtok is None:
            continue
        sent = next(((a, b) for a, b in sentence_ranges(sdoc) if a <= vtok.i < b), (0, len(sdoc)))
        toks = [sdoc[i] for i in range(*sent)]
        parsed = all(t.dep_ for t in toks if not t.is_space)
        ents = tuple(Place(f"x{j}", f"loc{k}", e.start_char, e.end_char, e.text, "bench", e.text, precision="point")
                     for j, e in enumerate(sdoc.ents) if e.label_ in ("GPE", "LOC", "FAC"))
        for name, places in (("places module", rec["places"]), ("entity candidates", ents)):
            actors = {a.id: a for a in rec["actors"]}
            idx = RecordIndex.build(sdoc, mentions=rec["mentions"], places=places, actors=actors)
            m = _verb_match(sdoc, vtok.i)
            roles = actor_roles(m, toks, idx, parsed)
            link = link_place(m, toks, idx, parsed, roles)
            if link is None:
                ok = not gold_chars
            else:
                ok = any(link.place.start < ge and gs < link.place.end for gs, ge in gold_chars)
            scores[name][0] += ok
            scores[name][1] += 1
    print(f"event_location: {len(rows) - unmarked} verbs scored ({unmarked} without a verb span skipped), "
          f"{none_gold} with no location in the sentence")
    for name, (hit, tot) in scores.items():
        print(f"  location linking accuracy ({name}): {hit}/{tot} = {hit / max(1, tot):.3f}")
    print(f"  baseline 'always none': {none_gold / max(1, len(rows) - unmarked):.3f}")
    return {name: hit / max(1, tot) for name, (hit, tot) in scores.items()}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--limit", type=int, default=None, help="only the first N records of each set")
    args = ap.parse_args(argv)
    gsr = args.bench / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
    loc = args.bench / "event_location" / "event_location_dev.jsonl"
    if not gsr.exists() and not loc.exists():
        print(f"skipped: no bench data under {args.bench} (plover_gsr/, event_location/)")
        return 0
    from consilience.nlp.pipeline import build_pipeline

    nlp = build_pipeline(parse="all")
    if gsr.exists():
        eval_plover(nlp, gsr, args.limit)
    else:
        print(f"skipped PLOVER GSR: {gsr} is absent")
    if loc.exists():
        eval_location(nlp, loc, args.limit)
    else:
        print(f"skipped event_location: {loc} is absent")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

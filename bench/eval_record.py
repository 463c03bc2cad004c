"""The cross-source record against a careful analyst's judgements (bench/record_dev.jsonl).

What an analyst copies from Consilience is the cross-document layer: which
reports describe the same event, whether an event is corroborated by
independent origins, and which propositions are disputed.  This script scores
that layer on the example corpus against hand-written judgements (how they
were made: ``bench/record_dev.SOURCE.md``) and prints:

* **merged events** -- pairwise precision / recall of cross-document links:
  every pair of spans from different documents that one merged event puts
  together is right when one gold event holds both sentences; a span that is
  no gold event's mention makes its pairs wrong.  Each false pair is listed.
* **statuses** -- for each gold event, the status of the merged event that
  holds most of its mentions; accuracy, and every false "corroborated" (the
  costly error: an analyst would print it as confirmed).  Merged events that
  mix background (1990s war, 1994 ceasefire) with current mentions are listed.
* **disputes** -- precision of the contradiction rows (a row is right when its
  two sides fall on the two sides of one gold dispute), the distinct disputes
  they cover, recall over the non-optional gold disputes, and every false row.

Precision first: every false corroboration and false dispute is printed.

    python bench/eval_record.py [--db FILE] [--examples DIR] [--quiet]

Without ``--db`` it runs ``consilience run`` on ``examples/karabakh`` into a
temporary database (about a minute) and reads ``consilience export --format
json`` -- the public contract, so the script outlives internal changes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "record_dev.jsonl"


@dataclass(frozen=True)
class Anchor:
    key: str        # "G1#0"
    group: str      # gold event or dispute id (with side for disputes)
    doc: str        # document code ("000")
    start: int
    end: int


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def export_corpus(db: str | None, examples: Path) -> dict[str, Any]:
    py = [sys.executable, "-m", "consilience"]
    with tempfile.TemporaryDirectory() as tmp:
        if db is None:
            db = str(Path(tmp) / "record.db")
            subprocess.run(py + ["run", str(examples), "--db", db, "--report", str(Path(tmp) / "r.html"), "-q"],
                           check=True)
        out = Path(tmp) / "export.json"
        subprocess.run(py + ["export", "--format", "json", "--db", db, "-o", str(out), "--no-raw", "-q"],
                       check=True)
        return json.loads(out.read_text(encoding="utf-8"))


def doc_codes(export: dict[str, Any]) -> dict[str, str]:
    """document id -> the example file's three-digit prefix."""
    out = {}
    for d in export["documents"]:
        name = Path(str(d.get("source") or "")).name
        out[d["id"]] = name[:3]
    return out


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``; spacing (newlines, no-break spaces) does not count."""
    flat = text.replace("\n", " ").replace("\u00a0", " ").replace("\u202f", " ")
    i = flat.find(quote)
    return (i, i + len(quote)) if i >= 0 else None


def build_anchors(gold: list[dict[str, Any]], texts: dict[str, str]) -> tuple[list[Anchor], list[str]]:
    anchors, missing = [], []
    for item in gold:
        sides = ([("", item["mentions"])] if item["type"] == "event"
                 else [("/a", item["a"]), ("/b", item["b"])])
        for suffix, mentions in sides:
            for n, m in enumerate(mentions):
                pos = locate(texts.get(m["doc"], ""), m["quote"])
                if pos is None:
                    missing.append(f"{item['id']}{suffix}: {m['doc']} {m['quote']!r}")
                    continue
                anchors.append(Anchor(f"{item['id']}{suffix}#{n}", item["id"] + suffix, m["doc"], *pos))
    return anchors, missing


def hits(span: dict[str, Any], code: str, anchors: list[Anchor], groups: set[str] | None = None) -> set[str]:
    """Gold groups whose anchors overlap the span."""
    return {a.group for a in anchors
            if a.doc == code and a.start < span["end"] and span["start"] < a.end
            and (groups is None or a.group in groups)}


def score_merged(export, codes, anchors, events) -> dict[str, Any]:
    event_ids = {e["id"] for e in events}
    ev_anchors = [a for a in anchors if a.group in event_ids]
    # gold cross-document pairs of anchors
    by_group: dict[str, list[Anchor]] = defaultdict(list)
    for a in ev_anchors:
        by_group[a.group].append(a)
    gold_pairs = {frozenset((x.key, y.key)) for g in by_group.values() for x, y in combinations(g, 2) if x.doc != y.doc}
    found_pairs: set[frozenset[str]] = set()
    right = wrong = 0
    false_pairs = []
    seen: set[tuple] = set()
    for m in export["merged_events"]:
        spans = [(codes.get(s["document_id"], "?"), s) for s in m["spans"]]
        for (c1, s1), (c2, s2) in combinations(spans, 2):
            if c1 == c2:
                continue
            key = tuple(sorted([(c1, s1["start"]), (c2, s2["start"])]))
            if key in seen:
                continue
            seen.add(key)
            g1, g2 = hits(s1, c1, ev_anchors), hits(s2, c2, ev_anchors)
            if g1 & g2:
                right += 1
            else:
                wrong += 1
                false_pairs.append((m["id"], f"{c1}: {s1['text'][:70]}", sorted(g1) or ["(no gold event)"],
                                    f"{c2}: {s2['text'][:70]}", sorted(g2) or ["(no gold event)"]))
            for a in ev_anchors:
                if a.doc == c1 and a.start < s1["end"] and s1["start"] < a.end:
                    for b in ev_anchors:
                        if b.doc == c2 and b.group == a.group and b.start < s2["end"] and s2["start"] < b.end:
                            found_pairs.add(frozenset((a.key, b.key)))
    recall = len(found_pairs & gold_pairs) / len(gold_pairs) if gold_pairs else 1.0
    key_of = {a.key: a for a in ev_anchors}
    missed = sorted({(key_of[k].group, key_of[k].doc) for pair in gold_pairs - found_pairs for k in pair})
    precision = right / (right + wrong) if right + wrong else 1.0
    return {"pairs_predicted": right + wrong, "pairs_right": right, "precision": precision,
            "gold_pairs": len(gold_pairs), "recall": recall, "false_pairs": false_pairs, "missed": missed}


def score_statuses(export, codes, anchors, events) -> dict[str, Any]:
    event_ids = {e["id"] for e in events}
    background = {e["id"] for e in events if e.get("background")}
    ev_anchors = [a for a in anchors if a.group in event_ids]
    mapped: dict[str, list[tuple[int, dict]]] = defaultdict(list)  # gold id -> (hits, merged)
    mixed, false_corr, unmapped_corr = [], [], []
    gold_of_merged: dict[str, str | None] = {}
    for m in export["merged_events"]:
        counts: Counter[str] = Counter()
        for s in m["spans"]:
            for g in hits(s, codes.get(s["document_id"], "?"), ev_anchors):
                counts[g] += 1
        for g, n in counts.items():
            mapped[g].append((n, m))
        groups = set(counts)
        if groups & background and groups - background:
            mixed.append((m["id"], sorted(groups)))
        gold_of_merged[m["id"]] = counts.most_common(1)[0][0] if counts else None
    rows = []
    for e in events:
        if e.get("background") or "status" not in e:
            continue
        # the merged event of the gold event's type that holds most of its mentions
        cands = sorted(mapped.get(e["id"], []),
                       key=lambda t: (t[1].get("event_type") != e.get("event_type"), -t[0], t[1]["id"]))
        pred = cands[0][1] if cands else None
        rows.append((e["id"], e["status"], pred["status"] if pred else "(not found)",
                     pred.get("independent_origins") if pred else None, e.get("independent_origins")))
    for m in export["merged_events"]:
        if m["status"] != "corroborated":
            continue
        g = gold_of_merged.get(m["id"])
        gold = next((e for e in events if e["id"] == g), None)
        if gold is None:
            unmapped_corr.append((m["id"], m["spans"][0]["text"][:90]))
        elif gold.get("background"):
            continue   # history told by several outlets: not a claim about the current events
        elif gold.get("status") != "corroborated":
            false_corr.append((m["id"], g, gold.get("status", "background"), m["spans"][0]["text"][:90]))
    correct = sum(1 for r in rows if r[1] == r[2])
    origin_rows = [r for r in rows if r[4] is not None]
    return {"rows": rows, "accuracy": correct / len(rows) if rows else 1.0,
            "corroborated_predicted": sum(1 for m in export["merged_events"] if m["status"] == "corroborated"),
            "false_corroborations": false_corr, "corroborated_not_an_event": unmapped_corr, "mixed_background": mixed,
            "origin_count_right": sum(1 for r in origin_rows if r[3] == r[4]), "origin_count_judged": len(origin_rows)}


def score_disputes(export, codes, anchors, disputes) -> dict[str, Any]:
    right_rows, false_rows = 0, []
    covered: set[str] = set()
    for c in export["contradictions"]:
        a, b = c["a"], c["b"]
        ca, cb = codes.get(a["document_id"], "?"), codes.get(b["document_id"], "?")
        match = None
        for d in disputes:
            sa, sb = {d["id"] + "/a"}, {d["id"] + "/b"}
            ha, hb = hits(a, ca, anchors, sa | sb), hits(b, cb, anchors, sa | sb)
            if (ha & sa and hb & sb) or (ha & sb and hb & sa):
                match = d
                break
        if match is None:
            false_rows.append((c.get("kind"), f"{ca}: {a['text'][:80]}", f"{cb}: {b['text'][:80]}"))
        else:
            right_rows += 1
            covered.add(match["id"])
    required = [d["id"] for d in disputes if not d.get("optional")]
    n = right_rows + len(false_rows)
    return {"rows": n, "rows_right": right_rows, "precision": right_rows / n if n else 1.0,
            "disputes_covered": sorted(covered), "required": required,
            "recall": sum(1 for d in required if d in covered) / len(required) if required else 1.0,
            "false_rows": false_rows}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="an existing database of the example corpus (default: run it now)")
    ap.add_argument("--examples", default=str(ROOT / "examples" / "karabakh"))
    ap.add_argument("--quiet", action="store_true", help="figures only, no error lists")
    args = ap.parse_args(argv)

    gold = load_gold()
    events = [g for g in gold if g["type"] == "event"]
    disputes = [g for g in gold if g["type"] == "dispute"]
    export = export_corpus(args.db, Path(args.examples))
    codes = doc_codes(export)
    texts = {codes[d["id"]]: d["text"] for d in export["documents"]}
    anchors, missing = build_anchors(gold, texts)
    if missing:
        print("gold quotes not found in the cleaned texts (fix the gold or the cleaning):", file=sys.stderr)
        for m in missing:
            print("  " + m, file=sys.stderr)
        return 1

    me = score_merged(export, codes, anchors, events)
    st = score_statuses(export, codes, anchors, events)
    di = score_disputes(export, codes, anchors, disputes)

    print(f"gold: {len(events)} events ({sum(1 for e in events if e.get('background'))} background), "
          f"{len(disputes)} disputes ({sum(1 for d in disputes if d.get('optional'))} optional), {len(anchors)} anchors")
    print(f"merged events: {len(export['merged_events'])}; cross-document span pairs {me['pairs_predicted']}, "
          f"precision {me['precision']:.3f}, recall {me['recall']:.3f} (of {me['gold_pairs']} gold pairs)")
    print(f"statuses: accuracy {st['accuracy']:.3f} over {len(st['rows'])} gold events; "
          f"{st['corroborated_predicted']} merged events corroborated, {len(st['false_corroborations'])} false, "
          f"{len(st['corroborated_not_an_event'])} on no gold event; independent-origin counts right "
          f"{st['origin_count_right']}/{st['origin_count_judged']}; {len(st['mixed_background'])} mix background "
          f"with current events")
    print(f"disputes: {di['rows']} rows, precision {di['precision']:.3f}; gold disputes covered "
          f"{','.join(di['disputes_covered']) or '-'}; recall {di['recall']:.3f} over {len(di['required'])} required")
    if args.quiet:
        return 0
    print("\nstatus per gold event (gold -> predicted, independent origins predicted/gold):")
    for gid, gs, ps, po, go in st["rows"]:
        mark = " " if gs == ps else "x"
        print(f"  {mark} {gid:<4} {gs:<28} -> {ps:<28} {po}/{go if go is not None else '-'}")
    for title, rows in (("false corroborations", st["false_corroborations"]),
                        ("corroborated merged events on no gold event", st["corroborated_not_an_event"]),
                        ("merged events mixing background and current mentions", st["mixed_background"]),
                        ("false cross-document pairs", me["false_pairs"]),
                        ("gold events with missed cross-document links (event, document)", me["missed"]),
                        ("false dispute rows", di["false_rows"])):
        print(f"\n{title}: {len(rows)}")
        for r in rows:
            print("  " + " | ".join(str(x) for x in r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

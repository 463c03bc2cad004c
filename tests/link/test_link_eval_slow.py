"""Quality gate on the ECB+ dev files (../shared/bench/ecbplus); run with ``pytest -m slow``."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "bench" / "ecbplus"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ev():
    if not (BENCH / "dev_event_gold_mentions.json").is_file():
        pytest.skip(f"{BENCH} not found")
    spec = importlib.util.spec_from_file_location("eval_linking", ROOT / "bench" / "eval_linking.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_story_clustering_separates_topics_and_mostly_sub_topics(ev):
    docs, _ = ev.load(BENCH)
    story_of = ev.stories(docs, ev.StorySettings())
    ids = sorted(docs)
    pred = [story_of[d] for d in ids]
    assert ev.purity([d.split("_")[0] for d in ids], pred) >= 0.95, "stories never mix topics"
    assert ev.ari([ev.subtopic(d) for d in ids], pred) >= 0.55


def test_event_coreference_is_not_below_the_same_lemma_baseline(ev):
    docs, mentions = ev.load(BENCH)
    story_of = ev.stories(docs, ev.StorySettings())
    lemmas, syntax, _ = ev.heads(docs, mentions)
    key: dict = {}
    for i, m in enumerate(mentions):
        key.setdefault(m["coref_chain"], set()).add(str(i))
    feats = ev.event_features(mentions, lemmas, docs, lambda d: story_of[d], syntax=syntax)
    ours = ev.conll(list(key.values()), ev.coref(feats, 0.5))["CoNLL"][2]
    base = ev.conll(list(key.values()), ev.lemma_baseline(feats))["CoNLL"][2]
    assert ours >= base - 0.005 and ours >= 0.68

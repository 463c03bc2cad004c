"""Tests for consilience.ingest.clean: boilerplate removal with an exact offset trace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consilience.config import DEFAULT_CONFIG
from consilience.ingest.clean import (
    CleanResult,
    boilerplate_rules,
    clean_text,
    match_boilerplate,
    parse_rules,
    split_site_suffix,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "karabakh"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))
PATTERN_REASONS = {rule.reason for rule in boilerplate_rules()}


def _read(name_prefix: str) -> str:
    (path,) = [p for p in EXAMPLE_FILES if p.name.startswith(name_prefix)]
    return path.read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n")]


def assert_offsets_exact(raw: str, result: CleanResult) -> None:
    """Every non-separator character maps to the same character in raw; separators are "\\n"
    between lines, or " " inside an unwrapped paragraph where raw has one line break."""
    covered: set[int] = set()
    segments = result.offset_map.segments
    for seg in segments:
        piece = result.text[seg.clean_start:seg.clean_start + seg.length]
        assert piece == raw[seg.raw_start:seg.raw_start + seg.length]
        covered.update(range(seg.clean_start, seg.clean_start + seg.length))
    for before, after in zip(segments, segments[1:]):
        separator = result.text[before.clean_start + before.length:after.clean_start]
        assert separator in ("\n", " "), separator
        if separator == " ":     # joined wrapped lines: only whitespace and one break between them
            gap = raw[before.raw_start + before.length:after.raw_start]
            assert not gap.strip() and len(re.findall(r"\r\n|\r|\n", gap)) == 1, repr(gap)
    for i, ch in enumerate(result.text):
        if i in covered:
            assert raw[result.offset_map.to_raw(i)] == ch, i
        else:
            assert ch in "\n ", (i, ch)
    for removed in result.removed:
        assert raw[removed.raw_start:removed.raw_end] == removed.text
        assert removed.reason


def _non_space(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


# ---------------------------------------------------------------------------
# Rules as data
# ---------------------------------------------------------------------------


def test_packaged_rules_load_and_have_reasons() -> None:
    rules = boilerplate_rules()
    assert len(rules) >= 20
    assert all(rule.reason for rule in rules)


@pytest.mark.parametrize(
    ("tsv", "message"),
    [
        ("# only a comment\nfoo\tbar\n", "expected header"),
        ("regex\treason\n(unclosed\tbad\n", "bad regex"),
        ("regex\treason\nno reason here\n", "expected 'regex<TAB>reason'"),
        ("regex\treason\na\tb\tc\n", "expected 'regex<TAB>reason'"),
    ],
)
def test_parse_rules_rejects_malformed_rows(tsv: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_rules(tsv)


def test_parse_rules_matches_whole_line_only() -> None:
    rules = parse_rules("# c\nregex\treason\nshare on \\w+\tshare button\n")
    assert match_boilerplate("Share on Facebook", rules) == "share button"
    assert match_boilerplate("  share on vk  ", rules) == "share button"
    assert match_boilerplate("He said to share on facebook was wrong.", rules) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Share on facebook", "share button"),
        ("Share on odnoklassniki", "share button"),
        ("SHARE THIS ARTICLE", "share button"),
        ("Share", "share button"),
        ("Facebook | Twitter | Email", "share button"),
        ("READ MORE: Azerbaijan vows to fight until Armenia leaves Karabakh", "teaser"),
        ("Read:\u00a0What’s Behind the Row", "teaser"),
        ("Also read: Turkey sends drones", "teaser"),
        ("See also: Ceasefire collapses", "teaser"),
        ("Related Posts", "related-content block"),
        ("Last News", "related-content block"),
        ("Most Read", "related-content block"),
        ("2 thoughts on “Armenia-Azerbaijan Conflict Escalates”", "comment counter"),
        ("15 comments on \"Ceasefire\"", "comment counter"),
        ("No comments yet.", "comment counter"),
        ("Comments are closed.", "comment section"),
        ("Leave a Reply", "comment section"),
        ("Our Facebook", "follow-us line"),
        ("Follow us on Twitter", "follow-us line"),
        ("Subscribe to our newsletter", "subscription prompt"),
        ("Press TV’s website can also be accessed at the following alternate addresses:", "alternate-address line"),
        ("www.presstv.ir", "bare URL line"),
        ("https://example.org/news/item?id=3", "bare URL line"),
        ("Press TV News Roku", "app promotion"),
        ("Download our app", "app promotion"),
        ("Advertisement", "advertisement"),
        ("Tags: armenia, azerbaijan", "tag line"),
        ("© 2020 Example Media. All rights reserved.", "copyright line"),
        ("* * *", "punctuation-only line"),
        # negatives: body text that merely contains boilerplate words
        ("Azerbaijan and Armenia share a long, disputed border.", None),
        ("Read more than 100 reports and you will see the pattern.", None),
        ("The ministry said comments are closed to the press until Monday.", None),
        ("Follow-up talks are planned for Geneva.", None),
        ("Copyright laws in Azerbaijan are strict.", None),
        ("Rising death toll", None),
        ("11:25 – Macron, Putin call for immediate ceasefire: Kremlin", None),
        ("Our forces will not retreat, the minister said.", None),
        ("Related reports said dozens were wounded in Tartar.", None),
        ("Sources: Sputnik, RT.COM, HuffingtonPost, Aljazeera", None),
    ],
)
def test_match_boilerplate(line: str, expected: str | None) -> None:
    assert match_boilerplate(line) == expected


@pytest.mark.parametrize(
    ("title", "known", "expected"),
    [
        ("Fighting rages - live blog | The Levant", (), ("Fighting rages - live blog", "The Levant")),
        ("Putin calls for ceasefire - Kremlin", (), ("Putin calls for ceasefire - Kremlin", None)),
        ("Putin calls for ceasefire - BBC News", ("BBC News",), ("Putin calls for ceasefire", "BBC News")),
        ("Plain headline", (), ("Plain headline", None)),
        ("Headline | A site name with far too many words in it", (),
         ("Headline | A site name with far too many words in it", None)),
    ],
)
def test_split_site_suffix(title: str, known: tuple[str, ...], expected: tuple[str, str | None]) -> None:
    assert split_site_suffix(title, known) == expected


# ---------------------------------------------------------------------------
# Rules on synthetic texts
# ---------------------------------------------------------------------------

BODY1 = "Armenian and Azerbaijani forces exchanged heavy artillery fire along the front line on Thursday, officials said."
BODY2 = "The defence ministry in Baku said its troops had repelled several attacks overnight near the town of Tartar."
BODY3 = "Both sides accuse each other of targeting civilian areas, and the reports could not be independently verified."


def _reasons(result: CleanResult) -> dict[str, str]:
    return {r.text: r.reason for r in result.removed}


def test_header_rules_title_tag_line_and_labels() -> None:
    raw = "\n".join([
        "world news",
        "Politics / Europe",
        "Fighting flares again over Karabakh | Daily Example",
        "USA & World",
        "Fighting flares again over Karabakh",
        "By Jane Doe",
        BODY1,
        BODY2,
    ])
    result = clean_text(raw)
    reasons = _reasons(result)
    assert reasons["world news"] == "tag line"
    assert reasons["Politics / Europe"] == "site furniture (header)"
    assert reasons["USA & World"] == "site furniture (header)"
    assert reasons["Fighting flares again over Karabakh"] == "repeated title"
    assert reasons["| Daily Example"] == "site suffix"
    assert result.title == "Fighting flares again over Karabakh"
    assert result.site_name == "Daily Example"
    assert _lines(result.text) == ["Fighting flares again over Karabakh", "By Jane Doe", BODY1, BODY2]
    assert_offsets_exact(raw, result)


def test_title_hint_recognises_title_and_copies() -> None:
    raw = f"Breaking\nTalks rejected – live blog\n{BODY1}\nRelated Posts\nTalks rejected - live blog\n"
    result = clean_text(raw, title_hint="Talks rejected - live blog | The Site")
    assert result.title == "Talks rejected - live blog"
    assert result.site_name == "The Site"
    assert _lines(result.text)[0] == "Talks rejected – live blog"
    assert _reasons(result)["Talks rejected - live blog"] == "repeated title"
    assert_offsets_exact(raw, result)


def test_title_hint_absent_from_text_is_still_the_title() -> None:
    raw = f"{BODY1}\n{BODY2}"
    result = clean_text(raw, title_hint="Not In The Text At All")
    assert result.title == "Not In The Text At All"
    assert result.text == raw


def test_title_is_moved_to_the_first_line() -> None:
    raw = f"Published: 4 October 2020\nFighting flares again over Karabakh\n{BODY1}"
    result = clean_text(raw)
    assert _lines(result.text) == ["Fighting flares again over Karabakh", "Published: 4 October 2020", BODY1]
    assert_offsets_exact(raw, result)


def test_trailer_furniture_credits_and_short_final_sentence() -> None:
    raw = "\n".join([
        "Fighting flares again over Karabakh",
        BODY1,
        BODY2,
        "He declined to comment.",
        "Source: Al Jazeera and news agencies",
        "More headlines about the region",
        "(Reporting by Jane Doe; Editing by John Roe)",
    ])
    result = clean_text(raw)
    reasons = _reasons(result)
    assert "He declined to comment." in _lines(result.text)
    assert reasons["More headlines about the region"] == "site furniture (trailer)"
    assert result.credits == ("Source: Al Jazeera and news agencies", "(Reporting by Jane Doe; Editing by John Roe)")
    assert reasons["Source: Al Jazeera and news agencies"] == "credit line"


def test_credit_like_line_inside_the_body_is_kept() -> None:
    raw = f"Fighting flares again over Karabakh\n{BODY1}\nSource: the ministry\n{BODY2}"
    result = clean_text(raw)
    assert "Source: the ministry" in _lines(result.text)
    assert result.credits == ()


def test_subheadings_and_timestamped_lines_are_kept() -> None:
    raw = "\n".join(["Headline of the day here", BODY1, "Rising death toll", BODY2,
                     "11:25 – Leaders call for ceasefire", BODY3, "23:45 – Another update with no body yet"])
    result = clean_text(raw)
    lines = _lines(result.text)
    assert "Rising death toll" in lines
    assert "11:25 – Leaders call for ceasefire" in lines
    assert "23:45 – Another update with no body yet" in lines


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("  " + BODY1.upper().replace("'", "’") + "  ", "duplicate line"),
        (BODY1.replace("Thursday", "Friday"), None),  # 2 of 15 words: Jaccard < 0.9
        (BODY1.replace("officials said.", "officials said!"), "near-duplicate line"),
        (BODY2, None),
    ],
)
def test_duplicate_lines(second: str, expected: str | None) -> None:
    raw = f"{BODY1}\n{BODY3}\n{second}"
    result = clean_text(raw)
    reasons = [r.reason for r in result.removed]
    if expected is None:
        assert reasons == []
        assert second.strip() in _lines(result.text)
    else:
        assert reasons == [expected]
        assert _lines(result.text) == [BODY1, BODY3]


def test_near_duplicate_line() -> None:
    long_line = ("Officials in Baku said on Thursday that the army had shelled positions across the front line "
                 "for several hours after a night of heavy fighting in the mountains near the town of Tartar, "
                 "and that dozens of soldiers had been wounded in the clashes.")
    variant = long_line.replace("the clashes.", "the fighting.")  # one trigram of 44 differs
    raw = f"{long_line}\n{variant}"
    result = clean_text(raw)
    assert [r.reason for r in result.removed] == ["near-duplicate line"]
    stricter = clean_text(raw, config=DEFAULT_CONFIG.with_overrides(near_duplicate_line_jaccard=0.99))
    assert stricter.removed == ()


def test_text_without_body_paragraph_keeps_short_lines() -> None:
    raw = "Armenia\nUSA & World\nshort lowercase item\nShare on facebook"
    result = clean_text(raw)
    assert _lines(result.text) == ["Armenia", "USA & World", "short lowercase item"]
    assert [r.reason for r in result.removed] == ["share button"]
    assert result.title is None


@pytest.mark.parametrize("raw", ["", "   \n\t\n", "Share on facebook\nComments are closed."])
def test_nothing_left(raw: str) -> None:
    result = clean_text(raw)
    assert result.text == ""
    assert result.offset_map.segments == ()


def test_crlf_and_cr_line_breaks() -> None:
    raw = f"Headline of the day here\r\n\r\n  {BODY1}  \r\nShare on twitter\r{BODY2}\r\n"
    result = clean_text(raw)
    assert _lines(result.text) == ["Headline of the day here", BODY1, BODY2]
    assert "\r" not in result.text
    assert_offsets_exact(raw, result)


# ---------------------------------------------------------------------------
# Property: offsets are exact, nothing is lost without a trace
# ---------------------------------------------------------------------------

BOILERPLATE_SAMPLES = [
    "Share on facebook", "READ MORE: Something else happened", "Related Posts", "Comments are closed.",
    "2 thoughts on “A headline”", "SHARE THIS ARTICLE", "Our Facebook", "www.example.com", "Last News",
    "Sources: Sputnik, RT", "usa & world", "World",
]
SENTENCES = [BODY1, BODY2, BODY3, "Rising death toll", "11:25 – Leaders call for ceasefire"]
line_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.sampled_from(BOILERPLATE_SAMPLES),
    st.sampled_from(SENTENCES),
)
padding = st.sampled_from(["", " ", "\t", "\u00a0", "  "])
newline = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


@st.composite
def raw_texts(draw: st.DrawFn) -> tuple[str, str | None]:
    lines = draw(st.lists(st.tuples(padding, line_text, padding), max_size=25))
    breaks = draw(st.lists(newline, min_size=len(lines), max_size=len(lines)))
    raw = "".join(f"{a}{t}{b}{nl}" for (a, t, b), nl in zip(lines, breaks))
    hint = draw(st.one_of(st.none(), st.sampled_from(SENTENCES), st.text(max_size=20)))
    return raw, hint


@settings(max_examples=300, deadline=None, derandomize=True)
@given(raw_texts())
def test_property_offsets_exact_and_nothing_lost(case: tuple[str, str | None]) -> None:
    raw, hint = case
    result = clean_text(raw, title_hint=hint)
    assert_offsets_exact(raw, result)
    # conservation: every visible character of raw is either kept or in a removed line
    kept = sum(_non_space(result.text[s.clean_start:s.clean_start + s.length]) for s in result.offset_map.segments)
    assert kept + sum(_non_space(r.text) for r in result.removed) == _non_space(raw)
    # kept lines have no surrounding whitespace and are made of raw text: verbatim lines, or (hard-wrapped
    # text, ingest/unwrap.py) pieces joined by single spaces; each piece's offsets are checked exactly above
    for line in _lines(result.text):
        if result.text:
            assert line and line == line.strip() and all(word in raw for word in line.split())


# ---------------------------------------------------------------------------
# The example corpus
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_offsets_exact(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    result = clean_text(raw)
    assert_offsets_exact(raw, result)
    assert result.text and result.title
    assert _lines(result.text)[0] == result.title


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_no_body_sentence_lost(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    result = clean_text(raw)
    kept = set(_lines(result.text))
    by_pattern = {r.text for r in result.removed if r.reason in PATTERN_REASONS}
    sentences = [line.strip() for line in raw.splitlines()
                 if len(line.split()) >= 8 and re.search(r"[.!?…][\"'”’)]*\s*$", line)]
    assert sentences
    for sentence in sentences:
        assert sentence in kept or sentence in by_pattern, sentence


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_known_boilerplate_is_gone_and_listed(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    result = clean_text(raw)
    removed = {r.text for r in result.removed}
    boilerplate = [line.strip() for line in raw.splitlines() if re.match(
        r"\s*(Share on |READ MORE:|Read:|Related Posts$|Comments are closed\.$|\d+ thoughts on |"
        r"SHARE THIS ARTICLE$|Press TV News Roku$)", line)]
    for line in boilerplate:
        assert line in removed, line
        assert line not in result.text


def test_example_counts() -> None:
    levant = clean_text(_read("002"))
    assert sum(r.text.startswith("Share on ") and r.reason == "share button" for r in levant.removed) == 18
    trt = clean_text(_read("000"))
    assert sum(r.text.startswith("READ MORE:") and r.reason == "teaser" for r in trt.removed) == 6


def test_example_trt_keeps_both_similar_sentences_and_subheadings() -> None:
    result = clean_text(_read("000"))
    lines = _lines(result.text)
    rival = [line for line in lines if line.startswith("The rival Caucasus nations have been locked in")]
    assert len(rival) == 2
    assert any("fiercest clashes" in line for line in rival)
    assert any("bitter stalemate" in line for line in rival)
    for heading in ("Rising death toll", "No closer to ending", "Conflicting international approaches",
                    "Karabakh conflict"):
        assert heading in lines


def test_example_levant_title_suffix_repeats_credits_and_live_blog() -> None:
    result = clean_text(_read("002"))
    lines = _lines(result.text)
    assert result.title == "Azerbaijan-Armenia fighting rages as talks rejected - live blog"
    assert result.site_name == "The Levant"
    assert sum(r.reason == "repeated title" for r in result.removed) == 4
    assert result.credits == ("source: ahval",)
    assert "11:25 – Macron, Putin call for immediate ceasefire: Kremlin" in lines
    assert "23:30 – Resolution only possible ‘if Armenia’s occupation ends’: Turkish presidential spox" in lines
    assert not any(line.startswith("Azerbaijan-Armenia fighting rages") for line in lines[1:])
    assert {"Last News", "Our Facebook"} <= {r.text for r in result.removed}


def test_example_blog_tag_line_credits_and_comments() -> None:
    result = clean_text(_read("001"))
    reasons = _reasons(result)
    assert reasons["armenia azerbaijan nagorno -karabakh"] == "tag line"
    assert result.title == "Armenia-Azerbaijan Karabakh Conflict Escalates, Casualties Reported"
    assert result.credits == ("Sources: Sputnik, RT.COM, HuffingtonPost, Aljazeera",)
    assert "Update Sunday 03/04/2016:" in _lines(result.text)
    assert _lines(result.text)[-1].startswith('"This corner of the world')


def test_example_syndicated_copy_and_press_tv_header() -> None:
    aj = clean_text(_read("003"))
    assert _reasons(aj)["USA & World"] == "site furniture (header)"
    assert [r.reason for r in aj.removed].count("repeated title") == 1
    assert "‘More troops into the conflict area’" in _lines(aj.text)
    ptv = clean_text(_read("004"))
    reasons = _reasons(ptv)
    assert reasons["News \u00a0 / \u00a0 More"] == "site furniture (header)"
    assert reasons["www.presstv.ir"] == "bare URL line"
    assert _lines(ptv.text)[-1].startswith("Turkey condemns the Armenian occupation")
    assert _lines(ptv.text)[1].startswith("The photo shows the aftermath")


from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from(list("ab_3 &/–é“”.\t")), max_size=40))
def test_word_count_counts_tokens_with_a_letter_or_digit(line):
    from consilience.ingest.clean import word_count

    assert word_count(line) == sum(1 for tok in line.split() if any(ch.isalnum() for ch in tok))


# ---------------------------------------------------------------------------
# Property: hard-wrapped paragraphs come back whole, offsets still exact
# ---------------------------------------------------------------------------

WORDS = ["the", "forces", "said", "on", "Monday", "town", "shelling", "of", "and", "officials",
         "Baku", "Yerevan", "ceasefire", "were", "killed", "in", "a", "statement", "near", "front",
         "ministry", "defence", "“we", "will", "not", "leave,”", "villages", "artillery", "continued"]


@st.composite
def wrapped_texts(draw: st.DrawFn) -> tuple[str, list[str]]:
    import textwrap

    width = draw(st.integers(min_value=45, max_value=90))
    paragraphs = []
    for k in range(draw(st.integers(min_value=3, max_value=6))):
        # prose, not a word repeated (a line of "the the the" is rightly dropped as a near-duplicate line)
        words = draw(st.lists(st.sampled_from(WORDS), min_size=15, max_size=40).filter(lambda ws: len(set(ws)) >= 8))
        # a paragraph marker in every trigram, so paragraphs are never near duplicates of each other
        sentence = " ".join(f"x{k} {w}" if j % 2 == 0 else w for j, w in enumerate(words))
        paragraphs.append(sentence[0].upper() + sentence[1:] + ".")
    blocks = [textwrap.fill(p, width) for p in paragraphs]
    gaps = draw(st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\n  \n"]),
                         min_size=len(blocks), max_size=len(blocks)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    head = draw(st.sampled_from(["", "Shelling continues near the front\nBy A Reporter\n\n"]))
    raw = head + "".join(b.replace("\n", newline) + g for b, g in zip(blocks, gaps))
    return raw, paragraphs


@settings(max_examples=150, deadline=None, derandomize=True)
@given(wrapped_texts())
def test_property_wrapped_paragraphs_are_whole_and_offsets_exact(case: tuple[str, list[str]]) -> None:
    raw, paragraphs = case
    result = clean_text(raw)
    assert_offsets_exact(raw, result)
    kept = sum(_non_space(result.text[s.clean_start:s.clean_start + s.length]) for s in result.offset_map.segments)
    assert kept + sum(_non_space(r.text) for r in result.removed) == _non_space(raw)
    lines = _lines(result.text)
    for paragraph in paragraphs:       # each paragraph lies whole within one cleaned line
        assert any(paragraph in line for line in lines), (paragraph, lines)
    if raw.startswith("Shelling"):
        assert result.title == "Shelling continues near the front"
        assert "By A Reporter" in lines


def test_a_dateline_on_its_own_line_is_kept_not_taken_for_a_label():
    raw = ("Senators reject the bill\nWashington (CNN)\nThe Senate rejected the bill on Tuesday after a long "
           "debate, with both parties split over its cost and its reach.\n")
    result = clean_text(raw, title_hint="Senators reject the bill")
    assert "Washington (CNN)" in result.text
    assert not any(r.text == "Washington (CNN)" for r in result.removed)

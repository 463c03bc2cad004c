from consilience.link.records import LinkResult
from consilience.link.stage import LinkSettings, link_records
from consilience.report.sections import story

from karabakh_records import ACTORS, build_karabakh

ACTOR_MAP = {a.id: a for a in ACTORS}


def test_the_story_section_shows_every_part():
    inp, r = build_karabakh()
    html = story.render_result(link_records(inp, LinkSettings(use_embeddings=False)), ACTOR_MAP)
    for heading in ("Timeline", "Claims", "Contradictions", "Casualty ledger", "Framing", "Actor network"):
        assert f"<h4>{heading}</h4>" in html
    assert html.count("<svg") >= 3, "a ledger chart per story with figures and a network per story"
    assert "TRT World" in html and "The Levant" in html
    assert "absolute lie" in html
    assert "Khankendi" in html
    assert "denied" in html or "disputed" in html
    assert "<script" not in html


def test_text_is_escaped():
    import dataclasses

    inp, r = build_karabakh()
    result = link_records(inp, LinkSettings(use_embeddings=False))
    c = result.contradictions[0]
    evil = dataclasses.replace(c, a=dataclasses.replace(c.a, text="<script>alert(1)</script>"))
    html = story.render_result(dataclasses.replace(result, contradictions=[evil]), ACTOR_MAP)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Azerbaijani military</b>" in html


def test_without_results_the_section_says_so():
    assert "No stories yet" in story.render_result(LinkResult(), {})


def test_stories_most_reported_first_with_an_index_and_empty_parts_in_one_line():
    import dataclasses

    from consilience.types import Story

    inp, r = build_karabakh()
    result = link_records(inp, LinkSettings(use_embeddings=False))
    lonely = Story(id="story:lonely", label="A lonely brief", document_ids=("doc:x",))
    big = max(result.stories, key=lambda s: len(s.document_ids))
    html = story.render_result(dataclasses.replace(result, stories=[lonely, *result.stories]), ACTOR_MAP)
    assert html.index(f'<article id="{big.id}"') < html.index('<article id="story:lonely"')
    assert 'href="#story:lonely"' in html and "the most reported first" in html
    lonely_html = html[html.index('<article id="story:lonely"'):]
    lonely_html = lonely_html[:lonely_html.index("</article>")]
    assert "<h4>" not in lonely_html
    assert "No events, no propositions stated more than once, no contradictions" in lonely_html

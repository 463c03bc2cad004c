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

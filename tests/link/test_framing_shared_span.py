"""Issue 9 §2: two direct-quote claims on one span, one with a speaker and one without.

Sorting the spoken spans compared ``str`` with ``None`` and crashed linking
(and every later run on that database).  The text is sentences 4-8 of TR-News
article 1020006, whitespace-normalised.
"""

from __future__ import annotations

from pathlib import Path

from consilience import pipeline
from consilience.link.framing import framing_rows, own_and_quoted
from consilience.link.records import DocInfo
from consilience.store import Store
from consilience.store.records import write_records
from consilience.types import Claim, DocumentRecords

TEXT = (
    "A month later, the US accused Russia of meddling in its democratic process. The president has promised "
    'a "proportional" response to the hacking of the Democratic Party and of emails belonging to defeated '
    "presidential candidate Hillary Clinton's campaign chairman. He appeared to suggest that the US could go "
    'on the offensive with its own cyber muscle, stating: "Whatever they do to us, we can potentially do to '
    "them.\" Mr Obama's comments came during his last news conference of the year. The president did not "
    "criticise his successor, Republican Donald Trump, by name, but said some Republicans were failing to "
    "acknowledge the seriousness of Russia's involvement in the US election.\n"
)


def _claims(doc_id: str) -> list[Claim]:
    start = TEXT.index('stating: "')
    end = TEXT.index('them."') + len('them."')
    c_start, c_end = TEXT.index("Whatever"), TEXT.index('them."') + len("them.")
    common = dict(document_id=doc_id, start=start, end=end, text=TEXT[start:end], extractor="test@1",
                  content=TEXT[c_start:c_end], content_start=c_start, content_end=c_end, direct_quote=True)
    return [Claim(id="c-speaker", speaker_actor_id="USA", **common),
            Claim(id="c-none", speaker_actor_id=None, **common)]


def test_shared_span_with_and_without_speaker_does_not_crash():
    doc = DocInfo("d", "BBC", "2016-12-17", TEXT)
    own, quoted = own_and_quoted(doc, _claims("d"))
    spans = [(s, e) for s, e, _ in quoted]
    assert len(spans) == len(set(spans)), "one entry per span"
    whatever = TEXT.index("Whatever")
    assert any(s <= whatever < e and who == "USA" for s, e, who in quoted), "the named speaker keeps the span"
    assert "Whatever" not in own and "offensive" in own


def test_either_claim_order_gives_the_same_rows():
    doc = DocInfo("d", "BBC", "2016-12-17", TEXT)
    claims = _claims("d")
    a = framing_rows([doc], story_of={"d": "s"}, claims=claims)
    b = framing_rows([doc], story_of={"d": "s"}, claims=claims[::-1])
    assert a == b
    assert any(r.outlet == "quoted:USA" for r in a)


def test_a_database_left_in_that_state_links_and_reports(tmp_path: Path):
    """A store that already holds such claims (written before the fix) links and reports."""
    src = tmp_path / "tr-news-1020006.txt"
    src.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "t.db"
    with Store(db) as store:
        result = pipeline.ingest(store, [str(src)])
        (doc_id,) = result.added
        with store.transaction() as conn:
            write_records(conn, DocumentRecords(doc_id, "test@1", claims=tuple(_claims(doc_id))))
        for _ in range(2):   # every later run used to crash the same way
            note = pipeline.link_stage(store)
            assert note.startswith("linking:")
        from consilience.report.html import write_report

        out = write_report(store, tmp_path / "r.html")
        assert "Whatever they do to us" in out.read_text(encoding="utf-8")
        n = store.conn.execute("SELECT count(*) FROM framing WHERE outlet = 'quoted:USA'").fetchone()[0]
        assert n == 1


# Sentences 9-10 of the same article: the extractor itself makes the shared span here (a "declaring:"
# claim without a speaker, and the quote attributed to Mr Obama by the next sentence).  Before the fix
# `consilience run` crashed in linking on this file, and again on every later run.
REAGAN = ('He also expressed bewilderment over GOP supporters who say they approve of Mr Putin, declaring: '
          '"Ronald Reagan would roll over in his grave." The president urged Mr Trump to back a bipartisan '
          "investigation into Russian cyber intrusions.\n")


def test_real_text_that_makes_a_shared_span_runs_twice(tmp_path: Path):
    from consilience.cli import main

    src = tmp_path / "tr-news-1020006-9-10.txt"
    src.write_text(REAGAN, encoding="utf-8")
    db, report = tmp_path / "r.db", tmp_path / "r.html"
    for _ in range(2):
        assert main(["run", str(src), "--db", str(db), "--report", str(report), "--workers", "1", "-q"]) == 0
    assert "Ronald Reagan" in report.read_text(encoding="utf-8")

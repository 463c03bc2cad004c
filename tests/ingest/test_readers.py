"""The readers of the ingest stage, format by format, on inputs built in tmp_path.

Every test asserts what a reader produced (text, metadata and where each value
came from, source and source_key), so that a reader that silently drops text or
metadata fails.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from consilience.errors import InputError
from consilience.ingest.items import RawItem
from consilience.ingest.readers import iter_items
from consilience.ingest.readers.decode import decode_bytes
from consilience.ingest.readers.html import fragment_to_text
from consilience.ingest.readers.sniff import detect, sniff_content

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "karabakh"

PARA1 = ("Armenian and Azerbaijani forces exchanged heavy artillery fire overnight near the town, "
         "the defence ministry said on Thursday, adding that several villages were hit.")
PARA2 = ("Officials in Stepanakert said at least twelve civilians were wounded, while Baku said "
         "its positions had come under fire from across the line of contact.")


def html_page(title: str = "Shelling resumes", paras: tuple[str, ...] = (PARA1, PARA2),
              author: str | None = "Jane Doe", date: str | None = "2020-10-01",
              sitename: str | None = "Caucasus Daily", extra_head: str = "") -> str:
    head = [f"<title>{title}</title>", extra_head]
    if author:
        head.append(f'<meta name="author" content="{author}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{date}">')
    if sitename:
        head.append(f'<meta property="og:site_name" content="{sitename}">')
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html><head>{''.join(head)}</head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright 2020</footer></body></html>")


def items_and_errors(results: list[RawItem | InputError]) -> tuple[list[RawItem], list[InputError]]:
    items = [r for r in results if isinstance(r, RawItem)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(items) + len(errors) == len(results)
    return items, errors


def read(paths: list[str], **kwargs: object) -> tuple[list[RawItem], list[InputError]]:
    return items_and_errors(list(iter_items(paths, **kwargs)))  # type: ignore[arg-type]


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Caucasus Wire</title>
  <link>https://wire.example/</link>
  <description>News</description>
  <item>
    <title>Clashes continue</title>
    <link>https://wire.example/a1</link>
    <pubDate>Thu, 01 Oct 2020 09:30:00 GMT</pubDate>
    <dc:creator>A. Reporter</dc:creator>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>First paragraph of the full story.</p><p>Second <b>bold</b> paragraph.</p><script>alert(1)</script>]]></content:encoded>
  </item>
  <item>
    <title>Ceasefire talks</title>
    <link>https://wire.example/a2</link>
    <pubDate>Fri, 02 Oct 2020 23:59:00 GMT</pubDate>
    <description>&lt;p&gt;Talks were held in Moscow.&lt;/p&gt;&lt;p&gt;No agreement was reached.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <id>urn:uuid:feed</id>
  <updated>2020-10-05T10:00:00Z</updated>
  <entry>
    <title>Drone strike reported</title>
    <link href="https://atom.example/e1"/>
    <id>urn:uuid:e1</id>
    <updated>2020-10-04T18:00:00Z</updated>
    <author><name>Desk Editor</name></author>
    <content type="html">&lt;p&gt;A drone struck a convoy.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Two killed&lt;/li&gt;&lt;li&gt;Three hurt&lt;/li&gt;&lt;/ul&gt;</content>
  </entry>
</feed>
"""


def write_warc(path: Path, pages: list[tuple[str, str, str, bytes]], *, gz: bool = True,
               extras: bool = True) -> None:
    """A WARC like Common Crawl's: warcinfo, then request/response/metadata records."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)

        def put(url: str, kind: str, body: bytes, **kwargs: object) -> None:
            # A known length keeps warcio from spooling the payload to a temporary file.
            record = writer.create_warc_record(url, kind, payload=io.BytesIO(body), length=len(body),
                                               **kwargs)  # type: ignore[arg-type]
            writer.write_record(record)

        info = writer.create_warcinfo_record(path.name, {"software": "tests"})
        writer.write_record(info)
        for url, status, content_type, body in pages:
            if extras:
                put(url, "request", b"", http_headers=StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True))
            put(url, "response", body,
                http_headers=StatusAndHeaders(status, [("Content-Type", content_type)],
                                              protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": "2020-10-02T08:00:00Z"})
            if extras:
                put(url, "metadata", b"fetchTimeMs: 12\r\n", warc_content_type="application/warc-fields")


# ---------------------------------------------------------------------------
# The example corpus
# ---------------------------------------------------------------------------


def test_example_folder_yields_its_five_articles_with_manifest_metadata() -> None:
    items, errors = read([str(EXAMPLES)])
    assert errors == []
    assert len(items) == 5
    names = [os.path.basename(i.source) for i in items]
    assert "README.md" not in names and "manifest.csv" not in names
    with open(EXAMPLES / "manifest.csv", newline="", encoding="utf-8") as fh:
        rows = {row["path"]: row for row in csv.DictReader(fh)}
    assert sorted(names) == sorted(rows)
    for item in items:
        row = rows[os.path.basename(item.source)]
        assert item.format == "text"
        assert item.source_key == str(EXAMPLES / os.path.basename(item.source))
        for key in ("outlet", "published", "language"):
            assert item.meta[key] == row[key]
            assert item.meta[f"{key}_origin"] == "manifest"
        assert "note" not in item.meta
        assert item.text == (EXAMPLES / row["path"]).read_text(encoding="utf-8").replace("\r\n", "\n")


def test_explicit_manifest_alone_reads_the_listed_files() -> None:
    items, errors = read([], manifest=str(EXAMPLES / "manifest.csv"))
    assert errors == []
    assert [i.meta["outlet"] for i in items][:2] == ["TRT World", "unknown blog"]
    assert len(items) == 5


def test_files_given_one_by_one_keep_their_folders_manifest_metadata() -> None:
    path = str(EXAMPLES / "004_9810f678411d9058.txt")
    items, errors = read([path])
    assert errors == []
    assert items[0].meta["outlet"] == "Press TV"
    assert items[0].meta["published"] == "2020-10-14"


def test_a_manifest_given_as_a_path_is_read_as_the_list_of_files() -> None:
    items, errors = read([str(EXAMPLES / "manifest.csv")])
    assert errors == [] and len(items) == 5


# ---------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------


def test_text_file_is_read_with_newlines_normalised(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"Title line\r\nBody line one.\r\nBody line two.\rEnd.\n")
    items, errors = read([str(path)])
    assert errors == []
    (item,) = items
    assert item.text == "Title line\nBody line one.\nBody line two.\nEnd.\n"
    assert item.format == "text"
    assert item.source == str(path)
    assert item.source_key == os.path.abspath(path)
    assert item.meta == {}


def test_markdown_and_unknown_extensions_are_text(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Heading\nSome text.", encoding="utf-8")
    (tmp_path / "b.log").write_text("Shelling reported at dawn.", encoding="utf-8")
    items, errors = read([str(tmp_path / "a.md"), str(tmp_path / "b.log")])
    assert errors == []
    assert [(i.format, i.text) for i in items] == [("text", "# Heading\nSome text."),
                                                  ("text", "Shelling reported at dawn.")]


def test_relative_path_keeps_source_as_given_and_key_absolute(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("Text.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (item,), _ = read(["sub/x.txt"])
    assert item.source == "sub/x.txt"
    assert item.source_key == os.path.join(os.getcwd(), "sub", "x.txt")


# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------


def test_cp1252_file_with_curly_quotes_decodes_correctly(tmp_path: Path) -> None:
    # \u00ef decodes differently in cp1250 and cp775, which charset-normalizer ties with cp1252.
    text = ("He said \u201cthe shelling stopped\u201d \u2014 officials didn\u2019t confirm it.\n"
            "A na\u00efve reading, said Zo\u00eb.\n")
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    (item,), errors = read([str(path)])
    assert errors == []
    assert item.text == text


def test_latin1_text_decodes_correctly() -> None:
    text = "Caf\u00e9 r\u00e9sum\u00e9 na\u00efve: the d\u00e9l\u00e9gation arrived in Gen\u00e8ve."
    assert decode_bytes(text.encode("latin-1")) == text


def test_utf16_file_with_bom_decodes_correctly(tmp_path: Path) -> None:
    text = "Khankendi \u2013 also known as Stepanakert \u2013 saw two explosions.\n"
    path = tmp_path / "utf16.txt"
    path.write_bytes(text.encode("utf-16"))  # writes a BOM
    (item,), errors = read([str(path)])
    assert errors == []
    assert item.text == text


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHello \xe2\x80\x9cworld\xe2\x80\x9d")
    (item,), _ = read([str(path)])
    assert item.text == "Hello \u201cworld\u201d"


def test_cyrillic_legacy_encoding_is_not_forced_to_cp1252() -> None:
    text = "Привет, как дела? Это тестовая строка на русском языке."
    assert decode_bytes(text.encode("cp1251")) == text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1))
def test_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == text


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


def test_html_page_gives_main_text_with_paragraph_lines_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page(), encoding="utf-8")
    (item,), errors = read([str(path)])
    assert errors == []
    assert item.format == "html"
    lines = item.text.split("\n")
    assert PARA1 in lines and PARA2 in lines
    assert lines.index(PARA1) < lines.index(PARA2)
    assert "Home" not in item.text and "Copyright" not in item.text
    assert item.meta["author"] == "Jane Doe" and item.meta["author_origin"] == "html"
    assert item.meta["published"] == "2020-10-01" and item.meta["published_origin"] == "html"
    assert item.meta["sitename"] == "Caucasus Daily" and item.meta["sitename_origin"] == "html"
    assert item.meta["title"] == "Shelling resumes" and item.meta["title_origin"] == "html"
    assert item.source_key == os.path.abspath(path)


def test_html_canonical_url_is_metadata_but_not_the_source_key(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(html_page(extra_head='<link rel="canonical" href="https://news.example/x">'),
                    encoding="utf-8")
    (item,), _ = read([str(path)])
    assert item.meta["url"] == "https://news.example/x" and item.meta["url_origin"] == "html"
    assert item.source_key == os.path.abspath(path)


def test_html_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    page = html_page(paras=("Le minist\u00e8re a d\u00e9clar\u00e9 \u201ccalme\u201d " * 5, PARA2),
                     extra_head='<meta charset="windows-1252">')
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    (item,), _ = read([str(path)])
    assert "minist\u00e8re a d\u00e9clar\u00e9 \u201ccalme\u201d" in item.text


def test_manifest_metadata_wins_over_the_page_and_its_url_is_the_key(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(html_page(), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,outlet,url,published,language,title,note\n"
        "page.html,Wire,https://wire.example/p,2020-10-02,en,Manifest title,ignored\n",
        encoding="utf-8")
    (item,), errors = read([str(tmp_path)])
    assert errors == []
    assert item.meta["title"] == "Manifest title" and item.meta["title_origin"] == "manifest"
    assert item.meta["published"] == "2020-10-02" and item.meta["published_origin"] == "manifest"
    assert item.meta["author"] == "Jane Doe" and item.meta["author_origin"] == "html"
    assert item.source_key == "https://wire.example/p"
    assert "note" not in item.meta


def test_fragment_to_text_keeps_blocks_as_lines_and_drops_scripts() -> None:
    html = ("<div><p>One <b>bold</b>\n word.</p><script>var x = 1;</script><ul><li>a</li><li>b</li></ul>"
            "tail<br>after break<!-- comment --></div>")
    assert fragment_to_text(html) == "One bold word.\na\nb\ntail\nafter break"
    assert fragment_to_text("plain   words") == "plain words"


# ---------------------------------------------------------------------------
# JSONL
# ---------------------------------------------------------------------------


def jsonl_lines() -> list[str]:
    return [
        json.dumps({"text": "First article.\r\nSecond line.", "title": "T1", "url": "https://a.example/1",
                    "outlet": "Agency A", "published": "2020-10-01", "language": "en", "author": "X"}),
        "",
        json.dumps({"html": html_page(title="Page title"), "title": "Given title"}),
        json.dumps({"text": "No url here.", "published": 2020, "extra": [1, 2]}),
    ]


def test_jsonl_lines_become_items_with_their_metadata(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    items, errors = read([str(path)])
    assert errors == []
    assert [i.source for i in items] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    first, page, third = items
    assert first.format == "jsonl" and first.text == "First article.\nSecond line."
    assert first.source_key == "https://a.example/1"
    assert {k: first.meta[k] for k in ("outlet", "published", "language", "author", "title")} == {
        "outlet": "Agency A", "published": "2020-10-01", "language": "en", "author": "X", "title": "T1"}
    assert first.meta["outlet_origin"] == "jsonl"
    assert PARA1 in page.text.split("\n")
    assert page.meta["title"] == "Given title" and page.meta["title_origin"] == "jsonl"
    assert page.meta["author"] == "Jane Doe" and page.meta["author_origin"] == "html"
    assert page.source_key == f"{os.path.abspath(path)}#3"
    assert third.meta["published"] == "2020" and "extra" not in third.meta


def test_gzipped_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "batch.ndjson.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(jsonl_lines()) + "\n")
    items, errors = read([str(path)])
    assert errors == []
    assert len(items) == 3 and items[0].text == "First article.\nSecond line."


def test_jsonl_in_a_manifest_takes_outlet_but_not_title_or_url(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "Alpha."}) + "\n"
                                      + json.dumps({"text": "Beta.", "outlet": "Own"}) + "\n",
                                      encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("path,outlet,url,title\nb.jsonl,Dump outlet,https://x.example,T\n",
                                           encoding="utf-8")
    items, errors = read([str(tmp_path)])
    assert errors == []
    assert [(i.meta["outlet"], i.meta["outlet_origin"]) for i in items] == [
        ("Dump outlet", "manifest"), ("Own", "jsonl")]
    assert all("url" not in i.meta and "title" not in i.meta for i in items)
    assert items[0].source_key.endswith("b.jsonl#1")


# ---------------------------------------------------------------------------
# Feeds
# ---------------------------------------------------------------------------


def _no_fetch(url: str) -> bytes:
    raise AssertionError(f"the network must not be used without fetch=True ({url})")


def test_rss_entries_become_items_from_their_content(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    items, errors = read([str(path)], fetcher=_no_fetch)
    assert errors == []
    first, second = items
    assert first.format == "rss" and first.source == f"{path}#1"
    assert first.text == "First paragraph of the full story.\nSecond bold paragraph."
    assert first.source_key == "https://wire.example/a1"
    assert first.meta["title"] == "Clashes continue" and first.meta["title_origin"] == "feed"
    assert first.meta["published"] == "2020-10-01" and first.meta["published_origin"] == "feed"
    assert first.meta["author"] == "A. Reporter"
    assert first.meta["sitename"] == "Caucasus Wire"
    assert second.text == "Talks were held in Moscow.\nNo agreement was reached."
    assert second.meta["published"] == "2020-10-02"


def test_atom_entry_uses_updated_date_and_html_content(tmp_path: Path) -> None:
    path = tmp_path / "desk.atom"
    path.write_text(ATOM, encoding="utf-8")
    (item,), errors = read([str(path)])
    assert errors == []
    assert item.format == "atom"
    assert item.text == "A drone struck a convoy.\nTwo killed\nThree hurt"
    assert item.meta["published"] == "2020-10-04"
    assert item.meta["url"] == "https://atom.example/e1" and item.meta["author"] == "Desk Editor"
    assert item.meta["sitename"] == "Atom Desk"


def test_fetch_reads_each_linked_page_through_the_html_reader(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(RSS, encoding="utf-8")
    fetched: list[str] = []

    def fake(url: str) -> bytes:
        fetched.append(url)
        return html_page(title=f"Page {url[-2:]}", author=None).encode("utf-8")

    items, errors = read([str(path)], fetch=True, fetcher=fake)
    assert errors == []
    assert fetched == ["https://wire.example/a1", "https://wire.example/a2"]
    assert all(PARA1 in i.text.split("\n") for i in items)
    assert items[0].meta["title"] == "Clashes continue" and items[0].meta["title_origin"] == "feed"
    assert items[0].meta["sitename"] == "Caucasus Wire"
    assert items[0].source_key == "https://wire.example/a1"


def test_fetch_failure_is_one_entrys_error(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")

    def flaky(url: str) -> bytes:
        if url.endswith("a1"):
            raise OSError("connection refused")
        return html_page().encode("utf-8")

    items, errors = read([str(path)], fetch=True, fetcher=flaky)
    assert [e.path for e in errors] == [f"{path}#1"]
    assert "connection refused" in errors[0].reason and "https://wire.example/a1" in errors[0].reason
    assert [i.source for i in items] == [f"{path}#2"]


def test_fetch_never_follows_non_http_links(tmp_path: Path) -> None:
    path = tmp_path / "evil.rss"
    path.write_text(RSS.replace("https://wire.example/a1", "file:///etc/passwd"), encoding="utf-8")
    asked: list[str] = []
    items, errors = read([str(path)], fetch=True, fetcher=lambda u: asked.append(u) or b"")
    assert "file:///etc/passwd" not in asked
    assert [e.path for e in errors][0] == f"{path}#1"
    assert "not an http(s) URL" in errors[0].reason


# ---------------------------------------------------------------------------
# WARC
# ---------------------------------------------------------------------------


def warc_pages() -> list[tuple[str, str, str, bytes]]:
    return [
        ("https://news.example/one", "200 OK", "text/html; charset=utf-8",
         html_page(title="One").encode("utf-8")),
        ("https://news.example/missing", "404 Not Found", "text/html", html_page(title="404").encode()),
        ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(50)),
        ("https://news.example/two", "200 OK", "text/html; charset=windows-1252",
         html_page(title="Two", paras=("The minister\u2019s \u201cwarning\u201d. " * 5, PARA2))
         .encode("cp1252")),
    ]


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_become_items(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, warc_pages(), gz=gz)
    items, errors = read([str(path)])
    assert errors == []
    assert [i.source_key for i in items] == ["https://news.example/one", "https://news.example/two"]
    one, two = items
    assert one.format == "warc"
    assert PARA1 in one.text.split("\n")
    assert one.meta["url_origin"] == "warc"
    assert one.meta["crawled"] == "2020-10-02T08:00:00Z" and one.meta["crawled_origin"] == "warc"
    assert one.meta["published"] == "2020-10-01" and one.meta["published_origin"] == "html"
    assert "The minister\u2019s \u201cwarning\u201d." in two.text
    # warcinfo=1, then request/response/metadata per page: page 1's response is record 3.
    assert one.source == f"{path}#3" and two.source == f"{path}#12"


# ---------------------------------------------------------------------------
# Sniffing, folders, stdin
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "expected"), [
    (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    (b"\xef\xbb\xbf  <html lang='en'><body>x</body></html>", "html"),
    (RSS.encode(), "feed"),
    (ATOM.encode(), "feed"),
    (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (b'{\n  "text": "pretty-printed JSON is not JSONL"\n}\n', "text"),
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    (b"Plain words about <b> tags.", "text"),
])
def test_sniff_content(content: bytes, expected: str) -> None:
    assert sniff_content(content) == expected


def test_extension_wins_over_content() -> None:
    assert detect("quoted.txt", b"<html><body>x</body></html>") == "text"
    assert detect("feed.xml", b"<?xml version='1.0'?><rss>") == "feed"
    assert detect("page.xml", b"<html><body>x</body></html>") == "html"


@pytest.mark.parametrize("kind", ["html", "rss", "jsonl", "warc", "text"])
def test_file_without_extension_is_sniffed(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "download"
    if kind == "html":
        path.write_text(html_page(), encoding="utf-8")
    elif kind == "rss":
        path.write_text(RSS, encoding="utf-8")
    elif kind == "jsonl":
        path.write_text("\n".join(jsonl_lines()), encoding="utf-8")
    elif kind == "warc":
        write_warc(path, warc_pages()[:1], gz=True)
    else:
        path.write_text("Just a report.\n", encoding="utf-8")
    items, errors = read([str(path)])
    assert errors == []
    expected = {"html": "html", "rss": "rss", "jsonl": "jsonl", "warc": "warc", "text": "text"}[kind]
    assert items and {i.format for i in items} == {expected}


def test_folder_is_walked_recursively_sorted_skipping_hidden_and_readme(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "c.html").write_text(html_page(), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("git", encoding="utf-8")
    (tmp_path / "README.md").write_text("readme", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("license", encoding="utf-8")
    items, errors = read([str(tmp_path)])
    assert errors == []
    assert [os.path.relpath(i.source, tmp_path) for i in items] == ["a.txt", os.path.join("b", "2.txt"),
                                                                    "c.html"]


def test_subfolder_manifest_governs_its_subfolder(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "listed.txt").write_text("listed", encoding="utf-8")
    (sub / "unlisted.txt").write_text("unlisted", encoding="utf-8")
    (sub / "manifest.jsonl").write_text(json.dumps({"path": "listed.txt", "outlet": "O"}) + "\n",
                                        encoding="utf-8")
    (tmp_path / "top.txt").write_text("top", encoding="utf-8")
    items, errors = read([str(tmp_path)])
    assert errors == []
    assert [(i.text, i.meta.get("outlet")) for i in items] == [("listed", "O"), ("top", None)]


def test_explicit_manifest_with_a_folder_reads_only_listed_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (data / name).write_text(name, encoding="utf-8")
    manifest = tmp_path / "list.csv"
    manifest.write_text("path,outlet\ndata/c.txt,C\ndata/a.txt,A\n", encoding="utf-8")
    items, errors = read([str(data)], manifest=str(manifest))
    assert errors == []
    assert [(i.text, i.meta["outlet"]) for i in items] == [("c.txt", "C"), ("a.txt", "A")]
    items, errors = read([str(data / "b.txt"), str(data / "a.txt")], manifest=str(manifest))
    assert errors == [] and [i.meta.get("outlet") for i in items] == [None, "A"]


def test_stdin_is_sniffed_and_keyed_by_content_hash() -> None:
    data = b"A report read from a pipe.\n"
    items, errors = read(["-"], stdin=io.BytesIO(data))
    assert errors == []
    (item,) = items
    assert item.source == "-" and item.format == "stdin"
    assert item.source_key == "stdin:" + hashlib.sha256(data).hexdigest()
    (again,), _ = read(["-"], stdin=io.BytesIO(data))
    assert again.source_key == item.source_key
    (html,), _ = read(["-"], stdin=io.BytesIO(html_page().encode()))
    assert html.format == "html" and PARA1 in html.text


def test_stdin_jsonl_entries_have_stdin_sources() -> None:
    data = ("\n".join(jsonl_lines()) + "\n").encode()
    items, errors = read(["-"], stdin=io.BytesIO(data))
    assert errors == []
    assert [i.source for i in items] == ["-:1", "-:3", "-:4"]
    assert items[1].source_key == f"stdin:{hashlib.sha256(data).hexdigest()}#3"

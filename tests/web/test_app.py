"""The web app without a browser: pages, headers, paging, errors, read-only opening."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pytest

from consilience.errors import StoreError
from consilience.web import create_app
from consilience.web.api import OPENAPI
from consilience.web.settings import WEB_SETTINGS


def _story_id(client) -> str:
    return client.get("/api/stories?sort=documents").json()["items"][0]["id"]


def test_every_page_answers_with_csp_and_no_inline_script(client):
    story = _story_id(client)
    html = client.get(f"/story/{story}").text
    paths = ["/", f"/story/{story}", "/documents", "/search?q=ceasefire",
             "/event/" + re.search(r'href="/event/([^"]+)"', html).group(1),
             "/document/" + re.search(r'href="/document/([^"?]+)"', html).group(1),
             "/actor/" + re.search(r'href="/actor/([^"]+)"', html).group(1),
             "/place/" + re.search(r'href="/place/([^"]+)"', html).group(1)]
    for path in paths:
        r = client.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", r.text), path   # every script is a file


def test_lists_are_paged_with_a_bounded_size(client):
    page = client.get("/api/documents?per_page=100000").json()
    assert page["per_page"] == WEB_SETTINGS.max_page_size
    page = client.get("/api/documents?per_page=2&page=2").json()
    assert page["page"] == 2 and len(page["items"]) == 2 and page["total"] == 5 and page["pages"] == 3


@pytest.mark.parametrize("url", ["/api/stories?page=x", "/api/stories?from=yesterday", "/api/stories?sort=nope",
                                 "/api/search?kind=everything", "/api/events?date=1%2F10"])
def test_bad_parameters_are_400_with_one_error_shape(client, url):
    r = client.get(url)
    assert r.status_code == 400
    assert set(r.json()["error"]) == {"status", "message"}


def test_unknown_ids_are_404(client):
    assert client.get("/api/stories/story:nope").status_code == 404
    assert client.get("/story/story:nope").status_code == 404
    assert "No such story" in client.get("/story/story:nope").text


def test_story_filters(client):
    all_ = client.get("/api/stories").json()
    assert all_["total"] == 2
    old = client.get("/api/stories?to=2016-12-31").json()["items"]
    assert [s["first_date"][:4] for s in old] == ["2016"]
    assert client.get("/api/stories?outlet=Press%20TV").json()["total"] == 1
    assert client.get("/api/stories?place=Atlantis").json()["total"] == 0


@pytest.mark.parametrize("q", ['"', "AND OR NOT (", "ceasefire*", "a:b", "NEAR(x y)", "\u202e"])
def test_search_takes_any_text(client, q):
    assert client.get("/api/search", params={"q": q}).status_code == 200


def test_search_finds_claims_with_spans(client):
    items = client.get("/api/search?q=ceasefire&kind=claims").json()["items"]
    assert items and all(i["kind"] == "claim" and i["end"] > i["start"] for i in items)
    assert all("[" in i["snippet"] for i in items)


def test_openapi_describes_every_api_route(client):
    from consilience.web.api import ROUTES

    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    described = {re.sub(r"\{(\w+)(:path)?\}", r"{\1}", p) for p in spec["paths"]} | {"/api/openapi.json"}
    for route in ROUTES:
        assert re.sub(r"\{(\w+)(:path)?\}", r"{\1}", route.path) in described, route.path
    assert spec == OPENAPI


def test_the_app_never_writes(example_db: Path, client):
    before = hashlib.sha256(example_db.read_bytes()).hexdigest()
    story = _story_id(client)
    for path in ("/", f"/story/{story}", "/search?q=ceasefire", "/api/stories", "/documents"):
        client.get(path)
    assert hashlib.sha256(example_db.read_bytes()).hexdigest() == before
    app = create_app(example_db)
    with app.state.db.connect() as conn:
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("DELETE FROM documents")


def test_missing_or_old_database_is_a_clear_error(tmp_path: Path):
    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "absent.db")
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    with pytest.raises(StoreError):
        create_app(bad)


def test_serve_is_a_cli_command(tmp_path, capsys):
    from consilience.cli import main

    assert main(["serve", "--db", str(tmp_path / "absent.db")]) == 2   # like status/report/export
    assert "absent.db" in capsys.readouterr().err


def test_every_web_setting_is_documented():
    import dataclasses

    from consilience.web.settings import SETTINGS_HELP, WebSettings

    doc = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    for f in dataclasses.fields(WebSettings):
        assert f"`{f.name}`" in doc and f.name in SETTINGS_HELP, f.name


def test_vendored_libraries_carry_their_licences():
    from consilience.web.app import HERE

    vendor = HERE / "static" / "vendor"
    assert (vendor / "leaflet" / "LICENSE").exists() and (vendor / "leaflet.markercluster" / "MIT-LICENCE.txt").exists()
    assert "leaflet@1.9.4" in (vendor / "SOURCES.md").read_text(encoding="utf-8")


def test_cached_decoder_matches_the_records_module(example_db):
    import json

    from consilience.link import records
    from consilience.web.decode import from_data

    conn = sqlite3.connect(example_db)
    for table, cls in (("merged_events", records.MergedEvent), ("contradictions", records.Contradiction),
                       ("ledger", records.LedgerEntry), ("framing", records.FramingRow)):
        for (data,) in conn.execute(f"SELECT data FROM {table}"):
            assert from_data(cls, json.loads(data)) == records.from_data(cls, json.loads(data))


def test_story_page_parts(client):
    story = _story_id(client)
    html = client.get(f"/story/{story}").text
    for anchor in ("timeline", "map-section", "disputes", "claims", "ledger", "framing", "network", "docs"):
        assert f'id="{anchor}"' in html, anchor
    assert re.search(r"Showing \d+ of \d+ propositions and \d+ of \d+ parties", html)
    assert 'class="stance st-deny"' in html or 'class="stance st-reject"' in html
    assert html.count('<svg class="chart"') >= 2          # ledger panel(s) and the network
    assert "2020-10-01" in html and "how each outlet told it" in html


def test_an_older_store_is_not_upgraded_by_serve(tmp_path: Path):
    from consilience.store.migrations import MIGRATIONS, apply_migrations
    from consilience.store.migrations_link import LINK_MIGRATIONS

    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    apply_migrations(conn, MIGRATIONS + LINK_MIGRATIONS)
    conn.close()
    before = old.read_bytes()
    with pytest.raises(StoreError, match="open it once read-write"):
        create_app(old)
    assert old.read_bytes() == before

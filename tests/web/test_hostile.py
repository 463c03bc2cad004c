"""Hostile articles: markup and script in the title, body, outlet, URL and quoted speakers.

The pages must show the payloads as text: no dialog opens, no script from the
data runs (``window.__pwned`` stays unset), no request goes to a payload URL.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from consilience.cli import main

PWN = "window.__pwned=1;alert(1)"
PAYLOADS = [
    f"<script>{PWN}</script>",
    f'<img src=x onerror="{PWN}">',
    f'<svg onload="{PWN}"><circle r=5 /></svg>',
    f'"><a href="javascript:{PWN}">click</a>',
    "<style>*{background:url(javascript:alert(1))}</style>",
    f"</textarea></title><iframe srcdoc='<script>{PWN}</script>'>",
]


def _articles() -> list[dict[str, str]]:
    out = []
    for i, p in enumerate(PAYLOADS):
        out.append({
            "title": f"Shelling in Stepanakert {p}",
            "outlet": f"Evil Times {p}",
            "url": f"javascript:{PWN}" if i % 2 == 0 else f"https://example.org/{i}?q=\"><script>{PWN}</script>",
            "published": "2020-10-01",
            "text": (f"Armenian officials said on Thursday that Azerbaijani forces shelled Stepanakert, killing 5 "
                     f"civilians {p}. “We did not shell the city {p},” said Defence Ministry spokesman {p} "
                     f"Vagif Dargahli. {p} Azerbaijan denied the claim. Fighting continued near Martuni."),
        })
    return out


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    src = tmp / "hostile.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in _articles()) + "\n", encoding="utf-8")
    db = tmp / "hostile.db"
    assert main(["run", str(src), "--db", str(db), "--report", str(tmp / "r.html"), "--workers", "1", "-q"]) == 0
    return db


@pytest.fixture(scope="module")
def hostile_client(hostile_db):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from consilience.web import create_app

    return TestClient(create_app(hostile_db))


def _paths(client) -> list[str]:
    paths = ["/", "/documents", "/search?q=Stepanakert", "/search?q=script"]
    for s in client.get("/api/stories").json()["items"]:
        paths.append(f"/story/{s['id']}")
        html = client.get(f"/story/{s['id']}").text
        paths += sorted({"/event/" + e for e in re.findall(r'href="/event/([^"]+)"', html)})[:3]
        paths += sorted({"/actor/" + a for a in re.findall(r'href="/actor/([^"]+)"', html)})[:3]
        paths += sorted({"/place/" + a for a in re.findall(r'href="/place/([^"]+)"', html)})[:2]
    for d in client.get("/api/documents?per_page=100").json()["items"]:
        paths.append(f"/document/{d['id']}")
    return paths


def test_payloads_are_escaped_in_the_html(hostile_client):
    for path in _paths(hostile_client):
        html = hostile_client.get(path).text
        assert "<script>window.__pwned" not in html, path
        assert not re.search(r"<(img|svg|iframe|style)[^>]*(onerror|onload|srcdoc|javascript)", html, re.I), path
        assert 'href="javascript:' not in html.lower(), path


def test_no_script_from_the_data_runs_in_a_browser(hostile_client, hostile_db, open_page):
    from browser_support import LiveServer, screenshot

    server = LiveServer(hostile_db)
    try:
        for i, path in enumerate(_paths(hostile_client)):
            w = open_page(width=400)
            w.page.goto(server.url + path, wait_until="networkidle")
            if "/story/" in path:
                w.page.wait_for_selector("#map[data-ready]")
                for marker in w.page.locator(".marker-cluster, .leaflet-marker-icon").all()[:3]:
                    marker.click()
            assert w.page.evaluate("window.__pwned") is None, path
            assert not w.dialogs and not w.page_errors and not w.console_errors, (path, w.problems())
            assert not [f for f in w.failed if "/x" in f or "example.org" in f], (path, w.failed)
            if i < 4:
                screenshot(w.page, f"hostile-{i}")
    finally:
        server.stop()

"""Fixtures of the web tests: the example corpus run once, a live server, a browser.

Browser tests use Playwright for Python driving the system's Chromium
(Debian: ``apt-get install chromium``; ``CONSILIENCE_CHROMIUM`` names another
binary).  Without either they are skipped with the reason.  Screenshots go to
``ci-artifacts/web/`` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_support import LiveServer, Watched, chromium_path
from consilience.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "karabakh.db"
    code = main(["run", str(ROOT / "examples" / "karabakh"), "--db", str(db), "--report",
                 str(db.with_suffix(".html")), "--workers", "1", "--quiet"])
    assert code == 0
    return db


@pytest.fixture(scope="session")
def client(example_db: Path) -> Any:
    import warnings

    with warnings.catch_warnings():  # starlette 1.x prefers httpx2; httpx works the same for these tests
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from consilience.web import create_app

    return TestClient(create_app(example_db))


@pytest.fixture(scope="session")
def live_server(example_db: Path) -> Iterator[LiveServer]:
    server = LiveServer(example_db)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed: pip install -e '.[browser]'")
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium: apt-get install -y chromium (or set CONSILIENCE_CHROMIUM)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    contexts = []

    def _open(width: int = 1280, height: int = 900) -> Watched:
        ctx = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(ctx)
        return Watched(ctx.new_page())

    yield _open
    for ctx in contexts:
        ctx.close()

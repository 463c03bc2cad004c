"""Fixtures of the web tests: the example corpus run once, a live server, a browser.

Browser tests use Playwright for Python driving the system's Chromium
(Debian: ``apt-get install chromium``; ``CONSILIENCE_CHROMIUM`` names another
binary).  Without either they are skipped with the reason.  Screenshots go to
``ci-artifacts/web/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from consilience.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "ci-artifacts" / "web"


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn in a thread on a free loopback port."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        from consilience.web import create_app

        self.port = _free_port()
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="error")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(example_db: Path) -> Iterator[LiveServer]:
    server = LiveServer(example_db)
    yield server
    server.stop()


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CONSILIENCE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


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


class Watched:
    """A page that records console errors, failed requests, dialogs and page errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.dialogs: list[str] = []
        self.page_errors: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: self.failed.append(f"{r.url} HTTP {r.status}") if r.status >= 400 else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def clean(self) -> bool:
        return not (self.console_errors or self.failed or self.dialogs or self.page_errors)

    def problems(self) -> dict[str, list[str]]:
        return {"console": self.console_errors, "failed": self.failed, "dialogs": self.dialogs,
                "page_errors": self.page_errors}


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


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

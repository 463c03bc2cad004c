"""The ASGI app: routes, security headers, templates and static files."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from consilience.web import api, pages
from consilience.web.db import ReadOnlyDB

HERE = Path(__file__).parent
WORLD = HERE.parent / "data" / "world_countries.geojson"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]


class SecurityHeaders:
    """Adds the CSP (no inline script, nothing from elsewhere) and friends to every response."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["snippet"] = _snippet
    return Jinja2Templates(env=env)


def _snippet(text: str | None) -> Markup:
    """An FTS5 snippet (hits between \\x01 and \\x02) escaped, hits as <mark>."""
    return Markup(escape(text or "")).replace("\x01", Markup('<mark class="hit">')).replace("\x02", Markup("</mark>"))


async def _world(request: Request) -> Response:
    return FileResponse(WORLD, media_type="application/geo+json")


async def _error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": {"status": status, "message": detail}}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": detail},
                                      status_code=status)


def create_app(db_path: str | Path) -> Starlette:
    """The web app over ``db_path``, opened read-only (raises StoreError if it cannot be opened)."""
    db = ReadOnlyDB(db_path)
    routes = [
        *pages.ROUTES,
        *api.ROUTES,
        Route("/static/world.geojson", _world),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _error, 500: _error})
    app.state.db = db
    app.state.templates = _templates()
    app.add_middleware(SecurityHeaders)
    return app


SERVE_DB_ENV = "CONSILIENCE_SERVE_DB"


def app_from_env() -> Starlette:
    """The app over the database named by $CONSILIENCE_SERVE_DB (for uvicorn's worker processes)."""
    return create_app(os.environ[SERVE_DB_ENV])


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          log_level: str = "warning") -> None:
    """Run the app with uvicorn; ``workers`` > 1 starts that many processes (read-only, nothing shared)."""
    import uvicorn

    app = create_app(db_path)  # fails here, before listening, if the database cannot be opened
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    os.environ[SERVE_DB_ENV] = str(Path(db_path).resolve())
    uvicorn.run("consilience.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level=log_level)

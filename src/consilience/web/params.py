"""Reading query parameters: bad values are a 400 with a message, never a 500."""

from __future__ import annotations

import re

from starlette.exceptions import HTTPException
from starlette.requests import Request

from consilience.web.queries import STORY_SORTS, bounded

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def text(request: Request, name: str, limit: int = 200) -> str | None:
    value = request.query_params.get(name, "").strip()
    if "\x00" in value:
        raise HTTPException(400, f"{name}: must not contain NUL characters")
    return value[:limit] or None


def integer(request: Request, name: str) -> int | None:
    value = text(request, name)
    if value is None:
        return None
    if not value.isdigit() or len(value) > 9:
        raise HTTPException(400, f"{name}: expected a positive whole number, got {value[:20]!r}")
    return int(value)


def day(request: Request, name: str) -> str | None:
    value = text(request, name)
    if value is not None and not _DATE.match(value):
        raise HTTPException(400, f"{name}: expected a date YYYY-MM-DD (or YYYY-MM, YYYY), got {value[:20]!r}")
    return value


def paging(request: Request) -> tuple[int, int]:
    return bounded(integer(request, "page"), integer(request, "per_page"))


def sort(request: Request) -> str:
    value = text(request, "sort") or "recent"
    if value not in STORY_SORTS:
        raise HTTPException(400, f"sort: one of {', '.join(STORY_SORTS)}")
    return value


def story_filters(request: Request) -> dict[str, str | None]:
    return {"date_from": day(request, "from"), "date_to": day(request, "to"), "place": text(request, "place"),
            "actor": text(request, "actor"), "outlet": text(request, "outlet")}

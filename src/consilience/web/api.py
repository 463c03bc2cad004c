"""The JSON API under /api (read-only), described by /api/openapi.json.

The pages and the API share ``consilience.web.queries``.  Lists are paged
(``page``, ``per_page`` up to ``max_page_size``); errors have one shape:
``{"error": {"status": N, "message": "..."}}``.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from consilience import __version__
from consilience.link.records import to_data
from consilience.types import record_to_dict
from consilience.web import params, queries


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def _names_for(request: Request, ids: set[str]) -> dict[str, str]:
    names = request.app.state.db.names
    return {i: names(i) for i in sorted(ids) if i}


def list_stories(request: Request) -> JSONResponse:
    filters = params.story_filters(request)
    sort = params.sort(request)
    page, per_page = params.paging(request)
    with request.app.state.db.connect() as conn:
        return _json(queries.stories(conn, **filters, sort=sort, page=page, per_page=per_page).as_dict())


def get_story(request: Request) -> JSONResponse:
    with request.app.state.db.connect() as conn:
        data = queries.story(conn, request.path_params["story_id"])
    if data is None:
        raise HTTPException(404, "no such story")
    ids = {a for m in data["events"] for a in m.actor_ids} | {o for g in data["groups"] for o in g.origins} | \
        {x for r in data["relations"] for x in (r.source_actor_id, r.target_actor_id)}
    out = {"story": data["story"], "documents": data["documents"]}
    for key in ("events", "groups", "disputes", "ledger", "framing", "relations"):
        out[key] = to_data(data[key])
    out["names"] = _names_for(request, ids)
    return _json(out)


def story_map(request: Request) -> JSONResponse:
    story_id = request.path_params["story_id"]
    with request.app.state.db.connect() as conn:
        if conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
            raise HTTPException(404, "no such story")
        return _json({"points": queries.story_map(conn, story_id=story_id)})


def place_map(request: Request) -> JSONResponse:
    with request.app.state.db.connect() as conn:
        return _json({"points": queries.story_map(conn, place=request.path_params["name"])})


def list_events(request: Request) -> JSONResponse:
    page, per_page = params.paging(request)
    with request.app.state.db.connect() as conn:
        return _json(queries.events(conn, story_id=params.text(request, "story"), status=params.text(request, "status"),
                                    date=params.day(request, "date"), page=page, per_page=per_page).as_dict())


def get_event(request: Request) -> JSONResponse:
    with request.app.state.db.connect() as conn:
        m = queries.merged_event(conn, request.path_params["event_id"])
    if m is None:
        raise HTTPException(404, "no such event")
    return _json({"event": to_data(m), "names": _names_for(request, set(m.actor_ids) | set(m.origins))})


def list_documents(request: Request) -> JSONResponse:
    page, per_page = params.paging(request)
    with request.app.state.db.connect() as conn:
        return _json(queries.documents(conn, outlet=params.text(request, "outlet"), story_id=params.text(request, "story"),
                                       page=page, per_page=per_page).as_dict())


def get_document(request: Request) -> JSONResponse:
    with request.app.state.db.connect() as conn:
        d = queries.document(conn, request.path_params["doc_id"])
    if d is None:
        raise HTTPException(404, "no such document")
    doc = record_to_dict(d["document"])
    doc.pop("raw_text", None)
    return _json({"document": doc, "story_id": d["story_id"],
                  **{k: [record_to_dict(r) for r in v] for k, v in d["records"].items()}})


def search(request: Request) -> JSONResponse:
    kind = params.text(request, "kind") or "all"
    if kind not in ("all", "documents", "claims"):
        raise HTTPException(400, "kind: one of all, documents, claims")
    page, per_page = params.paging(request)
    with request.app.state.db.connect() as conn:
        result = queries.search(conn, params.text(request, "q") or "", kind=kind, page=page, per_page=per_page)
    for item in result.items:
        item["snippet"] = (item["snippet"] or "").replace("\x01", "[").replace("\x02", "]")
    return _json(result.as_dict())


def get_actor(request: Request) -> JSONResponse:
    with request.app.state.db.connect() as conn:
        data = queries.actor(conn, request.path_params["actor_id"])
    if data is None:
        raise HTTPException(404, "no such actor")
    data["actor"].pop("data", None)
    return _json(data)


def get_place(request: Request) -> JSONResponse:
    with request.app.state.db.connect() as conn:
        data = queries.place(conn, request.path_params["name"])
    if data is None:
        raise HTTPException(404, "no such place")
    return _json(data)


def openapi(request: Request) -> JSONResponse:
    return _json(OPENAPI)


# ---------------------------------------------------------------------------
# OpenAPI description
# ---------------------------------------------------------------------------


def _q(name: str, desc: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": desc, "schema": schema or {"type": "string"}}


def _p(name: str, desc: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": desc, "schema": {"type": "string"}}


_PAGING = [_q("page", "page number from 1", {"type": "integer", "minimum": 1}),
           _q("per_page", "rows per page (capped)", {"type": "integer", "minimum": 1, "maximum": 100})]
_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_ERR = {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_PAGE = {"type": "object", "required": ["items", "page", "per_page", "total", "pages"],
         "properties": {"items": {"type": "array", "items": {"type": "object"}}, "page": {"type": "integer"},
                        "per_page": {"type": "integer"}, "total": {"type": "integer"}, "pages": {"type": "integer"}}}


def _op(summary: str, parameters: list[dict[str, Any]], schema: dict[str, Any], *, not_found: bool = False) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}},
                                 "400": _ERR}
    if not_found:
        responses["404"] = _ERR
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


_OBJ = {"type": "object"}
OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Consilience", "version": __version__,
             "description": "Read-only access to a Consilience store: stories, merged events, documents, "
                            "actors, places and full-text search."},
    "paths": {
        "/api/stories": _op("Stories, filtered and sorted", [
            _q("from", "stories ending on or after this date", _DATE), _q("to", "stories starting on or before", _DATE),
            _q("place", "a place name (substring)"), _q("actor", "an actor name (substring)"),
            _q("outlet", "an outlet name (substring)"),
            _q("sort", "order", {"type": "string", "enum": list(queries.STORY_SORTS)}), *_PAGING], {"$ref": "#/components/schemas/Page"}),
        "/api/stories/{story_id}": _op("One story with its events, claims, disputes, ledger, framing, relations",
                                       [_p("story_id", "story id")], _OBJ, not_found=True),
        "/api/stories/{story_id}/map": _op("The story's located events as map points", [_p("story_id", "story id")],
                                           _OBJ, not_found=True),
        "/api/events": _op("Merged events", [_q("story", "story id"), _q("status", "status"),
                                             _q("date", "events on this day", _DATE), *_PAGING],
                           {"$ref": "#/components/schemas/Page"}),
        "/api/events/{event_id}": _op("One merged event with every source span", [_p("event_id", "merged event id")],
                                      _OBJ, not_found=True),
        "/api/documents": _op("Documents", [_q("outlet", "outlet (exact)"), _q("story", "story id"), *_PAGING],
                              {"$ref": "#/components/schemas/Page"}),
        "/api/documents/{doc_id}": _op("One document with its records", [_p("doc_id", "document id")], _OBJ,
                                       not_found=True),
        "/api/search": _op("Full-text search over documents and claims", [
            _q("q", "words"), _q("kind", "what to search", {"type": "string", "enum": ["all", "documents", "claims"]}),
            *_PAGING], {"$ref": "#/components/schemas/Page"}),
        "/api/actors/{actor_id}": _op("An actor: claims by and about, relations, events", [_p("actor_id", "actor id")],
                                      _OBJ, not_found=True),
        "/api/places/{name}": _op("A place: events at and near it, documents", [_p("name", "place name")], _OBJ,
                                  not_found=True),
        "/api/places/{name}/map": _op("Located events at a place", [_p("name", "place name")], _OBJ),
    },
    "components": {"schemas": {
        "Page": _PAGE,
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {
            "type": "object", "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}}},
    }},
}

ROUTES = [
    Route("/api/openapi.json", openapi),
    Route("/api/stories", list_stories),
    Route("/api/stories/{story_id}/map", story_map),
    Route("/api/stories/{story_id}", get_story),
    Route("/api/events", list_events),
    Route("/api/events/{event_id}", get_event),
    Route("/api/documents", list_documents),
    Route("/api/documents/{doc_id}", get_document),
    Route("/api/search", search),
    Route("/api/actors/{actor_id:path}", get_actor),
    Route("/api/places/{name:path}/map", place_map),
    Route("/api/places/{name:path}", get_place),
]

"""HTML pages: stories, story, coverage of one event, document, actor, place, search."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from consilience.web import marks, params, present, queries
from consilience.web.settings import WEB_SETTINGS


def _render(request: Request, name: str, **context: object) -> Response:
    db = request.app.state.db
    base = {"names": db.names, "symbols": present.STANCE_SYMBOLS, "status_css": present.STATUS_CSS,
            "page_url": lambda page: _with(request, page=page)}
    return request.app.state.templates.TemplateResponse(request, name, {**base, **context})


def _with(request: Request, **changes: object) -> str:
    query = dict(request.query_params)
    query.update({k: str(v) for k, v in changes.items()})
    return request.url.path + "?" + urlencode(query)


def stories_page(request: Request) -> Response:
    filters = params.story_filters(request)
    sort = params.sort(request)
    page, per_page = params.paging(request)
    with request.app.state.db.connect() as conn:
        result = queries.stories(conn, **filters, sort=sort, page=page, per_page=per_page)
        outlets = queries.outlets(conn)
    return _render(request, "stories.html", result=result, filters=filters, sort=sort, sorts=list(queries.STORY_SORTS),
                   outlets=outlets)


def story_page(request: Request) -> Response:
    story_id = request.path_params["story_id"]
    db = request.app.state.db
    with db.connect() as conn:
        data = queries.story(conn, story_id)
    if data is None:
        raise HTTPException(404, "No such story.")
    s = data["story"]
    groups = data["groups"]
    matrix = present.claims_matrix(groups, db.names, WEB_SETTINGS.matrix_rows, WEB_SETTINGS.matrix_columns)
    by_date = defaultdict(list)
    background = [m for m in data["events"] if m.background]
    for m in data["events"]:
        if not m.background:
            by_date[m.earliest if m.earliest == m.latest or not m.latest else f"{m.earliest} – {m.latest}"].append(m)
    status_counts: dict[str, int] = defaultdict(int)
    for m in data["events"]:
        status_counts[m.status] += 1
    outlets = sorted({d["outlet"] or "unknown outlet" for d in data["documents"]})
    return _render(
        request, "story.html", s=s, data=data, matrix=matrix, timeline=list(by_date.items()),
        status_counts=dict(status_counts), outlets=outlets, background=background,
        disputes=present.disputes_by_proposition(data["disputes"], groups, db.names),
        ledger=present.ledger_charts(data["ledger"], s["first_date"], s["last_date"], db.names),
        network=present.network_svg(data["relations"], db.names, WEB_SETTINGS.network_nodes),
        kind_legend=present.kind_legend(), swatch=present.swatch, line_swatch=present.line_swatch,
        is_vague=present.is_vague)


def event_page(request: Request) -> Response:
    """Coverage comparison: each outlet's account of one merged event, side by side."""
    db = request.app.state.db
    with db.connect() as conn:
        m = queries.merged_event(conn, request.path_params["event_id"])
        if m is None:
            raise HTTPException(404, "No such event.")
        accounts = []
        by_doc = defaultdict(list)
        for s in m.spans:
            if all((s.start, s.end) != (o.start, o.end) for o in by_doc[s.document_id]):
                by_doc[s.document_id].append(s)
        for doc_id, spans in by_doc.items():
            d = queries.document(conn, doc_id)
            if d is None:
                continue
            doc, recs = d["document"], d["records"]
            mk = marks.document_marks(recs, db.names)
            words = []
            for s in spans:
                for p in recs["places"]:
                    if s.start <= p.start and p.end <= s.end:
                        words.append(("place", p.text, p.name))
                for me in recs["mentions"]:
                    if me.actor_id and s.start <= me.start and me.end <= s.end:
                        words.append(("actor", me.text, db.names(me.actor_id)))
            linked = [c for c in recs["claims"] if c.id in m.claim_ids]
            voices = sorted({db.names(c.speaker_actor_id) if c.speaker_actor_id else (c.speaker_text or "unnamed")
                             for c in recs["claims"]})
            accounts.append({"doc": doc, "spans": [(s, marks.span_view(doc.text, s.start, s.end, mk)) for s in spans],
                             "words": sorted(set(words)), "claims": linked, "voices": voices})
    accounts.sort(key=lambda a: (a["doc"].published or "", a["doc"].outlet or ""))
    return _render(request, "event.html", m=m, accounts=accounts)


def document_page(request: Request) -> Response:
    db = request.app.state.db
    hit = None
    span = params.text(request, "span")
    if span and "-" in span:
        a, _, b = span.partition("-")
        if a.isdigit() and b.isdigit():
            hit = (int(a), int(b))
    with db.connect() as conn:
        d = queries.document(conn, request.path_params["doc_id"])
        if d is None:
            raise HTTPException(404, "No such document.")
        story = conn.execute("SELECT label FROM stories WHERE id = ?", (d["story_id"],)).fetchone() if d["story_id"] else None
    doc = d["document"]
    text = marks.highlighted(doc.text, marks.document_marks(d["records"], db.names), hit)
    places: dict[str, list] = defaultdict(list)
    for p in d["records"]["places"]:
        places[p.name].append(p)
    return _render(request, "document.html", doc=doc, rec=d["records"], text=text, story_id=d["story_id"],
                   story_label=story[0] if story else None, places=dict(places))


def documents_page(request: Request) -> Response:
    page, per_page = params.paging(request)
    outlet = params.text(request, "outlet")
    with request.app.state.db.connect() as conn:
        result = queries.documents(conn, outlet=outlet, page=page, per_page=per_page)
        outlets = queries.outlets(conn)
    return _render(request, "documents.html", result=result, outlet=outlet, outlets=outlets)


def actor_page(request: Request) -> Response:
    with request.app.state.db.connect() as conn:
        data = queries.actor(conn, request.path_params["actor_id"])
    if data is None:
        raise HTTPException(404, "No such actor.")
    return _render(request, "actor.html", a=data)


def place_page(request: Request) -> Response:
    with request.app.state.db.connect() as conn:
        data = queries.place(conn, request.path_params["name"])
    if data is None:
        raise HTTPException(404, "No such place.")
    return _render(request, "place.html", p=data)


def search_page(request: Request) -> Response:
    q = params.text(request, "q") or ""
    kind = params.text(request, "kind") or "all"
    if kind not in ("all", "documents", "claims"):
        raise HTTPException(400, "kind: one of all, documents, claims")
    page, per_page = params.paging(request)
    with request.app.state.db.connect() as conn:
        result = queries.search(conn, q, kind=kind, page=page, per_page=per_page)
    return _render(request, "search.html", q=q, kind=kind, result=result)


ROUTES = [
    Route("/", stories_page, name="stories"),
    Route("/story/{story_id}", story_page, name="story"),
    Route("/event/{event_id}", event_page, name="event"),
    Route("/documents", documents_page, name="documents"),
    Route("/document/{doc_id}", document_page, name="document"),
    Route("/actor/{actor_id:path}", actor_page, name="actor"),
    Route("/place/{name:path}", place_page, name="place"),
    Route("/search", search_page, name="search"),
]

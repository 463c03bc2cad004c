"""Settings of the web app, as data (name, default, help); listed in docs/web.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WebSettings:
    page_size: int = 25            # rows per page of a list when the request names none
    max_page_size: int = 100       # the most rows one page (HTML or API) returns
    story_events_cap: int = 300    # merged events shown on a story page (the rest: "N of M", paged API)
    matrix_rows: int = 40          # propositions in a story's claims matrix
    matrix_columns: int = 16       # parties in a story's claims matrix
    network_nodes: int = 18        # actors drawn in a story's network
    search_snippet_tokens: int = 24  # words around a full-text hit
    max_search_results: int = 1000   # full-text hits that can be paged through (narrow the words for more)


WEB_SETTINGS = WebSettings()

SETTINGS_HELP = {
    "page_size": "rows per page of a list when the request names none",
    "max_page_size": "the most rows one page (HTML or API) returns",
    "story_events_cap": "merged events shown on a story page; the rest are counted (N of M) and paged in the API",
    "matrix_rows": "propositions shown in a story's claims matrix",
    "matrix_columns": "parties shown in a story's claims matrix",
    "network_nodes": "actors drawn in a story's network (the most connected)",
    "search_snippet_tokens": "words shown around a full-text hit",
    "max_search_results": "full-text hits that can be paged through (narrow the words for more)",
}

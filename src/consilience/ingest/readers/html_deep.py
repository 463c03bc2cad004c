"""Pages the HTML parser cannot see whole: nesting deeper than libxml2 goes.

Why: libxml2 (under lxml and trafilatura) stops building the tree at 256
nested elements and silently drops everything below, so a page whose article
sits inside hundreds of wrapper ``div``s came out with no text at all, and the
error blamed JavaScript.  When trafilatura finds no main text, this module
reads the page again with Python's own event parser (no depth limit) to see
how much text the page really holds.  If the tree parser lost most of it, the
page is read with libxml2's deep-tree option (``huge_tree``) and trafilatura
again, and if that fails too, its visible text is kept, one line per block
element, with a note on the document saying so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import lxml.etree
import lxml.html

#: Below this share of the page's visible text, the tree parser lost the page.
PARSER_KEPT_MIN_SHARE = 0.5

_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "tr", "td", "th", "ul", "br", "title", "body",
})
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
_SPACE = re.compile(r"\s+")

Extract = Callable[[Any, "str | None"], "tuple[str, dict[str, Any]] | None"]


class _Collector(HTMLParser):
    """Visible text and the ``<title>``, from start/end events (no tree, so no depth limit)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden: list[str] = []      # open hidden elements (their text is not shown)
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _HIDDEN:
            self.hidden.append(tag)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HIDDEN:
            if tag in self.hidden:
                del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag):]
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


@dataclass(frozen=True, slots=True)
class Rescue:
    """What a second look at a page found: text (with metadata and a note), or why there is none."""

    text: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    note: str | None = None
    empty: bool = False         # the page has no visible text at all


def visible_text(html: str) -> tuple[str, str | None]:
    """The page's visible text (one line per block element) and its ``<title>``."""
    collector = _Collector()
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError):   # the stdlib parser on malformed declarations
        pass
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    title = _SPACE.sub(" ", "".join(collector.title)).strip() or None
    return "\n".join(line for line in lines if line), title


def _chars(text: str) -> int:
    return len(_SPACE.sub("", text))


def _tree_chars(tree: Any) -> int:
    body = tree.find(".//body")
    root = body if body is not None else tree
    lxml.etree.strip_elements(root, *_HIDDEN, with_tail=False)
    return _chars(root.text_content())


def _parse(html: str, *, huge: bool) -> Any:
    parser = lxml.html.HTMLParser(huge_tree=huge, remove_comments=True)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return None


def rescue(html: str, url: str | None, extract: Extract) -> Rescue:
    """A second look at a page in which ``extract`` (trafilatura) found no main text."""
    text, title = visible_text(html)
    total = _chars(text)
    if total == 0:
        return Rescue(empty=True)
    shallow = _parse(html, huge=False)
    if shallow is not None and _tree_chars(shallow) >= PARSER_KEPT_MIN_SHARE * total:
        return Rescue()       # the parser saw the page whole: it really has no main text
    deep = _parse(html, huge=True)
    if deep is not None and _tree_chars(deep) >= PARSER_KEPT_MIN_SHARE * total:
        found = extract(_parse(html, huge=True), url)
        if found is not None:
            return Rescue(found[0], found[1], "HTML nested too deep for the default parser; "
                                              "read with the deep-tree parser")
    meta = {"title": title} if title else {}
    return Rescue(text, meta, "HTML nested too deep for the main-text extractor; "
                              "kept the page's visible text (navigation included)")


__all__ = ["PARSER_KEPT_MIN_SHARE", "Rescue", "rescue", "visible_text"]

"""Text features shared by the linking modules: tokens, stems, quotations, overlap.

Why a crude stemmer and not spaCy: linking runs over records already
extracted and must scale to 100k documents without loading a model, and the
features it needs (does "downed" match "down", "strikes" match "strike") are
served by suffix stripping.  Nothing here loads anything.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

__all__ = [
    "STOPWORDS", "content_stems", "cosine", "headline_case", "outside_spans", "salient_names", "quoted_spans", "stem", "term_counts", "titled_text",
    "tokens", "weighted_overlap",
]

_WORD = re.compile(r"[A-Za-z][A-Za-z\-']*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves said says say saying told tell according reported report
one two three four five six seven eight nine ten also us may might must shall new since last
""".split()) - {"down"}

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (hyphenated words kept whole)."""
    return [m.group(0).lower() for m in _WORD.finditer(text)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A conservative suffix stripper: downed -> down, strikes -> strik, shelling -> shell."""
    w = word.lower().strip("'")
    if w.endswith("'s"):
        w = w[:-2]
    for suf in _SUFFIXES:
        if len(w) - len(suf) >= 3 and w.endswith(suf):
            w = w[: -len(suf)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]   # shelled -> shell (kept), stopped -> stopp -> stop
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def titled_text(title: str | None, text: str) -> str:
    """A document's title and text as one text, the title once: ingest takes the title from the text's
    first line and keeps that line in the text, and a title counted twice doubles its words' weight and
    fills the lead (title + next line) with the title alone (ECB+ 36-40 end to end: one document of the
    Warren Jeffs trial story joined his 2006 arrest's story this way)."""
    title = (title or "").strip()
    if not title:
        return text
    first = text.lstrip().split("\n", 1)[0].strip()
    return text if first == title else f"{title}\n{text}"


def headline_case(words: Sequence[str]) -> bool:
    """Whether a sentence is set in Title Case or capitals ("Apple Unveils New MacBook Air", "RCMP MAKE
    ARRESTS"): a tagger reads its verbs as proper nouns ("Confirms" stays "Confirms"), so callers
    lemmatise such a sentence lower-cased.  Most words of four letters or more are capitalised."""
    long = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    return len(long) >= 2 and sum(w[:1].isupper() for w in long) / len(long) >= 0.75


_CAPITAL = re.compile(r"[A-Z][A-Za-z]+")
_LOWER = re.compile(r"\b[a-z][a-z]+\b")
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")


def salient_names(text: str) -> Counter[str]:
    """What tells one real event from another of the same kind: names, measures and years.

    Capitalised words that do not start a sentence and never appear in lower
    case in the text (Aceh, Capaldi, WWDC; stemmed), decimal numbers (a
    magnitude 6.1, a price 1.29) and years (2009), the numbers marked ``#``.
    Lines that are web addresses are skipped (their words are not prose).
    """
    lower = set(_LOWER.findall(text))
    out: Counter[str] = Counter()
    for line in text.split("\n"):
        if line.lstrip().startswith(("http:", "https:", "http :", "https :", "www.")):
            for m in _NUMBER.finditer(line):   # a dated URL still dates its page
                if len(v := m.group(1)) == 4 and v[:2] in ("19", "20"):
                    out["#" + v] += 1
            continue
        for sentence in _SENTENCE.split(line):
            words = sentence.split()
            for w in words[1:]:
                w = w.strip(".,;:!?\"'()[]")
                w = w[:-2] if w.endswith(("'s", "\u2019s")) else w
                if _CAPITAL.fullmatch(w) and w.lower() not in lower and w.lower() not in STOPWORDS:
                    out[stem(w)] += 1
            for m in _NUMBER.finditer(sentence):
                v = m.group(1)
                if "." in v or (len(v) == 4 and v[:2] in ("19", "20")):
                    out["#" + v] += 1
    return out


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stopwords and numbers dropped)."""
    return [stem(t) for t in tokens(text) if t not in STOPWORDS and not t[0].isdigit() and len(t) > 1]


_QUOTE_MARK = re.compile('[“„«”»"\n]')


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks, one line at a time.

    Why per line: scraped news keeps one paragraph per line, and an unclosed
    quote must not swallow the rest of the document; it is closed at the end
    of its line (the newspaper convention for a quote that runs on).
    """
    out: list[tuple[int, int]] = []
    start: int | None = None
    for m in _QUOTE_MARK.finditer(text):
        ch, i = m.group(0), m.start()
        if ch == "\n":
            if start is not None:
                out.append((start, i))
                start = None
        elif ch in "“„«" or (ch == '"' and start is None):
            if start is None:
                start = i + 1
        elif start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(text)))
    return out


def outside_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` blanked (offsets are kept)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(len(chars), end)):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def weighted_overlap(a: Iterable[str], b: Iterable[str], idf: Mapping[str, float] | None = None,
                     default_idf: float = 1.0) -> float:
    """IDF-weighted overlap coefficient of two term sets: shared weight / smaller side's weight.

    Why the overlap coefficient and not Jaccard: a short claim ("the downed
    helicopter was an absolute lie") is about the same thing as a long one
    that mentions it, and Jaccard punishes the length difference.
    """
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0

    def w(t: str) -> float:
        return idf.get(t, default_idf) if idf is not None else 1.0

    shared = sum(w(t) for t in sa & sb)
    return shared / min(sum(w(t) for t in sa), sum(w(t) for t in sb))


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def term_counts(text: str) -> Counter[str]:
    """Content-stem counts of a text."""
    return Counter(content_stems(text))

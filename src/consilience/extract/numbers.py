"""Read a number written in digits, words or vague amounts, with its conservative value.

Why a small parser of our own: casualty counts are written "nine", "33",
"30,000", "1.5 million", "twenty-five", "several hundred", "tens of
thousands", and the record must keep both the words as written and one
number to compare across reports.  Vague amounts take the most conservative
value, following ACLED's coding rule (tens -> 10, dozens -> 12, hundreds ->
100); the values and their sources live in ``data/figures_lexicon.json``.

The functions work on lists of lower-cased token strings so that they can be
tested without spaCy and used on any tokenisation.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["Amount", "lexicon", "parse_amount", "parse_qualifier", "digits_value"]

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Amount:
    """A number found at ``tokens[start:end]``."""

    value: float
    start: int
    end: int
    vague: str | None = None   # the vague word the value came from ("dozens"), if any
    source: str | None = None  # lexicon source key of the conservative value


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The figures lexicon, read once on first use."""
    text = resources.files("consilience").joinpath("data/figures_lexicon.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    return {k: v for k, v in lexicon()["number_words"].items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def _scales() -> dict[str, int]:
    return {k: v for k, v in lexicon()["scale_words"].items() if not k.startswith("_")}


@functools.lru_cache(maxsize=None)
def _phrase_table(kind: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The phrases of lexicon table ``kind`` split into words, in lexicon order (read once)."""
    table = _qualifiers() if kind == "qualifiers" else lexicon()[kind]
    return tuple((phrase, tuple(phrase.split())) for phrase in table)


@functools.lru_cache(maxsize=None)
def _first_words(kind: str) -> frozenset[str]:
    """The words that start a phrase of lexicon table ``kind``."""
    return frozenset(words[0] for _, words in _phrase_table(kind) if words)


@functools.lru_cache(maxsize=1)
def _number_starts() -> frozenset[str]:
    """Every word other than digits that may start an amount (:func:`parse_amount` is None elsewhere)."""
    return (frozenset(lexicon()["vague_plurals"]) | _first_words("vague_multipliers") | frozenset(_words())
            | {"a", "an"})


def digits_value(text: str) -> float | None:
    """``"30,000"`` -> 30000.0; ``None`` for anything that is not a plain written number ("11:25")."""
    if not _DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def _match_phrase(tokens: Sequence[str], i: int, phrases: Sequence[tuple[str, tuple[str, ...]]]) -> str | None:
    """The longest phrase (given as (phrase, its words)) that starts at ``tokens[i]``; the first of equals."""
    best: str | None = None
    best_len = 0
    for phrase, words in phrases:
        n = len(words)
        if (best is None or n > best_len) and tuple(tokens[i:i + n]) == words:
            best, best_len = phrase, n
    return best


@functools.lru_cache(maxsize=1)
def _qualifiers() -> dict[str, str]:
    return {k: v for k, v in lexicon()["qualifiers"].items() if not k.startswith("_")}


def parse_qualifier(tokens: Sequence[str], i: int) -> tuple[str, int] | None:
    """A qualifier phrase at ``tokens[i]``: (canonical qualifier, end index)."""
    table = _qualifiers()
    if i >= len(tokens) or tokens[i] not in _first_words("qualifiers"):
        return None
    phrase = _match_phrase(tokens, i, _phrase_table("qualifiers"))
    if phrase is None:
        return None
    return table[phrase], i + len(phrase.split())


def _vague(tokens: Sequence[str], i: int) -> Amount | None:
    """'dozens', 'tens of thousands', 'several hundred', 'a few dozen'."""
    lex = lexicon()
    plurals: dict[str, dict[str, Any]] = lex["vague_plurals"]
    multipliers: dict[str, dict[str, Any]] = lex["vague_multipliers"]
    scales = _scales()
    n = len(tokens)
    if i < n and tokens[i] in plurals:
        entry = plurals[tokens[i]]
        value = float(entry["value"])
        end = i + 1
        # "tens of thousands", "hundreds of thousands"
        if end + 1 < n and tokens[end] == "of" and tokens[end + 1] in plurals and \
                plurals[tokens[end + 1]]["value"] > entry["value"]:
            value *= plurals[tokens[end + 1]]["value"]
            end += 2
            return Amount(value, i, end, " ".join(tokens[i:end]), "acled-extended")
        return Amount(value, i, end, " ".join(tokens[i:end]), entry["source"])
    phrase = (_match_phrase(tokens, i, _phrase_table("vague_multipliers"))
              if i < n and tokens[i] in _first_words("vague_multipliers") else None)
    if phrase is not None:
        entry = multipliers[phrase]
        end = i + len(phrase.split())
        value = float(entry["value"])
        if end < n and tokens[end] in scales:
            value *= scales[tokens[end]]
            end += 1
        elif end < n and tokens[end] in plurals:   # "several dozens"
            value *= plurals[tokens[end]]["value"]
            end += 1
        return Amount(value, i, end, " ".join(tokens[i:end]), entry["source"])
    return None


def _joins(current: float, word_value: int) -> bool:
    """Whether a number word continues the number so far ("twenty" + "five", "hundred" + "ten")."""
    low = current % 100
    if word_value < 10 and low >= 20 and low % 10 == 0:
        return True
    return current >= 100 and low == 0 and word_value < 100


def _words_number(tokens: Sequence[str], i: int) -> Amount | None:
    """'nine', 'twenty-five', 'one hundred and twenty', 'a thousand', '1.5 million', 'a dozen'."""
    words = _words()
    scales = _scales()
    n = len(tokens)
    total = 0.0
    current = 0.0
    j = i
    seen = False
    from_digits = False
    vague: str | None = None
    if j + 1 < n and tokens[j] in ("a", "an") and tokens[j + 1] in scales:
        current, j, seen = 1.0, j + 1, True
    while j < n:
        tok = tokens[j]
        value = digits_value(tok)
        if value is not None and not seen:
            current, seen, from_digits = value, True, True
        elif tok in words and not seen:
            current, seen = float(words[tok]), True
        elif tok in words and not from_digits and _joins(current, words[tok]):
            current += words[tok]
        elif tok in scales and seen:
            scale = scales[tok]
            if tok == "dozen":
                vague = "dozen"
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
        elif tok in ("-", "and") and seen and not from_digits and j + 1 < n and tokens[j + 1] in words \
                and _joins(current, words[tokens[j + 1]]):
            pass
        else:
            break
        j += 1
    if not seen:
        return None
    return Amount(total + current, i, j, vague, None)


def parse_amount(tokens: Sequence[str], i: int) -> Amount | None:
    """The number that starts at ``tokens[i]`` (lower-cased tokens), or ``None``.

    A lone article ("a civilian") is not read here: whether "a" counts one
    depends on the noun after it, which the caller decides.
    """
    if i >= len(tokens) or (tokens[i] not in _number_starts() and not tokens[i][:1].isdigit()):
        return None    # fast path: neither a number word nor digits (every amount starts with one)
    vague = _vague(tokens, i)
    if vague is not None:
        return vague
    return _words_number(tokens, i)

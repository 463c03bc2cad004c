"""Repair text that was decoded with the wrong encoding before it reached us ("mojibake").

News text often passes through systems that read UTF-8 bytes as Windows-1252 or
Latin-1 and save the result: "Minnesota’s" becomes "Minnesotaâ€™s", "café"
becomes "cafÃ©".  When the file itself is valid UTF-8 no decoder can tell;
the damage is in the characters.  Left alone, a stray "â" becomes a token
that the parser takes for a name or a speaker ("â | It's not even traffic").

Two passes, both applied to the decoded text before cleaning, so that the
repaired text is the document's raw layer and every offset refers to it:

1. ``ftfy``'s encoding repair, restricted to undoing mis-decodings (no quote
   uncurling, no width or Unicode normalisation): it needs the whole
   mis-decoded sequence to be present ("â€™").
2. The **lossy** form, which ftfy leaves alone: some pipelines also lost the
   C1-range bytes, leaving "â" with a space or nothing where "€" and "™"
   were ("Minnesotaâ s", "couldnâ t", "â Fear is setting in,â said",
   "R-Marshall â “ joined").  Only three-byte punctuation of the U+2010–U+201F
   block and the bullet start with "â€", so a lone "â" (not inside a word) is
   read as the punctuation its remaining byte names, or, when that byte was
   lost too, as an apostrophe (between a word and "s", "t", "re", "ve", "ll",
   "d", "m") or a quotation mark (opening before a word, closing after
   punctuation).  An "â" inside a word ("château", "hâlâ") is never touched.

``repair_mojibake`` returns the text and how many places it changed, for the
document's notes.
"""

from __future__ import annotations

import re

import ftfy

#: ftfy with only its encoding repairs switched on: text that is not mojibake comes back unchanged.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
    replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=False,
    fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
    fix_surrogates=False, remove_control_chars=False, normalization=None, explain=False,
)

#: What sends a text to ftfy at all: a lead byte of a two- or three-byte UTF-8 sequence read as
#: Windows-1252/Latin-1 and followed by a continuation byte read the same way, or "Â " (a no-break
#: space, C2 A0, whose second byte became a plain space).
_SUSPECT = re.compile("\u00c2 |[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                      "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")

#: The Windows-1252 characters that stand for bytes 0x80–0x9F, by byte.
_CP1252_C1 = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}

#: A lone "â" (not preceded by a letter of the same word... see _lossy) with the "€" turned into a
#: space or lost, then the last byte if it survived as a Windows-1252 or Latin-1 character.
_LOSSY = re.compile(r"â(?: ?€)? ?([\u0080-\u00bf" + "".join(sorted(_CP1252_C1)) + r"])?")
_CONTRACTION = re.compile(r"(?:s|t|re|ve|ll|d|m)\b")
_OPENING_AFTER = " \t\n\r([{—–-\"'“‘"


def _third_byte(char: str) -> int | None:
    if char in _CP1252_C1:
        return _CP1252_C1[char]
    code = ord(char)
    return code if 0x80 <= code <= 0xBF else None


def _lossy_replacement(text: str, match: re.Match[str], quote_open: bool) -> tuple[str, int, int] | None:
    """What a lone "â" at ``match`` stood for and the stretch it replaces; None to leave it.

    ``quote_open``: whether a lossy quotation mark opened earlier in the paragraph is still open.
    """
    start, end = match.start(), match.end()
    found = match.group(0)
    before = text[start - 1] if start else ""
    rest = text[end:end + 3]
    if found == "â" and rest[:1].isalpha():
        return None  # "âge", "Brâncuși": a word that starts with or contains "â"
    if match.group(1) is not None:
        third = _third_byte(match.group(1))
        if third is None or before.isalpha() and found[1:2] != " ":
            return None
        char = bytes([0xE2, 0x80, third]).decode("utf-8", errors="replace")
        return (char, start, end) if "\u2010" <= char <= "\u203a" or char == "\u2022" else None
    # The last byte was lost as well: an apostrophe or a quotation mark, read from the neighbours.
    # Which quotation mark is not always clear, so it becomes a straight one, opening or closing by
    # its place (after punctuation: closing) or else by turns within the paragraph.
    if before.isalpha():
        return ("\u2019", start, end) if _CONTRACTION.match(rest) else None   # "hâlâ" stays
    if before in ".,;:!?)\u2026":
        return '"', start, start + 1
    if before == "" or before in _OPENING_AFTER:
        if not rest[:1].isalnum():
            return None
        if quote_open and before == " " and start >= 2 and text[start - 2] in ".,;:!?\u2026":
            return '" ', start - 1, end    # 'streets. â As' -> 'streets." As'
        return ('"', start, start + 1) if quote_open else ('"', start, end)
    return None


def _repair_lossy(text: str) -> tuple[str, int]:
    if "â" not in text:
        return text, 0
    out: list[str] = []
    pos = changed = 0
    quote_open, last_quote = False, 0
    for match in _LOSSY.finditer(text):
        if match.start() < pos:
            continue
        if "\n" in text[last_quote:match.start()]:
            quote_open = False
        found = _lossy_replacement(text, match, quote_open)
        if found is None:
            continue
        replacement, begin, end = found
        if replacement.strip() == '"':
            quote_open, last_quote = not quote_open, match.start()
        out.append(text[pos:begin])
        out.append(replacement)
        pos = end
        changed += 1
    out.append(text[pos:])
    return "".join(out), changed


def repair_mojibake(text: str) -> tuple[str, int]:
    """``text`` with mis-decoded UTF-8 repaired, and the number of places changed (0: unchanged)."""
    changed = 0
    if _SUSPECT.search(text):
        fixed = ftfy.fix_text(text, _FTFY)
        if fixed != text:
            changed += sum(1 for _ in _SUSPECT.finditer(text)) - sum(1 for _ in _SUSPECT.finditer(fixed))
            changed = max(changed, 1)
            text = fixed
    text, lossy = _repair_lossy(text)
    return text, changed + lossy


__all__ = ["repair_mojibake"]

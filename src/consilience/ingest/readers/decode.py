"""Bytes to text, for files that do not say what encoding they are in.

Why not just ``bytes.decode("utf-8", errors="replace")``: news text saved from
Windows tools is often cp1252, and replacing its curly quotes with U+FFFD would
corrupt the very quotations the extractors look for.  The order is: a
byte-order mark, then strict UTF-8 (which almost never succeeds by accident on
legacy text), then a charset the document declares, then UTF-8 with the few
bad bytes replaced when the text is almost all valid UTF-8 (one stray byte in
a UTF-8 file must not turn every "ğ" into mojibake), then charset-normalizer's
guess, and finally a check that the result is plausible text at all.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# C0 controls other than tab/newline/form feed/carriage return, DEL, C1
# controls and the replacement character: what decoded binary looks like.
_JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")

#: Above this share of junk characters a decoded text is taken to be binary.
MAX_JUNK_RATIO = 0.02

#: The legacy encoding preferred when charset-normalizer cannot tell code pages
#: apart: English news text with a few curly quotes fits cp1250, cp1252 and
#: cp775 equally well, and cp1252 is by far the likeliest (it is what HTML5
#: decodes "latin-1" as).
PREFERRED_LEGACY = "cp1252"

_UTF8_DECLARED = re.compile(rb"utf-?8", re.IGNORECASE)


class DecodeError(ValueError):
    """Bytes that are not plausible text; ``reason`` completes "<file> ..."."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode ``data`` or raise :class:`DecodeError` saying why it is not text.

    ``declared`` is an encoding named by the container (an HTML ``<meta
    charset>``, an HTTP header); it is tried after BOM and strict UTF-8.
    """
    return decode_noted(data, declared=declared)[0]


def decode_noted(data: bytes, *, declared: str | None = None) -> tuple[str, str | None]:
    """Like :func:`decode_bytes`, with a note for the document when the
    decoding changed something (bytes replaced), else ``None``."""
    if not data:
        raise DecodeError("is empty")
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(encoding)), None
            except UnicodeDecodeError:
                raise DecodeError(
                    f"starts with a {name} byte-order mark but is not valid {name}; "
                    "re-save it as UTF-8") from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, None
        raise DecodeError("is binary (it contains NUL bytes), not text; "
                          "give the text or HTML of the article instead")
    try:
        return _checked(data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    if declared and not _UTF8_DECLARED.fullmatch(declared.encode("ascii", "replace")):
        try:
            return _checked(data.decode(declared)), None
        except (LookupError, UnicodeDecodeError):
            pass
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return nearly
    return _checked(_guess(data)), None


def _nearly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with replacement characters, when valid UTF-8 sequences outnumber bad bytes.

    Legacy 8-bit text (cp1252...) practically never holds valid multi-byte
    UTF-8 sequences, so their presence is the evidence; a text whose only
    non-ASCII bytes are invalid is left to the guesser.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    multibyte = sum(1 for ch in text if ch > "\x7f") - text.count("\ufffd")
    if bad <= 0 or multibyte < bad:
        return None
    return _checked(text), (f"decoded as UTF-8 with {bad} invalid byte sequence(s) replaced by U+FFFD "
                            f"(the rest is valid UTF-8: {multibyte} non-ASCII character(s))")


def _guess(data: bytes) -> str:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise DecodeError("is not text in any encoding Consilience recognises (binary data?); "
                          "re-save it as UTF-8 text")
    least_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least_chaos]
    if any(PREFERRED_LEGACY in m.could_be_from_charset for m in tied):
        try:
            return data.decode(PREFERRED_LEGACY)
        except UnicodeDecodeError:
            pass
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark (every other byte NUL), else None."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for zeros, encoding in ((sample[1::2], "utf-16-le"), (sample[0::2], "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                return _checked(data.decode(encoding))
            except (UnicodeDecodeError, DecodeError):
                return None
    return None


def _checked(text: str) -> str:
    """Reject decodings that are mostly control characters: binary in disguise."""
    if text:
        junk = len(_JUNK.findall(text))
        if junk > MAX_JUNK_RATIO * len(text):
            raise DecodeError("is mostly non-text bytes (binary data?), not text; "
                              "give the text or HTML of the article instead")
    return text


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def header_charset(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header value."""
    if not content_type:
        return None
    found = _HEADER_CHARSET.search(content_type)
    return found.group(1) if found else None

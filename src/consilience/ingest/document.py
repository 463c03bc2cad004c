"""From a reader's RawItem to a Document: clean, identify, date, attribute.

Why identity is derived from content and source: ``content_hash`` hashes the
normalised cleaned text, so the same article re-scraped with different
furniture hashes the same; ``id`` hashes the source key with it, so
re-ingesting the same input gives the same id (idempotent runs) while the same
text from another source is a separate document (and a duplicate link).

Every metadata value carries where it came from: metadata beats inference,
and an inferred value says what it was read from.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from typing import Any

from consilience.config import DEFAULT_CONFIG, Config
from consilience.errors import InputError
from consilience.ingest.clean import clean_text
from consilience.ingest.mojibake import repair_mojibake
from consilience.ingest.items import RawItem
from consilience.ingest.language import UNDETERMINED, detect_language, normalise_language_tag
from consilience.ingest.outlet import infer_outlet
from consilience.ingest.published import PublishedGuess, infer_published, normalise_published
from consilience.types import Document

ID_HEX_CHARS = 16


def normalise_for_hash(text: str) -> str:
    """NFKC, casefolded, whitespace collapsed: what "the same text" means."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    """sha256 hex of the normalised text."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def document_id(source_key: str, text_hash: str) -> str:
    """First 16 hex characters of sha256(source_key + "\\n" + content_hash)."""
    digest = hashlib.sha256(f"{source_key}\n{text_hash}".encode("utf-8")).hexdigest()
    return digest[:ID_HEX_CHARS]


def _meta_text(meta: Mapping[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _url(item: RawItem) -> str | None:
    url = _meta_text(item.meta, "url")
    if url:
        return url
    if item.source_key.lower().startswith(("http://", "https://")):
        return item.source_key
    return None


def _published(meta: Mapping[str, Any], text: str, notes: list[str]) -> tuple[PublishedGuess | None, str]:
    """The publication date and its origin (metadata | html | text | unknown)."""
    given = _meta_text(meta, "published")
    if given:
        guess = normalise_published(given)
        if guess is not None:
            origin = "html" if meta.get("published_origin") == "html" else "metadata"
            return guess, origin
        notes.append(f"metadata date {given!r} not understood; read from the text instead")
    guess = infer_published(text)
    return guess, ("text" if guess else "unknown")


def build_document(item: RawItem, config: Config = DEFAULT_CONFIG) -> Document:
    """Clean ``item`` and gather its metadata into a :class:`Document`.

    Raises :class:`InputError` for text over ``config.max_document_chars`` and
    for text with nothing (or less than ``config.min_document_chars``) left
    after cleaning.
    """
    meta = item.meta or {}
    if len(item.text) > config.max_document_chars:
        raise InputError(
            item.source,
            f"text has {len(item.text)} characters, more than max_document_chars={config.max_document_chars}",
        )
    # mis-decoded UTF-8 ("Minnesotaâ€™s", "Itâ s") is repaired first: the repaired text is the raw layer
    raw, repaired = repair_mojibake(item.text)
    known_sites = tuple(s for s in (_meta_text(meta, "outlet"), _meta_text(meta, "sitename")) if s)
    cleaned = clean_text(raw, title_hint=_meta_text(meta, "title"), known_sites=known_sites, config=config)
    left = len(cleaned.text.strip())
    if left == 0:
        raise InputError(item.source, f"no text left after removing boilerplate ({len(cleaned.removed)} lines removed)")
    if left < config.min_document_chars:
        raise InputError(
            item.source,
            f"only {left} characters left after removing boilerplate (min_document_chars={config.min_document_chars})",
        )

    notes: list[str] = list(item.notes)
    if repaired:
        notes.append(f"repaired {repaired} mis-decoded character sequence(s) (UTF-8 read as Windows-1252, "
                     f"e.g. 'â€™' for '’'); offsets refer to the repaired text")
    meta_language = normalise_language_tag(meta.get("language"))
    language_score: float | None
    if meta_language:
        language, language_score, language_origin = meta_language, None, "metadata"
    else:
        language, language_score = detect_language(cleaned.text, config)
        language_origin = "detected"
    accepted = {normalise_language_tag(code) or code for code in config.languages}
    if (language_origin == "detected" and language not in accepted and language != UNDETERMINED
            and len(cleaned.text) < config.language_short_chars
            and (language_score or 0.0) < config.language_min_confidence):
        # a short text (an ACLED note, a brief) guessed as another language without confidence: never
        # dropped silently
        notes.append(f"language guessed as {language!r} with confidence {language_score:.2f} on a short text: "
                     f"too unsure; treated as undetermined")
        language = UNDETERMINED
    if language == UNDETERMINED:
        status = "ok"
        notes.append(f"language undetermined (under {config.language_min_chars} characters); processed as {', '.join(config.languages)}")
    else:
        status = "ok" if language in accepted else "skipped_language"

    guess, published_origin = _published(meta, cleaned.text, notes)
    if guess is not None and guess.note:
        notes.append(f"published: {guess.note}")

    url = _url(item)
    outlet, outlet_origin = infer_outlet(meta, url, cleaned.site_name)
    text_hash = content_hash(cleaned.text)
    return Document(
        id=document_id(item.source_key, text_hash),
        source=item.source,
        source_key=item.source_key,
        format=item.format,
        content_hash=text_hash,
        raw_text=raw,
        text=cleaned.text,
        offset_map=cleaned.offset_map,
        removed=cleaned.removed,
        title=cleaned.title,
        author=_meta_text(meta, "author"),
        url=url,
        outlet=outlet,
        outlet_origin=outlet_origin,
        published=guess.value if guess else None,
        published_precision=guess.precision if guess else "unknown",
        published_origin=published_origin,
        published_evidence=guess.evidence if guess else None,
        language=language,
        language_score=language_score,
        language_origin=language_origin,
        status=status,
        notes=tuple(notes),
        credits=cleaned.credits,
    )


__all__ = ["build_document", "content_hash", "document_id", "normalise_for_hash"]

"""Settings as data: each has a name, a default and a help text.

Every tunable number of the pipeline lives here, so that a run's settings can
be printed, stored with the run and overridden in one place
(``Config.with_overrides``).  ``docs/settings.md`` is checked against this
table by the tests.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db_path", "consilience.db", "SQLite database file."),
    Setting("max_document_chars", 2_000_000,
            "Documents whose text is longer are rejected with an error (bounded memory)."),
    Setting("extract_section_chars", 100_000,
            "Longer documents are extracted in sections of at most this many characters (bounded memory)."),
    Setting("max_line_chars", 200_000, "JSONL lines longer than this are rejected."),
    Setting("min_document_chars", 1, "Documents with less cleaned text are rejected as empty."),
    Setting("near_duplicate_line_jaccard", 0.9,
            "Word-trigram Jaccard at or above which a line repeats an earlier one."),
    Setting("minhash_num_perm", 128, "MinHash permutations for cross-document duplicates."),
    Setting("minhash_threshold", 0.8,
            "Estimated Jaccard (word 5-shingles) at or above which two documents are near duplicates."),
    Setting("minhash_shingle_words", 5, "Words per shingle for document MinHash."),
    Setting("language_min_chars", 40, "Below this many characters language detection says 'und'."),
    Setting("languages", ("en",), "Languages the extraction stages process; others are stored and flagged."),
    Setting("language_short_chars", 600,
            "Texts shorter than this whose detected language is not processed, with less confidence than "
            "language_min_confidence, are treated as undetermined and processed (with a note), not dropped."),
    Setting("language_min_confidence", 0.95,
            "Detector confidence below which a short text's language guess is not trusted (see language_short_chars)."),
    Setting("workers", 0, "Worker processes for per-document extraction (0: one per core, 1: in process)."),
    Setting("engine", "local",
            "Where extraction and linking run: local (this machine's processes) or ray (pip install 'consilience[ray]')."),
    Setting("ray_address", None,
            "Ray cluster to join with engine ray (auto, HOST:PORT, ray://HOST:10001); none: a local Ray for the run."),
    Setting("report_path", "consilience-report.html", "Where `consilience run` writes the HTML report."),
    Setting("allow_outside_manifest", False,
            "Let a manifest list files outside its own folder (absolute paths, ../); off by default."),
)

_DEFAULTS = {s.name: s.default for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Config:
    db_path: str = _DEFAULTS["db_path"]
    max_document_chars: int = _DEFAULTS["max_document_chars"]
    extract_section_chars: int = _DEFAULTS["extract_section_chars"]
    max_line_chars: int = _DEFAULTS["max_line_chars"]
    min_document_chars: int = _DEFAULTS["min_document_chars"]
    near_duplicate_line_jaccard: float = _DEFAULTS["near_duplicate_line_jaccard"]
    minhash_num_perm: int = _DEFAULTS["minhash_num_perm"]
    minhash_threshold: float = _DEFAULTS["minhash_threshold"]
    minhash_shingle_words: int = _DEFAULTS["minhash_shingle_words"]
    language_min_chars: int = _DEFAULTS["language_min_chars"]
    languages: tuple[str, ...] = _DEFAULTS["languages"]
    language_short_chars: int = _DEFAULTS["language_short_chars"]
    language_min_confidence: float = _DEFAULTS["language_min_confidence"]
    workers: int = _DEFAULTS["workers"]
    engine: str = _DEFAULTS["engine"]
    ray_address: str | None = _DEFAULTS["ray_address"]
    report_path: str = _DEFAULTS["report_path"]
    allow_outside_manifest: bool = _DEFAULTS["allow_outside_manifest"]

    def with_overrides(self, **overrides: Any) -> "Config":
        unknown = set(overrides) - set(_DEFAULTS)
        if unknown:
            valid = ", ".join(sorted(_DEFAULTS))
            raise ValueError(f"unknown setting(s) {sorted(unknown)}; valid settings: {valid}")
        return dataclasses.replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


DEFAULT_CONFIG = Config()

"""Building Consilience's spaCy pipeline.

The pipeline is the model's (``tok2vec``, ``tagger``, ``attribute_ruler``,
``lemmatizer``, ``ner``) with these changes, in order:

* the tokenizer keeps abbreviated titles whole ("Const.", "Det.", "Sgt.") and
  ``senter`` is enabled, followed by ``consilience_title_sentences`` (no sentence
  starts at a name after such a title: "said Const. Sandasha Bough") and
  ``consilience_line_sentences``: every document gets sentences without the
  parser (a line break ends one);
* the ``attribute_ruler`` and ``lemmatizer`` replaced by
  ``consilience_token_attrs``, which asks them once per (word, tag) and
  caches the answer (same tags, POS, morphology and lemmas; see
  :mod:`consilience.nlp.token_attrs`);
* ``consilience_entity_ruler`` (spaCy's ``entity_ruler``, ``overwrite_ents``)
  *before* ``ner``: the names Consilience knows (actor lexicon: countries,
  demonyms, capitals, seats, people, organisations; plus the place
  gazetteer's patterns from :func:`consilience.extract.places.place_ruler_patterns`
  when that module is installed) are fixed before the NER runs, so the NER
  cannot call "Azerbaijan" or "Stepanakert" a PERSON or "Nagorno-Karabakh" an
  ORG, and it predicts the other entities around them;
* ``consilience_org_names`` after ``ner``: re-joins organisation names the
  ruler split ("Armenian Unified Infocenter");
* the model's ``parser`` disabled and ``consilience_selective_parser`` at
  the end of the NLP part: it parses only sentences with a cue
  (``parse="selective"``), all of them (``"all"``), or none (``"none"``);
  see :mod:`consilience.nlp.components.selective_parser` for the design;
* the record components ``consilience_actors``, ``consilience_places``,
  ``consilience_dates``, ``consilience_figures``, writing plain records to
  ``doc._.consilience_*``.

When the place and gazetteer patterns overlap the lexicon's (same text), the
gazetteer's pattern is kept (it may carry an id its extractor relies on),
except for PERSON and NORP patterns, which are the lexicon's business.

:func:`build_pipeline` caches one pipeline per settings per process;
:func:`make_pipeline` always builds a new one.
"""

from __future__ import annotations

import importlib
import importlib.util
import weakref
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Token

from consilience.config import DEFAULT_CONFIG, Config
from consilience.nlp import token_attrs
from consilience.nlp.model import load_model, model_info
from consilience.nlp.version import DATA_FILES, VERSION, data_fingerprint, default_pipeline_version, version_string

PARSE_MODES = ("selective", "all", "none")
RECORD_COMPONENTS = ("actors", "places", "dates", "figures")
RULER_NAME = "consilience_entity_ruler"
PLACES_MODULES = ("consilience.extract.places", "consilience.extract.gazetteer")


def is_parsed(token: Token) -> bool:
    """True when the token's sentence was parsed (only then are head/dep meaningful)."""
    return token.dep != 0


def place_patterns() -> tuple[list[dict[str, Any]], str]:
    """The gazetteer's EntityRuler patterns and where they came from.

    Looks for ``place_ruler_patterns()`` in :data:`PLACES_MODULES`, in order.
    Returns ``([], "fallback: ...")`` while none of them has it; an error
    raised *inside* an existing module propagates (a broken gazetteer must not
    look like a missing one).
    """
    for name in PLACES_MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            continue
        fn = getattr(importlib.import_module(name), "place_ruler_patterns", None)
        if fn is not None:
            return list(fn()), f"{name}.place_ruler_patterns"
    return [], (f"fallback: no place_ruler_patterns() in {' or '.join(PLACES_MODULES)}; "
                "actor lexicon patterns only")


def _pattern_key(pattern: dict[str, Any]) -> str:
    p = pattern.get("pattern")
    return p if isinstance(p, str) else repr(p)


def merge_patterns(lexicon_patterns: list[dict[str, Any]],
                   gazetteer_patterns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One pattern per text: the gazetteer's, except where the lexicon's is PERSON/NORP."""
    mine = {_pattern_key(p): p for p in lexicon_patterns}
    keep_mine = {k for k, p in mine.items() if p["label"] in ("PERSON", "NORP")}
    out: list[dict[str, Any]] = []
    taken: set[str] = set()
    for p in gazetteer_patterns:
        key = _pattern_key(p)
        if key in keep_mine or key in taken:
            continue
        taken.add(key)
        out.append(p)
    for key, p in mine.items():
        if key not in taken:
            taken.add(key)
            out.append(p)
    return out


def make_pipeline(config: Config = DEFAULT_CONFIG, *, parse: str = "selective",
                  components: tuple[str, ...] = RECORD_COMPONENTS,
                  actor_lexicons: tuple[str, ...] | None = None,
                  cache_token_attrs: bool = True) -> Language:
    """A new pipeline (not cached).  ``components`` picks the record components to add.

    ``cache_token_attrs``: run the model's attribute ruler and lemmatizer once
    per (word, tag) (:mod:`consilience.nlp.token_attrs`; same results).

    ``actor_lexicons``: extra actor JSONL files; by default those named by
    ``$CONSILIENCE_ACTORS`` (and ``config.actors_path`` if the settings have it).
    """
    from consilience.extract.actors import lexicon_paths, load_lexicon, ruler_patterns
    from consilience.nlp.components import register
    from consilience.nlp.components.title_abbreviations import add_tokenizer_cases as add_title_cases

    if parse not in PARSE_MODES:
        raise ValueError(f"parse must be one of {PARSE_MODES}, not {parse!r}")
    unknown = set(components) - set(RECORD_COMPONENTS)
    if unknown:
        raise ValueError(f"unknown components {sorted(unknown)}; valid: {RECORD_COMPONENTS}")
    register()
    lexicons = lexicon_paths(config=config) if actor_lexicons is None else tuple(actor_lexicons)
    lexicon = load_lexicon(lexicons)

    nlp = load_model()
    nlp.max_length = max(nlp.max_length, config.max_document_chars + 1)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if "parser" in nlp.pipe_names:
        nlp.disable_pipe("parser")
    add_title_cases(nlp)
    nlp.add_pipe("consilience_title_sentences", after="senter")
    nlp.add_pipe("consilience_line_sentences", after="consilience_title_sentences")
    cached_attrs = cache_token_attrs and token_attrs.install(nlp)

    gazetteer, source = place_patterns()
    patterns = merge_patterns(ruler_patterns(lexicon), gazetteer)
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before="ner",
                         config={"overwrite_ents": True})
    with nlp.select_pipes(enable=[RULER_NAME]):     # tokenise patterns only, no tagging
        ruler.add_patterns(patterns)
    if len(ruler):      # spaCy's ruler counts its thousands of patterns on every document, only to warn at 0
        ruler._require_patterns = lambda: None
    nlp.add_pipe("consilience_org_names", after="ner")
    if parse != "none":
        nlp.add_pipe("consilience_selective_parser", config={"mode": parse})
    for name in RECORD_COMPONENTS:
        if name in components:
            cfg = {"lexicons": list(lexicons)} if name == "actors" else {}
            nlp.add_pipe(f"consilience_{name}", config=cfg)
    nlp.meta["consilience"] = {
        "pipeline_version": VERSION,
        "parse": parse,
        "components": list(components),
        "place_patterns": source,
        "n_place_patterns": len(gazetteer),
        "n_ruler_patterns": len(patterns),
        "actor_lexicons": list(lexicons),
        "data": data_fingerprint(lexicons),
        "model": model_info(),
        "token_attrs": "cached per (word, tag)" if cached_attrs else "model components",
    }
    return nlp


@lru_cache(maxsize=4)
def _cached(config: Config, parse: str, components: tuple[str, ...],
            lexicons: tuple[str, ...]) -> Language:
    return make_pipeline(config, parse=parse, components=components, actor_lexicons=lexicons)


def build_pipeline(config: Config = DEFAULT_CONFIG, *, parse: str = "selective",
                   components: tuple[str, ...] = RECORD_COMPONENTS) -> Language:
    """The pipeline for these settings, built once per process (see :func:`make_pipeline`)."""
    from consilience.extract.actors import lexicon_paths

    return _cached(config, parse, tuple(components), lexicon_paths(config=config))


def clear_cache() -> None:
    """Forget the cached pipelines (tests; after changing ``$CONSILIENCE_ACTORS`` files)."""
    _cached.cache_clear()


def pipeline_version(nlp: Language | None = None, *, parse: str = "selective") -> str:
    """``consilience-X+pipeline-N+<model>-<version>+parse-<mode>+data-<hash>``.

    Stamped on every DocumentRecords; computed once per pipeline.  Without ``nlp`` (a document skipped
    before any pipeline was built) it is the version of the default pipeline:
    the model's metadata and the current data files.
    """
    from consilience.extract.actor_paths import lexicon_paths

    if nlp is None:
        return default_pipeline_version(parse=parse)
    if (known := _VERSIONS.get(nlp)) is not None:
        return known
    # ``nlp.meta`` is rebuilt on every read (spaCy lists every component's labels: 6,000 ruler patterns)
    meta = nlp.meta.get("consilience", {})
    version = version_string(meta.get("model") or model_info(), meta.get("parse", parse),
                             meta.get("data") or data_fingerprint(lexicon_paths()),
                             meta.get("pipeline_version", VERSION))
    _VERSIONS[nlp] = version
    return version


#: The version of each pipeline, computed once per pipeline (not once per document).
_VERSIONS: weakref.WeakKeyDictionary[Language, str] = weakref.WeakKeyDictionary()


__all__ = [
    "PARSE_MODES", "RECORD_COMPONENTS", "RULER_NAME", "build_pipeline", "clear_cache",
    "data_fingerprint",
    "is_parsed", "make_pipeline", "merge_patterns", "pipeline_version", "place_patterns",
]

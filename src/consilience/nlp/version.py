"""The extractor version: what a store compares to decide which documents to extract again.

``consilience-X+pipeline-N+<model>-<version>+parse-<mode>+data-<hash>``.  Computed here without
importing spaCy (the model's ``meta.json`` is read from its folder), so a run with nothing new to
extract never loads it.  :func:`consilience.nlp.pipeline.pipeline_version` gives the same string
for a built pipeline.
"""

from __future__ import annotations

import hashlib
from typing import Any

from consilience.nlp.model import model_info

VERSION = "5"  # 2: claims and events; 3: the rules of issue 11-12 round 3 (places, events, claims code); 4: round 4 (generated states, title abbreviations, capital institutions, figures, helpers' rules); 5: round 5 (precision rules on real news, trigger slots, places)

DATA_FILES = ("actors.jsonl", "actors_countries.jsonl", "places_ruler_stoplist.txt", "actor_terms.json", "parse_cues.json", "claim_cues.json",
              "event_triggers.json", "acled_plover.tsv", "figures_lexicon.json", "places_extra.tsv",
              "places_regions.tsv", "places_admin.tsv", "places_countries_geonames_points.tsv",
              "places_subdivisions.tsv", "places_airports.tsv",
              "acled_generic_actors.tsv", "acled_actor_rules.tsv", "acled_country_names.tsv")


def data_fingerprint(actor_lexicons: tuple[str, ...] = ()) -> str:
    """8 hex digits of the data the actor/parse rules read (packaged files + user lexicons).

    Part of the extractor version, so editing a lexicon makes a store
    re-extract the documents it already has.
    """
    from importlib import resources
    from pathlib import Path

    digest = hashlib.sha1()
    for name in DATA_FILES:
        digest.update(resources.files("consilience").joinpath("data", name).read_bytes())
    for path in actor_lexicons:
        digest.update(Path(path).read_bytes())
    from consilience.extract.event_classifier import model_path

    if (model := model_path()) and Path(model).is_file():   # a user's event classifier changes the events
        digest.update(Path(model).read_bytes())
    return digest.hexdigest()[:8]


def version_string(model: dict[str, Any], parse: str, data: str, pipeline: str = VERSION) -> str:
    from consilience import __version__

    return (f"consilience-{__version__}+pipeline-{pipeline}+{model['name']}-{model['version']}"
            f"+parse-{parse}+data-{data}")


def default_pipeline_version(*, parse: str = "selective") -> str:
    """The version of the default pipeline: the installed model's metadata and the current data files."""
    from consilience.extract.actor_paths import lexicon_paths

    return version_string(model_info(), parse, data_fingerprint(lexicon_paths()))


__all__ = ["DATA_FILES", "VERSION", "data_fingerprint", "default_pipeline_version", "version_string"]

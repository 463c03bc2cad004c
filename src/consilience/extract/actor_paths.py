"""Where the user's extra actor lexicons are: explicit paths, ``$CONSILIENCE_ACTORS``, the settings.

Kept apart from :mod:`consilience.extract.actors` (which needs spaCy) so that the extractor version
can be computed without importing spaCy (a re-run with nothing new never loads it).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

ENV_VAR = "CONSILIENCE_ACTORS"


def lexicon_paths(explicit: Sequence[str] = (), config: Any = None) -> tuple[str, ...]:
    """Extra lexicon files: ``explicit``, then ``$CONSILIENCE_ACTORS`` (os.pathsep-separated),
    then ``config.actors_path`` when the settings have one."""
    out = [str(p) for p in explicit]
    env = os.environ.get(ENV_VAR, "")
    out += [p for p in env.split(os.pathsep) if p.strip()]
    cfg = getattr(config, "actors_path", None)
    if cfg:
        out.append(str(cfg))
    return tuple(dict.fromkeys(out))


__all__ = ["ENV_VAR", "lexicon_paths"]

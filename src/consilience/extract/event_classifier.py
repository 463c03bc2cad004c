"""A small linear text classifier for ACLED sub-event types (and so event types).

Why: the trigger rules (``data/event_triggers.json``) decide *whether* a
sentence reports an event and apply what the ACLED codebook states outright
(territory by who took it, agreements, weapons -> remote violence); which of
the codebook's 25 sub-event types a violent or demonstration event is often
depends on many words at once ("blocked the road ... to demonstrate" is a
protest, "... and burnt several homes" a riot, "killed a civilian" violence
against civilians).  A multinomial logistic regression over word unigrams and
bigrams of the event's text learns that from ACLED's own coding.

The model is a plain JSON file: the label
list, each label's bias, and for each kept feature its non-zero weights.  It
loads offline with the standard library; prediction is a sum of weights and a
softmax.  It is fitted by ``bench/train_event_classifier.py`` on the ACLED dev
sample (``../shared/bench/acled_sample``, GPL-3.0, ACLED / acledR); how it is
measured without fitting on the part reported is in ``bench/eval_acled.py``.

Text is normalised before featurising so that ACLED's house style ("On 23
February 2022, ...", "[size=no report]", "(Oyam, Northern)") does not become
a feature and the model reads news sentences the same way: bracketed and
parenthesised asides, dates and digits are removed, words lower-cased.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Classifier", "normalise", "features", "load_shipped", "SUB_TO_TYPE"]

#: ACLED's sub-event types and their event type (codebook).
SUB_TO_TYPE = {
    "Armed clash": "Battles", "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence", "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence", "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence", "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians", "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests", "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots", "Mob violence": "Riots",
    "Agreement": "Strategic developments", "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments", "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments", "Other": "Strategic developments",
}

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_RE_BRACKET = re.compile(r"\[[^\]]*\]")
_RE_PAREN = re.compile(r"\([^()]*\)")
_RE_DATE = re.compile(rf"\b(on|around|between|from|since|in|during)?\s*(the\s+)?(\d{{1,2}}(st|nd|rd|th)?\s+)?"
                      rf"({_MONTHS})\b(\s+\d{{1,2}}(st|nd|rd|th)?)?(,?\s+\d{{4}})?", re.I)
_RE_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
_STOP = frozenset("the a an of and to in on at for by with from was were is are be been as that this it its their "
                  "his her they he she which who also had has have or".split())


def normalise(text: str) -> list[str]:
    """Words of ``text`` without house-style asides, dates and numbers (lower case)."""
    t = _RE_BRACKET.sub(" ", text)
    for _ in range(2):
        t = _RE_PAREN.sub(" ", t)
    t = _RE_DATE.sub(" ", t)
    t = re.sub(r"\d[\d,.:]*", " 0 ", t.lower())
    return _RE_WORD.findall(t)


def features(text: str) -> list[str]:
    """Unigrams (stop words left out) and bigrams (stop words kept) of the normalised text."""
    words = normalise(text)
    out = [w for w in words if w not in _STOP]
    out += [f"{a} {b}" for a, b in zip(words, words[1:])]
    return out


@dataclass(frozen=True, slots=True)
class Classifier:
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, dict[int, float]]
    about: str = ""

    def scores(self, text: str) -> list[float]:
        s = list(self.bias)
        seen: set[str] = set()
        for f in features(text):
            if f in seen:
                continue
            seen.add(f)
            for k, w in self.weights.get(f, {}).items():
                s[k] += w
        return s

    def probabilities(self, text: str) -> dict[str, float]:
        s = self.scores(text)
        m = max(s)
        e = [math.exp(x - m) for x in s]
        z = sum(e)
        return {lab: v / z for lab, v in zip(self.labels, e)}

    def predict(self, text: str, allowed: frozenset[str] | None = None) -> tuple[str, float, str, float]:
        """(sub-event type, its probability, event type, the type's summed probability).

        ``allowed``: the event types the caller accepts (the best of them is returned).
        """
        p = self.probabilities(text)
        types: dict[str, float] = {}
        for lab, v in p.items():
            t = SUB_TO_TYPE.get(lab, lab)
            if allowed is None or t in allowed:
                types[t] = types.get(t, 0.0) + v
        if not types:
            return "", 0.0, "", 0.0
        etype = max(types, key=lambda k: types[k])
        sub = max((lab for lab in p if SUB_TO_TYPE.get(lab) == etype), key=lambda k: p[k])
        return sub, p[sub], etype, types[etype]

    def to_json(self) -> dict[str, object]:
        return {"about": self.about, "labels": list(self.labels), "bias": [round(b, 4) for b in self.bias],
                "weights": {f: {str(k): round(w, 3) for k, w in ws.items()} for f, ws in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> "Classifier":
        weights = {f: {int(k): float(w) for k, w in ws.items()}  # type: ignore[union-attr]
                   for f, ws in data["weights"].items()}  # type: ignore[union-attr]
        return cls(labels=tuple(data["labels"]), bias=tuple(float(b) for b in data["bias"]),  # type: ignore[arg-type]
                   weights=weights, about=str(data.get("about", "")))


#: Where a user's own fitted model is read from (a path to its JSON file).
MODEL_ENV = "CONSILIENCE_EVENT_CLASSIFIER"


def model_path() -> str | None:
    """The model file named by ``$CONSILIENCE_EVENT_CLASSIFIER``, if any.

    No model ships with the package: the only coded training data at hand
    (ACLED's sample in acledR) is GPL-3.0, and weights fitted on it are not
    put in this Apache-2.0 package.  Fit one yourself with
    ``python bench/train_event_classifier.py --out FILE`` and name it here;
    without one the event coder uses its rules alone.
    """
    import os

    return os.environ.get(MODEL_ENV) or None


def load_shipped() -> Classifier | None:
    """The user's model (``$CONSILIENCE_EVENT_CLASSIFIER``), or None: rules only."""
    from consilience.errors import UsageError

    path = model_path()
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            return Classifier.from_json(json.load(fh))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"${MODEL_ENV}={path!r}: not a readable event classifier ({exc}); "
                         "fit one with bench/train_event_classifier.py --out FILE, or unset it") from exc

"""The claim cue lexicon (``data/claim_cues.json``) as typed, compiled data.

Why a data file: which verbs report speech, which stance each gives, which
outlets relay and which phrases name a channel are editorial decisions that
change with the corpus; keeping them in one documented JSON file (with the
sources and the meaning of each stance in its header) lets them be reviewed
and extended without touching the extraction logic.  The file is read once,
on first use, never on import.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = ["CueVerb", "CueLexicon", "STANCES", "load_cues"]

STANCES = ("assert", "deny", "admit", "accuse", "demand", "reject", "threaten", "promise", "unconfirmed")
"""The stances a claim can have (documented in the lexicon's header)."""


@dataclass(frozen=True, slots=True)
class CueVerb:
    """One reporting verb: its stance and which complements license it as a cue."""

    lemma: str
    stance: str
    forms: frozenset[str]
    frames: frozenset[str]
    requires_prep: frozenset[str] = frozenset()
    agentive: bool = False
    addressee: bool = False
    np_stop: frozenset[str] = frozenset()
    channel: str | None = None
    relay_construction: bool = False
    frame_stance: tuple[tuple[str, str], ...] = ()   # (frame, stance): 'want to' asserts, 'want X' demands
    np_heads: frozenset[str] | None = None          # the np frame only with these object heads
    np_requires_prep: frozenset[str] = frozenset()  # the np frame only with one of these after the object
    np_person_ok: bool = False                      # a person/pronoun/named actor can be the object
    clause_mark: frozenset[str] | None = None       # the clause must open with one of these ('' = none)
    kind: str = "speech"                            # speech | communication | belief | volition | evidence

    def stance_for(self, frame: str | None) -> str:
        """The stance given by this cue when ``frame`` licensed the content."""
        return dict(self.frame_stance).get(frame or "", self.stance)


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Everything the claim extractor looks up, compiled once."""

    verbs: dict[str, CueVerb]
    form_to_lemma: dict[str, str]
    put_toll_forms: frozenset[str]
    put_toll_objects: frozenset[str]
    negated_stance: dict[str, str]
    negators: frozenset[str]
    negating_verbs: frozenset[str]
    non_claim: tuple[re.Pattern[str], ...]
    relay_lemmas: frozenset[str]
    media_names: tuple[re.Pattern[str], ...]
    media_nouns: tuple[str, ...]
    agentive_nouns: frozenset[str]
    channel_nouns: dict[str, str]
    channels: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    deny_content: tuple[re.Pattern[str], ...]
    performative_subjects: frozenset[str]
    performatives: dict[str, str]
    claim_nouns: dict[str, str]
    collective_dets: frozenset[str]
    collective_heads: frozenset[str]
    speaker_pronouns: frozenset[str]
    headline_max_source_words: int
    belief_adjectives: frozenset[str] = frozenset()
    evidence_nouns: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    stance_nouns: dict[str, str] | None = None
    stance_noun_preps: frozenset[str] = frozenset()
    view_nouns: frozenset[str] = frozenset()
    #: answers of is_media / channel_in by text (speakers and frames repeat within and across documents)
    memo: dict[tuple[str, str], object] = field(default_factory=dict, init=False, compare=False, repr=False)

    def verb_for(self, lemma: str, text: str) -> CueVerb | None:
        """The cue verb for a token, by lemma or (when there is no lemma) by its form."""
        verb = self.verbs.get(lemma.lower()) if lemma else None
        if verb is not None:
            return verb
        key = self.form_to_lemma.get(text.lower())
        return self.verbs.get(key) if key else None

    def parse_words(self) -> frozenset[str]:
        """Words that make the selective parser parse a sentence for claims.

        The cue verbs, and the words of the cues that are not verbs (attitude adjectives, stance
        nouns, "in his view"): their frames are read from the parse only.
        """
        return frozenset(self.verbs) | self.belief_adjectives | frozenset(self.stance_nouns or ()) | self.view_nouns

    def _remember(self, kind: str, text: str, value: object) -> None:
        if len(self.memo) >= 50_000:
            self.memo.clear()
        self.memo[(kind, text)] = value

    def is_media(self, text: str) -> bool:
        """Whether a speaker/relay text names a news outlet ("Reuters", "Russian media")."""
        found = self.memo.get(("media", text))
        if found is None:
            found = self._is_media(text)
            self._remember("media", text, found)
        return bool(found)

    def _is_media(self, text: str) -> bool:
        if any(p.search(text) for p in self.media_names):
            return True
        low = " ".join(re.findall(r"[a-z][a-z.\-]*", text.lower()))
        return any(low == n or low.endswith(" " + n) for n in self.media_nouns)

    def channel_in(self, text: str) -> str | None:
        """The first channel (in lexicon order) whose pattern occurs in ``text``."""
        found = self.memo.get(("channel", text), self)      # self: not asked yet
        if found is self:
            found = self._channel_in(text)
            self._remember("channel", text, found)
        return found if isinstance(found, str) else None

    def _channel_in(self, text: str) -> str | None:
        for name, patterns in self.channels:
            if any(p.search(text) for p in patterns):
                return name
        return None


def _rx(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _parse(data: dict) -> CueLexicon:
    verbs: dict[str, CueVerb] = {}
    form_to_lemma: dict[str, str] = {}
    named_lists = {k: frozenset(v["lemmas"]) for k, v in data.items()
                   if isinstance(v, dict) and isinstance(v.get("lemmas"), list)}
    for lemma, spec in data["verbs"].items():
        heads = spec.get("np_heads")
        if isinstance(heads, str):
            if heads not in named_lists:
                raise ValueError(f"claim_cues.json: unknown list {heads!r} in np_heads of {lemma!r}")
            heads = named_lists[heads]
        marks = spec.get("clause_mark")
        frame_stance = tuple(sorted(spec.get("frame_stance", {}).items()))
        for frame, st in frame_stance:
            if st not in STANCES:
                raise ValueError(f"claim_cues.json: unknown stance {st!r} for {lemma!r} ({frame})")
        verb = CueVerb(
            lemma=lemma, stance=spec["stance"], forms=frozenset(spec["forms"]),
            frames=frozenset(spec["frames"]), requires_prep=frozenset(spec.get("requires_prep", ())),
            agentive=bool(spec.get("agentive", False)), addressee=bool(spec.get("addressee", False)),
            np_stop=frozenset(spec.get("np_stop", ())), channel=spec.get("channel"),
            relay_construction=bool(spec.get("relay_construction", False)), frame_stance=frame_stance,
            np_heads=frozenset(heads) if heads is not None else None,
            np_requires_prep=frozenset(spec.get("np_requires_prep", ())),
            np_person_ok=bool(spec.get("np_person_ok", False)),
            clause_mark=frozenset(marks) if marks is not None else None, kind=spec.get("kind", "speech"))
        if verb.stance not in STANCES:
            raise ValueError(f"claim_cues.json: unknown stance {verb.stance!r} for {lemma!r}")
        verbs[lemma] = verb
        for form in verb.forms:
            form_to_lemma.setdefault(form, lemma)
    media = data["media"]
    names = tuple(re.compile(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])") for n in media["names"])
    channels = tuple((name, _rx(pats)) for name, pats in data["channels"]["order"])
    return CueLexicon(
        verbs=verbs, form_to_lemma=form_to_lemma,
        put_toll_forms=frozenset(data["put_toll"]["verb_forms"]),
        put_toll_objects=frozenset(data["put_toll"]["object_heads"]),
        negated_stance={k: v for k, v in data["negated_stance"].items() if not k.startswith("_")},
        negators=frozenset(data["negators"]),
        negating_verbs=frozenset(data["negating_verbs"]["lemmas"]),
        non_claim=_rx(data["non_claim_phrases"]["patterns"]),
        relay_lemmas=frozenset(data["relay_verbs"]["lemmas"]),
        media_names=names, media_nouns=tuple(n.lower() for n in media["nouns"]),
        agentive_nouns=frozenset(data["agentive_nouns"]["lemmas"]),
        channel_nouns={k: v for k, v in data["channel_nouns"].items() if not k.startswith("_")},
        channels=channels,
        deny_content=_rx(data["content_stance"]["deny"]),
        performative_subjects=frozenset(data["performatives"]["subjects"]),
        performatives=dict(data["performatives"]["lemmas"]),
        claim_nouns={k: v for k, v in data["claim_nouns"].items() if not k.startswith("_")},
        collective_dets=frozenset(data["collective"]["determiners"]),
        collective_heads=frozenset(data["collective"]["heads"]),
        speaker_pronouns=frozenset(data["speaker_pronouns"]),
        headline_max_source_words=int(data["headline"]["max_source_words"]),
        belief_adjectives=frozenset(data["belief_adjectives"]["lemmas"]),
        evidence_nouns=frozenset(data["evidence_nouns"]["lemmas"]),
        light_verbs=frozenset(data["stance_nouns"]["light_verbs"]),
        stance_nouns={k: v for k, v in data["stance_nouns"]["nouns"].items()},
        stance_noun_preps=frozenset(data["stance_nouns"]["preps"]),
        view_nouns=frozenset(data["view_phrases"]["nouns"]),
    )


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The packaged cue lexicon (read and compiled on first call, then cached)."""
    text = resources.files("consilience").joinpath("data/claim_cues.json").read_text(encoding="utf-8")
    return _parse(json.loads(text))

"""Actor resolution: which canonical actor each name, title, institution or demonym denotes.

Why rules over a lexicon and not a trained linker: the actors of a conflict
are few, known and named in a handful of stereotyped ways ("Azerbaijan's
defence ministry", "Armenian Prime Minister Nikol Pashinyan", "Baku
admitted", "the Azerbaijani leader").  A lexicon (``data/actors.jsonl``,
extendable by the user) plus a small vocabulary of institutions and titles
(``data/actor_terms.json``) resolves them transparently: every mention says
*how* it was resolved (``notes``), and a wrong resolution is fixed by editing
data, not by retraining.

What resolves to what (ids are ``ISO3`` for a state, ``ISO3/unit`` for one of
its institutions, ``person:<slug>``, ``media:``/``igo:``/``ngo:``/``party:``):

* a lexicon name or alias -> that actor ("Reuters" -> ``media:reuters``);
* a country name -> the state (``AZE``); a demonym alone ("Armenian
  shelling") -> the state; a plural demonym ("Armenians") or "ethnic X" ->
  the population (``ARM/civilians``): ethnic Armenians of Karabakh are not
  Armenia's state;
* country/demonym/seat + institution noun -> the institution: "Armenian
  forces", "Azerbaijan's defence ministry", "the Ministry of Defense of
  Azerbaijan" -> ``ARM/military``/``AZE/military``; "Azerbaijani
  prosecutors" -> ``AZE/judiciary`` (sector ``government``: the sector
  vocabulary has no judiciary);  "ethnic Armenian forces" is left
  unattributed (neither Armenia's army nor a population);
* a capital or seat city used as an agent ("Baku admitted", "claims by
  Yerevan", "Moscow said") -> the government; in a locative use ("talks in
  Moscow") it is a place mention with no actor;  seats that are buildings
  ("the Kremlin", "the Pentagon") always stand for their institution;
* a title before a name ("Azerbaijani President Ilham Aliyev", "Armenian
  defence ministry spokeswoman Shushan Stepanyan") -> the lexicon person, or
  a person built from the title (country, sector, role) when not in the
  lexicon;  the mention's ``role`` is the title as the text gives it;
* the Soviet Union resolves to the historical state ``SUN`` (its former ISO
  code, named "Soviet Union (1922-1991)"): it is a real referent, and
  downstream code can tell it is not a party to current events.

Later short forms, descriptions and subject pronouns are linked by
:mod:`consilience.extract.coref`.  Unknown organisations and people get an
ad-hoc actor (``org:<slug>``/``person:<slug>``, ``source="text"``, lower
confidence) so every PERSON/ORG mention has an actor.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from consilience.extract.actor_paths import ENV_VAR, lexicon_paths
from consilience.extract.doctext import doc_text, token_lowers
from consilience.errors import InputError
from consilience.types import Actor, Mention

EXTRACTOR = "actors@1"
LEXICON_FILE = "actors.jsonl"
#: State entries for the countries the hand lexicon lacks, generated from data
#: (``bench/derive_actor_countries.py``); read first, so a hand entry with the same id wins.
COUNTRIES_FILE = "actors_countries.jsonl"
#: Names that are also common given names or surnames ("Chad", "Jordan"): never EntityRuler
#: patterns (the ruler wins over the NER, so "Michael Jordan" would become a country); they still
#: resolve to their state when the NER tags them GPE.  The same list the place gazetteer uses.
RULER_STOPLIST_FILE = "places_ruler_stoplist.txt"
TERMS_FILE = "actor_terms.json"

#: Entity labels that can denote an actor.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_LOCATIVE_PREPS = frozenset({"in", "at", "to", "from", "near", "into", "outside", "around", "of",
                             "across", "toward", "towards", "between", "inside", "within",
                             "over", "on"})
_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "gen", "gen.",
                     "col", "col.", "lt", "lt.", "maj", "maj.", "capt", "capt.",
                     # ranks and civic titles written before a name ("Sergeant Glen Horan", "Det. Sgt. X",
                     # "Fire Chief Wesley McCollum"): the person is the name, whatever the title
                     "sgt", "sgt.", "sergeant", "det.", "detective", "const.", "constable",
                     "cpl", "cpl.", "corporal", "pvt", "pvt.", "insp", "insp.", "inspector", "supt", "supt.",
                     "superintendent", "lieutenant", "captain", "colonel", "trooper", "patrolman", "officer",
                     "deputy", "sheriff", "chief", "fire", "police", "sen.", "senator", "rep.",
                     "gov.", "councilman", "councilwoman", "councillor", "councilor", "alderman",
                     "commissioner", "judge", "prof", "prof.", "rev", "rev.", "reverend", "pastor", "coach"})
_POSSESSIVE = frozenset({"'s", "'"})

# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_FOLD = str.maketrans({"ı": "i", "ə": "a", "Ə": "a", "’": "'", "‘": "'", "`": "'", "ʼ": "'"})


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Comparison key for names: case-, accent- and apostrophe-insensitive, no "the"/"'s"."""
    t = unicodedata.normalize("NFKD", text.translate(_FOLD))
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    t = re.sub(r"\s*-\s*", "-", t)
    t = re.sub(r"\s+", " ", t).strip(" ,;:\n\t")
    t = re.sub(r"^the ", "", t)
    t = re.sub(r"(?:'s|')$", "", t)
    return t.strip()


def slug(text: str) -> str:
    """``"İbrahim Kalın"`` -> ``"ibrahim-kalin"`` (for ad-hoc actor ids)."""
    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-") or "unnamed"


def low(token: Token) -> str:
    """A token's lower-case form with typographic apostrophes folded."""
    return token.lower_.translate(_FOLD)


# ---------------------------------------------------------------------------
# Vocabulary (actor_terms.json)
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleInfo:
    role: str | None
    sector: str | None = None
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class UnitInfo:
    sector: str
    kind: str
    display: str


@dataclass(frozen=True, slots=True)
class DescriptionInfo:
    cls: str                # ministry | unit | media
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class TermHit:
    """A vocabulary term found at ``doc[start:end]``."""

    start: int
    end: int
    kind: str               # institution | role | description
    unit: str | None = None
    role: RoleInfo | None = None
    description: DescriptionInfo | None = None


@dataclass(frozen=True)
class Terms:
    """The institution/title vocabulary, keyed by lower-case token tuples."""

    units: Mapping[str, UnitInfo]
    institutions: Mapping[tuple[str, ...], str]
    adjectival: frozenset[tuple[str, ...]]
    roles: Mapping[tuple[str, ...], RoleInfo]
    descriptions: Mapping[tuple[str, ...], DescriptionInfo]
    leader_roles: frozenset[str]
    modifiers: frozenset[str]
    hyphen_stops: frozenset[str]
    ethnic_markers: frozenset[str]
    agentive_verbs: frozenset[str]
    org_heads: tuple[str, ...]
    pronouns: Mapping[str, tuple[str, str | None]]
    words: frozenset[str]
    max_len: int
    weapon_heads: frozenset[str] = frozenset()

    def match(self, doc: Doc, i: int, *, kinds: Sequence[str] = ("institution", "role"),
              end_limit: int | None = None) -> TermHit | None:
        """The longest term of one of ``kinds`` starting at token ``i``."""
        n = len(doc) if end_limit is None else end_limit
        for length in range(min(self.max_len, n - i), 0, -1):
            key = tuple(low(doc[k]) for k in range(i, i + length))
            for kind in kinds:
                if kind == "institution" and key in self.institutions:
                    return TermHit(i, i + length, kind, unit=self.institutions[key])
                if kind == "role" and key in self.roles:
                    return TermHit(i, i + length, kind, role=self.roles[key])
                if kind == "description" and key in self.descriptions:
                    return TermHit(i, i + length, kind, description=self.descriptions[key])
        return None


def _tokenize_terms(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return {w: tuple(t.lower_.translate(_FOLD) for t in tokenizer(w)) for w in words}


@lru_cache(maxsize=1)
def load_terms() -> Terms:
    """The packaged vocabulary (cached)."""
    raw = json.loads(
        resources.files("consilience").joinpath("data", TERMS_FILE).read_text(encoding="utf-8")
    )
    toks = _tokenize_terms(
        list(raw["institutions"]) + list(raw["roles"]) + list(raw["descriptions"])
        + list(raw["adjectival_institutions"])
    )
    units = {k: UnitInfo(**v) for k, v in raw["units"].items()}
    institutions = {toks[k]: v for k, v in raw["institutions"].items()}
    roles = {toks[k]: RoleInfo(v.get("role"), v.get("sector"), v.get("gender"))
             for k, v in raw["roles"].items()}
    descriptions = {toks[k]: DescriptionInfo(v["class"], v.get("unit"))
                    for k, v in raw["descriptions"].items()}
    modifiers = frozenset(m.lower() for m in raw["modifiers"])
    words = frozenset(w for key in list(institutions) + list(roles) for w in key) | modifiers
    return Terms(
        units=units,
        institutions=institutions,
        adjectival=frozenset(toks[k] for k in raw["adjectival_institutions"]),
        roles=roles,
        descriptions=descriptions,
        leader_roles=frozenset(raw["leader_roles"]),
        modifiers=modifiers,
        hyphen_stops=frozenset(raw["hyphen_stops"]),
        ethnic_markers=frozenset(raw["ethnic_markers"]),
        agentive_verbs=frozenset(raw["agentive_verbs"]),
        org_heads=tuple(raw["org_heads"]),
        pronouns={k: (v["class"], v.get("gender")) for k, v in raw["pronouns"].items()},
        words=words,
        max_len=max(len(k) for k in list(institutions) + list(roles) + list(descriptions)),
        weapon_heads=frozenset(raw.get("weapon_heads", ())),
    )


# ---------------------------------------------------------------------------
# Lexicon (actors.jsonl + user files)
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anchor:
    """A name that points at a country: its name, demonym, capital, region or seat."""

    code: str
    kind: str                      # country | demonym | plural | capital | region | seat
    actor_id: str | None = None    # for seats (and seat cities): the institution they stand for


@dataclass(frozen=True, slots=True)
class Office:
    actor_id: str
    role: str
    country: str | None
    start: str                     # ISO date, padded: "2003-10-31"
    end: str                       # ISO date, padded; "9999-12-31" when still in office


@dataclass(frozen=True, slots=True)
class CountryInfo:
    code: str
    name: str
    adjective: str
    source: str | None
    historical: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Everything resolution needs, indexed by :func:`name_key`."""

    actors: Mapping[str, Actor]
    names: Mapping[str, str]
    anchors: Mapping[str, Anchor]
    countries: Mapping[str, CountryInfo]
    genders: Mapping[str, str]
    offices: tuple[Office, ...]
    surnames: Mapping[str, tuple[str, ...]]
    patterns: tuple[dict[str, Any], ...]
    terms: Terms
    max_anchor_tokens: int
    paths: tuple[str, ...] = ()

    def actor(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def office_holder(self, role: str, country: str | None, on: str | None) -> str | None:
        """The one lexicon person holding ``role`` for ``country`` on date ``on``."""
        if not on:
            return None
        day = _pad(on, start=True)
        hits = {o.actor_id for o in self.offices
                if o.role == role and o.country == country and o.start <= day <= o.end}
        return next(iter(hits)) if len(hits) == 1 else None


def _pad(value: str, *, start: bool) -> str:
    parts = value.split("-")
    if len(parts) == 1:
        return value + ("-01-01" if start else "-12-31")
    if len(parts) == 2:
        return value + ("-01" if start else "-31")
    return value


def _read_jsonl(text: str, origin: str) -> list[dict[str, Any]]:
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{origin}:{n}", f"not JSON: {exc.msg}") from None
        if not isinstance(rec, dict) or not rec.get("id") or not rec.get("name"):
            raise InputError(f"{origin}:{n}", "an actor entry needs at least 'id' and 'name'")
        if rec.get("type", "actor") not in ("actor", "country"):
            raise InputError(f"{origin}:{n}", "'type' must be 'actor' or 'country'")
        records.append(rec)
    return records


def _variants(text: str) -> list[str]:
    out = [text]
    if "'" in text:
        out.append(text.replace("'", "’"))
    return out


@lru_cache(maxsize=1)
def _ruler_stoplist() -> frozenset[str]:
    text = resources.files("consilience").joinpath("data", RULER_STOPLIST_FILE).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The packaged lexicon plus ``extra`` JSONL files (later entries override earlier ids)."""
    records: list[dict[str, Any]] = []
    for name in (COUNTRIES_FILE, LEXICON_FILE):
        text = resources.files("consilience").joinpath("data", name).read_text(encoding="utf-8")
        records += _read_jsonl(text, name)
    for path in extra:
        try:
            records += _read_jsonl(Path(path).read_text(encoding="utf-8"), path)
        except OSError as exc:
            raise InputError(path, f"cannot read actor lexicon: {exc.strerror}") from None
    by_id: dict[str, dict[str, Any]] = {}
    for rec in records:
        by_id[rec["id"]] = rec
    return _build_lexicon(list(by_id.values()), load_terms(), tuple(extra))


def _build_lexicon(records: list[dict[str, Any]], terms: Terms, paths: tuple[str, ...]) -> Lexicon:
    actors: dict[str, Actor] = {}
    names: dict[str, str] = {}
    anchors: dict[str, Anchor] = {}
    countries: dict[str, CountryInfo] = {}
    genders: dict[str, str] = {}
    offices: list[Office] = []
    surname_ids: dict[str, set[str]] = {}
    surname_forms: dict[str, str] = {}
    patterns: list[dict[str, Any]] = []
    stoplist = _ruler_stoplist()

    def pattern(label: str, text: str) -> None:
        if text in stoplist:
            return
        for v in _variants(text):
            patterns.append({"label": label, "pattern": v})

    for rec in records:
        if rec.get("type") == "country":
            code = rec["id"]
            demonyms = list(rec.get("demonyms", []))
            countries[code] = CountryInfo(
                code, rec["name"], rec.get("adjective") or (demonyms[0] if demonyms else rec["name"]),
                rec.get("source"), bool(rec.get("historical", False)),
            )
            aliases = tuple(rec.get("aliases", []))
            actors[code] = Actor(id=code, name=rec["name"], kind="state", country=code,
                                 aliases=aliases, source=rec.get("source"))
            for kind, label, values in (
                ("country", "GPE", aliases), ("region", "GPE", rec.get("regions", [])),
                ("capital", "GPE", rec.get("capitals", [])),
                ("demonym", "NORP", demonyms), ("plural", "NORP", rec.get("plurals", [])),
            ):
                for value in values:
                    anchors[name_key(value)] = Anchor(code, kind)
                    pattern(label, value)
            continue
        aliases = tuple(dict.fromkeys([rec["name"], *rec.get("aliases", [])]))
        kind = rec.get("kind", "organisation")
        actor = Actor(id=rec["id"], name=rec["name"], kind=kind, country=rec.get("country"),
                      sector=rec.get("sector"), role=rec.get("role"), aliases=aliases,
                      source=rec.get("source"))
        actors[actor.id] = actor
        label = rec.get("label") or ("PERSON" if kind == "person" else "ORG")
        for alias in aliases:
            names[name_key(alias)] = actor.id
            pattern(label, alias)
        for seat in rec.get("seats", []):
            anchors[name_key(seat)] = Anchor(actor.country or "", "seat", actor.id)
            pattern("ORG", seat)
        for city in rec.get("seat_cities", []):
            anchors[name_key(city)] = Anchor(actor.country or "", "capital", actor.id)
            pattern("GPE", city)
        if kind == "person":
            if rec.get("gender") in ("m", "f"):
                genders[actor.id] = rec["gender"]
            for office in rec.get("offices", []):
                offices.append(Office(actor.id, office["role"], office.get("country"),
                                      _pad(office["from"], start=True),
                                      _pad(office["to"], start=False) if office.get("to")
                                      else "9999-12-31"))
            forms = {rec.get("surname") or a.split()[-1] for a in aliases}
            for form in forms:
                surname_ids.setdefault(name_key(form), set()).add(actor.id)
                surname_forms.setdefault(name_key(form), form)
    surnames = {k: tuple(sorted(v)) for k, v in surname_ids.items()}
    for key, ids in surnames.items():
        form = surname_forms[key]
        if len(ids) == 1 and len(form) >= 4 and key not in anchors and key not in names:
            pattern("PERSON", form)
    max_anchor = max((len(k.replace("-", " - ").split()) for k in anchors), default=1)
    return Lexicon(actors=actors, names=names, anchors=anchors, countries=countries,
                   genders=genders, offices=tuple(offices), surnames=surnames,
                   patterns=tuple(patterns), terms=terms, max_anchor_tokens=max_anchor + 1,
                   paths=paths)


def ruler_patterns(lexicon: Lexicon | None = None) -> list[dict[str, Any]]:
    """EntityRuler patterns for every lexicon name, country, demonym, capital and seat."""
    lex = lexicon or load_lexicon(lexicon_paths())
    seen: set[tuple[str, str]] = set()
    out = []
    for p in lex.patterns:
        key = (p["label"], p["pattern"])
        if key not in seen:
            seen.add(key)
            out.append(dict(p))
    return out


# ---------------------------------------------------------------------------
# Candidates: what the finder proposes and coref completes
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Description:
    """A mention that names no one ("the ministry", "the Azerbaijani leader"): coref's job."""

    cls: str                        # person | ministry | unit | media
    role: str | None = None         # for persons: the role (leader matches leader_roles)
    unit: str | None = None
    country: str | None = None
    gender: str | None = None


@dataclass(eq=False)
class Candidate:
    """A proposed mention over tokens ``[start, end)``; mutable while coref works on it."""

    start: int
    end: int
    label: str
    actor_id: str | None = None
    how: str = "lexicon"       # lexicon|title|institution|country|demonym|population|seat|...
    role: str | None = None
    confidence: float = 1.0
    notes: list[str] = field(default_factory=list)
    name: str | None = None            # unresolved PERSON/ORG name (ad-hoc actor later)
    country: str | None = None         # hints for an ad-hoc actor
    sector: str | None = None
    gender: str | None = None
    description: Description | None = None
    pronoun: str | None = None
    antecedent: Candidate | None = None
    definite: bool = False             # "the X": link to the previous mention of its actor
    title_start: int | None = None     # where a title before a name starts
    plural: bool = False
    ministry: bool = False

    def key(self, doc: Doc) -> str:
        return name_key(doc[self.start:self.end].text)


@dataclass(frozen=True, slots=True)
class _Descriptor:
    start: int
    role: RoleInfo
    unit: str | None
    country: str | None
    org_actor: str | None
    text: str


class _Finder:
    """One pass over a Doc proposing candidates; see the module docstring for the rules."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.terms = lex.terms
        self.consumed = bytearray(len(doc))
        self.ent_at: list[Span | None] = [None] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent

    # -- helpers -----------------------------------------------------------
    def free(self, start: int, end: int) -> bool:
        return not any(self.consumed[start:end])

    def take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.consumed[i] = 1

    def anchor_of(self, span: Span) -> Anchor | None:
        return self.lex.anchors.get(name_key(span.text))

    def anchor_code(self, anchor: Anchor) -> str | None:
        if anchor.actor_id:
            actor = self.lex.actor(anchor.actor_id)
            return actor.country if actor else None
        return anchor.code

    def anchors_inside(self, start: int, end: int) -> list[tuple[int, int, Anchor]]:
        out = []
        i = start
        while i < end:
            for length in range(min(self.lex.max_anchor_tokens, end - i), 0, -1):
                a = self.lex.anchors.get(name_key(self.doc[i:i + length].text))
                if a is not None:
                    out.append((i, i + length, a))
                    i += length
                    break
            else:
                i += 1
        return out

    def parsed(self, token: Token) -> bool:
        return token.dep != 0

    def _span_root(self, start: int, end: int) -> Token:
        span = self.doc[start:end]
        return span.root if self.parsed(span[0]) else span[-1]

    # -- agentive use of places -------------------------------------------
    def agentive(self, start: int, end: int, *, reporting_only: bool) -> bool:
        from consilience.nlp.cues import load_cues

        cues = load_cues()
        doc = self.doc
        tok = self._span_root(start, end)
        if self.parsed(tok):
            node = tok
            while node.dep_ == "conj" and node.head is not node:
                node = node.head
            if node.dep_ == "nsubj":
                return cues.is_reporting(node.head) or (
                    not reporting_only and node.head.lemma_.lower() in self.terms.agentive_verbs)
            if not reporting_only and (node.dep_ == "agent" or (
                    node.dep_ == "pobj" and node.head.lower_ == "by")):
                return True
            return False
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and prev.lower_ in _LOCATIVE_PREPS:
            return False
        if prev is not None and prev.lower_ == "by" and not reporting_only:
            return True
        j = end
        while j < len(doc) and doc[j].tag_ in ("RB", "MD"):
            j += 1
        if j < len(doc) and doc[j].tag_ in ("VBD", "VBZ", "VBP"):
            return cues.is_reporting(doc[j]) or (
                not reporting_only and doc[j].lemma_.lower() in self.terms.agentive_verbs)
        return False

    # -- titles before names ------------------------------------------------
    def left_descriptor(self, name_start: int) -> _Descriptor | None:
        doc, terms = self.doc, self.terms
        end = name_start
        k = name_start - 1
        if k >= 1 and doc[k].text == ",":
            for length in range(1, terms.max_len + 1):
                if k - length >= 0 and tuple(low(t) for t in doc[k - length:k]) in terms.roles:
                    end = k
                    k -= 1
                    break
            else:
                return None
        start = end
        while k >= 0 and end - k <= 16:
            tok = doc[k]
            if tok.is_space or (self.consumed[k] and k < end):
                break
            ent = self.ent_at[k]
            if ent is not None and ent.label_ in ("NORP", "GPE", "ORG", "LOC", "FAC"):
                start = ent.start
                k = ent.start - 1
                continue
            if low(tok) in terms.words or low(tok) in _POSSESSIVE or low(tok) in (
                    "of", "for", "(", ")", "-"):
                start = k
                k -= 1
                continue
            break
        while start < end and low(doc[start]) in ("of", "for", "(", ")", "-", "'s", "'"):
            start += 1
        if start >= end:
            return None
        role: RoleInfo | None = None
        unit = country = org_actor = None
        i = start
        while i < end:
            ent = self.ent_at[i]
            if ent is not None and ent.label_ in ("NORP", "GPE", "ORG", "LOC", "FAC"):
                a = self.anchor_of(ent)
                aid = self.lex.names.get(name_key(ent.text))
                actor = self.lex.actor(aid) if aid else None
                if a is not None:
                    country = country or self.anchor_code(a)
                    if a.actor_id and a.kind == "seat":
                        org_actor = org_actor or a.actor_id
                    i = max(i + 1, ent.end)
                    continue
                if actor is not None and actor.kind != "person":
                    org_actor = org_actor or aid
                    country = country or actor.country
                    i = max(i + 1, ent.end)
                    continue
            hit = terms.match(doc, i, end_limit=end)
            if hit is not None:
                if hit.kind == "role":
                    role = hit.role
                else:
                    unit = hit.unit
                i = hit.end
                continue
            i += 1
        if role is None:
            return None
        return _Descriptor(start, role, unit, country, org_actor, doc[start:end].text)

    def right_apposition_role(self, end: int) -> RoleInfo | None:
        """``Maria Titzian, a lecturer at ...`` -> the role after ``, a``."""
        doc = self.doc
        if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an", "the"):
            j = end + 2
            while j < len(doc) and low(doc[j]) in self.terms.modifiers:
                j += 1
            hit = self.terms.match(doc, j, kinds=("role",))
            if hit is not None:
                return hit.role
        return None

    # -- passes -----------------------------------------------------------
    def persons(self, out: list[Candidate]) -> None:
        lex, doc = self.lex, self.doc
        for ent in doc.ents:
            if ent.label_ != "PERSON" or not self.free(ent.start, ent.end):
                continue
            start, end = ent.start, ent.end
            while end - start > 1 and low(doc[end - 1]) in _POSSESSIVE:
                end -= 1
            while end - start > 1 and (low(doc[start]) in _TITLES or (
                    low(doc[start]) in self.terms.words and doc[start].is_title) or (
                    end - start > 2 and low(doc[start + 1]) in _TITLES and doc[start].is_title)):
                start += 1      # also a town before a title: "*Cookville* Fire Chief Wesley McCollum"
            key = name_key(doc[start:end].text)
            if key in lex.anchors or (key in lex.names and lex.actor(lex.names[key]).kind != "person"):
                continue        # an NER label error on a known place/organisation
            desc = self.left_descriptor(start)
            role = desc.role if desc else self.right_apposition_role(ent.end)
            cand = Candidate(start, end, "PERSON", role=role.role if role else None,
                             gender=role.gender if role else None)
            if desc is not None:
                cand.notes.append(f"title: {desc.text}")
                cand.title_start = desc.start
                cand.country = desc.country
                cand.sector = ((lex.terms.units[desc.unit].sector if desc.unit else None)
                               or (lex.actor(desc.org_actor).sector if desc.org_actor else None)
                               or desc.role.sector)
                self.take(desc.start, start)
            elif role is not None:
                cand.sector = role.sector
            aid = lex.names.get(key)
            if aid is not None:
                cand.actor_id, cand.how = aid, "lexicon"
                cand.gender = lex.genders.get(aid, cand.gender)
            elif end - start == 1 and desc is None:
                cand.how, cand.name, cand.confidence = "short-name", doc[start:end].text, 0.5
            else:
                cand.how, cand.name = ("title" if desc else "name"), doc[start:end].text
                cand.confidence = 0.8 if desc else 0.6
            self.take(start, end)
            out.append(cand)

    def organisations(self, out: list[Candidate]) -> None:
        lex, doc, terms = self.lex, self.doc, self.terms
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "FAC", "PERSON", "GPE", "NORP", "LOC") \
                    or not self.free(ent.start, ent.end):
                continue
            start, end = ent.start, ent.end
            while start < end and (doc[start].is_punct or doc[start].is_space
                                   or doc[start].lower_ == "the"):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                                   or low(doc[end - 1]) in ("of", "for", "and", "the", "'s", "'")):
                end -= 1
            if end <= start:
                continue
            key = name_key(doc[start:end].text)
            if key in lex.anchors:
                continue
            aid = lex.names.get(key)
            if aid is not None:
                actor = lex.actor(aid)
                out.append(Candidate(start, end, "PERSON" if actor.kind == "person" else "ORG",
                                     actor_id=aid, how="lexicon",
                                     gender=lex.genders.get(aid)))
                self.take(start, end)
                continue
            if ent.label_ not in ("ORG", "FAC"):
                continue
            ent = doc[start:end]
            inside = self.anchors_inside(start, ent.end)
            term = None
            for i in range(start, ent.end):
                term = terms.match(doc, i, kinds=("institution",), end_limit=ent.end)
                if term is not None:
                    break
            codes = {self.anchor_code(a) for _, _, a in inside} - {None}
            if term is not None and len(codes) == 1:
                cand = Candidate(start, ent.end, "ORG", how="institution")
                cand.actor_id = self.unit_actor(next(iter(codes)), term.unit)
                cand.ministry = "ministry" in {low(t) for t in doc[start:ent.end]}
                cand.plural = doc[ent.end - 1].tag_ in ("NNS", "NNPS")
                out.append(cand)
                self.take(start, ent.end)
                continue
            if not inside and self._only_vocabulary(start, ent.end):
                continue        # "Defence Ministry" alone: left to the anchor/description passes
            if inside and all(a_end - a_start == ent.end - start for a_start, a_end, _ in inside):
                continue
            if ent.end - start == 1 and name_key(doc[start].text) in lex.surnames:
                # the NER's "Aliyev" ORG: a surname, left to coref
                out.append(Candidate(start, ent.end, "PERSON", how="short-name",
                                     name=doc[start].text, confidence=0.5))
                self.take(start, ent.end)
                continue
            if self._names_a_weapon(start, ent.end):
                continue        # "a TNT bomb", "a Grad rocket": the weapon's name, no actor
            words = {low(t) for t in doc[start:ent.end]}
            cand = Candidate(start, ent.end, "ORG", how="ad-hoc", name=doc[start:ent.end].text,
                             confidence=0.5)
            cand.plural = doc[ent.end - 1].tag_ in ("NNS", "NNPS")
            cand.country = next(iter(codes)) if len(codes) == 1 else None
            cand.sector = "government" if "ministry" in words else None
            cand.ministry = "ministry" in words
            out.append(cand)
            self.take(start, ent.end)

    def _names_a_weapon(self, start: int, end: int) -> bool:
        """A name the document only ever writes before a weapon noun ("a TNT bomb", "Bayraktar TB2 drone"s).

        A name also written elsewhere without one is an actor's ("Hamas rockets ... Hamas said").
        """
        doc, n = self.doc, len(self.doc)
        j = end
        while j < n and j < end + 2 and (any(c.isdigit() for c in doc[j].text) or doc[j].text == "-"):
            j += 1
        if not (j < n and doc[j].lower_ in self.terms.weapon_heads and doc[j].pos_ in ("NOUN", "PROPN")):
            return False
        name = doc[start:end].text
        pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?:\s+[\w-]*\d[\w-]*)?\s+(\w+)|(?<!\w)"
                             + re.escape(name) + r"(?!\w)")
        for hit in pattern.finditer(doc_text(doc)):
            if hit.group(1) is None or hit.group(1).lower() not in self.terms.weapon_heads:
                return False
        return True

    def _only_vocabulary(self, start: int, end: int) -> bool:
        i = start
        found = False
        while i < end:
            hit = self.terms.match(self.doc, i, kinds=("institution", "description", "role"),
                                   end_limit=end)
            if hit is not None:
                found, i = True, hit.end
            elif (low(self.doc[i]) in self.terms.modifiers or self.doc[i].lower_ == "the"
                  or self.doc[i].is_punct):
                i += 1
            else:
                return False
        return found

    def unit_actor(self, code: str, unit: str) -> str:
        return f"{code}/{unit}"

    def scan_right(self, j: int) -> TermHit | None:
        """An institution or title within a few modifier tokens after an anchor."""
        doc, terms = self.doc, self.terms
        n = len(doc)
        steps = 0
        while j < n and steps <= 4:
            tok = doc[j]
            if tok.is_space or tok.is_sent_start or self.consumed[j]:
                return None
            hit = terms.match(doc, j)
            if hit is not None:
                if hit.kind == "institution":
                    nxt = terms.match(doc, hit.end, kinds=("institution",)) if hit.end < n else None
                    if nxt is not None:
                        return TermHit(hit.start, nxt.end, "institution", unit=nxt.unit)
                    key = tuple(low(t) for t in doc[hit.start:hit.end])
                    if key in terms.adjectival and hit.end < n and doc[hit.end].pos_ == "NOUN":
                        return None
                return hit
            if tok.text == "-" and j + 1 < n and not tok.whitespace_ \
                    and low(doc[j + 1]) in terms.hyphen_stops:
                return None
            if low(tok) in terms.modifiers or (tok.tag_ == "JJ" and tok.is_lower) or (
                    tok.text == "-" and not tok.whitespace_):
                j += 1
                steps += 1
                continue
            return None
        return None

    def anchors(self, out: list[Candidate]) -> None:
        doc = self.doc
        ents = [e for e in doc.ents if self.free(e.start, e.end) and self.anchor_of(e) is not None]
        used: set[int] = set()
        for idx, ent in enumerate(ents):
            if ent.start in used:
                continue
            group = [ent]
            k = idx
            while k + 1 < len(ents):
                cur, nxt = group[-1], ents[k + 1]
                between = doc[cur.end:nxt.start]
                if len(between) in (1, 2) and all(t.lower_ in (",", "and", "or") for t in between) \
                        and self.anchor_of(cur).kind == "demonym" \
                        and self.anchor_of(nxt).kind == "demonym":
                    group.append(nxt)
                    k += 1
                else:
                    break
            for g in group:
                used.add(g.start)
            last = group[-1]
            j = last.end
            possessive = j < len(doc) and low(doc[j]) in _POSSESSIVE
            hit = self.scan_right(j + 1 if possessive else j)
            if hit is not None and hit.kind == "role":
                if hit.end < len(doc) and (doc[hit.end].ent_type_ == "PERSON" or (
                        doc[hit.end].pos_ == "PROPN" and doc[hit.end].is_title)):
                    hit = None       # a title before a name the person pass did not take
            for g in group:
                self.anchor_candidate(g, hit, out, coordinated=g is not last)
            if hit is not None:
                self.take(last.start, hit.end)

    def anchor_candidate(self, ent: Span, hit: TermHit | None, out: list[Candidate], *,
                         coordinated: bool) -> None:
        doc = self.doc
        anchor = self.anchor_of(ent)
        code = self.anchor_code(anchor)
        ethnic = ent.start > 0 and low(doc[ent.start - 1]) in self.terms.ethnic_markers
        start = ent.start - 1 if ethnic else ent.start
        definite = start > 0 and doc[start - 1].lower_ == "the"
        end = hit.end if (hit is not None and not coordinated) else ent.end
        if hit is None:
            hit_of = self.left_of(ent)
            if hit_of is not None:
                hit, start = hit_of, hit_of.start
                definite = start > 0 and doc[start - 1].lower_ == "the"
                end = ent.end
        label = "NORP" if anchor.kind in ("demonym", "plural") else (
            ent.label_ if ent.label_ in ("GPE", "LOC", "FAC") or anchor.kind == "seat" else "GPE")
        cand = Candidate(start, end, label, definite=definite)
        cand.plural = doc[end - 1].tag_ in ("NNS", "NNPS") or anchor.kind == "plural"
        if coordinated and hit is not None:
            cand.notes.append("coordinated with the following institution")
        if hit is not None and hit.kind == "role":
            cand.label = "PERSON"
            cand.how = "description"
            cand.description = Description("person", role=hit.role.role, country=code,
                                           gender=hit.role.gender)
            cand.role = hit.role.role
            cand.gender = hit.role.gender
        elif hit is not None and code:
            cand.label = "ORG" if anchor.kind != "plural" else label
            if ethnic:
                cand.how = "ethnic"
                cand.notes.append("ethnic descriptor: not attributed to a state")
            else:
                cand.actor_id = self.unit_actor(code, hit.unit)
                cand.how = "institution"
                cand.ministry = "ministry" in {low(t) for t in doc[hit.start:hit.end]}
        elif anchor.kind == "seat":
            cand.actor_id, cand.how = anchor.actor_id, "seat"
            cand.notes.append("metonymy: seat for its institution")
        elif anchor.kind in ("capital", "region"):
            if self.agentive(ent.start, ent.end, reporting_only=anchor.kind == "region"):
                cand.actor_id = anchor.actor_id or self.unit_actor(code, "government")
                cand.how = "seat"
                cand.notes.append("metonymy: place used as an agent")
                cand.confidence = 0.8
            else:
                cand.how = "place"
        elif anchor.kind == "plural" or (anchor.kind == "demonym" and ethnic):
            cand.actor_id, cand.how = self.unit_actor(code, "civilians"), "population"
        elif anchor.kind == "demonym":
            cand.actor_id, cand.how = code, "demonym"
        else:
            cand.actor_id, cand.how = code, "country"
        if anchor.kind in ("country",) and self.lex.countries.get(code) \
                and self.lex.countries[code].historical:
            cand.notes.append("historical state")
        self.take(cand.start, cand.end)
        out.append(cand)

    def left_of(self, ent: Span) -> TermHit | None:
        """``the Ministry of Defense of Azerbaijan``, ``the president of Azerbaijan``."""
        doc, terms = self.doc, self.terms
        k = ent.start - 1
        if k < 1 or doc[k].lower_ != "of":
            return None
        for length in range(terms.max_len, 0, -1):
            s = k - length
            if s < 0 or not self.free(s, k):
                continue
            hit = terms.match(doc, s, end_limit=k)
            if hit is not None and hit.end == k:
                return hit
        return None

    def descriptions(self, out: list[Candidate]) -> None:
        """``the ministry``, ``the spokesman``, ``the government in Baku``: left to coref."""
        doc, terms = self.doc, self.terms
        n = len(doc)
        for i, word in enumerate(token_lowers(doc)):
            if word != "the" or self.consumed[i]:
                continue
            j = i + 1
            while j < n and (low(doc[j]) in terms.modifiers and not terms.match(doc, j)):
                j += 1
            if j >= n or self.consumed[j]:
                continue
            hit = terms.match(doc, j, kinds=("role", "description"))
            if hit is None or not self.free(hit.start, hit.end):
                continue
            nxt = doc[hit.end] if hit.end < n else None
            if nxt is not None and (
                    nxt.lower_ in ("of", "for")            # qualified: "the leader of the province"
                    or nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN"   # a title before a name
                    or nxt.pos_ == "NOUN"                  # a modifier: "the ministry statement"
                    or (nxt.pos_ == "CCONJ" and tuple(low(t) for t in doc[hit.start:hit.end])
                        in terms.adjectival)):             # "the military and political ..."
                continue
            start = i + 1
            if hit.kind == "role":
                cand = Candidate(start, hit.end, "PERSON", how="description", definite=True,
                                 role=hit.role.role, gender=hit.role.gender)
                cand.description = Description("person", role=hit.role.role,
                                               gender=hit.role.gender)
            else:
                d = hit.description
                cand = Candidate(start, hit.end, "ORG", how="description", definite=True)
                cand.description = Description(d.cls, unit=d.unit)
                cand.ministry = d.cls == "ministry"
                # "the government in Baku": the capital says whose
                if nxt is not None and nxt.lower_ == "in" and d.cls == "unit" and hit.end + 1 < n:
                    ent = self.ent_at[hit.end + 1]
                    anchor = self.anchor_of(ent) if ent is not None else None
                    if anchor is not None and anchor.kind == "capital" and self.free(ent.start, ent.end):
                        code = self.anchor_code(anchor)
                        cand.actor_id = anchor.actor_id or self.unit_actor(code, d.unit or "government")
                        cand.description = None
                        cand.how = "institution"
                        cand.notes.append(f"seat: {ent.text}")
                        cand.end = ent.end
            cand.plural = doc[hit.end - 1].tag_ in ("NNS", "NNPS")
            self.take(cand.start, cand.end)
            out.append(cand)

    def find(self) -> list[Candidate]:
        out: list[Candidate] = []
        self.persons(out)
        self.organisations(out)
        self.descriptions(out)
        self.anchors(out)
        out.sort(key=lambda c: (c.start, c.end))
        return out


def find_candidates(doc: Doc, lexicon: Lexicon) -> list[Candidate]:
    """Proposed mentions (names, institutions, demonyms, descriptions), in text order."""
    return _Finder(doc, lexicon).find()


# ---------------------------------------------------------------------------
# From candidates to records
# ---------------------------------------------------------------------------


def record_id(document_id: str, kind: str, start: int, end: int) -> str:
    """Deterministic id of a record: ``"<document id>:<kind>:<start>-<end>"``.

    The same form as the place, date and figure ids, so every record id of a
    run reads the same way, and the same span in the same document always
    gets the same id.
    """
    return f"{document_id}:{kind}:{start}-{end}"


def unit_actor(lex: Lexicon, actor_id: str) -> Actor | None:
    """The Actor for ``ISO3/unit`` ids not in the lexicon, built from the country entry."""
    if actor_id in lex.actors:
        return lex.actors[actor_id]
    code, _, unit = actor_id.partition("/")
    info, unit_info = lex.countries.get(code), lex.terms.units.get(unit)
    if info is None or unit_info is None:
        return None
    return Actor(id=actor_id, name=f"{info.adjective} {unit_info.display}", kind=unit_info.kind,
                 country=code, sector=unit_info.sector,
                 source=f"derived from the {info.name} entry ({info.source})")


def plausible_name(text: str) -> bool:
    """Could this be a proper name?  Rejects NER debris: lower case, digits, no letters."""
    text = text.strip()
    return (bool(text) and text[0].isalpha() and text[0].isupper()
            and not any(c.isdigit() for c in text)
            and any(len(w) >= 2 and w.isalpha() for w in re.split(r"[\s\-]+", text)))


#: A name opening with a saint's title ("St. Paul", "Saint Peter", "Ste. Anne") names a church, a school, a
#: street or a town in news, not an actor that acts or suffers ("hit the small church of St. Peter and St. Paul").
_SAINT_NAME = re.compile(r"(?:St\.?|Saint|Ste\.?|San|Santa|São)\s+[A-Z]")


#: A name ending in a street's, a road's or a building's word names a place, not an actor: "a shooting on
#: *Dean Woods Road*" had made the road the shooting's target, and "a police station in *Karak Castle*" a
#: person (the NER's label does not matter).
_ROAD_NAME = re.compile(r"\s(?:Road|Rd\.?|Street|St\.|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.|"
                        r"Highway|Hwy\.?|Parkway|Pkwy\.?|Pike|Route|Trail|Turnpike|Expressway|Freeway|Motorway|"
                        r"Square|Plaza|Park|Bridge|Castle|Mosque|Church|Cathedral|Temple|Synagogue|Shrine|"
                        r"Stadium|Airport|Market|Mall)$")


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    """Inflected forms ("condemns", "attacked", "kills") of the verbs that report or judge an event or do
    violence: a run of capitalised headline words with one of them is a headline, not a name ("OSCE Envoy
    *Condemns* Dvani Attack" had given the person "Condemns Dvani Attack", then a pronoun's antecedent)."""
    from consilience.extract.event_triggers import cues, trigger_lemmas

    verbs = (cues("reporting_verbs") | cues("observer_verbs") | trigger_lemmas()) - {"say"}
    out: set[str] = set()
    for v in verbs:
        if v.isalpha() and len(v) > 3:
            out |= {v + "s", v + "es", v + "ed", v + "d" if v.endswith("e") else v + "ed"}
    return frozenset(out)


def _ad_hoc(cand: Candidate) -> Actor:
    assert cand.name is not None
    if cand.label == "PERSON":
        return Actor(id=f"person:{slug(cand.name)}", name=cand.name, kind="person",
                     country=cand.country, sector=cand.sector, role=cand.role, source="text")
    return Actor(id=f"org:{slug(cand.name)}", name=cand.name, kind="organisation",
                 country=cand.country, sector=cand.sector, source="text")


def finalise(doc: Doc, document_id: str, candidates: Sequence[Candidate],
             lexicon: Lexicon) -> tuple[list[Mention], list[Actor]]:
    """Mentions (with ids, offsets, actors, antecedents) and the actors they use."""
    actors: dict[str, Actor] = {}
    people: list[tuple[tuple[str, ...], str]] = []      # (name words, actor id) of the people named so far
    for cand in candidates:
        if cand.actor_id is None and cand.name is not None and cand.antecedent is None and cand.label in (
                "PERSON", "ORG"):
            words = tuple(name_key(cand.name).split())
            earlier = {aid for full, aid in people if len(full) > len(words) >= 2 and full[-len(words):] == words}
            if len(earlier) == 1:
                # "Abu Jaafar" after "Mohammed Abu Jaafar", "Abo Zayd" after "Osama Abo Zayd": a surname of
                # two words is the person named in full before (the NER may even have labelled it ORG)
                cand.actor_id = earlier.pop()
                cand.notes.append("the end of a full name given earlier")
                continue
        if cand.actor_id is None and cand.name is not None and cand.antecedent is None \
                and cand.how != "short-name" and plausible_name(cand.name) and not _SAINT_NAME.match(cand.name) \
                and not _ROAD_NAME.search(cand.name) and name_key(cand.name) not in _TITLES \
                and not (cand.label == "PERSON" and _verb_forms() & set(name_key(cand.name).split())):
            actor = _ad_hoc(cand)       # ("Detective", "Sheriff" alone: a title, no one's name)
            cand.actor_id = actor.id
            actors[actor.id] = actor
        if cand.actor_id is not None and cand.label == "PERSON" and cand.name is not None:
            people.append((tuple(name_key(cand.name).split()), cand.actor_id))
    for cand in candidates:          # chains: pronoun -> description -> name
        node, seen = cand, 0
        while cand.actor_id is None and node.antecedent is not None and seen < 50:
            node, seen = node.antecedent, seen + 1
            cand.actor_id = node.actor_id
    ids: dict[int, str] = {}
    mentions: list[Mention] = []
    text = doc_text(doc)             # Doc.text is rebuilt from the tokens on every access
    for cand in candidates:
        if cand.actor_id is None and cand.how not in ("place", "ethnic"):
            continue
        first, last = doc[cand.start], doc[cand.end - 1]
        start, end = first.idx, last.idx + len(last.text)
        mid = record_id(document_id, "mention", start, end)
        ids[id(cand)] = mid
        antecedent = ids.get(id(cand.antecedent)) if cand.antecedent is not None else None
        extractor = "coref@1" if cand.how in ("pronoun", "surname", "description") \
            and cand.antecedent is not None else EXTRACTOR
        mentions.append(Mention(
            id=mid, document_id=document_id, start=start, end=end, text=text[start:end],
            extractor=extractor, label=cand.label, actor_id=cand.actor_id,
            antecedent_id=antecedent, role=cand.role, confidence=cand.confidence,
            notes=tuple([f"resolved: {cand.how}", *cand.notes]),
        ))
        if cand.actor_id and cand.actor_id not in actors:
            actor = lexicon.actors.get(cand.actor_id) or unit_actor(lexicon, cand.actor_id)
            if actor is not None:
                actors[actor.id] = actor
    used = {m.actor_id for m in mentions}
    return mentions, sorted((a for a in actors.values() if a.id in used), key=lambda a: a.id)


def resolve_actors(doc: Doc, document_id: str = "", *, lexicon: Lexicon | None = None,
                   published: str | None = None) -> tuple[list[Mention], list[Actor]]:
    """Actor mentions of a processed spaCy Doc (with coreference) and the actors they use.

    ``published`` (ISO date) lets a description such as "the president of
    Azerbaijan" resolve to the office holder on that day when the document
    names no one earlier.
    """
    from consilience.extract.coref import resolve_coreference

    lex = lexicon or load_lexicon(lexicon_paths())
    candidates = find_candidates(doc, lex)
    candidates = resolve_coreference(doc, candidates, lex, published=published)
    return finalise(doc, document_id, candidates, lex)


__all__ = [
    "ACTOR_LABELS", "Anchor", "Candidate", "Description", "ENV_VAR", "EXTRACTOR", "Lexicon",
    "Terms", "find_candidates", "finalise", "lexicon_paths", "load_lexicon", "load_terms",
    "name_key", "record_id", "resolve_actors", "ruler_patterns", "slug", "unit_actor",
]

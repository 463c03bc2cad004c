"""Cross-document event coreference: merge event records that tell one real event.

Two records may merge only when nothing stated tells them apart: the same
type family, date intervals that overlap (given each date's precision),
places within a distance that grows with the coarser place's precision, and
actors that do not exclude each other.  A stated difference (another place,
another day, other parties) is a veto, never a penalty.  Among compatible
pairs, evidence (same sub-type, same trigger, same place, same actors,
similar wording) must reach a threshold.  Wording counts between two
unrelated trigger words only when they fill the same slot of their sentences
(when the triggers' syntactic slots are known).

Clusters grow best pair first, and a merge is refused when it would put two
incompatible records in one cluster (the cluster's date intervals must still
intersect and its points lie within the radius), so transitivity never
carries a merge across a stated difference.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from consilience.link.blocking import EPOCH, candidate_pairs, day_number, time_buckets
from consilience.link.corroboration import party_of
from consilience.link.text import STOPWORDS, content_stems, stem

__all__ = [
    "EventFeatures", "cluster_events", "compatible", "event_family", "event_features", "pair_score",
    "same_sense", "trigger_similarity",
]

#: Event types that tell the same kind of happening (ACLED types, then PLOVER).
FAMILIES: dict[str, str] = {
    "battles": "fighting", "explosions/remote violence": "fighting", "assault": "fighting",
    "fight": "fighting", "violence against civilians": "violence_civilians",
    "protests": "unrest", "riots": "unrest", "protest": "unrest",
}

#: Radius in km within which two places may be the same, by the coarser precision.
RADIUS_KM = {"point": 30.0, "admin1": 150.0, "region": 250.0}

#: Two differently named points closer than this may be one place (a district and its town).
SAME_POINT_KM = 5.0

#: Days before publication an undated event may have happened.
UNDATED_LOOKBACK_DAYS = 3

#: Evidence needed to merge a compatible pair.
MERGE_THRESHOLD = 1.5

#: Two different trigger words whose word vectors' cosine is at or below this are unrelated; above it,
#: evidence grows linearly to 1 (fitted on ECB+ train topics, 0.3-0.5 swept: launch/start .42, carry/bring .40,
#: registration/register .69, confirms/confirm .51, but add/strengthen .1).
SYNONYM_FLOOR = 0.4
#: Evidence of a shared trigger (a synonym earns this times its graded similarity).
TRIGGER_WEIGHT = 0.5
#: Similarity of two different trigger words that share a WordNet synset among their first senses
#: (``data/event_senses.tsv``: strike/hit, foil/thwart, apprehend/arrest, quake/temblor; kill causes die): with the
#: context a synonym then needs (a quarter of its words shared) ECB+ train CoNLL within stories 77.7 ->
#: 79.0 at 0.75 (0.5: 78.0 and 1.0: 78.1 with 3 senses, 0.75: 78.5); 5 senses (bench/derive_event_senses.py).
SENSE_SIMILARITY = 0.75

#: Light and reporting verbs name no event by themselves ("said", "took", "made"): two records sharing only
#: such a trigger merge when their wording is alike (``LIGHT_CONTEXT`` of their words shared), not on the word.
#: ECB+ train CoNLL within stories 79.1 -> 80.8 at .5 (.2: 80.4, .4: 80.7, .6: 80.6, never: 80.2).
LIGHT_TRIGGERS = frozenset(stem(w) for w in """
say says said saying tell tells told telling report reports reported reporting accord according state states
stated add adds added note noted claim claims claimed be is are was were been being have has had having do does
did done get gets got gotten take takes took taken taking make makes made making give gives gave given go goes
went gone come comes came put puts set sets keep keeps kept""".split())
#: Or when one subject does it ("police said" twice in one story: ``EventFeatures.agents``): ECB+ train CoNLL
#: within stories 81.1 -> 81.6 (gold sub-topics 81.7 -> 82.3), B³ precision 86.7 -> 86.3; dev 76.6 -> 76.7.
LIGHT_CONTEXT = 0.5

_HYPOTHETICAL = frozenset({"planned", "hypothetical"})


def event_family(event_type: str | None, sub_event_type: str | None = None) -> str:
    """The family an event type belongs to (strategic developments split by sub-type)."""
    t = (event_type or "").strip().lower()
    if t == "strategic developments" and sub_event_type:
        return "strategic:" + sub_event_type.strip().lower()
    return FAMILIES.get(t, t or "unknown")


@dataclass(slots=True)
class EventFeatures:
    """What coreference compares about one event record (all optional but id/doc)."""

    id: str
    document_id: str
    family: str
    sub_type: str | None = None
    trigger: frozenset[str] = frozenset()  # stems of the trigger's words (or its lemma, for evaluation)
    stems: frozenset[str] = frozenset()
    lo: int | None = None                 # date interval, day numbers, inclusive
    hi: int | None = None
    date_inferred: bool = False
    lat: float | None = None
    lon: float | None = None
    precision: str = "unknown"
    country: str | None = None
    admin1: str | None = None
    place_name: str | None = None
    parties: frozenset[str] = frozenset()
    attacker: str | None = None           # party of actor1 when the direction is known
    sources: frozenset[str] = frozenset()  # independence keys of the claims it rests on
    hypothetical: bool = False
    event_type: str | None = None         # the ACLED type, lower case: one merged event per type
    background: bool = False              # history (the 1990s war) never merges with current events
    report: str | None = None             # report family (copies of one article are one report)
    group: str | None = None              # an outer block (story), when given
    vector: Any = None                    # an L2-normalised embedding, when available
    trigger_vector: Any = None            # the trigger word's L2-normalised vector, when available
    slot: tuple[str, str] | None = None   # (governing word's lemma, relation) of the trigger, when parsed
    agents: frozenset[str] = frozenset()  # the trigger's grammatical subjects ("police" said), when parsed
    extra: dict[str, Any] = field(default_factory=dict)


def _interval(dateref: Any, published: str | None) -> tuple[int | None, int | None, bool]:
    if dateref is not None:
        lo = day_number(dateref.earliest) or (day_number(dateref.value) if dateref.precision == "day" else None)
        hi = day_number(dateref.latest) or (day_number(dateref.value) if dateref.precision == "day" else None)
        if lo is not None or hi is not None:
            return lo if lo is not None else hi, hi if hi is not None else lo, False
    pub = day_number(published)
    if pub is not None:
        return pub - UNDATED_LOOKBACK_DAYS, pub, True
    return None, None, False


def event_features(event: Any, *, dates: Mapping[str, Any], places: Mapping[str, Any],
                   actors: Mapping[str, Any], published: str | None, group: str | None = None,
                   vector: Any = None, sources: Iterable[str] = ()) -> EventFeatures:
    """Features of one ``types.Event`` with its DateRef, Place, document date and claim sources."""
    lo, hi, inferred = _interval(dates.get(event.date_id) if event.date_id else None, published)
    place = places.get(event.place_id) if event.place_id else None
    parties = set()
    for actor_id in (event.actor1_id, event.actor2_id):
        if actor_id:
            parties.add(party_of(actor_id, actors) or actor_id)
    return EventFeatures(
        id=event.id, document_id=event.document_id,
        family=event_family(event.event_type, event.sub_event_type),
        sub_type=(event.sub_event_type or "").lower() or None,
        trigger=frozenset(stem(w) for w in (event.trigger or "").split() if w.lower() not in STOPWORDS),
        stems=frozenset(content_stems(event.text)), lo=lo, hi=hi, date_inferred=inferred,
        lat=getattr(place, "latitude", None), lon=getattr(place, "longitude", None),
        precision=getattr(place, "precision", "unknown") if place else "unknown",
        country=getattr(place, "country", None), admin1=getattr(place, "admin1", None),
        place_name=getattr(place, "name", None), parties=frozenset(parties),
        attacker=(party_of(event.actor1_id, actors) or event.actor1_id) if event.direction == "known" else None,
        sources=frozenset(sources), hypothetical=event.modality in _HYPOTHETICAL, group=group, vector=vector,
        event_type=(event.event_type or "").strip().lower() or None, background=bool(event.background),
        slot=_note_slot(event), agents=_note_agents(event),
        extra={"sentence": (event.start, event.end)},
    )


def _note_slot(event: Any) -> tuple[str, str] | None:
    """The trigger's slot from the extractor's ``slot=LEMMA:DEP`` note (see ``extract.events``), if parsed."""
    for note in getattr(event, "notes", ()) or ():
        if note.startswith("slot=") and ":" in note:
            lemma, _, dep = note[5:].rpartition(":")
            return lemma, dep
    return None


def _note_agents(event: Any) -> frozenset[str]:
    for note in getattr(event, "notes", ()) or ():
        if note.startswith("agents="):
            return frozenset(a for a in note[7:].split("|") if a)
    return frozenset()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _radius(a: EventFeatures, b: EventFeatures) -> float | None:
    """The merge radius for two located events; None when one is only a country."""
    ra, rb = RADIUS_KM.get(a.precision), RADIUS_KM.get(b.precision)
    if ra is None or rb is None:
        return None
    return max(ra, rb)


def _place_veto(a: EventFeatures, b: EventFeatures) -> bool:
    if a.country and b.country and a.country != b.country:
        return True
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    radius = _radius(a, b)
    if radius is None:
        return False
    distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if a.precision == b.precision == "point" and a.place_name != b.place_name and distance > SAME_POINT_KM:
        return True   # two named towns: another place, however near
    return distance > radius


def _date_veto(a: EventFeatures, b: EventFeatures) -> bool:
    """Different days (ACLED's granularity: one event per day).

    Within one article an undated record may be about any day its context
    allows (the interval before its publication).  Across articles, a record
    dated only by its report's publication day stands for that day: it merges
    with records of that very day, never across different days.
    """
    if None in (a.lo, a.hi, b.lo, b.hi):
        return False
    if a.hi < b.lo or b.hi < a.lo:  # type: ignore[operator]
        return True
    same_report = a.document_id == b.document_id or (a.report is not None and a.report == b.report)
    if same_report or not (a.date_inferred or b.date_inferred):
        return False
    if a.date_inferred and b.date_inferred:
        return a.hi != b.hi
    inferred, dated = (a, b) if a.date_inferred else (b, a)
    return not (dated.lo <= inferred.hi <= dated.hi)  # type: ignore[operator]


def _same_strike(a: EventFeatures, b: EventFeatures) -> bool:
    """Two outlets coding one attack differently (a "counterattack" one calls shelling): the same
    known attacker on one day (a night across two days allowed; a record dated by its report stands for
    its report's day, which the date veto has already compared)."""
    if not (a.attacker and a.attacker == b.attacker):
        return False
    if None in (a.lo, a.hi, b.lo, b.hi):
        return False
    return all(f.date_inferred or f.hi - f.lo <= 1 for f in (a, b))  # type: ignore[operator]


def compatible(a: EventFeatures, b: EventFeatures) -> bool:
    """No stated difference between two event records (the veto)."""
    if a.family != b.family or a.hypothetical != b.hypothetical or a.background != b.background:
        return False
    if a.event_type and b.event_type and a.event_type != b.event_type and not _same_strike(a, b):
        return False   # ACLED codes one event per type: a battle and a shelling of one day are two
    if _date_veto(a, b):
        return False
    if _place_veto(a, b):
        return False
    if a.parties and b.parties and not (a.parties & b.parties):
        return False
    if len(a.parties) >= 2 and len(b.parties) >= 2 and a.parties != b.parties:
        return False   # another actor pair
    if a.attacker and b.attacker and a.attacker != b.attacker:
        return False   # the texts name different attackers
    return True


def _text_similarity(a: EventFeatures, b: EventFeatures) -> float:
    if a.vector is not None and b.vector is not None:
        return max(0.0, float(a.vector @ b.vector))
    if not a.stems or not b.stems:
        return 0.0
    return len(a.stems & b.stems) / len(a.stems | b.stems)


@lru_cache(maxsize=1)
def _sense_table() -> dict[str, str]:
    """Trigger stem -> space-separated ids of the WordNet synsets of its first senses
    (``data/event_senses.tsv``, read directly: ``read_tsv``'s cache would keep a second copy of 29,000 rows;
    ids stay text until a trigger is looked up: about 5 MB, 0.1 s)."""
    text = resources.files("consilience").joinpath("data", "event_senses.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, ids = line.partition("\t")
            out[word] = ids
    out.pop("stem", None)   # the header row
    return out


@lru_cache(maxsize=50_000)
def _senses_of(word: str) -> frozenset[str]:
    return frozenset(_sense_table().get(word, "").split())


def same_sense(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two triggers' stems share a WordNet synset among their first senses (hit/strike, foil/thwart)."""
    sa = frozenset().union(*(_senses_of(s) for s in a))
    return bool(sa) and any(sa & _senses_of(s) for s in b)


def trigger_similarity(a: EventFeatures, b: EventFeatures) -> float:
    """1 for a shared trigger stem; for different words, ``SENSE_SIMILARITY`` when WordNet puts them in
    one synset, or their word vectors' cosine above ``SYNONYM_FLOOR`` rescaled to [0, 1] (launch/start,
    carry/bring) when that is more; 0 for unrelated words."""
    if a.trigger & b.trigger:
        return 1.0
    lexical = SENSE_SIMILARITY if a.trigger and b.trigger and same_sense(a.trigger, b.trigger) else 0.0
    if a.trigger_vector is None or b.trigger_vector is None:
        return lexical
    cos = float(a.trigger_vector @ b.trigger_vector)
    return max(lexical, (cos - SYNONYM_FLOOR) / (1.0 - SYNONYM_FLOOR))


def _other_slots(a: EventFeatures, b: EventFeatures) -> bool:
    """Both triggers parsed and filling different slots (another governing word or relation).

    Two unrelated words merge on wording alone only where a copied sentence
    swaps one for the other in the same slot ("arrested on suspicion of DUI" /
    "... of drunk driving"); in different slots they are two events the sentence
    tells together ("quake strikes Aceh" / "... Aceh, killing one").  ECB+ train
    CoNLL within stories 80.8 -> 81.1, B³ precision 85.4 -> 86.7 (the slot as the
    relation alone 81.0, as the governing word alone 81.1 but no change on dev).

    Not between two records of one sentence of the product's extraction (``extra["sentence"]``): there the
    extractor already folded what one event's triggers tell, and two records it kept apart that still share
    their wording ("continuing a military operation to free territory") merge as before.
    """
    same_sentence = a.document_id == b.document_id and a.extra.get("sentence") is not None and \
        a.extra.get("sentence") == b.extra.get("sentence")
    return a.slot is not None and b.slot is not None and a.slot != b.slot and bool(a.trigger and b.trigger) \
        and not same_sentence


def pair_score(a: EventFeatures, b: EventFeatures) -> float | None:
    """Evidence that two records tell the same event; None when a stated difference forbids it."""
    if not compatible(a, b):
        return None
    score = 0.0
    both_dated = None not in (a.lo, a.hi, b.lo, b.hi)
    if both_dated:
        # a day, or a night across two days, on both sides
        precise = (a.hi - a.lo <= 1 and b.hi - b.lo <= 1 and not (a.date_inferred or b.date_inferred))  # type: ignore[operator]
        score += 0.75 if precise else 0.25
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        radius = _radius(a, b)
        if radius is not None:
            score += 0.75 if a.precision == b.precision == "point" else 0.35
    elif a.place_name and a.place_name == b.place_name:
        score += 0.5
    if a.parties and b.parties:
        score += 0.5 * len(a.parties & b.parties) / len(a.parties | b.parties)
    if a.sub_type and a.sub_type == b.sub_type:
        score += 0.5
    same_trigger = bool(a.trigger & b.trigger)
    related = trigger_similarity(a, b)
    score += TRIGGER_WEIGHT * related
    if a.sources & b.sources:
        score += 0.5   # told by the same source
    text = _text_similarity(a, b)
    if not related and _other_slots(a, b):
        text = 0.0   # two unrelated words of one sentence ("thrilled to have Ellen host the Oscars"): two events
    # different triggers: wording is weaker evidence (two events of one sentence share its words)
    score += text if same_trigger or not (a.trigger and b.trigger) else 0.5 * text
    if a.document_id == b.document_id and not same_trigger and text < 0.5:
        return None   # two records of one article are two events unless worded alike
    if same_trigger and (a.trigger | b.trigger) <= LIGHT_TRIGGERS and text < LIGHT_CONTEXT \
            and not a.agents & b.agents:
        return None   # "said" and "said": two statements unless worded alike or said by one speaker
    return score


def block_keys(f: EventFeatures) -> list[Hashable]:
    """Time bucket × family × (country/admin1 | actor pair), within the outer group."""
    lo = (EPOCH + timedelta(days=f.lo)).isoformat() if f.lo is not None else None
    hi = (EPOCH + timedelta(days=f.hi)).isoformat() if f.hi is not None else None
    keys: list[Hashable] = []
    for bucket in time_buckets(lo, hi):
        keys.append((f.group, bucket, f.family, "place", f.country or "?"))
        if f.parties:
            keys.append((f.group, bucket, f.family, "actors", tuple(sorted(f.parties))))
    return keys


def _sort_key(f: EventFeatures) -> tuple:
    return (f.lo if f.lo is not None else -1, f.admin1 or "", min(f.trigger, default=""), f.lat or 0.0)


class _Clusters:
    """Union-find whose merges keep every cluster free of stated differences."""

    def __init__(self, feats: Sequence[EventFeatures]) -> None:
        self.feats = feats
        self.parent = list(range(len(feats)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(feats))}
        self.span: dict[int, tuple[int | None, int | None]] = {i: (f.lo, f.hi) for i, f in enumerate(feats)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def try_union(self, i: int, j: int, ok: Callable[[EventFeatures, EventFeatures], bool]) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        (alo, ahi), (blo, bhi) = self.span[ri], self.span[rj]
        lo = max(x for x in (alo, blo) if x is not None) if alo is not None or blo is not None else None
        hi = min(x for x in (ahi, bhi) if x is not None) if ahi is not None or bhi is not None else None
        if lo is not None and hi is not None and lo > hi:
            return False
        for x in self.members[ri]:
            for y in self.members[rj]:
                if not ok(self.feats[x], self.feats[y]):
                    return False
        if len(self.members[ri]) < len(self.members[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri].extend(self.members.pop(rj))
        self.span[ri] = (lo, hi)
        del self.span[rj]
        return True

    def groups(self) -> list[list[int]]:
        return [sorted(m) for m in self.members.values()]


def cluster_events(feats: Sequence[EventFeatures], *, threshold: float = MERGE_THRESHOLD,
                   max_block: int = 64, window: int = 12,
                   keys: Callable[[EventFeatures], Iterable[Hashable]] = block_keys,
                   score: Callable[[EventFeatures, EventFeatures], float | None] = pair_score,
                   ) -> list[list[int]]:
    """Partition ``feats`` into coreferent clusters (lists of indices), singletons included.

    The member check on a merge is the cheap veto only (``compatible``), so a
    cluster of k records costs k² vetoes at worst; clusters stay small because
    blocks do.
    """
    pairs = candidate_pairs(feats, keys, sort_key=_sort_key, max_block=max_block, window=window)
    scored = []
    for i, j in pairs:
        s = score(feats[i], feats[j])
        if s is not None and s >= threshold:
            scored.append((-s, i, j))
    scored.sort()
    clusters = _Clusters(feats)
    for _, i, j in scored:
        clusters.try_union(i, j, compatible)
    return sorted(clusters.groups())


def event_stances(event: Any, claims: Mapping[str, Any], origin_of: Callable[[Any], str],
                  outlet_origin: str) -> list[tuple[str, str]]:
    """(stance, origin) pairs one event record contributes to its merged event's status.

    The claims it rests on speak for it; without claims the outlet itself
    reports it (or reports it denied / negated).
    """
    out = [(c.stance, origin_of(c)) for cid in event.claim_ids if (c := claims.get(cid)) is not None]
    if out:
        return out
    if event.modality in ("denied", "negated"):
        return [("deny", outlet_origin)]
    if event.modality in ("reported", "claimed"):
        return [("assert", outlet_origin)]
    return []

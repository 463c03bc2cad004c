"""Origins and their independence, and the status of a set of statements.

Why origins and not outlets: two outlets relaying the same defence ministry
statement are one source, not two.  The origin of a statement is its speaker
(``Claim.speaker_actor_id``); for a claim with no speaker but a relay chain,
the innermost relay (the agency closest to the source); for the outlet's own
unattributed narration, the outlet.  Two origins are independent when they do
not speak for the same party: a state's government, military and leaders are
one party (``party:AZE``), while a news agency's own count or an observer is
its own origin.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "NEGATIVE", "POSITIVE", "STATUSES", "VAGUE_SPEAKERS", "claim_origin", "counts_as_origin", "independence_key", "independent_count",
    "explain_status", "origin_kind", "origin_name", "outlet_origin", "party_of", "polarity", "status_of",
]

#: Stances that affirm a proposition / that contradict it; the rest carry no truth value.
POSITIVE = frozenset({"assert", "admit", "accuse"})
NEGATIVE = frozenset({"deny", "reject"})

#: The statuses, most trustworthy first.
STATUSES = ("confirmed against interest", "corroborated", "single-source", "disputed", "denied")

_PARTY_SECTORS = {None, "government", "military", "police", "party", "rebels"}


#: Speakers that name nobody ("it", "they", "both sides"): a claim whose speaker stayed one of these
#: (coreference did not resolve it) is nobody's statement and is left out of origin counts.
VAGUE_SPEAKERS = frozenset({
    "it", "they", "he", "she", "we", "this", "that", "both", "both sides", "each side", "the two sides",
    "both parties", "the sides", "the two countries", "both countries", "each other", "one", "someone",
})


def counts_as_origin(claim: Any) -> bool:
    """False for a claim whose only speaker is an unresolved pronoun or "both sides"."""
    if claim.speaker_actor_id or claim.relays:
        return True
    text = " ".join((getattr(claim, "speaker_text", None) or "").lower().split())
    return text not in VAGUE_SPEAKERS


def outlet_origin(outlet: str | None, document_id: str) -> str:
    """The origin of a document's own narration."""
    return f"outlet:{outlet or document_id}"


def claim_origin(claim: Any, outlet: str | None) -> str:
    """Who a claim comes from: its speaker, else its innermost relay, else the outlet."""
    if claim.speaker_actor_id:
        return str(claim.speaker_actor_id)
    if claim.relays:
        return str(claim.relays[-1])
    return outlet_origin(outlet, claim.document_id)


def origin_kind(claim: Any) -> str:
    """``speaker``, ``relay`` or ``outlet``: how :func:`claim_origin` decided."""
    if claim.speaker_actor_id:
        return "speaker"
    return "relay" if claim.relays else "outlet"


def party_of(actor_id: str | None, actors: Mapping[str, Any]) -> str | None:
    """The country/party code an actor speaks for, if it is a state or armed actor."""
    if not actor_id:
        return None
    actor = actors.get(actor_id)
    if actor is not None:
        if actor.kind == "media" or actor.sector in ("media", "igo", "ngo"):
            return None
        if actor.country and (actor.kind in ("state", "person") or actor.sector in _PARTY_SECTORS):
            return str(actor.country)
        return None
    head = actor_id.split("/", 1)[0]
    if "/" in actor_id and head.isupper() and 2 <= len(head) <= 4:
        return head
    if actor_id.isupper() and 2 <= len(actor_id) <= 4:
        return actor_id
    return None


def independence_key(origin: str, actors: Mapping[str, Any]) -> str:
    """Origins with the same key are not independent of each other."""
    party = party_of(origin, actors)
    return f"party:{party}" if party else origin


def independent_count(origins: Iterable[str], actors: Mapping[str, Any]) -> int:
    """How many independent origins are among ``origins``."""
    return len({independence_key(o, actors) for o in origins})


def polarity(stance: str) -> int:
    """+1 affirms, -1 contradicts, 0 neither (demands, threats, promises, unconfirmed)."""
    if stance in POSITIVE:
        return 1
    if stance in NEGATIVE:
        return -1
    return 0


def status_of(stances: Iterable[tuple[str, str]], actors: Mapping[str, Any], *,
              figure_conflict: bool = False, reports: Iterable[str] | None = None) -> str:
    """Status of a proposition from its (stance, origin) pairs.

    * confirmed against interest: an admission (the party it hurts says so), and no denial;
    * disputed: affirmed and contradicted (an admission later called a lie included),
      or incompatible figures for the same scope and date;
    * denied: only contradicted;
    * corroborated: affirmed by two or more independent origins, in two or more
      different reports when ``reports`` (the report family of each stance,
      see ``link/reports.py``) is given -- two spans of one article, or of
      copies of one article, never corroborate each other;
    * single-source: otherwise.
    """
    stances = list(stances)
    report_of = list(reports) if reports is not None else [None] * len(stances)
    pos: set[str] = set()
    pos_reports: set[str | None] = set()
    neg = False
    admitted = False
    for (stance, origin), report in zip(stances, report_of):
        p = polarity(stance)
        if p > 0:
            pos.add(origin)
            pos_reports.add(report)
            admitted = admitted or stance == "admit"
        elif p < 0:
            neg = True
    if pos and neg or figure_conflict:
        return "disputed"
    if neg:
        return "denied"
    if admitted:
        return "confirmed against interest"
    if independent_count(pos, actors) >= 2 and (reports is None or len(pos_reports) >= 2):
        return "corroborated"
    return "single-source"


def origin_name(origin: str, actors: Mapping[str, Any]) -> str:
    """A reader's name for an origin: the actor's name, the outlet's, or the agency's."""
    if origin.startswith("outlet:"):
        label = origin[len("outlet:"):]
        if label.startswith("wire:"):
            return f"{label[5:]} (wire copy)"
        if label.startswith("copies:"):
            return "an unattributed article and its copies"
        return f"{label} (own reporting)" if not _looks_like_id(label) else "an article with no outlet"
    actor = actors.get(origin)
    name = getattr(actor, "name", None)
    if name:
        return str(name)
    return origin.split(":", 1)[-1].replace("-", " ").replace("/", " ")


def _looks_like_id(label: str) -> bool:
    return len(label) == 16 and all(c in "0123456789abcdef" for c in label)


def explain_status(status: str, stances: Iterable[tuple[str, str]], reports: Iterable[str],
                   actors: Mapping[str, Any], report_names: Mapping[str, str] | None = None) -> str:
    """The status in words a reader understands, naming the origins and reports it counted."""
    stances = list(stances)
    reports = list(reports)
    names = report_names or {}
    pos = [(o, r) for (s, o), r in zip(stances, reports) if polarity(s) > 0]
    neg = [(o, r) for (s, o), r in zip(stances, reports) if polarity(s) < 0]

    def who(items: list[tuple[str, str]]) -> str:
        keys: dict[str, list[str]] = {}
        for o, _ in items:
            keys.setdefault(independence_key(o, actors), [])
            if origin_name(o, actors) not in keys[independence_key(o, actors)]:
                keys[independence_key(o, actors)].append(origin_name(o, actors))
        return "; ".join(" / ".join(v) for v in keys.values())

    def where(items: list[tuple[str, str]]) -> str:
        rs = sorted({names.get(r, r) for _, r in items})
        return f"{len(rs)} report{'s' if len(rs) != 1 else ''} ({', '.join(rs)})"

    n_pos = len({independence_key(o, actors) for o, _ in pos})
    if status == "corroborated":
        return f"corroborated: {n_pos} independent origins ({who(pos)}) in {where(pos)}"
    if status == "disputed":
        if not neg:
            return f"disputed: the figures of {who(pos)} do not agree (same scope and date)"
        return f"disputed: asserted by {who(pos)}; denied by {who(neg)}"
    if status == "denied":
        return f"denied by {who(neg)}; nobody asserts it"
    if status == "confirmed against interest":
        return f"confirmed against interest: admitted by the party it hurts ({who(pos)})"
    if not pos:
        return "single-source: reported without a stated origin"
    if n_pos >= 2:
        return (f"single-source: {n_pos} origins ({who(pos)}), all quoted in one report "
                f"({', '.join(sorted({names.get(r, r) for _, r in pos}))}); no second report confirms it")
    return f"single-source: one origin ({who(pos)}), in {where(pos)}"

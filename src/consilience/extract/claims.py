"""Claims: who said what, with which stance, through which channel, relayed by whom.

``extract_claims`` turns the attribution frames of a document
(:mod:`consilience.extract.attribution`) into :class:`~consilience.types.Claim`
records.  What happens here, in order, and why:

1. **Overlaps.**  The small parser often hangs a later attribution inside an
   earlier clause ("Putin urged ..., Peskov was quoted as saying ...").  A
   content may contain another frame only if that frame is properly nested
   (its speaker, cue and content all inside, and it is not an ``as``/``while``
   adjunct nor a sibling with the same speaker, "denied X and said Y"; a
   relative clause, "a question that she said ...", nests); otherwise the
   content is cut before the other frame.
2. **Nesting and relays.**  A nested frame is reported by the outer one.  If
   the outer speaker is a news outlet and only reports ("..., Reuters
   reported", "was quoted by Tass as saying"), it is a *relay*: it is not a
   speaker, the inner claim lists it in ``relays`` (outermost first) and no
   claim is stored for it.  Any other outer claim is kept and points to the
   inner one through ``embedded_claim_id`` ("It denied claims by Yerevan that
   ..." → deny → assert by Yerevan).  A claim whose only source is an outlet
   ("Agence France Presse said ...") names the outlet as its speaker.
3. **", which X has not confirmed".**  A negated confirm whose object is the
   relative pronoun is an ``unconfirmed`` claim by X about the content of the
   claim it hangs from, linked to it.
4. **Split quotes and continuation quotes.**  A quotation split around its
   cue ("“A,” she said, “B”", or "“A,” she said. “B”" in the same paragraph)
   is one claim: ``content_spans`` holds the fragments and ``content`` joins
   them with " … ".  Any other quotation that starts a sentence or paragraph,
   has no attribution of its own and follows a claim in the same or the
   previous paragraph belongs to that claim's speaker (noted).
5. **Speakers.**  ``speaker_start``/``speaker_end`` give the speaker's words
   (a continuation quote: those of the claim it continues).  The speaker is
   resolved through the given mentions: the
   mention overlapping the speaker's head word gives ``speaker_mention_id``
   and ``speaker_actor_id`` (a pronoun's mention carries its resolved actor).
   Without a matching mention only ``speaker_text`` is set.  A collective
   speaker ("Both sides", "France, Russia and the United States") is one
   claim; its ids stay empty unless one mention covers the whole speaker, and
   the member actors are listed in the notes.  A subject that names a channel
   ("The statement also said", "the Twitter account said") keeps its text as
   ``speaker_text`` and takes the ids of the claim just before.
6. **Stance, channel, date.**  The stance comes from the cue (lexicon), then a
   negation, then the content: a denial phrase ("was absolute lie") makes an
   assert a deny, a quoted first-person performative ("We call for ...") gives
   its own stance; each change is noted.  The channel is read from the frame
   (never from the content); ``date_id`` is a date inside the frame, or the
   relay's date (noted).

Nothing is invented: an unresolved field stays ``None``; a relay without an
actor mention is kept as its text and the notes say so.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from consilience.extract.doctext import doc_text
from consilience.extract.attribution import Frame, find_frames
from consilience.extract.claim_cues import CueLexicon, load_cues
from consilience.extract.quotes import Quote, find_quotes, paragraph_ranges
from consilience.types import Claim, DateRef, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["EXTRACTOR", "claim_id", "extract_claims"]

EXTRACTOR = "claims@2"

Span = tuple[int, int]

_EMPTY_CONTENT = {"what", "which", "that", "this", "it", "so", "maybe", "perhaps", "yes", "no", "not", "why",
                  "how", "whatever", "something", "nothing", "anything", "everything"}

_PERFORMATIVE_ADVERBS = {"also", "again", "hereby", "strongly", "firmly", "categorically", "resolutely", "once",
                         "therefore", "now", "fully", "further", "urgently"}


def claim_id(document_id: str, start: int, end: int) -> str:
    """Deterministic id: sha1 of document id, "claim" and the span (16 hex digits)."""
    return hashlib.sha1(f"{document_id}\nclaim\n{start}\n{end}".encode()).hexdigest()[:16]


# ---------------------------------------------------------------------------
# Mentions
# ---------------------------------------------------------------------------


class _Mentions:
    """Mentions by position, for speaker and relay lookup."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.items]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, end)
        return [m for m in self.items[:i] if m.end > start]

    def is_actor(self, start: int, end: int) -> bool:
        return any(m.actor_id for m in self.overlapping(start, end))

    def for_head(self, head: Span | None, span: Span | None) -> Mention | None:
        """The mention of a speaker: the one over the head word, preferring a resolved one."""
        if head is None:
            return None
        cands = self.overlapping(*head)
        if span is not None:
            cands = [m for m in cands if m.start >= span[0] - 1 and m.end <= span[1] + 1] or cands
        if not cands:
            return None
        return sorted(cands, key=lambda m: (m.actor_id is None, m.end - m.start))[0]

    def covering(self, span: Span) -> Mention | None:
        """A mention covering (almost) the whole span: a collective speaker named as one actor."""
        length = span[1] - span[0]
        for m in self.overlapping(*span):
            if m.actor_id and m.start <= span[0] + 1 and m.end >= span[1] - 1 and (m.end - m.start) >= 0.8 * length:
                return m
        return None


# ---------------------------------------------------------------------------
# Frame structure: overlaps, nesting, relays
# ---------------------------------------------------------------------------


def _inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _clean(text: str, span: Span | None) -> Span | None:
    if span is None:
        return None
    start, end = span
    while start < end and (text[start].isspace() or text[start] in ",;:–—"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–—"):
        end -= 1
    m = re.search(r"(?:,?\s+(?:and|but|or|as|while|then)|,\s*(?:which|who|whom|whose))+$", text[start:end])
    if m:  # "... turning violent and" once a sibling claim is cut off
        end = start + m.start()
    if text[start:end].startswith("that "):  # "said that ..." (a capital "That" is a pronoun)
        start += 5
    words = re.findall(r"\w+", text[start:end])
    if len(words) < 1 or (len(words) == 1 and words[0].lower() in _EMPTY_CONTENT):
        return None  # "what they had promised", "maybe": no proposition
    return start, end


def _trim(text: str, frames: list[Frame]) -> list[Frame]:
    """Cut contents that swallow another frame's speaker and cue (see module doc, step 1)."""
    for f in frames:
        for g in frames:
            if f is g or f.content is None or g.content is None:
                continue
            if _inside(g.region, f.content) and _inside(f.region, g.content):
                # each swallows the other: the later attribution is the outer one ("X ..., Y said")
                inner, outer = (f, g) if f.region[0] < g.region[0] else (g, f)
                if inner.content is not None:
                    inner.content = _clean(text, (inner.content[0], min(inner.content[1], outer.region[0])))
    for f in frames:
        for g in frames:
            if f is g or f.content is None or not _overlaps(g.region, f.content):
                continue
            nested = (_inside(g.region, f.content) and (not g.adjunct or g.relative) and g.content is not None
                      and _inside(g.content, f.content)
                      and not (g.speaker_inherited and g.speaker == f.speaker))  # "denied X and said Y"
            if nested:
                continue
            if g.region[0] >= f.cue[1]:
                f.content = _clean(text, (f.content[0], min(f.content[1], g.region[0])))
            elif g.region[1] <= f.cue[0] or g.region[1] <= f.content[1]:
                f.content = _clean(text, (max(f.content[0], g.region[1]), f.content[1]))
    return [f for f in frames if f.content is not None or f.relative_object]


def _parents(frames: list[Frame]) -> dict[int, int]:
    """Index of the innermost frame each frame is properly nested in."""
    out: dict[int, int] = {}
    for i, g in enumerate(frames):
        if g.content is None or (g.adjunct and not g.relative):
            continue
        best: int | None = None
        for j, f in enumerate(frames):
            if i == j or f.content is None:
                continue
            if _inside(g.region, f.content) and _inside(g.content, f.content):
                if best is None or (f.content[1] - f.content[0]) < (frames[best].content[1] - frames[best].content[0]):
                    best = j
        if best is not None:
            out[i] = best
    return out


# ---------------------------------------------------------------------------
# Drafts: a claim before its id is known
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    frame: Frame | None
    speaker: Span | None
    speaker_text: str | None
    speaker_mention_id: str | None
    speaker_actor_id: str | None
    cue: Span | None
    content: Span
    direct_quote: bool
    stance: str
    quote: Quote | None = None
    channel: str | None = None
    relays: list[str] = field(default_factory=list)
    relay_spans: list[Span] = field(default_factory=list)
    relay_dates: list[str] = field(default_factory=list)
    embedded: _Draft | None = None
    date_id: str | None = None
    notes: list[str] = field(default_factory=list)
    extra: list[Span] = field(default_factory=list)   # other spans the claim covers (region)
    dropped: bool = False
    continues: _Draft | None = None
    fragments: list[Span] = field(default_factory=list)  # later parts of a quotation split around its cue
    speaker_span: Span | None = None   # the speaker's words (a continuation quote: those of the claim before)
    id: str = ""

    def span(self) -> Span:
        parts: list[Span] = [self.content, *self.extra, *self.relay_spans, *self.fragments]
        if self.quote is not None and self.direct_quote:
            parts.append((self.quote.start, self.quote.end))
        if self.speaker is not None and self.frame is not None and not self.frame.speaker_inherited:
            parts.append(self.speaker)
        if self.cue is not None:
            parts.append(self.cue)
        return min(p[0] for p in parts), max(p[1] for p in parts)


def _direct(text: str, content: Span, quote: Quote | None, quotes: Sequence[Quote]) -> tuple[bool, Quote | None]:
    """Whether the content is (all) a quotation, and which."""
    if quote is not None:
        return True, quote
    start, end = content
    for q in quotes:
        if q.single:
            continue
        if q.inner_start - 1 <= start and end <= q.end and (
                text[q.inner_start:start].strip() == "" and text[end:q.inner_end].strip(" ,.;:") == ""):
            return True, q
    return False, None


def _stance_from_content(lex: CueLexicon, text: str, draft: _Draft) -> None:
    if draft.stance != "assert":
        return
    content = text[draft.content[0]:draft.content[1]]
    for pattern in lex.deny_content:
        m = pattern.search(content)
        if m:
            draft.stance = "deny"
            start = draft.content[0] + m.start()
            phrase = m.group(0)
            draft.notes.append(f"stance deny from the content phrase {phrase!r} at {start}-{start + len(phrase)}")
            return
    if not draft.direct_quote:
        return
    words = re.findall(r"[\w']+", content.lower())[:4]
    if len(words) < 2 or words[0] not in lex.performative_subjects:
        return
    k = 2 if words[1] in _PERFORMATIVE_ADVERBS and len(words) > 2 else 1
    verb = lex.verb_for("", words[k])
    lemma = verb.lemma if verb is not None else words[k]
    stance = lex.performatives.get(lemma)
    if stance is not None and verb is not None and verb.requires_prep and (
            len(words) <= k + 1 or words[k + 1] not in verb.requires_prep):
        stance = None  # "I called the police": not "we call for"
    if stance is not None:
        draft.stance = stance
        draft.notes.append(f"stance {stance} from the quoted performative {' '.join(words[:k + 1])!r}")


def _date_for(dates: Sequence[DateRef], region: Span, content: Span | None, cue: Span | None) -> DateRef | None:
    """A date inside the frame (not the content), the one nearest the cue."""
    cands = [d for d in dates if _inside((d.start, d.end), region)
             and (content is None or not _overlaps((d.start, d.end), content))]
    if not cands:
        return None
    anchor = cue[0] if cue is not None else region[0]
    return min(cands, key=lambda d: abs(d.start - anchor))


def _frame_text_span(f: Frame) -> Span:
    """The frame's own words (speaker, cue, adjuncts, addressee), for channels and dates."""
    spans = [f.region, f.cue]
    if f.speaker is not None:
        spans.append(f.speaker)
    if f.addressee is not None:
        spans.append(f.addressee)
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _channel(lex: CueLexicon, text: str, f: Frame) -> tuple[str | None, list[str]]:
    notes: list[str] = []
    if f.channel:
        return f.channel, notes
    start, end = _frame_text_span(f)
    frame_text = text[start:end]
    if f.content is not None and _overlaps(f.content, (start, end)):
        frame_text = text[start:max(start, f.content[0])] + " " + text[min(end, f.content[1]):end]
    channel = lex.channel_in(frame_text)
    if f.addressee is not None:
        addressee = text[f.addressee[0]:f.addressee[1]]
        if channel is None and lex.is_media(addressee):
            channel = "interview"
        notes.append(f"addressee: {addressee}")
    return channel, notes


def _relay_ref(mentions: _Mentions, text: str, span: Span) -> tuple[str, str | None]:
    """Actor id of a relay when a mention resolves it, else its text (and a note)."""
    relay = text[span[0]:span[1]]
    lex = load_cues()
    # "the Russian state Tass news agency": the outlet, not the country in front of it
    ranked = sorted((m for m in mentions.overlapping(*span) if m.actor_id),
                    key=lambda m: (not lex.is_media(m.text), m.end < span[1] - 1, -(m.end - m.start)))
    if ranked:
        return ranked[0].actor_id or relay, None
    return relay, f"relay {relay!r} has no actor mention: kept as text"


def _resolve_speaker(lex: CueLexicon, mentions: _Mentions, text: str, f: Frame, previous: _Draft | None,
                     draft: _Draft) -> None:
    if f.speaker is None:
        return
    draft.speaker_text = text[f.speaker[0]:f.speaker[1]]
    head = text[f.speaker_head[0]:f.speaker_head[1]].lower() if f.speaker_head else ""
    head_key = head.rstrip("s") if head not in lex.channel_nouns else head
    if (head in lex.channel_nouns or head_key in lex.channel_nouns) and not mentions.is_actor(*f.speaker):
        kind = lex.channel_nouns.get(head, lex.channel_nouns.get(head_key, ""))
        channel = lex.channel_in(draft.speaker_text) or kind or None
        if channel and draft.channel is None:
            draft.channel = channel
        if previous is not None:
            draft.speaker_mention_id = previous.speaker_mention_id
            draft.speaker_actor_id = previous.speaker_actor_id
            draft.notes.append(f"speaker {draft.speaker_text!r} names the channel; speaker of the claim before "
                               f"({previous.speaker_text!r})")
        return
    if f.collective:
        whole = mentions.covering(f.speaker)
        if whole is not None:
            draft.speaker_mention_id, draft.speaker_actor_id = whole.id, whole.actor_id
            return
        members: list[str] = []
        for span in f.members or [f.speaker]:
            for m in mentions.overlapping(*span):
                if m.actor_id and m.actor_id not in members:
                    members.append(m.actor_id)
        note = "collective speaker"
        if members:
            note += ": member actors " + ", ".join(members)
        draft.notes.append(note)
        return
    m = mentions.for_head(f.speaker_head, f.speaker)
    if m is not None:
        draft.speaker_mention_id = m.id
        draft.speaker_actor_id = m.actor_id
        if m.antecedent_id:
            draft.notes.append(f"speaker {draft.speaker_text!r} resolved through mention {m.antecedent_id}")


def _build(lex: CueLexicon, text: str, frames: list[Frame], quotes: Sequence[Quote], mentions: _Mentions,
           dates: Sequence[DateRef]) -> list[_Draft]:
    drafts: list[_Draft] = []
    previous: _Draft | None = None
    for f in frames:
        content = f.content if f.content is not None else (0, 0)
        direct, quote = _direct(text, content, f.quote, quotes) if f.content is not None else (False, None)
        draft = _Draft(frame=f, speaker=f.speaker, speaker_text=None, speaker_mention_id=None,
                       speaker_actor_id=None, cue=f.cue, content=content, direct_quote=direct, stance=f.stance,
                       quote=quote, notes=list(f.notes), extra=[f.region])
        if quote is not None:
            draft.content = (quote.inner_start, quote.inner_end)
        if f.content is not None:
            cleaned = _clean(text, draft.content)
            draft.content = cleaned if cleaned is not None else draft.content
        if quote is not None:
            if quote.note and quote.note not in draft.notes:
                draft.notes.append(quote.note)
        draft.channel, cnotes = _channel(lex, text, f)
        draft.notes += cnotes
        if f.addressee is not None:
            draft.extra.append(f.addressee)
        _resolve_speaker(lex, mentions, text, f, previous, draft)
        if f.speaker is not None and lex.is_media(draft.speaker_text or ""):
            draft.notes.append("speaker is a news outlet (no other source named)")
        for span in f.relays:
            ref, note = _relay_ref(mentions, text, span)
            draft.relays.append(ref)
            draft.relay_spans.append(span)
            if note:
                draft.notes.append(note)
        date = _date_for(dates, _frame_text_span(f), f.content, f.cue)
        if date is not None:
            draft.date_id = date.id
        drafts.append(draft)
        if f.speaker is not None:
            previous = draft
    return drafts


def _link(lex: CueLexicon, text: str, frames: list[Frame], drafts: list[_Draft], mentions: _Mentions) -> None:
    """Relays and embedded claims from nesting; unconfirmed relatives (module doc, steps 2-3)."""
    parents = _parents(frames)
    # outermost first: handle parents before children so relay chains accumulate in order
    order = sorted(parents, key=lambda i: -(frames[parents[i]].content[1] - frames[parents[i]].content[0]))
    for i in order:
        inner, outer = drafts[i], drafts[parents[i]]
        f_out = frames[parents[i]]
        reports = outer.stance == "assert" and f_out.lemma in lex.relay_lemmas and f_out.kind != "noun"
        if reports and f_out.speaker is not None:
            ref, note = _relay_ref(mentions, text, f_out.speaker)
            inner.relays = outer.relays + [ref] + inner.relays
            if note:
                inner.notes.append(note)
            if inner.date_id is None and outer.date_id is not None:
                inner.date_id = outer.date_id
                inner.notes.append("date of the relay's report")
            if lex.is_media(outer.speaker_text or ""):
                outer.dropped = True
                # the relay's words are evidence for the inner claim: its span covers them
                inner.relay_spans = outer.relay_spans + [f_out.speaker, f_out.region] + inner.relay_spans
                inner.notes.append(f"relayed by {outer.speaker_text!r}")
                continue
            inner.notes.append(f"reported by {outer.speaker_text!r}")
        if outer.embedded is None:
            outer.embedded = inner
    for i, f in enumerate(frames):
        if not f.relative_object:
            continue
        draft = drafts[i]
        host = None
        for j, g in enumerate(frames):
            if j != i and g.content is not None and g.sent == f.sent and g.content[1] <= f.region[0] + 2 \
                    and not drafts[j].dropped and g.cue[0] < f.region[0]:
                if host is None or g.content[1] > frames[host].content[1]:
                    host = j
        if host is not None:
            draft.content = drafts[host].content
            draft.embedded = drafts[host]
            draft.notes.append("content is the claim the relative clause refers to")
        else:
            draft.dropped = True


def _continuations(lex: CueLexicon, text: str, drafts: list[_Draft], quotes: Sequence[Quote]) -> list[_Draft]:
    """Quotes without their own attribution that continue the previous claim (module doc, step 4)."""
    paras = paragraph_ranges(text)
    para_starts = [p[0] for p in paras]

    def para_of(pos: int) -> int:
        return bisect.bisect_right(para_starts, pos) - 1

    live = sorted((d for d in drafts if not d.dropped), key=lambda d: d.span())
    covered = [d.span() for d in live] + [d.frame.region for d in drafts if d.frame is not None]
    out: list[_Draft] = []
    for q in quotes:
        if q.single or any(_overlaps((q.inner_start, q.inner_end), c) for c in covered):
            continue
        p = para_of(q.start)
        if p < 0:
            continue
        before = text[paras[p][0]:q.start]
        if before.strip() and not re.search(r"[.!?][\"”’]?\s*$", before):
            continue
        prev = [d for d in live + out if d.span()[1] <= q.start]
        if not prev:
            continue
        last = max(prev, key=lambda d: d.span()[1])
        if para_of(last.span()[1] - 1) < p - 1 or last.speaker_text is None:
            continue
        content = _clean(text, (q.inner_start, q.inner_end))
        if content is None:
            continue
        draft = _Draft(frame=None, speaker=None, speaker_text=last.speaker_text,
                       speaker_mention_id=last.speaker_mention_id, speaker_actor_id=last.speaker_actor_id,
                       cue=None, content=content, direct_quote=True, stance="assert", quote=q,
                       channel=last.channel, relays=list(last.relays), relay_spans=[],
                       date_id=last.date_id, notes=["continues the quotation of the claim before; no cue of its own"],
                       continues=last, speaker_span=last.speaker_span if last.speaker_span else last.speaker)
        if q.note:
            draft.notes.append(q.note)
        out.append(draft)
    return out


# between a cue clause and the rest of its quotation: a comma or full stop, perhaps after a short
# appositive of the speaker ('“…,” said Rep. Earl Pomeroy, D-N.D. “…”')
_GAP = re.compile(r"\s*(?:,\s*[^\s,“”\"]+(?:\s+[^\s,“”\"]+){0,3}\s*)?[,.;:—–-]?\s*")


def _split_quotes(text: str, drafts: list[_Draft], quotes: Sequence[Quote]) -> None:
    """A quotation split around its cue is one claim: '“A,” she said, “B”' and '“A,” she said. “B”'.

    The later part must follow the cue clause with nothing but a comma or a full stop between, in the
    same paragraph, and belong to no other claim; it becomes a fragment of the content (module doc,
    step 4).
    """
    paras = paragraph_ranges(text)
    live = [d for d in drafts if not d.dropped]
    taken = [d.content for d in live]
    for d in live:
        if not d.direct_quote or d.quote is None or d.frame is None or d.cue is None:
            continue
        if d.quote.end > d.cue[0] or not d.quote.closed:
            continue  # only a quotation before its cue ('“A,” she said') can go on after it
        end = max(d.frame.region[1], d.cue[1], d.speaker[1] if d.speaker else 0)
        para_end = next((p[1] for p in paras if p[0] <= end <= p[1]), len(text))
        for q in quotes:
            if q.single or q.start < end or q.start > para_end:
                continue
            if not _GAP.fullmatch(text[end:q.start]):
                break
            inner = _clean(text, (q.inner_start, q.inner_end))
            if inner is None or any(_overlaps(inner, t) for t in taken):
                break
            d.fragments.append(inner)
            d.extra.append((q.start, q.end))
            taken.append(inner)
            d.notes.append("quotation split around its cue: one claim, content in fragments")
            break


_SPEAKER_EDGE = "\"“”„«»'’‘ ,;:—–-"


def _trim_speaker(text: str, speaker_text: str | None,
                  span: tuple[int, int] | None) -> tuple[str | None, tuple[int, int] | None]:
    """The speaker's words without the quotation mark or punctuation at their edges: a speaker read after
    a closing quotation mark began with it ('" Victoria N. Pearson, general counsel ...')."""
    if speaker_text is None:
        return None, span
    trimmed = speaker_text.strip(_SPEAKER_EDGE)
    if not trimmed or trimmed == speaker_text:
        return speaker_text, span
    if span is not None and text[span[0]:span[1]] == speaker_text:
        lead = len(speaker_text) - len(speaker_text.lstrip(_SPEAKER_EDGE))
        span = (span[0] + lead, span[0] + lead + len(trimmed))
    return trimmed, span


#: Contents that say nothing on their own: a lone pronoun is the object of a verb of praise or support
#: ("praising *him* as the Republican who ..."), not a statement.
_EMPTY_CONTENTS = frozenset({"him", "her", "them", "it", "me", "us", "you", "himself", "herself", "themselves",
                             "this", "that", "those", "these", "so", "maybe", "yes", "no"})


#: A source's terms, not a statement: "a police official who asked *not to be named*".
_ANONYMITY = re.compile(r"(?i)(?:not to be (?:named|identified|quoted)|anonymity|to remain anonymous"
                        r"|that (?:his|her|their) names? (?:not )?be withheld)")


def _says_nothing(text: str, d: _Draft) -> bool:
    """A content that is no statement: a lone pronoun (:data:`_EMPTY_CONTENTS`) or a source's anonymity."""
    content = text[d.content[0]:d.content[1]].strip(" .,\"'“”")
    return (not d.fragments and content.lower() in _EMPTY_CONTENTS) or bool(_ANONYMITY.fullmatch(content))


def _finish(document_id: str, extractor: str, text: str, lex: CueLexicon, drafts: list[_Draft]) -> list[Claim]:
    live = [d for d in drafts if not d.dropped and not _says_nothing(text, d)]
    seen: dict[str, _Draft] = {}
    for d in live:
        _stance_from_content(lex, text, d)
        start, end = d.span()
        d.id = claim_id(document_id, start, end)
    claims: list[Claim] = []
    for d in sorted(live, key=lambda d: d.span()):
        if d.id in seen:
            continue
        seen[d.id] = d
        start, end = d.span()
        notes = list(d.notes)
        cont = d.continues
        if cont is not None:
            notes[0] = f"continues the quotation of claim {cont.id} ({cont.speaker_text}); no cue of its own"
        span_text = text[start:end]
        marks = sum(span_text.count(c) for c in "“”„«»") + span_text.count('"')
        if marks % 2 == 1 and not any("not closed" in n or "stray" in n for n in notes):
            notes.append("odd number of quotation marks in the claim span")
        embedded = d.embedded.id if d.embedded is not None and not d.embedded.dropped else None
        cue_text = text[d.cue[0]:d.cue[1]] if d.cue is not None else None
        pieces = [d.content, *d.fragments]
        content = " … ".join(text[a:b] for a, b in pieces)
        speaker_span = d.speaker_span if d.speaker_span is not None else d.speaker
        speaker_text, speaker_span = _trim_speaker(text, d.speaker_text, speaker_span)
        claims.append(Claim(
            id=d.id, document_id=document_id, start=start, end=end, text=span_text, extractor=extractor,
            speaker_mention_id=d.speaker_mention_id, speaker_actor_id=d.speaker_actor_id,
            speaker_text=speaker_text, cue=cue_text,
            cue_start=d.cue[0] if d.cue is not None else None, cue_end=d.cue[1] if d.cue is not None else None,
            channel=d.channel, content=content, content_start=d.content[0],
            content_end=pieces[-1][1], direct_quote=d.direct_quote, stance=d.stance, relays=tuple(d.relays),
            embedded_claim_id=embedded, date_id=d.date_id, notes=tuple(dict.fromkeys(notes)),
            speaker_start=speaker_span[0] if speaker_span else None,
            speaker_end=speaker_span[1] if speaker_span else None,
            content_spans=tuple(pieces) if len(pieces) > 1 else ()))
    return claims


def extract_claims(sdoc: Doc, document_id: str, *, mentions: Sequence[Mention] = (),
                   dates: Sequence[DateRef] = (), extractor: str = EXTRACTOR) -> list[Claim]:
    """Every claim in a spaCy document: speaker, cue, channel, content, stance, relays, nesting.

    ``sdoc`` needs sentences; sentences with a dependency parse are read from
    it, the others (or a document without any parse) from token patterns.
    ``mentions`` (actor mentions, pronouns resolved) give the speaker and
    relay ids; ``dates`` give ``date_id``.  All offsets are character offsets
    into ``sdoc.text``.  Claims come in text order.
    """
    lex = load_cues()
    text = doc_text(sdoc)
    quotes = find_quotes(text)
    index = _Mentions(mentions)
    frames = find_frames(sdoc, lex, quotes, index.is_actor)
    frames = _dedupe(frames)
    frames = _trim(text, frames)
    drafts = _build(lex, text, frames, quotes, index, dates)
    _link(lex, text, frames, drafts, index)
    drafts = [d for d in drafts if d.content[1] > d.content[0]]
    _split_quotes(text, drafts, quotes)
    drafts += _continuations(lex, text, drafts, quotes)
    return _finish(document_id, extractor, text, lex, drafts)


def _dedupe(frames: list[Frame]) -> list[Frame]:
    """One frame per cue (a sentence read twice, e.g. a headline that also has a verb cue)."""
    out: list[Frame] = []
    seen: set[Span] = set()
    for f in frames:
        if f.cue in seen:
            continue
        seen.add(f.cue)
        out.append(f)
    return out

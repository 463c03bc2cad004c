"""Build the LGL/TR-News part of bench/claims_dev.jsonl from the hand annotations in bench/claims_src/.

The annotations are written by hand, one claim a line, following
bench/claims_annotation_guide.md::

    = <doc id>                                  (an article: LGL:<docid> or TR-News:<docid>)
    P<n> | speaker | cue | content | stance | q|i
    S<n> | speaker | cue | content | stance | q|i   (a sampled sentence, see sentences_*.txt)

``P<n>`` names the paragraph (line) the claim was read in (a reading aid; an
article is scored as one item).  The content may be several fragments joined by
``|||`` (a quotation split around its cue).  Every speaker, cue and content
fragment must occur in the text (quotation marks and apostrophes are matched
loosely); the script stops with the list of misses otherwise.  Offsets of the
speaker and content fragments are stored with each claim.

The split is by article: sha1(doc id) % 3 == 0 goes to ``heldout``, the rest to
``dev``; the example corpus and the earlier sentence items keep their parts.

    python bench/build_claims_dev.py            # rewrites bench/claims_dev.jsonl

Article texts are read from ../shared/bench/geoparsing/ (never copied into the
file: article items carry only the doc id and the annotations).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "bench" / "claims_src"
DEV = ROOT / "bench" / "claims_dev.jsonl"
GEO = ROOT.parent / "shared" / "bench" / "geoparsing"
STANCES = ("assert", "deny", "admit", "accuse", "demand", "reject", "threaten", "promise", "unconfirmed")
HEADER = ("Hand-annotated claims dev set for bench/eval_claims.py; guide in bench/claims_annotation_guide.md, "
          "sources, licences and split in bench/claims_dev.SOURCE.md. One object per line after this header: "
          "doc, part (example|dev|heldout), text (absent for article items, whose text is read from "
          "../shared/bench/geoparsing), unit (article|sentence, new items), claims [{speaker, cue, content, stance, "
          "direct_quote, cue_class; new items also speaker_start/speaker_end and content_spans}]. "
          "Split of the LGL/TR-News items: by article, sha1(doc) % 3 == 0 is heldout.")

SPEECH_CUES = {"say", "said", "says", "saying", "tell", "told", "tells", "telling", "add", "added", "adding",
               "adds", "state", "stated", "states", "stating", "write", "wrote", "writes", "tweet", "tweeted",
               "explain", "explained", "continued", "continue", "continuing", "reply", "replied", "respond",
               "responded", "remark", "remarked", "comment", "commented", "quoted", "according to", "report",
               "reported", "reports", "reporting", "announce", "announced", "announcing", "ask", "asked", "note",
               "noted", "noting", "read", "reads"}
_TR = str.maketrans({"\x97": "—", "\x96": "–", "\x85": "…", "’": "'", "‘": "'", "′": "'", "“": '"', "”": '"',
                     "„": '"', "«": '"', "»": '"', "`": "'"})


def cue_class(cue: str, stance: str) -> str:
    """speech (a neutral verb of saying, "according to"), other (any other cue), none (continuation quote)."""
    c = re.sub(r"\s+", " ", cue.strip().lower())
    if not c:
        return "none"
    if c in SPEECH_CUES and not (c in ("ask", "asked") and stance == "demand"):
        return "speech"
    return "other"


def split_part(doc: str) -> str:
    return "heldout" if int(hashlib.sha1(doc.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def load_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for name, tag in (("TR-News.xml", "TR-News"), ("lgl.xml", "LGL")):
        path = GEO / name
        if not path.exists():
            raise SystemExit(f"{path}: not found (the article texts are needed to build the set)")
        for art in ET.parse(path).getroot().iter("article"):
            node = art.find("text")
            texts[f"{tag}:{art.get('docid')}"] = (node.text or "") if node is not None else ""
    return texts


def _normmap(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    idx: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        ch = ch.translate(_TR)
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        out.append(ch)
        idx.append(i)
    return "".join(out), idx


def find_all(text: str, frag: str, words: bool = False) -> list[tuple[int, int]]:
    """Every occurrence of ``frag`` in ``text``, quotes and whitespace matched loosely.

    ``words``: only occurrences that start and end at word boundaries ("he" not inside "the").
    """
    nt, idx = _normmap(text)
    nf, _ = _normmap(frag.strip())
    out = []
    k = nt.find(nf)
    while k >= 0 and nf:
        end = k + len(nf)
        if not words or ((k == 0 or not (nt[k - 1].isalnum() and nf[0].isalnum()))
                         and (end == len(nt) or not (nt[end].isalnum() and nf[-1].isalnum()))):
            out.append((idx[k], idx[end - 1] + 1))
        k = nt.find(nf, k + 1)
    return out


def parse_claim(text: str, fields: list[str], where: str, errors: list[str]) -> dict | None:
    speaker, cue, content, stance, q = fields
    spans: list[tuple[int, int]] = []
    for frag in (f.strip() for f in content.split("|||")):
        hits = find_all(text, frag)
        if spans:
            hits = [h for h in hits if h[0] >= spans[-1][1]] or hits
        if not hits:
            errors.append(f"{where}: content fragment not found: {frag[:70]!r}")
            return None
        spans.append(hits[0])
    anchor = spans[0][0]
    sp = None
    if speaker:
        hits = find_all(text, speaker, words=True)
        if not hits:
            errors.append(f"{where}: speaker not found: {speaker!r}")
            return None
        sp = min(hits, key=lambda h: abs(h[0] - anchor))
    cue_text = ""
    if cue:
        hits = find_all(text, cue, words=True) or [(m.start(), m.end()) for m in re.finditer(re.escape(cue), text, re.I)]
        if not hits:
            errors.append(f"{where}: cue not found: {cue!r}")
            return None
        c = min(hits, key=lambda h: abs(h[0] - anchor))
        cue_text = text[c[0]:c[1]]
    if stance not in STANCES or q not in ("q", "i"):
        errors.append(f"{where}: bad stance/quote field {stance!r}/{q!r}")
        return None
    return {"speaker": text[sp[0]:sp[1]] if sp else "", "speaker_start": sp[0] if sp else None,
            "speaker_end": sp[1] if sp else None, "cue": cue_text, "cue_class": cue_class(cue, stance),
            "content": " … ".join(re.sub(r"\s+", " ", text[a:b]) for a, b in spans),
            "content_spans": [[a, b] for a, b in spans], "stance": stance, "direct_quote": q == "q"}


def build() -> list[dict]:
    texts = load_texts()
    errors: list[str] = []
    items: list[dict] = []
    sentences: dict[str, tuple[str, str]] = {}
    for path in sorted(SRC.glob("sentences_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            key, rest = line.split(" ", 1)
            doc, sent = rest.split("\t", 1)
            sentences[f"{path.stem}:{key}"] = (doc, sent)
    sent_claims: dict[str, list[dict]] = {k: [] for k in sentences}
    for path in sorted(SRC.glob("*.annot")):
        doc: str | None = None
        by_doc: list[dict] = []
        for ln, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.relative_to(ROOT)}:{ln}"
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("= "):
                doc = line[2:].strip()
                if doc not in texts:
                    errors.append(f"{where}: unknown article {doc!r}")
                    doc = None
                    continue
                by_doc = []
                items.append({"doc": doc, "part": split_part(doc), "unit": "article", "claims": by_doc})
                continue
            parts = [p.strip() for p in line.split(" | ")]
            if len(parts) != 6:
                errors.append(f"{where}: expected 6 fields separated by ' | '")
                continue
            if parts[0].startswith("S"):
                skey = f"{path.stem}:{parts[0]}"  # sentences_1.annot annotates sentences_1.txt
                if skey not in sentences:
                    errors.append(f"{where}: unknown sentence {parts[0]}")
                    continue
                claim = parse_claim(sentences[skey][1], parts[1:], where, errors)
                if claim is not None:
                    sent_claims[skey].append(claim)
            elif doc is not None:
                claim = parse_claim(texts[doc], parts[1:], where, errors)
                if claim is not None:
                    by_doc.append(claim)
    for key, (doc, sent) in sentences.items():
        items.append({"doc": doc, "part": split_part(doc), "unit": "sentence", "text": sent,
                      "claims": sent_claims[key]})
    if errors:
        raise SystemExit("\n".join(errors))
    return items


def main() -> int:
    old = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    kept = [it for it in old if "unit" not in it]
    for it in kept:
        for c in it["claims"]:
            c.setdefault("cue_class", cue_class(c.get("cue") or "", c["stance"]))
    new = build()
    lines = [json.dumps({"_header": HEADER}, ensure_ascii=False)]
    lines += [json.dumps(it, ensure_ascii=False) for it in kept + new]
    DEV.write_text("\n".join(lines) + "\n", encoding="utf-8")
    claims = [c for it in kept + new for c in it["claims"]]
    print(f"{DEV.relative_to(ROOT)}: {len(kept) + len(new)} items, {len(claims)} claims")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How bench/news_pv_sentences.jsonl was drawn (the labels were then written by hand; see news_pv_sentences.md).

Reads ../shared/bench/geoparsing/{TR-News,lgl}.xml, splits each article's text into lines and sentences,
and draws, by a fixed hash order, sentences that contain a word of political violence or of its ordinary
namesakes (attack, shot, fire, killed, protest, police, strike, ...) and sentences drawn at random.
Prints JSON lines without labels.  Usage:  python bench/news_pv_select.py > candidates.jsonl

Round 2 (``--grow N``): the sentences of the first 150 LGL and first 150 TR-News articles (as
bench/news_pv_scan.py reads them) that contain a word of violence of the wider list ``WORDS2`` (adds murder,
battle, explosion, kidnap, rape, sexual assault, shooting...), not already in the set, first N in the same
hash order.  Drawn by the words alone, not by what the system makes of them.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "geoparsing"
WORDS = re.compile(r"\b(attack\w*|shot|shoot\w*|fire[sd]?|firing|kill\w*|dead|protest\w*|rally|rallies|march\w*|"
                   r"police|strike[s]?|bomb\w*|clash\w*|war|fight\w*|arrest\w*|riot\w*|assault\w*|gunm[ae]n|"
                   r"troops|soldiers|militants|explosion|blast|demonstrat\w*|wounded|injured|stabb\w*|beat)\b", re.I)


WORDS2 = re.compile(r"\b(attack\w*|shot|shoot\w*|fire[sd]?|firing|kill\w*|murder\w*|dead|protest\w*|rally|rallies|"
                    r"strike[s]?|bomb\w*|clash\w*|battl\w*|fight\w*|riot\w*|assault\w*|gunm[ae]n|rape\w*|"
                    r"troops|soldiers|militants|explosions?|blasts?|kidnap\w*|abduct\w*|execut\w*|raid\w*|"
                    r"invasion|invaded|shelling|demonstrat\w*|stabb\w*|beat(en|ing)?)\b", re.I)


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for line in text.splitlines():
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", line.strip()):
            if 40 <= len(s) <= 400:
                out.append(s)
    return out


def key(s: str) -> str:
    return hashlib.sha1(("news-pv\n" + s).encode("utf-8")).hexdigest()


def grow(n: int) -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from news_pv_scan import articles

    have = {json.loads(line)["text"] for line in (ROOT / "bench" / "news_pv_sentences.jsonl").open(encoding="utf-8")
            if line.strip()}
    pool: list[dict[str, str]] = []
    for a in articles(150):
        corpus, docid = a["id"].split("-", 1) if a["id"].startswith("lgl-") else ("TR-News", a["id"][8:])
        for s in sentences(a["text"]):
            if s not in have and WORDS2.search(s):
                iso = re.match(r"\d{4}-\d\d-\d\d$", a["published"] or "")
                pool.append({"corpus": corpus, "docid": docid, "published": a["published"] if iso else None, "text": s})
    pool.sort(key=lambda r: key(r["text"]))
    seen: set[str] = set()
    for r in pool:
        if r["text"] in seen:
            continue
        seen.add(r["text"])
        print(json.dumps(r, ensure_ascii=False))
        if len(seen) >= n:
            break
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--grow"]:
        return grow(int(sys.argv[2]))
    pool: list[dict[str, str]] = []
    for name in ("TR-News.xml", "lgl.xml"):
        root = ET.parse(BENCH / name).getroot()
        for art in root.iter("article"):
            text = art.findtext("text") or ""
            date = (art.findtext("dltime") or "").strip()[:10] or None
            for s in sentences(text):
                pool.append({"corpus": name.split(".")[0], "docid": art.get("docid") or "", "published": date,
                             "text": s})
    pool.sort(key=lambda r: key(r["text"]))
    hot = [r for r in pool if WORDS.search(r["text"])][:80]
    cold = [r for r in pool if not WORDS.search(r["text"])][:40]
    for r in hot + cold:
        print(json.dumps(r, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How bench/news_pv_sentences.jsonl was drawn (the labels were then written by hand; see news_pv_sentences.md).

Reads ../shared/bench/geoparsing/{TR-News,lgl}.xml, splits each article's text into lines and sentences,
and draws, by a fixed hash order, sentences that contain a word of political violence or of its ordinary
namesakes (attack, shot, fire, killed, protest, police, strike, ...) and sentences drawn at random.
Prints JSON lines without labels.  Usage:  python bench/news_pv_select.py > candidates.jsonl
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


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for line in text.splitlines():
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", line.strip()):
            if 40 <= len(s) <= 400:
                out.append(s)
    return out


def key(s: str) -> str:
    return hashlib.sha1(("news-pv\n" + s).encode("utf-8")).hexdigest()


def main() -> int:
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

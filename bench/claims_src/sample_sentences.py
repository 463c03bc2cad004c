"""How bench/claims_src/sentences_1.txt was sampled (kept for the record; rerunning it reproduces the file
only with the same set of excluded articles: those of the first-round items and of articles_1-3.annot).

    python bench/claims_src/sample_sentences.py > /tmp/sample.txt
"""

import json
import random
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GEO = ROOT.parent / "shared" / "bench" / "geoparsing"
CUE = re.compile(r"\b(accus\w+|warn\w*|insist\w*|believ\w+|want(s|ed)?|show(s|ed|ing)?|back(s|ed|ing)|argu\w+|"
                 r"blam\w+|criticiz\w+|urg(e|es|ed|ing)|call(s|ed)? (for|on)|think(s)?|thought|expect(s|ed)?|"
                 r"hop(e|es|ed)|predict\w*|estimat\w+|suggest\w*|acknowledg\w+|admit\w*|vow\w*|promis\w+|"
                 r"threaten\w*|poll\w*|survey\w*|found that|concluded|fear(s|ed)?|worr\w+|condemn\w*|"
                 r"den(y|ied|ies)|oppos\w+|support(s|ed)|recommend\w*|agree\w*|complain\w*|question\w*|"
                 r"doubt\w*|deman\w+|plan(s|ned)? to|intend\w*|convinc\w+|confident|concerned)\b", re.I)
SPLIT = re.compile(r'(?<=[.!?])\s+(?=["“A-Z])|(?<=[.!?]["”’])\s+(?=["“A-Z])|\n')


def main() -> int:
    used = {json.loads(line)["doc"] for line in (ROOT / "bench" / "claims_dev.jsonl").read_text().splitlines()[1:]
            if '"unit"' not in line}
    for name in ("articles_1.annot", "articles_2.annot", "articles_3.annot"):
        used |= {ln[2:].strip() for ln in (ROOT / "bench" / "claims_src" / name).read_text().splitlines()
                 if ln.startswith("= ")}
    arts = []
    for fname, tag in (("TR-News.xml", "TR-News"), ("lgl.xml", "LGL")):
        for a in ET.parse(GEO / fname).getroot().iter("article"):
            arts.append((f"{tag}:{a.get('docid')}", a.find("text").text or ""))
    rng = random.Random(20261128)
    cands = []
    for doc, text in arts:
        if doc in used:
            continue
        ok = [s.strip() for s in SPLIT.split(text) if 8 <= len(s.split()) <= 60 and CUE.search(s)]
        if ok:
            cands.append((doc, ok))
    rng.shuffle(cands)
    for i, (doc, ok) in enumerate(cands[:130]):
        print(f"S{i} {doc}\t{rng.choice(ok)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Derive ``consilience/data/event_senses.tsv``: which words name the same kind of happening (WordNet synonyms).

Why: news tells one event with different words ("strike"/"hit", "foil"/"thwart",
"apprehend"/"arrest", "fire"/"terminate", "quake"/"temblor"), and word vectors do
not relate the rarer of them (foil/thwart .02).  WordNet 3.0 groups words into
synsets by sense; two trigger words are taken as synonyms when one of the first
``SENSES`` senses (WordNet orders senses by frequency) of each is the same synset.
A verb that causes another (WordNet's cause pointer) also counts as the other: kill and die.
Fitted on ECB+ train topics (CoNLL F1 within predicted stories, synonyms at 0.75): 2 senses 78.4,
3 senses 78.5, 5 senses 79.0, 8 senses 78.8, all 78.6 (rare senses relate too much: "take", "make");
with the cause pointer 78.9 -> 79.1 (after the head fix); derivations (death/die) 78.7, verb hypernyms
75.6, so neither.

Run once, by hand, when the source changes (WordNet is not a runtime dependency):

    apt-get install wordnet-base      # Debian: WordNet 3.0 database files in /usr/share/wordnet
    python bench/derive_event_senses.py /usr/share/wordnet > src/consilience/data/event_senses.tsv

Lines: a word's stem (``consilience.link.text.stem``, as event triggers are kept) and the ids of the
synsets of its first senses as verb and as noun, space-separated (words of three letters or more, not stopwords); only synsets that two or more stems
share are written (a synset of one word relates nothing).  Irregular verb forms (WordNet's
``verb.exc``: struck, fled) and short regular past forms the stemmer leaves whole (died) get their
verb's synsets.  Single words only.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from consilience.link.text import STOPWORDS, stem  # noqa: E402

#: Senses of a word (per part of speech, most frequent first) whose synsets count.
SENSES = 5

NOTICE = """# Event trigger synonyms derived from WordNet 3.0 by bench/derive_event_senses.py (first 5 senses of each verb
# and noun, and the synset a verb's sense causes; stems; synsets shared by two or more stems).  WordNet 3.0 Copyright 2006 by Princeton University.
# All rights reserved.  Permission to use, copy, modify and distribute this software and database and its
# documentation for any purpose and without fee or royalty is hereby granted, provided that you agree to
# comply with the following copyright notice and statements, including the disclaimer, and that the same
# appear on ALL copies of the software, database and documentation, including modifications that you make
# for internal use or for distribution.  THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT
# LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR
# ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
# INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.  The name of Princeton
# University or Princeton may not be used in advertising or publicity pertaining to distribution of the
# software and/or database.  Title to copyright in this software, database and any associated
# documentation shall at all times remain with Princeton University and LICENSEE agrees to preserve same."""


def senses(folder: Path) -> dict[str, set[str]]:
    """Stem -> synset keys ("v01234567") of the first ``SENSES`` senses of each single-word verb and noun."""
    out: dict[str, set[str]] = defaultdict(set)
    caused = _causes(folder)
    for pos, p in (("verb", "v"), ("noun", "n")):
        for line in (folder / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" ") or not line:
                continue
            f = line.split()
            lemma, n_senses, n_ptr = f[0], int(f[2]), int(f[3])
            if "_" in lemma or not lemma.isalpha() or len(lemma) < 3 or lemma in STOPWORDS:
                continue
            offsets = f[4 + n_ptr + 2:][:n_senses]
            out[stem(lemma)].update(f"{p}{o}" for o in offsets[:SENSES])
            if p == "v":   # a verb that causes another counts as it (kill -> die)
                out[stem(lemma)].update(caused[f"v{o}"] for o in offsets[:SENSES] if f"v{o}" in caused)
    by_lemma = _verb_senses(folder)
    for lemma, keys in by_lemma.items():   # short regular past forms the stemmer leaves whole (died, tied)
        if lemma.isalpha() and stem(_past(lemma)) != stem(lemma):
            out[stem(_past(lemma))].update(keys)
    for line in (folder / "verb.exc").read_text(encoding="latin-1").splitlines():
        form, *lemmas = line.split() or [""]
        for lemma in lemmas:
            if form.isalpha() and lemma in by_lemma and stem(form) != stem(lemma):
                out[stem(form)].update(by_lemma[lemma])
    return out


def _causes(folder: Path) -> dict[str, str]:
    """Verb synset -> the synset it causes (WordNet's ``>`` pointer: kill -> die, fell -> fall)."""
    out = {}
    for line in (folder / "data.verb").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        f = line.split(" | ")[0].split()
        k = 4 + 2 * int(f[3], 16)
        for i in range(int(f[k])):
            sym, target = f[k + 1 + 4 * i], f[k + 2 + 4 * i]
            if sym == ">":
                out[f"v{f[0]}"] = f"v{target}"
    return out


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _verb_senses(folder: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in (folder / "index.verb").read_text(encoding="latin-1").splitlines():
        if line.startswith(" ") or not line:
            continue
        f = line.split()
        out[f[0]] = {f"v{o}" for o in f[4 + int(f[3]) + 2:][:SENSES]}
    return out


def main(folder: str) -> int:
    by_stem = senses(Path(folder))
    users: dict[str, int] = defaultdict(int)
    for keys in by_stem.values():
        for k in keys:
            users[k] += 1
    shared = sorted(k for k, n in users.items() if n > 1)
    ids = {k: format(i, "x") for i, k in enumerate(shared)}
    print(NOTICE)
    print("stem\tsynsets")
    for s in sorted(by_stem):
        keys = sorted(ids[k] for k in by_stem[s] if k in ids)
        if keys:
            print(f"{s}\t{' '.join(keys)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))

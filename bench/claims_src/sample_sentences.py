import json, re, random
a = json.load(open('arts.json'))
used = set(l.split()[1] for l in open('used.txt'))
for f in ('a1.annot','a2.annot','a3.annot'):
    used |= {l[2:].strip() for l in open(f) if l.startswith('= ')}
cue = re.compile(r"\b(accus\w+|warn\w*|insist\w*|believ\w+|want(s|ed)?|show(s|ed|ing)?|back(s|ed|ing)|argu\w+|blam\w+|criticiz\w+|urg(e|es|ed|ing)|call(s|ed)? (for|on)|think(s)?|thought|expect(s|ed)?|hop(e|es|ed)|predict\w*|estimat\w+|suggest\w*|acknowledg\w+|admit\w*|vow\w*|promis\w+|threaten\w*|poll\w*|survey\w*|found that|concluded|fear(s|ed)?|worr\w+|condemn\w*|den(y|ied|ies)|oppos\w+|support(s|ed)|recommend\w*|agree\w*|complain\w*|question\w*|doubt\w*|deman\w+|plan(s|ned)? to|intend\w*|convinc\w+|confident|concerned)\b", re.I)
rng = random.Random(20261128)
cands = []
for x in a:
    if x['doc'] in used: continue
    sents = re.split(r'(?<=[.!?])\s+(?=["“A-Z])|(?<=[.!?]["”’])\s+(?=["“A-Z])|\n', x['text'])
    ok = [s.strip() for s in sents if 8 <= len(s.split()) <= 60 and cue.search(s)]
    if ok:
        cands.append((x['doc'], ok))
rng.shuffle(cands)
out = []
for doc, ok in cands[:130]:
    out.append((doc, rng.choice(ok)))
json.dump(out, open('sample.json', 'w'))
for i, (d, s) in enumerate(out):
    print(f"S{i} {d}: {s}")

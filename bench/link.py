"""Linking time and peak memory for 1k, 10k and 100k synthetic documents' records.

The records are generated from hand-made, example-like records (the
Karabakh reports' shapes: an artillery strike claimed by a defence ministry
and relayed by an agency, a denial, an accusation, a casualty toll, towns
with coordinates) with shifted dates, places and numbers: every simulated day
has a few real events, each told by many outlets, in episodes of fighting
separated by quiet weeks.  Every document also names a local place with
linked variants, one new place every few documents (real LGL/TR-News
toponyms where the data is there), so the set of names grows with the
corpus as it does on real news (twelve town names hid the cost of counting
names per text).  No spaCy, no model: ``link_records`` runs on the
records alone (embeddings off).  Each size runs in a fresh process so that
its peak memory (ru_maxrss) is its own; times are CPU seconds of that process.

    python bench/link.py                 # 1k, 10k, 100k
    python bench/link.py --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from consilience.link.records import DocInfo, LinkInput  # noqa: E402
from consilience.link.stage import LinkSettings, link_records  # noqa: E402
from consilience.link.stories import StorySettings  # noqa: E402
from consilience.types import Actor, Claim, DateRef, Event, Figure, Mention, Place  # noqa: E402

TOWNS = [("Tartar", 40.34, 46.93, "AZE"), ("Ganja", 40.68, 46.36, "AZE"), ("Barda", 40.37, 47.13, "AZE"),
         ("Stepanakert", 39.82, 46.75, "AZE"), ("Martuni", 39.79, 47.11, "AZE"), ("Hadrut", 39.52, 47.03, "AZE"),
         ("Shusha", 39.76, 46.75, "AZE"), ("Fuzuli", 39.60, 47.14, "AZE"), ("Jabrayil", 39.40, 47.03, "AZE"),
         ("Goris", 39.51, 46.34, "ARM"), ("Vardenis", 40.18, 45.73, "ARM"), ("Kapan", 39.21, 46.41, "ARM")]
OUTLETS = ["TRT World", "The Levant", "Al Jazeera", "Press TV", "Reuters copy", "AFP copy", "Armenpress", "APA",
           "BBC", "Eurasianet", "Sputnik", "Anadolu English"]
SIDES = [("AZE/military", "ARM/military", "Azerbaijani defence ministry", "Armenian"),
         ("ARM/military", "AZE/military", "Armenian defence ministry", "Azerbaijani")]
ACTORS = [Actor("AZE/military", "Azerbaijani military", "organisation", "AZE", "military"),
          Actor("ARM/military", "Armenian military", "organisation", "ARM", "military"),
          Actor("media:anadolu", "Anadolu", "media", "TUR", "media"),
          Actor("media:afp", "AFP", "media", "FRA", "media")]
#: Local places named in the news besides the front-line towns: one new name every few documents,
#: each with a linked variant, so the name set grows with the corpus as on real news (LGL/TR-News
#: toponyms when ../shared/bench/geoparsing is there, else made-up names).
LOCAL_EVERY = 3


def _local_names() -> list[str]:
    try:
        sys.path.insert(0, str(ROOT / "bench"))
        import xml.etree.ElementTree as ET

        from realcorpus import FILES, data_dir

        folder = data_dir()
        if folder is not None:
            names = {(t.findtext("phrase") or "").strip() for f in FILES
                     for t in ET.parse(folder / f).getroot().iter("toponym")}
            return sorted(n for n in names if n.replace(" ", "").replace("-", "").isalpha())
    except Exception:  # the data is optional: made-up names then
        pass
    return []


LOCAL_NAMES = _local_names()


def local_place(k: int) -> tuple[str, tuple[str, ...]]:
    """The k-th local place name and its variants (k beyond the real names: made-up, still distinct)."""
    if k < len(LOCAL_NAMES):
        name = LOCAL_NAMES[k]
    else:
        name = f"{LOCAL_NAMES[k % len(LOCAL_NAMES)] if LOCAL_NAMES else 'Town'} {k // max(1, len(LOCAL_NAMES))}"
    return name, (f"{name} Township", f"Old {name}")


EVENTS_PER_DAY = 8
DOCS_PER_DAY = 40
FIGHTING_DAYS, QUIET_DAYS = 40, 50


def _day(i: int) -> date:
    """Simulated day of document i: episodes of fighting separated by quiet spells."""
    active = i // DOCS_PER_DAY
    episode, offset = divmod(active, FIGHTING_DAYS)
    return date(2016, 1, 1) + timedelta(days=episode * (FIGHTING_DAYS + QUIET_DAYS) + offset)


def generate(n: int, seed: int = 7) -> LinkInput:
    """Records of n synthetic documents."""
    rng = random.Random(seed)
    inp = LinkInput(documents={}, actors={a.id: a for a in ACTORS})
    for i in range(n):
        day = _day(i)
        iso = day.isoformat()
        doc_id = f"doc{i:07d}"
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        real = rng.sample(range(EVENTS_PER_DAY), 3)       # which of the day's real events this report tells
        lines, pos = [], 0

        def add(line: str) -> tuple[int, int]:
            nonlocal pos
            start = pos
            lines.append(line)
            pos += len(line) + 1
            return start, start + len(line)

        title = f"Fighting continues on day {(day - date(2016, 1, 1)).days}"
        add(title)
        dref = DateRef(f"{doc_id}-d", doc_id, 0, 0, "on Thursday", "bench", iso, "day", iso, iso)
        inp.dates.append(dref)
        for k, ev in enumerate(real):
            town, lat, lon, country = TOWNS[(ev * 7 + day.toordinal()) % len(TOWNS)]
            attacker, target, ministry, adjective = SIDES[(ev + day.toordinal()) % 2]
            sentence = (f"The {ministry} said its forces carried out artillery strikes against {adjective} "
                        f"positions near {town} overnight, Anadolu reported.")
            s, e = add(sentence)
            place = Place(f"{doc_id}-p{k}", doc_id, s + sentence.index(town), s + sentence.index(town) + len(town),
                          town, "bench", town, None, lat, lon, country, None, "city", "point")
            claim = Claim(f"{doc_id}-c{k}", doc_id, s, e, sentence, "bench", speaker_actor_id=attacker,
                          content=sentence, stance="assert", relays=("media:anadolu",) if k == 0 else (),
                          date_id=dref.id)
            event = Event(f"{doc_id}-e{k}", doc_id, s, e, sentence, "bench", "Explosions/Remote violence",
                          "Shelling/artillery/missile attack", trigger="strikes", actor1_id=attacker,
                          actor2_id=target, direction="known", place_id=place.id, date_id=dref.id,
                          claim_ids=(claim.id,))
            inp.places.append(place)
            inp.claims.append(claim)
            inp.events.append(event)
            inp.mentions.append(Mention(f"{doc_id}-m{k}", doc_id, s, s + 4, "The ", "bench", "ORG", attacker))
            if k == 1 and rng.random() < 0.3:
                denial = f"The {'Armenian' if attacker.startswith('AZE') else 'Azerbaijani'} side denied losses near {town}."
                ds, de = add(denial)
                inp.claims.append(Claim(f"{doc_id}-x{k}", doc_id, ds, de, denial, "bench", speaker_actor_id=target,
                                        content=denial, stance="deny", embedded_claim_id=claim.id))
        toll = 100 + 15 * ((i // DOCS_PER_DAY) % FIGHTING_DAYS) + rng.choice((0, 0, 5, -5))
        sentence = f"The death toll rose to more than {toll} people, AFP said."
        s, e = add(sentence)
        num = sentence.index(str(toll))
        inp.figures.append(Figure(f"{doc_id}-f", doc_id, s + num, s + num + len(str(toll)), str(toll), "bench",
                                  float(toll), str(toll), "more than", "killed", "people"))
        inp.claims.append(Claim(f"{doc_id}-cf", doc_id, s, e, sentence, "bench", speaker_actor_id="media:afp",
                                content=sentence, stance="assert"))
        local, variants = local_place(i // LOCAL_EVERY)
        sentence = f"Residents of {local} and Old {local} followed the news from the front."
        s, e = add(sentence)
        inp.places.append(Place(f"{doc_id}-pl", doc_id, s + 13, s + 13 + len(local), local, "bench", local, None,
                                30.0 + (i % 97) / 10, -90.0 + (i % 89) / 10, "USA", None, "city", "point",
                                variants=variants))
        word = rng.choice(("occupied", "breakaway", "disputed", "separatist"))
        add(f"The fighting over the {word} region of Nagorno-Karabakh entered another day.")
        inp.documents[doc_id] = DocInfo(doc_id, outlet, iso, "\n".join(lines), title)
    return inp


def run_one(n: int) -> dict[str, float]:
    t0 = time.process_time()
    inp = generate(n)
    t1 = time.process_time()
    result = link_records(inp, LinkSettings(stories=StorySettings(), use_embeddings=False))
    t2 = time.process_time()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    records = sum(len(getattr(inp, t)) for t in ("mentions", "places", "dates", "figures", "claims", "events"))
    return {"n": n, "records": records, "generate_s": t1 - t0, "link_s": t2 - t1, "peak_mib": peak_kib / 1024,
            "stories": len(result.stories), "merged_events": len(result.merged_events),
            "events": len(inp.events), "contradictions": len(result.contradictions), "ledger": len(result.ledger)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_one(args.child)))
        return 0
    print(f"{'docs':>8} {'records':>9} {'CPU s':>8} {'µs/doc':>8} {'peak MiB':>9} {'stories':>8} "
          f"{'events':>8} {'merged':>8} {'growth':>8} {'n log n':>8}")
    prev = None
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        growth = nlogn = ""
        if prev is not None:
            growth = f"{r['link_s'] / prev['link_s']:.1f}x"
            nlogn = f"{(n * math.log(n)) / (prev['n'] * math.log(prev['n'])):.1f}x"
        print(f"{n:>8} {r['records']:>9} {r['link_s']:>8.2f} {1e6 * r['link_s'] / n:>8.0f} {r['peak_mib']:>9.0f} "
              f"{r['stories']:>8} {r['events']:>8} {r['merged_events']:>8} {growth:>8} {nlogn:>8}")
        prev = r
    print("growth: link time vs the previous size; n log n: what n log n growth would give.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

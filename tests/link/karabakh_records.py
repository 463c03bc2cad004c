"""Hand-made, example-like records for the linking tests (imported by conftest and tests).

The documents are the real example texts; every record below is what the
extraction stage should produce for a span of them, written by hand (spans
found with ``str.find`` so they are exact).  Nothing here runs extraction.
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from consilience.link.records import DocInfo, LinkInput
from consilience.types import Actor, Claim, DateRef, Event, Figure, Mention, Place

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "karabakh"
DOC = {"trt": "000_f1f7456cb6a5ee0c.txt", "blog16": "001_8bbd57c4b7e6f5d0.txt",
       "levant": "002_b18a1e8a4fd637b3.txt", "aj": "003_48848964f3b268a4.txt", "ptv": "004_9810f678411d9058.txt"}

ACTORS = [
    Actor("AZE/military", "Azerbaijani military", "organisation", "AZE", "military"),
    Actor("AZE/government", "Azerbaijani government", "state", "AZE", "government"),
    Actor("ARM/military", "Armenian military", "organisation", "ARM", "military"),
    Actor("ARM/government", "Armenian government", "state", "ARM", "government"),
    Actor("NKR/military", "Nagorno-Karabakh military", "organisation", "NKR", "military"),
    Actor("TUR/government", "Turkish government", "state", "TUR", "government"),
    Actor("RUS/government", "Russian government", "state", "RUS", "government"),
    Actor("person:ilham-aliyev", "Ilham Aliyev", "person", "AZE", "government", "president"),
    Actor("person:nikol-pashinyan", "Nikol Pashinyan", "person", "ARM", "government", "prime minister"),
    Actor("media:anadolu", "Anadolu", "media", "TUR", "media"),
    Actor("media:afp", "Agence France-Presse", "media", "FRA", "media"),
]


@dataclass
class Builder:
    """Makes records whose spans are found in the real example texts."""

    docs: dict[str, DocInfo]
    inp: LinkInput = field(init=False)
    counter: itertools.count = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        self.inp = LinkInput(documents={d.id: d for d in self.docs.values()},
                             actors={a.id: a for a in ACTORS})

    def span(self, key: str, needle: str, after: int = 0) -> tuple[str, int, int, str]:
        doc = self.docs[key]
        start = doc.text.find(needle, after)
        assert start >= 0, f"{needle!r} not in {key}"
        return doc.id, start, start + len(needle), needle

    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self.counter)}"

    def date(self, key: str, needle: str, value: str, earliest: str | None = None,
             latest: str | None = None, precision: str = "day") -> DateRef:
        d, s, e, t = self.span(key, needle)
        rec = DateRef(self._id("d"), d, s, e, t, "test", value, precision, earliest or value, latest or value)
        self.inp.dates.append(rec)
        return rec

    def place(self, key: str, needle: str, name: str, lat: float, lon: float, country: str,
              precision: str = "point", variants: tuple[str, ...] = ()) -> Place:
        d, s, e, t = self.span(key, needle)
        rec = Place(self._id("p"), d, s, e, t, "test", name, None, lat, lon, country, None, "city", precision, variants)
        self.inp.places.append(rec)
        return rec

    def mention(self, key: str, needle: str, actor_id: str, after: int = 0) -> Mention:
        d, s, e, t = self.span(key, needle, after)
        rec = Mention(self._id("m"), d, s, e, t, "test", "ORG", actor_id)
        self.inp.mentions.append(rec)
        return rec

    def claim(self, key: str, needle: str, speaker: str | None, stance: str = "assert", content: str | None = None,
              relays: tuple[str, ...] = (), embedded: str | None = None, direct: bool = False,
              date: DateRef | None = None) -> Claim:
        d, s, e, t = self.span(key, needle)
        cs = ce = None
        if content is not None:
            _, cs, ce, _ = self.span(key, content, s)
        rec = Claim(self._id("c"), d, s, e, t, "test", speaker_actor_id=speaker, content=content,
                    content_start=cs, content_end=ce, direct_quote=direct, stance=stance, relays=relays,
                    embedded_claim_id=embedded, date_id=date.id if date else None)
        self.inp.claims.append(rec)
        return rec

    def figure(self, key: str, needle: str, value: float, qualifier: str, counts: str, who: str,
               side: str | None = None, date: DateRef | None = None) -> Figure:
        d, s, e, t = self.span(key, needle)
        rec = Figure(self._id("f"), d, s, e, t, "test", value, needle, qualifier, counts, who, side,
                     date_id=date.id if date else None)
        self.inp.figures.append(rec)
        return rec

    def event(self, key: str, needle: str, event_type: str, sub: str | None, trigger: str,
              actor1: str | None = None, actor2: str | None = None, place: Place | None = None,
              date: DateRef | None = None, claims: tuple[Claim, ...] = (), modality: str = "reported",
              direction: str = "unknown") -> Event:
        d, s, e, t = self.span(key, needle)
        rec = Event(self._id("e"), d, s, e, t, "test", event_type, sub, trigger=trigger, actor1_id=actor1,
                    actor2_id=actor2, direction=direction, place_id=place.id if place else None,
                    date_id=date.id if date else None, claim_ids=tuple(c.id for c in claims), modality=modality)
        self.inp.events.append(rec)
        return rec


def example_docs() -> dict[str, DocInfo]:
    with (EXAMPLES / "manifest.csv").open(encoding="utf-8") as fh:
        rows = {r["path"]: r for r in csv.DictReader(fh)}
    out = {}
    for key, path in DOC.items():
        text = (EXAMPLES / path).read_text(encoding="utf-8")
        out[key] = DocInfo(path, rows[path]["outlet"], rows[path]["published"], text, text.split("\n", 1)[0])
    return out


def build_karabakh() -> tuple[LinkInput, dict[str, Any]]:
    """The example corpus's records, by hand; returns the input and the records by name."""
    b = Builder(example_docs())
    r: dict[str, Any] = {}
    # --- TRT World, 1 October 2020 -------------------------------------------------
    night_trt = b.date("trt", "during the night", "2020-10-01", "2020-09-30", "2020-10-01")
    thursday = b.date("trt", "on Thursday morning", "2020-10-01")
    tartar = b.place("trt", "Tartar", "Tartar", 40.3444, 46.9303, "AZE", variants=("Terter",))
    b.place("trt", "Khankendi", "Stepanakert", 39.8153, 46.7519, "AZE", variants=("Khankendi",))
    r["trt_strikes_claim"] = b.claim(
        "trt", "Azerbaijan's defence ministry said its forces had carried out \"crushing artillery strikes against "
        "Armenian forces' positions in the occupied territories\" during the night.", "AZE/military",
        content="crushing artillery strikes against Armenian forces' positions in the occupied territories",
        direct=True)
    b.mention("trt", "Armenian forces", "ARM/military")
    r["trt_strikes"] = b.event(
        "trt", "carried out \"crushing artillery strikes against Armenian forces' positions", "Explosions/Remote violence",
        "Shelling/artillery/missile attack", "strikes", "AZE/military", "ARM/military", date=night_trt,
        claims=(r["trt_strikes_claim"],), direction="known")
    r["trt_yerevan"] = b.claim("trt", "Yerevan that one of its helicopters had been downed, crashing in Iran",
                               "ARM/government", content="one of its helicopters had been downed, crashing in Iran")
    r["trt_denial"] = b.claim("trt", "It denied claims by Yerevan that one of its helicopters had been downed, crashing in Iran",
                              "AZE/military", "deny", content="one of its helicopters had been downed, crashing in Iran",
                              embedded=r["trt_yerevan"].id)
    r["trt_tartar_claim"] = b.claim(
        "trt", "Azerbaijani prosecutors said Armenian shelling killed a civilian in the town of Tartar on Thursday morning",
        "AZE/government", content="Armenian shelling killed a civilian in the town of Tartar on Thursday morning")
    r["trt_tartar"] = b.event("trt", "Armenian shelling killed a civilian in the town of Tartar", "Explosions/Remote violence",
                              "Shelling/artillery/missile attack", "shelling", "ARM/military", "AZE/civilians",
                              place=tartar, date=thursday, claims=(r["trt_tartar_claim"],), direction="known")
    r["trt_toll"] = b.figure("trt", "nearly 130 people dead", 130, "nearly", "killed", "people")
    r["trt_aze_toll"] = b.figure("trt", "risen to 16", 16, "exact", "killed", "people", side="AZE")
    r["trt_pashinyan"] = b.claim(
        "trt", "Pashinyan said that Azerbaijan's “aggression towards Nagorno-Karabakh and Armenia” needed to end",
        "person:nikol-pashinyan", "accuse", content="Azerbaijan's “aggression towards Nagorno-Karabakh and Armenia” needed to end")
    b.mention("trt", "Azerbaijan's “aggression", "AZE/government")
    r["trt_aliyev"] = b.claim(
        "trt", "Azerbaijani President Ilham Aliyev said Armenia must “unconditionally, completely and immediately leave”",
        "person:ilham-aliyev", "demand", content="Armenia must “unconditionally, completely and immediately leave”")
    b.mention("trt", "Armenia must", "ARM/government")
    # --- The Levant (Ahval), 1 October 2020 -------------------------------------------
    overnight = b.date("levant", "overnight", "2020-10-01", "2020-09-30", "2020-10-01")
    wednesday = b.date("levant", "as of Wednesday", "2020-09-30")
    r["lev_strikes_claim"] = b.claim(
        "levant", "The Azerbaijani Defence Ministry said the military had launched counterattacks overnight",
        "AZE/military", relays=("media:anadolu",),
        content="the military had launched counterattacks overnight")
    r["lev_strikes"] = b.event(
        "levant", "launched counterattacks overnight to “liberate occupied territories” from Armenian forces, shelling several of their positions",
        "Battles", "Armed clash", "counterattacks", "AZE/military", "ARM/military", date=overnight,
        claims=(r["lev_strikes_claim"],), direction="known")
    r["lev_afp_claim"] = b.claim(
        "levant", "Agence France Presse said the confirmed death toll in the fighting rose to more than 100 people "
        "including civilians as of Wednesday", "media:afp", date=wednesday,
        content="the confirmed death toll in the fighting rose to more than 100 people including civilians as of Wednesday")
    r["lev_afp"] = b.figure("levant", "more than 100 people", 100, "more than", "killed", "people", date=wednesday)
    r["lev_kurtulmus"] = b.claim("levant", "Armenia had “launched an unjustified attack", "TUR/government", "accuse",
                                 content="Armenia had “launched an unjustified attack")
    b.mention("levant", "Armenia had", "ARM/government")
    r["lev_lavrov"] = b.claim("levant", "Russian Foreign Minister Sergei Lavrov spoke with his Armenian and Azerbaijani "
                              "counterparts on Wednesday, calling for a ceasefire", "RUS/government", "demand",
                              content="calling for a ceasefire")
    # --- Al Jazeera copy, 3 October 2020 --------------------------------------------------
    r["aj_arm_claim"] = b.claim("aj", "Armenian sources have put the death toll from fighting in the region, where about "
                                "145,000 people live, at more than 200", "ARM/government",
                                content="the death toll from fighting in the region, where about 145,000 people live, at more than 200")
    r["aj_toll"] = b.figure("aj", "more than 200", 200, "more than", "killed", "people")
    r["aj_pashinyan"] = b.claim("aj", "“The September 27 Azerbaijan offensive began with shelling of civilian settlements",
                                "person:nikol-pashinyan", "accuse",
                                content="The September 27 Azerbaijan offensive began with shelling of civilian settlements")
    b.mention("aj", "Azerbaijan offensive", "AZE/government")
    r["aj_aliyev"] = b.claim("aj", "“They want to occupy our lands forever,”", "person:ilham-aliyev", "accuse",
                             content="They want to occupy our lands forever")
    r["aj_aze_civ"] = b.figure("aj", "19 civilians", 19, "exact", "killed", "civilians", side="AZE")
    # --- Press TV, 14 October 2020 ---------------------------------------------------------
    r["ptv_aze_claim"] = b.claim("ptv", "Azerbaijan had claimed earlier on Wednesday that it had hit two missile launch sites "
                                 "in Armenia that were being used as a base to target civilian areas", "AZE/government",
                                 content="it had hit two missile launch sites in Armenia that were being used as a base to target civilian areas")
    r["ptv_rejection"] = b.claim("ptv", "The Armenian Defense Ministry rejected the claim that they were being used to target civilians",
                                 "ARM/military", "reject", content="they were being used to target civilians",
                                 embedded=r["ptv_aze_claim"].id)
    r["ptv_toll"] = b.figure("ptv", "Nearly 600 people", 600, "nearly", "killed", "people")
    # --- The blog, 3 April 2016 ------------------------------------------------------------
    saturday = b.date("blog16", "Earlier on Saturday", "2016-04-02")
    r["b_nkr_claim"] = b.claim("blog16", "Nagorno-Karabakh’s military said Armenian anti-aircraft forces had downed an Azeri helicopter",
                               "NKR/military", content="Armenian anti-aircraft forces had downed an Azeri helicopter")
    r["b_downed"] = b.event("blog16", "downed an Azeri helicopter", "Battles", "Armed clash", "downed", "NKR/military",
                            "AZE/military", date=saturday, claims=(r["b_nkr_claim"],))
    r["b_admit_claim"] = b.claim("blog16", "Baku admitted that its Mi-24 helicopter was shot down", "AZE/government", "admit",
                                 content="its Mi-24 helicopter was shot down")
    r["b_admit"] = b.event("blog16", "Mi-24 helicopter was shot down", "Battles", "Armed clash", "shot down", None,
                           "AZE/military", date=saturday, claims=(r["b_admit_claim"],))
    r["b_lie_claim"] = b.claim("blog16", "“the information about the downed helicopter was absolute lie and all vehicles were in place",
                               "AZE/military", "deny",
                               content="the information about the downed helicopter was absolute lie and all vehicles were in place")
    r["b_lie"] = b.event("blog16", "the downed helicopter", "Battles", None, "downed", None, None,
                         claims=(r["b_lie_claim"],), modality="denied")
    r["b_began"] = b.claim("blog16", "the fighting began when Armenian forces fired mortars", "AZE/military",
                           content="the fighting began when Armenian forces fired mortars")
    b.mention("blog16", "Armenian forces fired", "ARM/military")
    r["b_nkr_attack"] = b.claim("blog16", "Azerbaijan attacked Karabakh villages and military units with artillery and air forces",
                                "NKR/military", content="Azerbaijan attacked Karabakh villages and military units with artillery and air forces")
    b.mention("blog16", "Azerbaijan attacked", "AZE/government")
    r["b_aze_claim"] = b.claim("blog16", "“Six Armenian tanks were destroyed (and) more than 100 Armenian servicemen were "
                               "killed and injured,” it said in a statement, saying 12 Azeri servicemen had also been killed",
                               "AZE/military")
    r["b_aze_fig"] = b.figure("blog16", "12 Azeri servicemen", 12, "exact", "killed", "servicemen", side="AZE/military")
    r["b_sarksyan"] = b.claim("blog16", "Armenian President Serzh Sarksyan told a State Security Council meeting about 18 "
                              "were killed and 35 injured", "ARM/government")
    r["b_arm_fig"] = b.figure("blog16", "about 18 were killed", 18, "about", "killed", "servicemen", side="ARM/military")
    return b.inp, r



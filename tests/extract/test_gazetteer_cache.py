"""The on-disk gazetteer answers as the in-memory one it was written from."""

from __future__ import annotations

import pickle

import pytest

from consilience.extract.gazetteer import GazEntry, Gazetteer, normalize_name
from consilience.extract.gazetteer_cache import DiskGazetteer, open_cached, write_cache


def _entry(key: str, name: str, **kw) -> GazEntry:
    base = dict(feature="city", latitude=1.5, longitude=2.5, country="AZE", admin1_code="61", admin1="AZ.61",
                population=2100, geonameid=None, variants=(), label="GPE", radius_km=2.0)
    base.update(kw)
    return GazEntry(key=key, name=name, **base)


def _small() -> Gazetteer:
    a = _entry("gn:1", "Khankendi", variants=("Stepanakert", "Xankəndi"), curated=True, ruler=True,
               ruler_names=("Stepanakert",), geonameid=1)
    b = _entry("x:stepanakert-region", "Stepanakert region", feature="region", latitude=None, longitude=None)
    c = _entry("country:AZE", "Azerbaijan", feature="country", capital=False, population=10_000_000)
    index: dict[str, tuple[tuple[str, bool], ...]] = {
        normalize_name("Khankendi"): (("gn:1", True),),
        normalize_name("Stepanakert"): (("gn:1", True), ("x:stepanakert-region", False)),
        normalize_name("Xankəndi"): (("gn:1", False),),
        normalize_name("Azerbaijan"): (("country:AZE", True),),
    }
    return Gazetteer(entries={e.key: e for e in (a, b, c)}, index=index, notes=("a note",))


def test_the_file_gives_the_same_entries_candidates_and_patterns(tmp_path):
    gaz = _small()
    patterns = [("GPE", "Stepanakert", "gn:1"), ("GPE", "Azerbaijan", "country:AZE")]
    disk = DiskGazetteer(write_cache(gaz, patterns, tmp_path / "g.sqlite"))
    for name in ("Stepanakert", "stepanakert", "Xankendi", "Khankendi", "Azerbaijan", "Nowhere"):
        assert disk.lookup(name) == gaz.lookup(name), name
    assert disk.get("gn:1") == gaz.get("gn:1") and disk.get("missing") is None
    assert disk.entries == gaz.entries and disk.index == gaz.index
    assert disk.patterns() == tuple(patterns)
    assert len(disk) == len(gaz) and disk.notes == gaz.notes and disk.version == gaz.version


def test_the_file_travels_to_workers_by_path_not_by_content(tmp_path):
    disk = DiskGazetteer(write_cache(_small(), [], tmp_path / "g.sqlite"))
    blob = pickle.dumps(disk)
    assert len(blob) < 500
    assert pickle.loads(blob).lookup("Stepanakert") == disk.lookup("Stepanakert")


def test_a_missing_or_broken_file_is_no_cache(tmp_path):
    assert open_cached(tmp_path / "none.sqlite") is None
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database at all" * 100)
    assert open_cached(broken) is None


@pytest.mark.slow
def test_the_real_cache_equals_a_fresh_build(tmp_path, monkeypatch):
    from consilience.extract import gazetteer

    built = gazetteer.build_gazetteer()
    patterns = gazetteer._compute_ruler_patterns(built)
    disk = DiskGazetteer(write_cache(built, list(patterns), tmp_path / "g.sqlite"))
    names = ["Stepanakert", "Springfield", "Paris", "Georgia", "Tartar", "Ganja", "Nagorno-Karabakh", "Alexandria"]
    names += [e.name for e in list(built.entries.values())[::997]]
    for name in names:
        assert disk.lookup(name) == built.lookup(name), name
    assert disk.patterns() == patterns


def test_a_forked_child_opens_its_own_connection(tmp_path):
    import os

    disk = DiskGazetteer(write_cache(_small(), [], tmp_path / "g.sqlite"))
    parent = disk._db()
    disk._pid = os.getpid() + 1          # as if this were a forked child
    assert disk._db() is not parent
    assert disk.lookup("Stepanakert") == _small().lookup("Stepanakert")

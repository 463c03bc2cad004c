"""Internal ids become names a reader knows (the web app and the report share this)."""

from __future__ import annotations

import pytest

from consilience.report.names import Names

NAMES = Names({"ARM": "Armenia", "AZE": "Azerbaijan", "AZE/military": "Azerbaijani Armed Forces",
               "AZE/civilians": "civilians (AZE)", "person:ilham-aliyev": "Ilham Aliyev"})


@pytest.mark.parametrize("key, expected", [
    ("AZE/military", "Azerbaijani Armed Forces"),
    ("person:ilham-aliyev", "Ilham Aliyev"),
    ("outlet:Press TV", "Press TV"),
    ("quoted:ARM", "quoted speaker Armenia"),
    ("ARM/government", "Armenia (government)"),
    ("AZE/civilians", "civilians (Azerbaijan)"),
    ("person:nikol-pashinyan", "Nikol Pashinyan"),
    (None, "unknown"),
    ("unattributed", "unattributed"),
])
def test_names(key, expected):
    assert NAMES(key) == expected

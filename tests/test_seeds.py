"""Seed-level outcomes with the statistical model (issue: "Must hold on the
seeds"). These check properties and figures, not exact model output."""

from __future__ import annotations

from collections import Counter

import pytest

pytestmark = pytest.mark.model


def _src(results, prefix):
    (key,) = [k for k in results if k.startswith(prefix)]
    return results[key]


def _quantities(result, value, unit):
    return [
        c for c in result.claims
        if c.kind.value == "quantity" and c.unit == unit and c.value == pytest.approx(value, rel=1e-9)
    ]


def test_001_trade_2024(seed_results):
    (c,) = _quantities(_src(seed_results, "001_"), 5.8e8, "USD")
    assert (c.hedge.value, c.period, c.stance.value) == ("approx", "2024", "actual")
    assert c.subject and "trade" in c.subject


def test_001_target_percent_hectares_representatives(seed_results):
    r = _src(seed_results, "001_")
    targets = _quantities(r, 1e10, "USD")
    assert targets and all(c.stance.value == "target" for c in targets)
    assert _quantities(r, 20, "percent")
    (ha,) = _quantities(r, 4e5, "hectare")
    assert ha.hedge.value == "more_than"
    reps = [c for c in r.claims if c.kind.value == "quantity" and c.value == 120]
    assert reps and reps[0].hedge.value == "more_than" and reps[0].unit == "representative"


def test_004_figures(seed_results):
    r = _src(seed_results, "004_")
    (a,) = _quantities(r, 6.5e8, "USD")
    assert (a.period, a.hedge.value) == ("2024", "approx")
    (b,) = _quantities(r, 5.18e8, "USD")
    assert (b.period, b.hedge.value) == ("2025-01/2025-10", "approx")
    (rng,) = [c for c in r.claims if c.kind.value == "quantity" and c.value_max]
    assert (rng.value, rng.value_max, rng.unit, rng.hedge.value, rng.period) == (3e8, 4e8, "USD", "range", "2020/2022")


def test_002_gas_and_visit_date(seed_results):
    r = _src(seed_results, "002_")
    (gas,) = _quantities(r, 2e9, "cubic_metre")
    assert gas.hedge.value == "more_than"
    dates = [c for c in r.claims if c.kind.value == "date" and c.value == "2020-11-16"]
    assert dates and dates[0].precision.value == "day"


def test_roles_for_farzaneh_sadegh_in_both_sources(seed_results):
    holders = {
        src for src, r in seed_results.items()
        for c in r.claims if c.kind.value == "role" and c.subject == "Farzaneh Sadegh"
    }
    assert {h[:4] for h in holders} == {"000_", "001_"}
    for src in holders:
        (role,) = [c for c in seed_results[src].claims if c.kind.value == "role" and c.subject == "Farzaneh Sadegh"]
        assert role.value.startswith("Minister of") and role.scope == ("Iran",)


def test_000_tripled_body_counted_once(seed_results):
    r = _src(seed_results, "000_")
    counts = Counter((c.kind, c.quote, c.surface) for c in r.claims)
    assert counts and max(counts.values()) == 1
    # and the body's claims are there once: the pact date
    assert [c for c in r.claims if c.kind.value == "date" and c.value == "2025-01"]


def test_provenance_and_ids(seed_results):
    from claimcheck import ingest
    from conftest import SEEDS

    for path, root in ingest.find_files([SEEDS]):
        src = ingest.read_source(path, root)
        claims = seed_results[src.id].claims
        assert claims, src.id
        ids = [c.id for c in claims]
        assert len(ids) == len(set(ids))
        for c in claims:
            assert src.text[c.start : c.end] == c.quote
            assert src.text[c.surface_start : c.surface_end] == c.surface
            assert c.start <= c.surface_start < c.surface_end <= c.end


def test_no_years_or_durations_as_quantities(seed_results):
    for r in seed_results.values():
        for c in r.claims:
            if c.kind.value == "quantity" and c.unit is None:
                pytest.fail(f"unitless quantity {c.surface!r} in {c.quote!r}")
            if c.kind.value == "quantity":
                assert not (c.value and 1900 <= c.value <= 2100 and c.unit in (None, "year")), c

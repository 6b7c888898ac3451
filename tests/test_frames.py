"""Claim frames: dimension and canonical values (pint), ages, counts in
words, clock times. Rule paths only (``blank:en``); exact cases live in
tests/golden/extract_rules.json."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract import extract_source
from claimcheck.normalize.units import canonical, pint_registry
from claimcheck.vocab.units import PINT_ALIASES
from conftest import text_source

#: (surface unit word, normalised unit) pairs the property test writes.
UNITS = [
    ("km", "km"), ("kilometres", "km"), ("metres", "m"), ("miles", "mile"), ("feet", "foot"),
    ("hectares", "hectare"), ("acres", "acre"), ("square kilometres", "sq_km"),
    ("cubic metres", "cubic_metre"), ("litres", "litre"), ("gallons", "gallon"),
    ("tonnes", "tonne"), ("kg", "kg"), ("pounds", None), ("MW", "MW"), ("gigawatts", "GW"),
    ("MWh", "MWh"), ("TWh", "TWh"), ("degrees Celsius", "celsius"),
    ("degrees Fahrenheit", "fahrenheit"), ("mph", "mph"),
]


def test_import_is_light():
    code = "import sys, claimcheck, claimcheck.extract; " \
           "assert 'pint' not in sys.modules and 'spacy' not in sys.modules; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr


@settings(max_examples=60, deadline=None)
@given(
    value=st.decimals(min_value="0.01", max_value="999999", places=2).map(float),
    unit=st.sampled_from([u for u in UNITS if u[1] is not None]),
)
def test_canonical_converts_back(nlp_blank, tmp_path_factory, value, unit):
    word, norm = unit
    text = f"The site measured {value:,.2f} {word} last week."
    src = text_source(tmp_path_factory.mktemp("p"), text + "\n")
    claims = [c for c in extract_source(src, nlp_blank).claims if c.kind.value == "quantity"]
    assert len(claims) == 1, (text, claims)
    c = claims[0]
    assert c.unit == norm and c.dimension is not None and c.canonical is not None
    ureg = pint_registry()
    back = ureg.Quantity(c.canonical, ureg.parse_units(c.canonical_unit)).to(ureg.parse_units(PINT_ALIASES.get(norm, norm)))
    assert back.magnitude == pytest.approx(c.value, rel=1e-9, abs=1e-9)


@given(
    value=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**400, 10**400)),
    unit=st.one_of(st.sampled_from([u for _, u in UNITS if u] + ["USD", "percent", "people", "bogus_unit"]), st.text(max_size=8)),
)
def test_canonical_never_raises(value, unit):
    try:
        v = float(value)
    except OverflowError:
        v = math.inf
    c = canonical(v, None, unit)
    assert c.value is None or math.isfinite(c.value)


@pytest.mark.parametrize(
    "text",
    ["It cost $1e308 to build.", "They found " + "9" * 400 + " people.", "Set for February 30.",
     "At 99:99 p.m. it began.", "A 500-year-old man, 300, arrived.", "In his 00s."],
)
def test_absurd_figures_give_no_claim(nlp_blank, tmp_path, text):
    src = text_source(tmp_path, text + "\n")
    claims = extract_source(src, nlp_blank).claims
    assert not [c for c in claims if c.kind.value in ("quantity", "time") and c.dimension != "time"], claims


def _dated(text: str):
    from claimcheck.records import Segment, Source

    return Source(id="d", path="d.txt", sha256="0", text=text, published="2014-12-01",
                  segments=(Segment(0, len(text)),))


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("He was shot on Sunday night.", "Sunday night", "2014-11-30"),  # past: backward
        ("A vigil will be held on Sunday.", "Sunday", "2014-12-07"),  # future: forward
        ("The meeting on Dec. 20 was cancelled.", "Dec. 20", "2013-12-20"),  # past, no year
        ("The talks will take place on Dec. 20.", "Dec. 20", "2014-12-20"),  # future, no year
        ("The store was robbed Nov. 30.", "Nov. 30", "2014-11-30"),
    ],
)
def test_event_dates_follow_tense(nlp_blank, text, surface, value):
    claims = [c for c in extract_source(_dated(text), nlp_blank).claims if c.kind.value == "date"]
    assert [(c.surface, c.value) for c in claims] == [(surface, value)]


_ARTICLE = (
    "Three people were wounded and one man was killed on Saturday night when a gunman opened fire "
    "outside a bakery, police said. The victim, Ravi Kellner, 34, of Elmwood, died at the scene. "
    "A 19-year-old woman was treated and released. The shooting happened at about 11:40 p.m. "
    "No arrests have been made. The city approved a $2 million grant for the 40-hectare park, "
    "and the new bridge will be 1.2 km long."
)


@pytest.mark.model
def test_model_frames_are_complete_and_consistent(nlp_model):
    src = _dated(_ARTICLE)
    claims = extract_source(src, nlp_model).claims
    figures = [c for c in claims if c.kind.value == "quantity"]
    assert len(figures) >= 6
    for c in figures:
        assert c.measure, c  # every figure says what it measures
        assert c.dimension is not None and c.canonical is not None and c.canonical_unit, c
        if c.about is not None:
            assert src.text[c.about_start : c.about_end] == c.about
    by_measure = {(c.measure, c.value) for c in figures}
    assert ("injured", 3.0) in by_measure and ("arrested", 0.0) in by_measure
    assert any(c.measure == "age" and c.value == 34.0 and c.about == "Ravi Kellner" for c in figures)
    assert any(c.dimension == "area" and c.canonical == pytest.approx(400000.0) for c in figures)
    times = [c for c in claims if c.kind.value == "time"]
    assert [(t.value, t.measure) for t in times] == [("23:40", "shooting")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "measure", "dimension", "canonical_unit"),
    [
        ("The total volume of trade between the two firms reached $5 billion.", "trade", "money", "USD"),
        ("The new reservoir has a capacity of 3 billion cubic meters.", "capacity", "volume", "meter ** 3"),
        ("The solar farm will produce 5 gigawatts a year.", "output", "energy", "joule / year"),
        ("The city took out a $40 million loan for the tunnel.", "loan", "money", "USD"),
    ],
)
def test_model_measures(nlp_model, text, measure, dimension, canonical_unit):
    claims = [c for c in extract_source(_dated(text), nlp_model).claims if c.kind.value == "quantity"]
    assert [(c.measure, c.dimension, c.canonical_unit) for c in claims] == [(measure, dimension, canonical_unit)]

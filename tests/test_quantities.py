"""Golden cases and properties of the quantity normaliser."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.normalize.quantities import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    HEDGE_PHRASES,
    PERCENT_WORDS,
    SCALE_WORDS,
    UNIT_WORDS,
    parse_number,
    parse_quantity,
)
from claimcheck.records import Hedge

GOLDEN = json.loads((Path(__file__).parent / "golden" / "quantities.json").read_text("utf-8"))


@pytest.mark.parametrize("case", GOLDEN, ids=[case["text"] for case in GOLDEN])
def test_golden(case: dict) -> None:
    parsed = parse_quantity(case["text"])
    if "expect" in case:
        assert parsed is None
        return
    assert parsed is not None
    assert parsed.value == pytest.approx(case["value"], rel=1e-9)
    if case["value_max"] is None:
        assert parsed.value_max is None
    else:
        assert parsed.value_max == pytest.approx(case["value_max"], rel=1e-9)
    assert parsed.unit == case["unit"]
    assert parsed.hedge is Hedge(case["hedge"])
    if "unit_kind" in case:
        assert parsed.unit_kind == case["unit_kind"]
    if "hedge_text" in case:
        assert parsed.hedge_text == case["hedge_text"]


def test_tables_use_lowercase_keys() -> None:
    tables = (HEDGE_PHRASES, SCALE_WORDS, CURRENCY_SYMBOLS, CURRENCY_WORDS)
    for table in (*tables, UNIT_WORDS, PERCENT_WORDS):
        assert all(key == key.lower() for key in table)
    assert len(CURRENCY_CODES) >= 40
    assert all(len(code) == 3 and code.isupper() for code in CURRENCY_CODES)


def test_parse_number_reads_bare_numbers_only() -> None:
    assert parse_number("1.5 million") == 1.5e6
    assert parse_number("twenty-five") == 25.0
    assert parse_number("$5") is None
    assert parse_number("about 5") is None
    assert parse_number("5%") is None


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=80))
def test_never_raises_and_values_are_finite(text: str) -> None:
    parsed = parse_quantity(text)
    parse_number(text)
    if parsed is not None:
        assert math.isfinite(parsed.value)
        assert parsed.value_max is None or math.isfinite(parsed.value_max)
        assert (parsed.value_max is None) == (parsed.hedge is not Hedge.RANGE)


_FIGURE_PARTS = st.sampled_from(
    ["$", "€", "USD", "-", "–", "to", "and", "between", "more than", "around", "1,200", "3,5",
     "400", "1e308", "10", "^", "million", "bn", "m", "k", "crore", "%", "per cent", "bcm",
     "two", "hundred", "a", "half", "or more", "+", "٤", "x", " "]
)


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(_FIGURE_PARTS, max_size=12).map("".join))
def test_never_raises_on_figure_like_text(text: str) -> None:
    parsed = parse_quantity(text)
    if parsed is not None:
        assert math.isfinite(parsed.value)
        assert parsed.value_max is None or parsed.value <= parsed.value_max


@settings(max_examples=100, deadline=None, database=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_grouped_integers_round_trip(number: int) -> None:
    assert parse_number(f"{number:,}") == float(number)

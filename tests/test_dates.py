"""claimcheck.normalize.dates: golden cases, find_dates slices, never-raise properties."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.normalize.dates import ParsedDate, find_dates, parse_date
from claimcheck.records import Precision

GOLDEN = json.loads((Path(__file__).parent / "golden" / "dates.json").read_text("utf-8"))
REF = dt.date(2025, 4, 28)  # a Monday


def _case_id(case: dict) -> str:
    text = case["text"] or "<empty>"
    return f"{text} @{case['ref']}" if case.get("ref") else text


def test_golden_file_is_large_enough() -> None:
    assert len(GOLDEN) >= 60
    assert len({_case_id(c) for c in GOLDEN}) == len(GOLDEN)


@pytest.mark.parametrize("case", GOLDEN, ids=[_case_id(c) for c in GOLDEN])
def test_golden(case: dict) -> None:
    ref = dt.date.fromisoformat(case["ref"]) if case.get("ref") else None
    got = parse_date(case["text"], ref)
    if "expect" in case:
        assert got is None
        return
    assert got is not None
    assert (got.value, got.precision, got.resolved) == (
        case["value"],
        Precision(case["precision"]),
        case["resolved"],
    )
    assert got.start <= got.end


def _slices(text: str, ref: dt.date | None = None) -> list[str]:
    return [text[s:e] for s, e, _ in find_dates(text, ref)]


def test_find_dates_sentence() -> None:
    text = "In 2024, trade reached $580 million and from January to October 2025 it fell."
    hits = find_dates(text)
    assert [text[s:e] for s, e, _ in hits] == ["2024", "January to October 2025"]
    assert [p.value for _, _, p in hits] == ["2024", "2025-01/2025-10"]
    assert hits[0][2].precision is Precision.YEAR


def test_find_dates_header_line() -> None:
    text = "Politics Analytics 28 April 2025 10:48 (UTC +04:00)"
    [(start, end, parsed)] = find_dates(text)
    assert text[start:end].startswith("28 April 2025")
    assert (parsed.value, parsed.precision) == ("2025-04-28", Precision.DAY)


def test_find_dates_byline_date() -> None:
    text = "World\nLorenzo Maria Pacini\nMay 20, 2025\n© Photo: Public domain"
    assert _slices(text) == ["May 20, 2025"]


def test_find_dates_bare_year_rule() -> None:
    text = (
        "It cost $2,024, then 2024.5, then 12024; 2000 hectares, 2024 percent, 2025%, "
        "USD 2023, 1850 and 2150 were not years, but 2019, 2020 and 2021 were."
    )
    assert _slices(text) == ["2019", "2020", "2021"]


def test_find_dates_ranges_and_periods() -> None:
    text = (
        "Between 2020 and 2022 prices rose; in 2024/25 and the early 2020s, "
        "Q3 2025 and by end-2026 they fell."
    )
    expected = ["Between 2020 and 2022", "2024/25", "early 2020s", "Q3 2025", "end-2026"]
    assert _slices(text) == expected


def test_find_dates_relative_needs_ref() -> None:
    text = "Today the minister said that on Monday, as last year, talks resumed."
    assert _slices(text) == []
    hits = find_dates(text, REF)
    assert [text[s:e] for s, e, _ in hits] == ["Today", "Monday", "last year"]
    assert all(p.resolved for _, _, p in hits)


def test_find_dates_leaves_durations_and_lowercase_may() -> None:
    text = "Over the past 30 years, a 44-day war and six years of talks; prices may 2025 rise."
    assert _slices(text, REF) == ["2025"]
    assert _slices("the last year was hard", REF) == []


def test_find_dates_numeric_forms() -> None:
    text = "On 3/3/2024, 12/05/2024 and 31.12.2024 (2024-03-03T10:00Z)."
    assert _slices(text) == ["3/3/2024", "31.12.2024", "2024-03-03T10:00Z"]


def test_parsed_date_is_frozen() -> None:
    parsed = parse_date("2025")
    assert isinstance(parsed, ParsedDate)
    with pytest.raises(AttributeError):
        parsed.value = "2026"  # type: ignore[misc]


_DATEISH = st.sampled_from(
    [
        "2024", "in", "2025", "-", "\u2013", "/", "to", "and", "between", "from", "the", "of",
        "January", "Jan", "May", "march", "Nov.", "16", "3rd", "31", "Q3", "3Q", "H1", "first",
        "half", "quarter", "early", "mid-", "late", "2020s", "end", "today", "Monday", "last",
        "year", "month", "ago", "two", "10:48", "(UTC", "+04:00)", "12/05/2024", "3.3.2024",
        "$", "%", "million", ",", ".", "AD", "0", "99999", "\u00a0", "\n",
    ]
)  # fmt: skip
_TEXTS = st.one_of(st.text(max_size=80), st.lists(_DATEISH, max_size=14).map(" ".join))
_REFS = st.one_of(st.none(), st.dates(), st.just(REF))


def _check(parsed: ParsedDate) -> None:
    assert parsed.start <= parsed.end
    assert isinstance(parsed.precision, Precision)


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, ref=_REFS)
def test_never_raises_and_slices_exactly(text: str, ref: dt.date | None) -> None:
    parsed = parse_date(text, ref)
    if parsed is not None:
        _check(parsed)
    last_end = 0
    for start, end, hit in find_dates(text, ref):
        assert last_end <= start < end <= len(text)
        last_end = end
        _check(hit)
        assert parse_date(text[start:end], ref) == hit

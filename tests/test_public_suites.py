"""Public test suites that no one here wrote: money, number and date expressions.

Cases come from Microsoft Recognizers-Text (MIT), Duckling (BSD) and quantulum3 (MIT);
each data file in ``tests/public/`` names its upstream repository, path, commit and
licence. Expected results are mapped onto claimcheck's representation:

* quantities: ``parse_quantity(text)`` -> value (scaled), value_max, unit (ISO 4217
  code, "percent", a unit name or None) and hedge; for bare numbers ``parse_number``
  must agree.
* dates: ``parse_date(text, ref)`` -> ISO value, precision and ``resolved``.

Every case is one of:

* in scope, passing: asserted exactly;
* in scope, ``"known_gap": "<why>"``: expected to fail, reported as xfail (an XPASS
  means the gap is closed: drop the marker);
* ``"expect": null``: the normaliser must refuse the text (return None);
* ``"out_of_scope": "<why>"``: recorded, not run (semantics differ by design, the
  suites disagree, or the text is not a figure/date claimcheck models).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import pytest

from claimcheck.normalize.dates import find_dates, parse_date
from claimcheck.normalize.quantities import parse_number, parse_quantity
from claimcheck.records import Hedge, Precision

PUBLIC = Path(__file__).parent / "public"
SUITES = {path.stem: json.loads(path.read_text("utf-8")) for path in sorted(PUBLIC.glob("*.json"))}

# Floors for the share of in-scope cases that pass (known gaps are the rest; at
# the time of writing every in-scope case passes).
MIN_ACCURACY = {"quantity": 0.98, "date": 0.98}
MIN_CASES = {"quantity": 150, "date": 150}


def _cases(kind: str) -> list[tuple[str, dict, dict]]:
    return [
        (name, suite, case)
        for name, suite in SUITES.items()
        if suite["kind"] == kind
        for case in suite["cases"]
    ]


def _in_scope(kind: str) -> list[tuple[str, dict, dict]]:
    return [c for c in _cases(kind) if "out_of_scope" not in c[2]]


def _case_id(name: str, case: dict) -> str:
    ref = f" @{case['ref']}" if "ref" in case else ""
    return f"{name}:{case['text']}{ref}"


def _params(kind: str) -> list:
    params = []
    for name, suite, case in _in_scope(kind):
        marks = ()
        if "known_gap" in case:
            marks = (pytest.mark.xfail(reason=case["known_gap"], strict=True),)
        params.append(pytest.param(suite, case, id=_case_id(name, case), marks=marks))
    return params


# Each text is parsed once; the per-case tests and the accuracy floor share the result.
_quantity = functools.lru_cache(maxsize=None)(parse_quantity)
_number = functools.lru_cache(maxsize=None)(parse_number)
_date = functools.lru_cache(maxsize=None)(parse_date)


# -- quantities ---------------------------------------------------------------


def _quantity_ok(case: dict) -> bool:
    parsed = _quantity(case["text"])
    if "expect" in case:
        return parsed is None
    if parsed is None:
        return False
    if parsed.value != pytest.approx(case["value"], rel=1e-9, abs=1e-12):
        return False
    if case["value_max"] is None:
        if parsed.value_max is not None:
            return False
    elif parsed.value_max is None or parsed.value_max != pytest.approx(case["value_max"], rel=1e-9):
        return False
    if parsed.unit != case["unit"] or parsed.hedge is not Hedge(case["hedge"]):
        return False
    if case["unit"] is None and case["hedge"] == "exact":
        number = _number(case["text"])
        return number is not None and number == pytest.approx(case["value"], rel=1e-9, abs=1e-12)
    return True


@pytest.mark.parametrize(("suite", "case"), _params("quantity"))
def test_public_quantity(suite: dict, case: dict) -> None:
    assert _quantity_ok(case), f"{case} -> {_quantity(case['text'])}"


# -- dates --------------------------------------------------------------------


def _ref(suite: dict, case: dict) -> dt.date | None:
    ref = case.get("ref", suite.get("ref"))
    return dt.date.fromisoformat(ref) if ref else None


def _date_ok(suite: dict, case: dict) -> bool:
    parsed = _date(case["text"], _ref(suite, case))
    if "expect" in case:
        return parsed is None
    return parsed is not None and (parsed.value, parsed.precision, parsed.resolved) == (
        case["value"],
        Precision(case["precision"]),
        case["resolved"],
    )


@pytest.mark.parametrize(("suite", "case"), _params("date"))
def test_public_date(suite: dict, case: dict) -> None:
    assert _date_ok(suite, case), f"{case} -> {_date(case['text'], _ref(suite, case))}"


# -- the data files themselves and the accuracy floor ------------------------


def test_suites_name_their_source_and_licence() -> None:
    assert SUITES
    for name, suite in SUITES.items():
        source = suite["source"]
        assert source["repository"] and source["path"] and source["licence"], name
        assert suite["kind"] in ("quantity", "date"), name
        texts = [(c["text"], c.get("ref")) for c in suite["cases"]]
        assert len(texts) == len(set(texts)), f"{name}: duplicate cases"
    total = sum(path.stat().st_size for path in PUBLIC.glob("*.json"))
    assert total < 200_000


@pytest.mark.parametrize("kind", ["quantity", "date"])
def test_every_case_is_classified(kind: str) -> None:
    for name, _, case in _cases(kind):
        labels = [key for key in ("out_of_scope", "known_gap") if key in case]
        assert len(labels) <= 1, f"{name}: {case}"
        for key in labels:
            assert isinstance(case[key], str) and case[key].strip(), f"{name}: {case}"
        if "out_of_scope" not in case and "expect" not in case:
            assert {"value", "precision", "resolved"} <= case.keys() if kind == "date" else (
                {"value", "value_max", "unit", "hedge"} <= case.keys()
            ), f"{name}: {case}"


@pytest.mark.parametrize("kind", ["quantity", "date"])
def test_accuracy_floor(kind: str) -> None:
    cases = _in_scope(kind)
    assert len(cases) >= MIN_CASES[kind]
    ok = [
        _quantity_ok(case) if kind == "quantity" else _date_ok(suite, case)
        for _, suite, case in cases
    ]
    gaps = sum("known_gap" in case for _, _, case in cases)
    assert sum(ok) / len(cases) >= MIN_ACCURACY[kind]
    # every failure is a declared gap (the parametrized tests say which)
    assert len(cases) - sum(ok) <= gaps


def test_forms_added_for_the_suites_stay_out_of_prose() -> None:
    """Forms that ``parse_date`` reads for these suites but that are something
    else in running text are not found by ``find_dates``: "M/YYYY" odds, day
    ranges of a relative month, ordinal words after a month, "16." ending a
    sentence."""
    text = (
        "Odds were 1/2000; prices rose from 4 to 22 this month; March third place went "
        "to Oman; the toll reached 16. November storms followed."
    )
    hits = [text[s:e] for s, e, _ in find_dates(text, dt.date(2025, 4, 28))]
    assert hits == ["this month", "March", "November"]

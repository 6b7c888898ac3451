"""Date expressions -> ISO 8601 values that keep the precision they were stated with.

Pure standard library (no spaCy, no dateparser): "2025" stays the year 2025 and
is never filled in to a day. Two entry points:

* :func:`parse_date` reads one whole expression (a spaCy DATE span, an HTML
  ``datePublished`` value, ...) and returns a :class:`ParsedDate` or ``None``.
* :func:`find_dates` scans free text (page headers, sentences when no
  statistical model runs) and returns the date expressions it holds, with
  character offsets.

Values: a day ``2020-11-16``, a month ``2025-01``, a year ``2025``, a quarter
``2025-07/2025-09`` (precision QUARTER), and intervals ``2025-01/2025-10``,
``2020/2022``, ``2024-03-03/2024-03-05`` (precision INTERVAL; each end is
written at the precision it was stated with).

Relative expressions ("today", "last year", "on Monday", "May 9" without a
year) need a reference date ``ref`` (the publication date); they come back
with ``resolved=True``, and without ``ref`` they are ``None``. A day or month
named without a year takes the year that puts it nearest to ``ref``, unless a
stated weekday picks one of the years either side ("Fri, Jul 18"). A quarter
without a year ("the third quarter") is in ref's year; "this Friday" is the
Friday of ref's (Monday-first) week; "this September" / "this summer" are in
ref's year. "N days/weeks/months/years ago" keeps the finest unit stated
("three months ago" is a month, "1 month and 21 days ago" a day).

Also read: days as ordinal words ("first of March", "May twenty-first"), the
n-th weekday or day of a month ("the last Monday of March", "the first day of
October 2015", "the first Friday in this month"), "the 20th of next month",
"early/late next month" (a month), "the month/year after next", "Friday after
next", "the rest of the year" (ref to 31 December), centuries ("the 15th
century": 1400/1499), and years or decades written in words ("nineteen
seventy-eight", "two thousand and eighteen", "the nineteen seventies").
``parse_date`` alone (never ``find_dates``, where they are too often something
else in prose) reads "M/YYYY" ("3/2015") and day ranges in a relative month
("from 4 to 22 this month").

Deliberate refusals (``None``): durations ("six years", "44-day"), impossible
calendar dates ("February 30, 2024"), all-numeric days whose day/month order
cannot be told ("12/05/2024": both parts <= 12 and different), bare numbers
outside 1000-2999, weeks ("last week"), fiscal years ("FY2025"), winter
(it straddles two years), two-digit years other than as the end of a range
("2020-22", "2024/25"), "the last/next year|month" (a duration or a
narrative "following year", not the calendar year before/after ``ref``), "the
past/coming month" (as often the last or next 30 days), a day of the month
without a month ("on the 15th"), and slash fractions of a year ("2015/3").

``YYYY-NN`` is a year range when NN names one of the next ten years ("2020-22",
"1999-00", "2010-12"), otherwise an ISO year-month ("2024-03", "2020-12").

Bare-year rule for :func:`find_dates`: a lone four-digit number (or a purely
numeric range such as "2020-2022") is a year only when every year in it lies in
1900-2100, it is not part of a larger number ("12024", "2024.5", "1,2024",
"2024-25-1"), not glued to a letter, not preceded by a currency sign or code
("$ 2024", "USD 2024") and not followed by ``%`` or a unit/scale word ("2000
hectares", "2024 percent", "2000 million", "2000 people"). In ``parse_date`` a
bare number is a year when it lies in 1000-2999.
"""

from __future__ import annotations

import datetime
import re

from .date_grammar import (
    _AMBIGUOUS_LOWER,
    _CURRENCY_BEFORE,
    _DOTTED_DAY,
    _FOUR_DIGITS,
    _LEAD_CHARS,
    _LEAD_FILLER,
    _LONE_ABBREVIATION,
    _MONTH_NAME,
    _NUMERIC_HIT,
    _ORDINAL_WORD,
    _TRAIL_CHARS,
    _UNIT_AFTER,
    _spelled_years,
)
from .date_rules import _ALL, _PARSE_ALL, _parse_with
from .date_values import BARE_YEAR_MAX, BARE_YEAR_MIN, MAX_EXPRESSION_CHARS, ParsedDate, _Ctx

__all__ = ["ParsedDate", "find_dates", "parse_date"]


# ---------------------------------------------------------------------- public API


def _strip(text: str) -> str:
    """Drop surrounding punctuation and leading filler words ("in", "as of the", ...)."""
    text = text.strip(_LEAD_CHARS)
    while (match := _LEAD_FILLER.match(text)) is not None:
        text = text[match.end() :].lstrip(_LEAD_CHARS)
    return text.rstrip(_TRAIL_CHARS)


def parse_date(text: str, ref: datetime.date | None = None) -> ParsedDate | None:
    """Normalise one whole date expression, or return ``None``.

    Leading fillers ("in", "on", "by", "since", "until", "from", "during",
    "of", "as of", "the", ...) and trailing punctuation are ignored; any other
    word that is not part of the date makes the result ``None``. Relative
    expressions ("today", "last year", "on Monday", "May 9") are resolved
    against ``ref`` (``resolved=True``) and are ``None`` without it. A time of
    day after a date is accepted and ignored. Never raises.
    """
    if not isinstance(text, str):
        return None
    text = _strip(text)
    if not text or len(text) > MAX_EXPRESSION_CHARS:
        return None
    ctx = _Ctx(ref=ref if isinstance(ref, datetime.date) else None)
    parsed = _parse_with(_PARSE_ALL, text, ctx)
    if parsed is None:
        spelled = _spelled_years(text)
        if spelled != text:
            parsed = _parse_with(_PARSE_ALL, _strip(spelled), ctx)
    return parsed


def _stands_alone(text: str, start: int, end: int) -> bool:
    """The find_dates filters: capitalised names, bare years, no units or currency."""
    hit = text[start:end]
    if _AMBIGUOUS_LOWER.search(hit) or _LONE_ABBREVIATION.fullmatch(hit):
        return False  # "may 2025", "march 2024"; "Jan" or "May" on their own
    if not _FOUR_DIGITS.search(hit) and (
        (
            _ORDINAL_WORD.search(hit)
            and _MONTH_NAME.search(hit)
            and not re.search(r"\bof\b", hit, re.IGNORECASE)
        )
        or _DOTTED_DAY.match(hit)
    ):
        return False  # "in March third place", "reached 16. November was"
    if _NUMERIC_HIT.fullmatch(hit):
        years = [int(y) for y in _FOUR_DIGITS.findall(hit)]
        if not years or not all(BARE_YEAR_MIN <= y <= BARE_YEAR_MAX for y in years):
            return False
    if hit[-1].isdigit() and _UNIT_AFTER.match(text, end):
        return False
    return not (hit[0].isdigit() and _CURRENCY_BEFORE.search(text, max(0, start - 8), start))


def find_dates(
    text: str, ref: datetime.date | None = None
) -> list[tuple[int, int, ParsedDate]]:
    """Find the date expressions in free text: ``(start, end, parsed)``, left to right.

    ``text[start:end]`` is the expression itself (leading fillers such as "in"
    or "from" are outside it) and ``parse_date(text[start:end], ref)`` gives
    ``parsed``. Hits do not overlap; where candidates overlap the longest wins.
    Relative expressions are only found when ``ref`` is given. Month and
    weekday names that are also English words ("may", "march") must be
    capitalised. A bare number is a year only under the bare-year rule of the
    module docstring (1900-2100, not part of a larger number, no unit after).
    Never raises.
    """
    if not isinstance(text, str) or not text:
        return []
    ctx = _Ctx(ref=ref if isinstance(ref, datetime.date) else None)
    candidates: list[tuple[int, int, ParsedDate]] = []
    for finder, _ in _ALL:
        for match in finder.finditer(text):
            start, end = match.span()
            if end - start > MAX_EXPRESSION_CHARS or not _stands_alone(text, start, end):
                continue
            parsed = _parse_with(_ALL, match.group(), ctx)
            if parsed is not None:
                candidates.append((start, end, parsed))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    chosen: list[tuple[int, int, ParsedDate]] = []
    for cand in candidates:
        if all(cand[1] <= s or cand[0] >= e for s, e, _ in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c[0])

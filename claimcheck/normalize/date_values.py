"""Date values for :mod:`claimcheck.normalize.dates`: the year limits, :class:`ParsedDate`,
its constructors (a day, a month, a year, spans of them) and the year a date named
without one takes from the reference date."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from claimcheck.records import Precision

from .date_grammar import _REL_OFFSETS, _key

MIN_YEAR = 1000
MAX_YEAR = 2999
#: the years a lone number may be in :func:`find_dates` (see the module docstring)
BARE_YEAR_MIN = 1900
BARE_YEAR_MAX = 2100
#: a two-digit range end ("2020-22") may name at most this many years ahead
SHORT_RANGE_MAX_YEARS = 10
#: longer texts are not one date expression (keeps parse_date cheap on junk)
MAX_EXPRESSION_CHARS = 120


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A normalised date: ISO 8601 ``value``, its ``precision`` and the days it covers."""

    value: str  # "2020-11-16", "2025-01", "2025", "2025-07/2025-09", "2020/2022"
    precision: Precision
    start: datetime.date  # first day covered
    end: datetime.date  # last day covered
    resolved: bool = False  # a relative expression resolved against ``ref``


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What a builder may use to fill in a missing year."""

    ref: datetime.date | None = None  # the publication date (relative dates)
    hint: int | None = None  # the year stated elsewhere in the expression (ranges)


# ------------------------------------------------------------------- constructors


def _year_ok(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _day(day: datetime.date, resolved: bool = False) -> ParsedDate | None:
    if not _year_ok(day.year):
        return None
    return ParsedDate(day.isoformat(), Precision.DAY, day, day, resolved)


def _ymd(year: int, month: int, day: int, resolved: bool = False) -> ParsedDate | None:
    if not _year_ok(year):
        return None
    try:
        return _day(datetime.date(year, month, day), resolved)
    except ValueError:
        return None


def _month(year: int, month: int, resolved: bool = False) -> ParsedDate | None:
    if not (_year_ok(year) and 1 <= month <= 12):
        return None
    start = datetime.date(year, month, 1)
    end = datetime.date(year, month, _last_day(year, month))
    return ParsedDate(f"{year:04d}-{month:02d}", Precision.MONTH, start, end, resolved)


def _year(year: int, resolved: bool = False) -> ParsedDate | None:
    if not _year_ok(year):
        return None
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return ParsedDate(f"{year:04d}", Precision.YEAR, start, end, resolved)


def _months(
    year: int, first: int, last: int, precision: Precision, resolved: bool = False
) -> ParsedDate | None:
    """Months ``first``..``last`` of one year as an interval (or a quarter)."""
    start, end = _month(year, first), _month(year, last)
    if start is None or end is None or first > last:
        return None
    value = f"{start.value}/{end.value}"
    return ParsedDate(value, precision, start.start, end.end, resolved)


def _years(first: int, last: int, resolved: bool = False) -> ParsedDate | None:
    start, end = _year(first), _year(last)
    if start is None or end is None or first >= last:
        return None
    return ParsedDate(f"{first}/{last}", Precision.INTERVAL, start.start, end.end, resolved)


def _join(a: ParsedDate, b: ParsedDate) -> ParsedDate | None:
    """The interval from the start of ``a`` to the end of ``b`` (``a`` strictly first)."""
    if not (a.start < b.start and a.end < b.end):
        return None
    value = f"{a.value.split('/')[0]}/{b.value.split('/')[-1]}"
    return ParsedDate(value, Precision.INTERVAL, a.start, b.end, a.resolved or b.resolved)


def _shift_months(day: datetime.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _plus_days(day: datetime.date, days: int) -> datetime.date | None:
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return None


# ------------------------------------------------------------------ year resolution


def _nearest_year(ref: datetime.date, month: int, day: int | None) -> int | None:
    """The year (ref's, or one either side) that puts ``month``/``day`` nearest to ref."""
    best: tuple[int, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        if not _year_ok(year):
            continue
        try:
            start = datetime.date(year, month, day or 1)
            end = datetime.date(year, month, day or _last_day(year, month))
        except ValueError:
            continue
        distance = 0 if start <= ref <= end else min(abs((start - ref).days), abs((end - ref).days))
        if best is None or distance < best[0]:
            best = (distance, year)
    return None if best is None else best[1]


def _resolve_year(
    term: str | None, ctx: _Ctx, month: int | None = None, day: int | None = None
) -> tuple[int, bool] | None:
    """(year, resolved) for a stated year, a relative year, the range's year, or ref."""
    if term:
        if term[0].isdigit():
            return int(term), False
        words = _key(term).removeprefix("the ").split()
        offset = _REL_OFFSETS.get(words[0]) if words else None
        if offset is None or ctx.ref is None:
            return None
        return ctx.ref.year + offset, True
    if ctx.hint is not None:
        return ctx.hint, False
    if ctx.ref is None or month is None:
        return None
    year = _nearest_year(ctx.ref, month, day)
    return None if year is None else (year, True)

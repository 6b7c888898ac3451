"""The rules of :mod:`claimcheck.normalize.dates`: one builder per kind of expression
(absolute and relative days, months, quarters, seasons, ranges, "N days ago"), and
the tables that pair each pattern with its builder."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from claimcheck.records import Precision

from .date_grammar import (
    _DAY_WORDS,
    _DECADE_PARTS,
    _FIND_AFTER,
    _FIND_BEFORE,
    _NTH,
    _ORDINALS,
    _REL_DAYS,
    _REL_OFFSETS,
    _SEASONS,
    _SRC,
    _WEEKDAYS,
    _YEAR_PARTS,
    _expand,
    _key,
    _month_number,
    _small_number,
    _weekday_number,
    _word_value,
)
from .date_values import (
    SHORT_RANGE_MAX_YEARS,
    ParsedDate,
    _Ctx,
    _day,
    _join,
    _last_day,
    _month,
    _months,
    _plus_days,
    _resolve_year,
    _shift_months,
    _year,
    _year_ok,
    _years,
    _ymd,
)

# ------------------------------------------------------------------------ builders

_Builder = Callable[[re.Match[str], _Ctx], "ParsedDate | None"]


def _b_iso_day(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    return _ymd(int(m["y"]), int(m["m"]), int(m["d"]))


def _b_month_year_numeric(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    return _month(int(m["y"]), int(m["m"]))


def _b_numeric(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """d/m/yyyy or m/d/yyyy, only when the order can be told (or does not matter)."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if a == b or (a > 12 and b <= 12):
        return _ymd(year, b, a)
    if b > 12 and a <= 12:
        return _ymd(year, a, b)
    return None


def _day_number(text: str) -> int:
    if text[:1].isdigit():
        return int(text.rstrip("stndrhSTNDRH"))
    return sum(_DAY_WORDS.get(word, 99) for word in _key(text).replace("-", " ").split())


def _weekday_year(m: re.Match[str], ctx: _Ctx, month: int, day: int) -> int | None:
    """A yearless date with its weekday ("Fri, Jul 18"): the year, next to ref's,
    in which that date falls on that weekday (nearest first), if any."""
    weekday = m.groupdict().get("wd") or m.groupdict().get("wd2")
    if not weekday or m["y"] or ctx.hint is not None or ctx.ref is None:
        return None
    target = _weekday_number(weekday)
    fits = []
    for year in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1):
        try:
            day_ = datetime.date(year, month, day)
        except ValueError:
            continue
        if day_.weekday() == target:
            fits.append((abs((day_ - ctx.ref).days), year))
    return min(fits)[1] if fits else None


def _b_day_month(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    month, day = _month_number(m["mo"]), _day_number(m["d"] or m["dw"])
    if month is None:
        return None
    by_weekday = _weekday_year(m, ctx, month, day)
    year = (by_weekday, True) if by_weekday else _resolve_year(m["y"], ctx, month, day)
    return None if year is None else _ymd(year[0], month, day, year[1])


def _b_day_words(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """ "May twenty one", "fifteen August 1993" (days as cardinal words)."""
    month, day = _month_number(m["mo"]), _word_value(m["d"])
    if month is None or not day:
        return None
    year = _resolve_year(m["y"], ctx, month, day)
    return None if year is None else _ymd(year[0], month, day, year[1])


def _ref_month(m: re.Match[str], ctx: _Ctx) -> tuple[int, int] | None:
    """(year, month) of "this/next/last month" relative to ref."""
    offset = _REL_OFFSETS.get(_key(m["rel"]))
    if ctx.ref is None or offset is None:
        return None
    return _shift_months(ctx.ref, offset)


def _b_part_rel_month(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """ "early next month": the month (a part of a month keeps month precision)."""
    ym = _ref_month(m, ctx)
    return None if ym is None else _month(*ym, True)


def _b_rel_month_day(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    ym = _ref_month(m, ctx)
    return None if ym is None else _ymd(*ym, _day_number(m["d"]), True)


def _b_day_range_rel(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    ym = _ref_month(m, ctx)
    if ym is None:
        return None
    a, b = _ymd(*ym, _day_number(m["d1"]), True), _ymd(*ym, _day_number(m["d2"]), True)
    return None if a is None or b is None else _join(a, b)


def _b_nth_weekday(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """ "the last Monday of March", "the first day of October 2015"."""
    if m["rel"]:
        ym = _ref_month(m, ctx)
        if ym is None:
            return None
        (year, month), resolved = ym, True
    else:
        named = _month_number(m["mo"])
        found = None if named is None else _resolve_year(m["y"], ctx, named)
        if named is None or found is None:
            return None
        month, (year, resolved) = named, found
    if not _year_ok(year):
        return None
    nth, last = _NTH[_key(m["nth"])], _last_day(year, month)
    if _key(m["wd"]) == "day":
        days = list(range(1, last + 1))
    else:
        target = _weekday_number(m["wd"])
        days = [d for d in range(1, last + 1) if datetime.date(year, month, d).weekday() == target]
    if not days or nth > len(days):
        return None
    return _ymd(year, month, days[nth - 1 if nth > 0 else -1], resolved)


def _b_this_month(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    month = _month_number(m["mo"])
    if ctx.ref is None or month is None:
        return None
    return _month(ctx.ref.year, month, True)


def _b_this_season(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    if ctx.ref is None:
        return None
    first, last = _SEASONS[_key(m["s"])]
    return _months(ctx.ref.year, first, last, Precision.INTERVAL, True)


def _b_after_next(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """ "the month/year after next", "Friday after next", "March after next"."""
    if ctx.ref is None:
        return None
    ref = ctx.ref
    if m["wd"]:
        weekday = _weekday_number(m["wd"])
        offset = None if weekday is None else ((weekday - ref.weekday()) % 7 or 7) + 7
        day = None if offset is None else _plus_days(ref, offset)
        return None if day is None else _day(day, True)
    if m["mo"]:
        month = _month_number(m["mo"])
        if month is None:
            return None
        return _month(ref.year + (1 if month > ref.month else 2), month, True)
    if _key(m["u"]) == "month":
        return _month(*_shift_months(ref, 2), True)
    return _year(ref.year + 2, True)


def _b_rest_of(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """ "the rest of the year": from ref to the end of its month or year."""
    if ctx.ref is None:
        return None
    ref = ctx.ref
    if _key(m["u"]) == "month":
        end = ref.replace(day=_last_day(ref.year, ref.month))
    else:
        end = datetime.date(ref.year, 12, 31)
    first, last = _day(ref, True), _day(end, True)
    return None if first is None or last is None else _join(first, last)


def _b_month_year(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    month = _month_number(m["mo"])
    if month is None:
        return None
    year = _resolve_year(m.groupdict().get("y"), ctx, month)
    return None if year is None else _month(year[0], month, year[1])


def _b_part_year(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    first, last = _YEAR_PARTS[_key(m["p"]).split()[0]]
    year = _resolve_year(m["y"], ctx)
    return None if year is None else _months(year[0], first, last, Precision.INTERVAL, year[1])


def _b_quarter(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """ "Q3 2025", "the third quarter of this year"; without a year, ref's year."""
    q = int(m["q1"] or m["q2"] or 0) or _ORDINALS.get(_key(m["qw"] or ""), 0)
    year = _resolve_year(m["y"], ctx)
    if year is None and m["y"] is None and ctx.ref is not None:
        if _key(m["qw"] or "") in ("last", "final"):
            return None  # "last quarter" is the previous one (rel_unit)
        year = (ctx.ref.year, True)
    if not q or year is None:
        return None
    return _months(year[0], 3 * q - 2, 3 * q, Precision.QUARTER, year[1])


def _b_half(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    h = int(m["h1"] or m["h2"] or 0) or _ORDINALS.get(_key(m["hw"] or ""), 0)
    year = _resolve_year(m["y"], ctx)
    if h not in (1, 2) or year is None:
        return None
    return _months(year[0], 6 * h - 5, 6 * h, Precision.INTERVAL, year[1])


def _b_first_months(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    n = _small_number(m["n"])
    year = _resolve_year(m["y"], ctx)
    if n is None or not 2 <= n <= 12 or year is None:
        return None
    return _months(year[0], 1, n, Precision.INTERVAL, year[1])


def _b_season(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    first, last = _SEASONS[_key(m["s"])]
    year = _resolve_year(m["y"], ctx)
    return None if year is None else _months(year[0], first, last, Precision.INTERVAL, year[1])


_CENTURY_WORDS = {
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty first": 21, "twentyfirst": 21,
}  # fmt: skip


def _b_century(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """ "the 15th century": 1400/1499."""
    n = int(m["n"]) if m["n"] else _CENTURY_WORDS.get(_key(m["nw"]).replace("-", " "))
    return None if n is None else _years((n - 1) * 100, (n - 1) * 100 + 99)


def _b_decade(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    part = _key(m["p"]) if m["p"] else None
    first, last = _DECADE_PARTS[part]
    decade = int(m["dec"])
    return _years(decade + first, decade + last)


def _short_range_end(first: int, two_digits: int) -> int | None:
    """The year a two-digit range end names ("2020-22" -> 2022), if within reach."""
    last = first - first % 100 + two_digits
    if last <= first:
        last += 100
    return last if last - first <= SHORT_RANGE_MAX_YEARS else None


def _b_year_range2(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    first = int(m["y1"])
    last = _short_range_end(first, int(m["y2"]))
    return None if last is None else _years(first, last)


def _b_iso_month(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    year, month = int(m["y"]), int(m["m"])
    if _short_range_end(year, month) is not None:
        return None  # "2010-12" is a range of years, left to year_range2
    return _month(year, month)


def _b_year(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    return _year(int(m["y"]))


def _b_day_range(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    month, first, last = _month_number(m["mo"]), _day_number(m["d1"]), _day_number(m["d2"])
    if month is None:
        return None
    year = _resolve_year(m["y"], ctx, month, first)
    if year is None:
        return None
    a, b = _ymd(year[0], month, first, year[1]), _ymd(year[0], month, last, year[1])
    return None if a is None or b is None else _join(a, b)


def _explicit_side(text: str) -> ParsedDate | None:
    return _parse_with(_SINGLE, text, _Ctx())


def _borrow(text: str, anchor: ParsedDate, before: bool, ctx: _Ctx) -> ParsedDate | None:
    """Parse a range side that lacks a year with the other side's year."""
    year = anchor.start.year if before else anchor.end.year
    side = _parse_with(_SINGLE, text, _Ctx(hint=year))
    if side is None:
        return _parse_with(_SINGLE, text, _Ctx(ref=ctx.ref))
    if before and side.start > anchor.start:
        side = _parse_with(_SINGLE, text, _Ctx(hint=year - 1))
    elif not before and side.end < anchor.end:
        side = _parse_with(_SINGLE, text, _Ctx(hint=year + 1))
    if side is not None and anchor.resolved:
        side = ParsedDate(side.value, side.precision, side.start, side.end, True)
    return side


def _b_range(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """``A to B``: a side without a year takes the other's ("January to October 2025")."""
    a, b = _explicit_side(m["a"]), _explicit_side(m["b"])
    if a is None and b is not None:
        a = _borrow(m["a"], b, True, ctx)
    if a is None:
        a = _parse_with(_SINGLE, m["a"], _Ctx(ref=ctx.ref))
    if a is not None and b is None:
        b = _borrow(m["b"], a, False, ctx)
    if a is None or b is None:
        return None
    return _join(a, b)


def _b_rel_day(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    offset = _REL_DAYS.get(_key(m["w"]))
    if ctx.ref is None or offset is None:
        return None
    day = _plus_days(ctx.ref, offset)
    return None if day is None else _day(day, True)


def _b_weekday(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """Bare "Monday": on or before ref; "last Monday": before; "next Monday": after;
    "this Monday": in ref's week."""
    weekday = _WEEKDAYS.get(_key(m["wd"]))
    if ctx.ref is None or weekday is None:
        return None
    rel = _key(m["rel"]) if m["rel"] else ""
    if rel in ("next", "coming"):
        offset = (weekday - ctx.ref.weekday()) % 7 or 7
    elif rel == "this":  # the one in ref's (Monday-first) week
        offset = weekday - ctx.ref.weekday()
    else:
        offset = -((ctx.ref.weekday() - weekday) % 7 or (7 if rel else 0))
    day = _plus_days(ctx.ref, offset)
    return None if day is None else _day(day, True)


def _b_rel_unit(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """ "last month", "this quarter"; "past/coming quarter" (a past or coming
    month is as often the last or next 30 days: refused)."""
    rel = _key(m["rel"])
    offset = {"past": -1, "coming": 1}.get(rel, _REL_OFFSETS.get(rel))
    if ctx.ref is None or offset is None:
        return None
    if _key(m["u"]) == "month":
        if rel in ("past", "coming"):
            return None
        return _month(*_shift_months(ctx.ref, offset), True)
    quarter_start = ctx.ref.replace(day=1, month=ctx.ref.month - (ctx.ref.month - 1) % 3)
    year, month = _shift_months(quarter_start, 3 * offset)
    return _months(year, month, month + 2, Precision.QUARTER, True)


def _b_year_term(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    year = _resolve_year(m["rel"], ctx)
    return None if year is None else _year(year[0], year[1])


_AGO_PART = re.compile(
    r"(?P<n>[0-9]+|[a-z]+)\s+(?P<u>day|week|fortnight|month|year)", re.IGNORECASE
)
_DAYS_IN = {"day": 1, "week": 7, "fortnight": 14}


def _b_ago(m: re.Match[str], ctx: _Ctx) -> ParsedDate | None:
    """ "two years ago" (a year), "three months ago" (a month), "7 days ago",
    "1 month and 21 days ago" (days): kept at the finest unit stated."""
    if ctx.ref is None:
        return None
    months = days = 0
    units = set()
    for part in _AGO_PART.finditer(m["parts"]):
        n, unit = _small_number(part["n"]), _key(part["u"])
        if n is None:
            return None
        units.add(unit)
        if unit in _DAYS_IN:
            days += n * _DAYS_IN[unit]
        else:
            months += n * (12 if unit == "year" else 1)
    year, month = _shift_months(ctx.ref, -months)
    if not units & _DAYS_IN.keys():
        return _month(year, month, True) if "month" in units else _year(year, True)
    if not _year_ok(year):
        return None
    start = datetime.date(year, month, min(ctx.ref.day, _last_day(year, month)))
    day = _plus_days(start, -days)
    return None if day is None else _day(day, True)


def _compile(names_builders: list[tuple[str, _Builder]]) -> list[tuple[re.Pattern[str], _Builder]]:
    """Compile each form once, fenced for find_dates; the fences are no-ops for fullmatch."""
    return [
        (re.compile(_FIND_BEFORE + "(?:" + _expand(_SRC[name]) + ")" + _FIND_AFTER, re.I), fn)
        for name, fn in names_builders
    ]


_SINGLE_SPEC: list[tuple[str, _Builder]] = [
    ("iso_day", _b_iso_day),
    ("numeric", _b_numeric),
    ("dmy", _b_day_month),
    ("mdy", _b_day_month),
    ("part_month", _b_month_year),
    ("part_year", _b_part_year),
    ("quarter", _b_quarter),
    ("half", _b_half),
    ("season", _b_season),
    ("my", _b_month_year),
    ("month", _b_month_year),
    ("rel_year", _b_year_term),
    ("year", _b_year),
    ("rel_day", _b_rel_day),
]
_OTHER_SPEC: list[tuple[str, _Builder]] = [
    ("first_months", _b_first_months),
    ("decade", _b_decade),
    ("century", _b_century),
    ("year_range2", _b_year_range2),
    ("iso_month", _b_iso_month),
    ("day_range_dm", _b_day_range),
    ("day_range_dm_between", _b_day_range),
    ("day_range_md", _b_day_range),
    ("range", _b_range),
    ("weekday", _b_weekday),
    ("rel_unit", _b_rel_unit),
    ("ago", _b_ago),
    ("nth_weekday", _b_nth_weekday),
    ("rel_month_day", _b_rel_month_day),
    ("part_rel_month", _b_part_rel_month),
    ("this_month", _b_this_month),
    ("this_season", _b_this_season),
    ("after_next", _b_after_next),
    ("rest_of", _b_rest_of),
]
# read by parse_date, never looked for by find_dates: in prose these are too often
# something else ("1/2000" odds, "rose from 4 to 22 this month")
_PARSE_ONLY_SPEC: list[tuple[str, _Builder]] = [
    ("month_year_numeric", _b_month_year_numeric),
    ("mdy_words", _b_day_words),
    ("dmy_words", _b_day_words),
    ("day_range_rel", _b_day_range_rel),
]
_SINGLE = _compile(_SINGLE_SPEC)
_ALL = _SINGLE + _compile(_OTHER_SPEC)
_PARSE_ALL = _ALL + _compile(_PARSE_ONLY_SPEC)


def _parse_with(
    patterns: list[tuple[re.Pattern[str], _Builder]], text: str, ctx: _Ctx
) -> ParsedDate | None:
    """The first pattern that matches all of ``text`` and builds a valid date."""
    for rx, build in patterns:
        match = rx.fullmatch(text)
        if match is not None:
            parsed = build(match, ctx)
            if parsed is not None:
                return parsed
    return None

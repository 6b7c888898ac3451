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

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from claimcheck.records import Precision

__all__ = ["ParsedDate", "find_dates", "parse_date"]

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


# --------------------------------------------------------------------------- words

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "final": 4, "last": 4,
}  # fmt: skip
# the n-th weekday / day of a month ("the last Monday of March"); -1 is the last
_NTH = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}  # fmt: skip
# days of the month written as ordinal words ("first of March", "May twenty-first")
_DAY_WORDS = {
    word: n
    for n, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(),
        start=1,
    )
} | {"twentieth": 20, "thirtieth": 30, "twenty": 20, "thirty": 30}
_REL_OFFSETS = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1}
_REL_DAYS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
    "day before yesterday": -2, "day after tomorrow": 2,
}  # fmt: skip
# (first month, last month) of a part of a year
_YEAR_PARTS = {
    "early": (1, 4), "beginning": (1, 4), "start": (1, 4),
    "mid": (5, 8), "middle": (5, 8),
    "late": (9, 12), "end": (9, 12),
}  # fmt: skip
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
# (first, last) year within a decade
_DECADE_PARTS = {None: (0, 9), "early": (0, 2), "mid": (4, 6), "late": (7, 9)}


def _key(word: str) -> str:
    """Lower-case, dot-free, single-spaced form of a matched word or phrase."""
    return " ".join(word.casefold().replace(".", "").split())


def _month_number(word: str) -> int | None:
    return _MONTHS.get(_key(word)[:3])


def _small_number(word: str) -> int | None:
    key = _key(word)
    return int(key) if key.isdigit() else _NUMBER_WORDS.get(key)


def _weekday_number(word: str) -> int | None:
    key = _key(word)[:3]
    return next((n for name, n in _WEEKDAYS.items() if name.startswith(key)), None)


# -------------------------------------------------------------------------- regexes

_PIECES = {
    "DASH": r"[\-\u2010-\u2015\u2212]",
    "RSEP": r"(?:\s*{DASH}\s*|\s+(?:to|through|thru|until|till)\s+)",
    "MONTH": (
        r"(?:(?:january|february|march|april|may|june|july|august|september|october"
        r"|november|december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?:\.|\b))"
    ),
    "WEEKDAY": r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    "WD_NAME": (
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
        r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\b\.?"
    ),
    "WD_PREFIX": r"(?:(?P<wd>{WD_NAME}),?\s+)?",
    "WD_SUFFIX": r"(?:,\s*(?P<wd2>{WD_NAME}))?",
    "DAY": r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])",
    # a day as an ordinal word; never the first half of "first-quarter"
    "ODAY": (
        r"(?:(?:(?:twenty|thirty)[\s\-]?)?(?:first|second|third|fourth|fifth|sixth|seventh"
        r"|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
        r"|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\b(?![\-\u2010-\u2015])"
    ),
    "NTH": r"(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)",
    # a day as a cardinal word ("May twenty one"): parse_date only
    "CDAY": (
        r"(?:(?:twenty|thirty)[\s\-]?(?:one|two|three|four|five|six|seven|eight|nine)\b"
        r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
        r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)\b)"
    ),
    "REL_MONTH": r"(?:the\s+)?(?P<rel>this|current|previous|last|next)\s+month\b",
    "YEAR": r"(?<![0-9])[12][0-9]{3}(?![0-9])",
    "REL_YEAR": r"(?:previous|current|this|last|next)\s+(?:year|yr)\b",
    "YEAR_TERM": r"(?:{YEAR}|(?:the\s+)?{REL_YEAR})",
    "TZ_CORE": (
        r"(?:(?-i:UTC|GMT)(?:\s*[+\-\u2212]\s*[0-9]{1,2}(?::?[0-9]{2})?)?"
        r"|[+\-\u2212][0-9]{2}:?[0-9]{2}"
        r"|(?-i:Z|[ECMP][SD]T|BST|CES?T|EES?T|MSK|AZT|IRST)\b)"
    ),
    "TZ": r"(?:\(\s*{TZ_CORE}\s*\)?|{TZ_CORE})",
    "TIME": (
        r"(?:,?\s+(?:at\s+)?(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?"
        r"(?:\s*[ap]\.?m\b\.?)?(?:\s*{TZ})?|\s+in\s+the\s+(?:morning|afternoon|evening)\b)"
    ),
    "ISO_TIME": (
        r"(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?"
        r"(?:Z|[+\-][0-9]{2}(?::?[0-9]{2})?)?|{TIME})"
    ),
    "PART": (
        r"(?P<p>early|mid|late|beginning\s+of|start\s+of|middle\s+of|end\s+of"
        r"|end(?=\s*[\-\u2010-\u2015\u2212]))"
    ),
    "PART_SEP": r"(?:\s*{DASH}\s*|\s+)",
    "AGO_PART": (
        r"(?:[0-9]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        r"\s+(?:day|week|fortnight|month|year)s?\b"
    ),
}
_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z_]*)\}")
_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")


def _expand(source: str) -> str:
    """Replace ``{NAME}`` placeholders by their pieces, recursively."""
    previous = None
    while previous != source:
        previous = source
        source = _PLACEHOLDER.sub(lambda m: _PIECES.get(m.group(1), m.group(0)), source)
    return source


_SRC = {
    "iso_day": (
        r"(?P<y>{YEAR})(?P<s>[\-/.])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})(?![0-9]){ISO_TIME}?"
    ),
    "numeric": (
        r"{WD_PREFIX}(?P<a>[0-9]{1,2})(?P<s>[/.\-])(?P<b>[0-9]{1,2})(?P=s)(?P<y>{YEAR}){TIME}?"
    ),
    "dmy": (
        r"{WD_PREFIX}(?:(?P<d>{DAY})\.?(?:\s+of\s+|\s+|{DASH})|(?P<dw>{ODAY})\s+of\s+)"
        r"(?P<mo>{MONTH})(?:(?:,?\s+|{DASH})(?:of\s+)?(?P<y>{YEAR_TERM}))?{WD_SUFFIX}{TIME}?"
    ),
    "mdy": (
        r"{WD_PREFIX}(?P<mo>{MONTH})(?:\s+(?:the\s+)?|(?<=\.)|{DASH}|/)"
        r"(?:(?P<d>{DAY})|(?P<dw>{ODAY}))"
        r"(?:,?\s+(?:of\s+)?(?P<y>{YEAR_TERM}))?{WD_SUFFIX}{TIME}?"
    ),
    "part_month": r"{PART}{PART_SEP}(?P<mo>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR_TERM}))?",
    "part_rel_month": r"{PART}{PART_SEP}{REL_MONTH}",
    "part_year": r"{PART}{PART_SEP}(?P<y>{YEAR_TERM})",
    "quarter": (
        r"(?:q(?P<q1>[1-4])|(?P<q2>[1-4])q|(?P<qw>first|second|third|fourth|final|last"
        r"|1st|2nd|3rd|4th)\s+(?:quarter|qtr))\b"
        r"(?:(?:\s+of\s+|\s*[,/\-]\s*|\s+)(?P<y>{YEAR_TERM}))?"
    ),
    "half": (
        r"(?:h(?P<h1>[12])|(?P<h2>[12])h|(?P<hw>first|second|1st|2nd)\s+half)\b"
        r"(?:\s+of\s+|\s*[,/\-]\s*|\s+)(?P<y>{YEAR_TERM})"
    ),
    "first_months": (
        r"first\s+(?P<n>[0-9]{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        r"\s+months\s+(?:of\s+)?(?P<y>{YEAR_TERM})"
    ),
    "season": r"(?P<s>spring|summer|autumn|fall)(?:\s+of)?\s+(?P<y>{YEAR_TERM})",
    "this_season": r"(?:this|current)\s+(?P<s>spring|summer|autumn)\b",
    "this_month": r"(?:this|current)\s+(?P<mo>{MONTH})",
    "my": r"(?P<mo>{MONTH})(?:,?\s+(?:of\s+)?|{DASH})(?P<y>{YEAR_TERM})",
    "month": r"(?P<mo>{MONTH})",
    "century": (
        r"(?P<n>1[1-9]|2[01])(?:st|nd|rd|th)\s+century\b"
        r"|(?P<nw>(?:eleven|twelf|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
        r"|twentie)th"
        r"|twenty[\s\-]?first)\s+century\b"
    ),
    "decade": (
        r"(?:(?P<p>early|mid|late)(?:\s*{DASH}\s*|\s+))?(?P<dec>[12][0-9]{2}0)['\u2019]?s\b"
    ),
    "year_range2": r"(?P<y1>{YEAR})\s*(?:{DASH}|/)\s*(?P<y2>[0-9]{2})(?![0-9])",
    "iso_month": r"(?P<y>{YEAR})-(?P<m>[0-9]{2})(?![0-9])",
    "year": r"(?:year\s+|a\.?d\.?\s*)?(?P<y>{YEAR})(?:\s*(?:a\.?d|c\.?e)\b\.?)?",
    "rel_year": r"(?P<rel>previous|current|this|(?<!\bthe\s)(?:last|next))\s+(?:year|yr)\b",
    "after_next": (
        r"(?:(?P<u>month|year)\b|(?P<wd>{WEEKDAY})|(?P<mo>{MONTH}))\s+after\s+(?:the\s+)?next\b"
    ),
    "day_range_dm": (
        r"(?:between\s+)?(?P<d1>{DAY}){RSEP}(?P<d2>{DAY})(?:\s+of)?\s+(?P<mo>{MONTH})"
        r"(?:,?\s+(?P<y>{YEAR_TERM}))?"
    ),
    "day_range_dm_between": (
        r"between\s+(?P<d1>{DAY})\s+and\s+(?P<d2>{DAY})(?:\s+of)?\s+(?P<mo>{MONTH})"
        r"(?:,?\s+(?P<y>{YEAR_TERM}))?"
    ),
    "day_range_md": (
        r"(?P<mo>{MONTH})\s+(?P<d1>{DAY}){RSEP}(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR_TERM}))?"
    ),
    "rel_day": (
        r"(?P<w>today|tonight|yesterday|tomorrow|day\s+before\s+yesterday"
        r"|day\s+after\s+tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b"
        r"(?:\s+(?:morning|afternoon|evening|night)\b)?{TIME}?"
    ),
    "weekday": (
        r"(?:(?P<rel>last|past|next|coming|this)\s+)?(?P<wd>{WEEKDAY})"
        r"(?:\s+(?:morning|afternoon|evening|night)\b)?"
    ),
    "rel_unit": (
        r"(?P<rel>previous|current|this|(?<!\bthe\s)(?:last|next)|past|coming)"
        r"\s+(?P<u>month|quarter|qtr)\b"
    ),
    "ago": r"(?P<parts>{AGO_PART}(?:,?\s+(?:and\s+)?{AGO_PART})*)\s+ago\b",
    "rest_of": r"rest\s+of\s+(?:the\s+|this\s+)?(?P<u>month|year)\b",
    "nth_weekday": (
        r"(?:the\s+)?{NTH}\s+(?P<wd>{WEEKDAY}|day\b)\s+(?:of|in)\s+"
        r"(?:(?P<mo>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR_TERM}))?|{REL_MONTH})"
    ),
    "rel_month_day": r"(?P<d>{DAY})\s+of\s+{REL_MONTH}",
    # parse_date only (see _PARSE_ONLY_SPEC): too easily a fraction or a pair of numbers in prose
    "month_year_numeric": r"(?P<m>1[0-2]|0?[1-9])/(?P<y>{YEAR})",
    "mdy_words": r"(?P<mo>{MONTH})\s+(?P<d>{CDAY})(?:,?\s+(?:of\s+)?(?P<y>{YEAR_TERM}))?",
    "dmy_words": r"(?P<d>{CDAY})\s+(?:of\s+)?(?P<mo>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR_TERM}))?",
    "day_range_rel": (
        r"(?:between\s+)?(?P<d1>{DAY})(?:{RSEP}|\s+and\s+)(?P<d2>{DAY})"
        r"\s+(?:(?:of|in)\s+)?{REL_MONTH}"
    ),
}

# what may stand on either side of "to" / "-" / "between ... and"; longest forms first
_SIDE_FORMS = (
    "iso_day", "numeric", "dmy", "mdy", "part_month", "part_year", "quarter", "half", "season",
    "my", "month", "rel_year", "rel_day",
)  # fmt: skip
_BACKREF = re.compile(r"\(\?P=[A-Za-z_][A-Za-z0-9_]*\)")


def _side_source(name: str) -> str:
    """A form as a range side: no group names, no back-references, no time of day."""
    source = _SRC[name].replace("{ISO_TIME}?", "").replace("{TIME}?", "")
    return _BACKREF.sub(r"[\\-/.]", _NAMED_GROUP.sub("(?:", _expand(source)))


_SIDE = "(?:" + "|".join(_side_source(name) for name in _SIDE_FORMS)
_SIDE += "|" + _expand("{YEAR}") + ")"
# "A to B", "A-B" or "between A and B" (one pattern: the SIDE alternation is large)
_SRC["range"] = (
    r"(?P<btw>between\s+)?(?P<a>" + _SIDE + r")(?(btw)\s+and\s+|{RSEP})(?P<b>" + _SIDE + ")"
)

# parse_date's leading fillers; "the" stays before last/next ("the last year" is a duration)
_LEAD_FILLER = re.compile(
    r"(?:as\s+of|in|on|at|by|since|until|till|from|during|of|for|throughout"
    r"|the(?!\s+(?:last|next)\b))\s+",
    re.IGNORECASE,
)
_LEAD_CHARS = " \t\r\n\f\v\u00a0([{\"'\u201c\u2018\u00ab"
_TRAIL_CHARS = " \t\r\n\f\v\u00a0.,;:!?)]}\"'\u201d\u2019\u00bb"

# find_dates: an expression stands alone (not inside a word or a larger number)
_FIND_BEFORE = r"(?<![\w$\u20ac\u00a3\u00a5\u20b9\u20bd\u20bc])(?<![0-9][.,/\-\u2010-\u2015\u2212])"
_FIND_AFTER = r"(?![\w%])(?![.,/\-\u2010-\u2015\u2212][0-9])"
_UNIT_AFTER = re.compile(
    r"\s*(?:%|(?:per\s*cent|percent|percentage\s+points?|pct|pp|million|mln|mn|billion|bln|bn"
    r"|trillion|thousand|hundred|hectares?|ha|acres?|km2?|kilomet(?:er|re)s?|miles?"
    r"|met(?:er|re)s?|square|sq|cubic|tons?|tonnes?|kg|kilograms?|grams?|lit(?:er|re)s?"
    r"|barrels?|bbl|bpd|mw|gw|kw|kwh|mwh|gwh|twh|dollars?|euros?|pounds?|r[ou]+bles?|manats?"
    r"|rials?|yuan|usd|eur|azn|people|persons?|residents|troops|soldiers|units|vehicles|cars"
    r"|households|jobs|employees|workers|students|homes|houses|deaths|votes|times)\b)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(
    r"(?:[$\u20ac\u00a3\u00a5\u20b9\u20bd\u20bc]|\b(?:USD|EUR|GBP|AZN|RUB|IRR|No\.|no\.|#))\s*$"
)
_NUMERIC_HIT = re.compile(r"[0-9\s/\-\u2010-\u2015\u2212]+")
_FOUR_DIGITS = re.compile(r"[0-9]{4}")
_AMBIGUOUS_LOWER = re.compile(r"\b(?:may|march|mar|sat|sun|wed)\b")
# an ordinal-word day ("March third") is only a date in prose with "of" or a year
_ORDINAL_WORD = re.compile(_expand("{ODAY}"), re.IGNORECASE)
_MONTH_NAME = re.compile(_expand("{MONTH}"), re.IGNORECASE)
# "16. Nov" (day with a period) is only a date in prose with a year
_DOTTED_DAY = re.compile(r"[0-9]{1,2}\.\s")
_LONE_ABBREVIATION = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec)\.?", re.IGNORECASE
)


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


# ---------------------------------------------------------------------- public API


def _strip(text: str) -> str:
    """Drop surrounding punctuation and leading filler words ("in", "as of the", ...)."""
    text = text.strip(_LEAD_CHARS)
    while (match := _LEAD_FILLER.match(text)) is not None:
        text = text[match.end() :].lstrip(_LEAD_CHARS)
    return text.rstrip(_TRAIL_CHARS)


_W_UNITS = "one two three four five six seven eight nine".split()
_W_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_W_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_W_VALUES = (
    {w: n for n, w in enumerate(_W_UNITS, 1)}
    | {w: n for n, w in enumerate(_W_TEENS, 10)}
    | {w: 10 * n for n, w in enumerate(_W_TENS, 2)}
)
_W_DECADES = {
    w: 10 * n
    for n, w in enumerate(
        "tens twenties thirties forties fifties sixties seventies eighties nineties".split(), 1
    )
}
_W_BELOW_100 = "(?:(?:{t})(?:[\\s\\-]+(?:{u}))?|{teen}|{u})".format(
    t="|".join(_W_TENS), u="|".join(_W_UNITS), teen="|".join(_W_TEENS)
)
_W_10_TO_99 = "(?:(?:{t})(?:[\\s\\-]+(?:{u}))?|{teen})".format(
    t="|".join(_W_TENS), u="|".join(_W_UNITS), teen="|".join(_W_TEENS)
)
_W_CENTURY = "(?:" + "|".join(_W_TEENS) + "|twenty)"
# years and decades written in words ("nineteen seventy eight", "two thousand and
# eighteen", "one thousand seven hundred and eighty nine", "the nineteen seventies")
_SPELLED_YEAR = re.compile(
    rf"\b(?:(?P<dc>{_W_CENTURY})[\s\-]+(?P<dd>{'|'.join(_W_DECADES)})"
    r"|(?P<d2010>two\s+thousand\s+and\s+tens)|(?P<d2000>two\s+thousands|noughties)"
    rf"|(?P<th>one|two)\s+thousand(?:(?:\s+and)?\s+(?:(?P<h>{'|'.join(_W_UNITS)})\s+hundred"
    rf"(?:(?:\s+and)?\s+(?P<r>{_W_BELOW_100}))?|(?P<r2>{_W_BELOW_100})))?"
    rf"|(?P<ch>{_W_CENTURY})\s+hundred(?:(?:\s+and)?\s+(?P<chr>{_W_BELOW_100}))?"
    rf"|(?P<c>{_W_CENTURY})\s+(?P<yy>{_W_10_TO_99}))\b",
    re.IGNORECASE,
)


def _word_value(words: str | None) -> int:
    return sum(_W_VALUES.get(w, 0) for w in re.split(r"[\s\-]+", words.casefold())) if words else 0


def _spell_one(m: re.Match[str]) -> str:
    if m["dc"]:
        return f"{_word_value(m['dc']) * 100 + _W_DECADES[m['dd'].casefold()]}s"
    if m["d2010"]:
        return "2010s"
    if m["d2000"]:
        return "2000s"
    if m["th"]:
        hundreds = _word_value(m["h"]) * 100
        return str(_word_value(m["th"]) * 1000 + hundreds + _word_value(m["r"] or m["r2"]))
    if m["ch"]:
        return str(_word_value(m["ch"]) * 100 + _word_value(m["chr"]))
    return str(_word_value(m["c"]) * 100 + _word_value(m["yy"]))


def _spelled_years(text: str) -> str:
    """``text`` with years and decades written in words replaced by digits."""
    return _SPELLED_YEAR.sub(_spell_one, text)


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

"""The date grammar of :mod:`claimcheck.normalize.dates`: month, weekday and ordinal words,
the regular expressions built from named pieces, and years written in words."""

from __future__ import annotations

import re

from ..vocab.calendar import MONTH_NAMES, WEEKDAY_NAMES
from ..vocab.numbers import NUMBER_WORDS, TEENS, TENS, UNITS

# --------------------------------------------------------------------------- words

_MONTHS = {name[:3]: n for n, name in enumerate(MONTH_NAMES, 1)}
_WEEKDAYS = {name: n for n, name in enumerate(WEEKDAY_NAMES)}
_NUMBER_WORDS = {"a": 1, "an": 1} | {word: n for word, n in NUMBER_WORDS.items() if 1 <= n <= 12}
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


_W_UNITS = list(UNITS)
_W_TEENS = list(TEENS)
_W_TENS = list(TENS)
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

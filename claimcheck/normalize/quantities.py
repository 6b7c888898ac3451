"""Turn the surface text of a figure into a normalised value.

The span detector (spaCy) finds *where* a figure is; this module reads the
span's text: ``"around $580 million"`` becomes 5.8e8 USD, approximate. It is
pure (stdlib only) and never raises: what it cannot read gives ``None``.

Grammar, loosely (phrases come from the public tables below)::

    quantity := [hedge] amount
              | [approx-hedge] ["between" | "from"] amount separator amount
    amount   := [sign] [currency] [sign] magnitude [suffix-hedge] [unit [subunits]] [suffix-hedge]
    magnitude:= numeral ["point" digits] [scale [scale]] | number words | word fraction
    subunits := ["and"] number subunit              ("3 dollars 50 cents")

The whole text must be a quantity: words around it that are not part of one
("a 20 percent rise") make the result ``None``. Surrounding punctuation and a
leading article ("the", "a"/"an" before a figure) are ignored.

All table keys are lowercase and are matched case-insensitively, token by
token, with three exceptions: ISO codes (``CURRENCY_CODES``) only count when
written in capitals ("USD", not "usd" or "try"); the one-letter units "m" and
"t" only in lowercase; and the scales "m", "mm", "b" and "t" only in money
("$3.2m", "3.2m euros", "$2.1T"; a bare "5m" is five metres, "5t" five tonnes).

Currency names may also stand before the figure ("ringgit 42", "euro 5
billion"), and letter prefixes of "$" may be spaced ("US $ 150 million").
Subunits ("cents", "pence", "sen") are 1/100 of a main unit: standalone,
"cents" and "¢" are US cents (the convention that makes bare "dollars" USD) and
"pence" British pence; after a main amount they add to it in its currency.
Slash fractions ("3/4") are refused on purpose: "9/11" and "24/7" look the same.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from claimcheck.records import Hedge

__all__ = [
    "CURRENCY_CODES",
    "CURRENCY_SUBUNITS",
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "FRACTION_WORDS",
    "HEDGE_PHRASES",
    "HEDGE_SUFFIXES",
    "MONEY_ONLY_SCALES",
    "NUMBER_WORDS",
    "PERCENT_WORDS",
    "RANGE_WORDS",
    "SCALE_WORDS",
    "UNIT_FACTORS",
    "UNIT_WORDS",
    "ParsedQuantity",
    "parse_number",
    "parse_quantity",
]


@dataclass(frozen=True, slots=True)
class ParsedQuantity:
    """A figure read from text.

    ``value`` is the figure (the lower bound for a range), scale words and
    unit multiples applied: "2 bcm" is 2e9 cubic metres, "50 basis points" is
    0.5 percentage points. ``value_max`` is set for ranges only.
    """

    value: float
    value_max: float | None  # set for ranges only
    unit: str | None  # ISO 4217 code, "percent", "percentage_point", a unit name, or None
    unit_kind: str  # "money" | "percent" | "measure" | "number"
    hedge: Hedge
    hedge_text: str | None  # the hedge words as written, e.g. "around", "more than"


# --------------------------------------------------------------------------
# Public tables (lowercase keys)
# --------------------------------------------------------------------------

#: Words written before a figure that qualify it ("more than 400,000").
HEDGE_PHRASES: dict[str, Hedge] = {
    **dict.fromkeys(
        [
            "about", "around", "approximately", "approx", "approx.", "roughly", "some",
            "nearly", "almost", "close to", "an estimated", "estimated", "circa", "ca.",
            "c.", "~", "≈", "around about", "just about", "in the region of",
            "in the order of", "on the order of", "an approximate", "approximate",
        ],
        Hedge.APPROX,
    ),
    **dict.fromkeys(
        [
            "more than", "over", "above", "exceeding", "exceeds", "exceeded", "in excess of",
            "upwards of", "upward of", "north of", "just over", "well over", "well above",
            "greater than", "higher than", "surpassing", "topping", ">",
        ],
        Hedge.MORE_THAN,
    ),
    **dict.fromkeys(
        [
            "at least", "no less than", "not less than", "no fewer than", "not fewer than",
            "a minimum of", "minimum of", "≥", ">=",
            "greater than or equal to", "more than or equal to", "equal to or greater than",
            "equal to or more than", "equal to or above",
        ],
        Hedge.AT_LEAST,
    ),
    **dict.fromkeys(
        [
            "less than", "fewer than", "under", "below", "just under", "just below",
            "well under", "well below", "lower than", "just shy of", "short of",
            "just short of", "<",
        ],
        Hedge.LESS_THAN,
    ),
    **dict.fromkeys(
        [
            "up to", "at most", "no more than", "not more than", "a maximum of",
            "maximum of", "as many as", "as much as", "as high as", "not exceeding",
            "no greater than", "≤", "<=",
            "less than or equal to", "fewer than or equal to", "equal to or less than",
            "equal to or fewer than", "equal to or below",
        ],
        Hedge.AT_MOST,
    ),
}

#: Words written after a figure that qualify it ("400,000 or more", "120+", "40-odd").
HEDGE_SUFFIXES: dict[str, Hedge] = {
    **dict.fromkeys(
        [
            "or more", "or above", "or over", "or higher", "or greater", "and more",
            "and above", "and over", "and up", "plus", "+", "-plus",
        ],
        Hedge.AT_LEAST,
    ),
    **dict.fromkeys(
        ["or less", "or fewer", "or below", "or under", "or lower", "and below", "and under"],
        Hedge.AT_MOST,
    ),
    **dict.fromkeys(["or so", "or thereabouts", "odd", "-odd"], Hedge.APPROX),
}

#: Words that open or join a range: "between X and Y", "from X to Y", "X to Y",
#: "X-Y", "X–Y" (en and em dashes are read as "–"), "X~Y".
RANGE_WORDS: frozenset[str] = frozenset(
    {"between", "from", "and", "to", "through", "-", "–", "~"}
)

_RANGE_OPENERS = ("between", "from")
_RANGE_SEPARATORS: dict[str | None, tuple[str, ...]] = {
    "between": ("and", "to", "-", "–"),
    "from": ("to", "through", "-", "–"),
    None: ("to", "through", "-", "–", "~"),
}

#: Multipliers written after a numeral ("1.2bn", "3.5 mln", "Rs 500 crore").
#: Plurals ("3 millions", "2 dozens") are non-standard but common in translated news.
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "dozen": 12, "dozens": 12,
    "thousand": 1e3, "thousands": 1e3, "k": 1e3,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "lkh": 1e5, "lkhs": 1e5,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "m": 1e6, "mm": 1e6,
    "crore": 1e7, "crores": 1e7, "krore": 1e7, "krores": 1e7, "cr": 1e7,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12, "trln": 1e12, "t": 1e12,
}

#: Scales that only count in money ("$3.2m", "$2.1T"); elsewhere "5m" is five
#: metres and "5t" five tonnes.
MONEY_ONLY_SCALES: frozenset[str] = frozenset({"m", "mm", "b", "t"})

#: Number words (the building blocks; "hundred" and the scales come on top).
NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    word: 10 * (k + 2)
    for k, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
} | {"nought": 0, "naught": 0, "nil": 0}

#: Denominators of word fractions ("two thirds", "a quarter", "one-half", "five and a fifth").
FRACTION_WORDS: dict[str, int] = {
    **dict.fromkeys(["half", "halves"], 2),
    **dict.fromkeys(["third", "thirds"], 3),
    **dict.fromkeys(["quarter", "quarters", "fourth", "fourths"], 4),
    **{
        word + suffix: n
        for n, word in enumerate("fifth sixth seventh eighth ninth tenth".split(), start=5)
        for suffix in ("", "s")
    },
    **dict.fromkeys(["hundredth", "hundredths"], 100),
    **dict.fromkeys(["thousandth", "thousandths"], 1000),
}

#: Currency symbols and abbreviations, written before or after the figure.
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD",
    "hk$": "HKD", "s$": "SGD", "nz$": "NZD", "nt$": "TWD", "r$": "BRL", "mx$": "MXN",
    "u.s.$": "USD", "u.s$": "USD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "cn¥": "CNY", "rmb": "CNY", "元": "CNY", "rm": "MYR",
    "₼": "AZN", "₽": "RUB", "₹": "INR", "rs": "INR", "rs.": "INR", "₺": "TRY", "tl": "TRY",
    "﷼": "IRR", "₩": "KRW", "₪": "ILS", "₴": "UAH", "₸": "KZT", "₾": "GEL", "֏": "AMD",
    "₦": "NGN", "₱": "PHP", "฿": "THB", "₫": "VND", "zł": "PLN",
    "₡": "CRC", "₭": "LAK",
}

#: ISO 4217 codes, matched only when written in capitals ("USD 1.2bn", "650 million USD").
CURRENCY_CODES: frozenset[str] = frozenset(
    """USD EUR GBP JPY CNY CHF CAD AUD NZD HKD SGD TWD KRW SEK NOK DKK ISK PLN CZK HUF RON
    BGN RSD RUB UAH BYN MDL KZT UZS KGS TJS TMT AZN AMD GEL TRY IRR IQD SAR AED QAR KWD
    BHD OMR JOD ILS EGP LBP SYP YER MAD TND DZD LYD PKR INR BDT LKR NPR AFN IDR MYR THB
    VND PHP BRL MXN ARS CLP COP PEN ZAR NGN KES ETB GHS XAF XOF CRC LAK""".split()
)

_DOLLAR_CODES = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN"})


def _plural(words: str, code: str, *, plural: str = "s") -> dict[str, str]:
    """{"x": code, "x<plural>": code} for each comma-separated phrase in ``words``."""
    table: dict[str, str] = {}
    for word in words.split(","):
        word = word.strip()
        table[word] = code
        table[word + plural] = code
    return table


#: Currency names, written after the figure ("5 billion euros", "3 trillion rials").
#: "dollars" alone means USD by convention; "toman" (10 rials) is kept apart as "IRT".
CURRENCY_WORDS: dict[str, str] = {
    **_plural("dollar, us dollar, u.s. dollar, american dollar", "USD"),
    **_plural("canadian dollar", "CAD"),
    **_plural("australian dollar", "AUD"),
    **_plural("hong kong dollar", "HKD"),
    **_plural("singapore dollar", "SGD"),
    **_plural("new zealand dollar", "NZD"),
    **_plural("taiwan dollar, new taiwan dollar", "TWD"),
    **_plural("euro", "EUR"),
    **_plural("pound, british pound, pound sterling", "GBP"),
    "sterling": "GBP", "pounds sterling": "GBP",
    **_plural("egyptian pound", "EGP"),
    **_plural("lebanese pound", "LBP"),
    **_plural("syrian pound", "SYP"),
    "yen": "JPY", "japanese yen": "JPY",
    "yuan": "CNY", "chinese yuan": "CNY", "renminbi": "CNY",
    **_plural("swiss franc", "CHF"),
    **_plural("rupee, indian rupee", "INR"),
    **_plural("pakistani rupee", "PKR"),
    **_plural("sri lankan rupee", "LKR"),
    **_plural("nepalese rupee", "NPR"),
    **_plural("ruble, rouble, russian ruble, russian rouble", "RUB"),
    **_plural("lira, turkish lira", "TRY"),
    **_plural("manat, azerbaijani manat", "AZN"),
    **_plural("turkmen manat", "TMT"),
    **_plural("rial, iranian rial", "IRR"),
    **_plural("toman", "IRT"),
    **_plural("omani rial", "OMR"),
    **_plural("saudi riyal", "SAR"),
    **_plural("qatari riyal", "QAR"),
    **_plural("dram, armenian dram", "AMD"),
    **_plural("lari, georgian lari", "GEL"),
    "tenge": "KZT", "kazakh tenge": "KZT",
    **_plural("hryvnia, hryvna", "UAH"),
    "zloty": "PLN", "zlotys": "PLN",
    **_plural("forint", "HUF"),
    "won": "KRW", "south korean won": "KRW",
    "rand": "ZAR", "naira": "NGN", "rupiah": "IDR", "baht": "THB",
    **_plural("ringgit, malaysian ringgit", "MYR"),
    "dong": "VND", "somoni": "TJS",
    **_plural("uae dirham, emirati dirham", "AED"),
    **_plural("moroccan dirham", "MAD"),
    **_plural("iraqi dinar", "IQD"),
    **_plural("kuwaiti dinar", "KWD"),
    **_plural("jordanian dinar", "JOD"),
    **_plural("bahraini dinar", "BHD"),
    **_plural("shekel, new shekel", "ILS"),
    **_plural("afghani", "AFN"),
    "reais": "BRL", **_plural("brazilian real", "BRL"),
    **_plural("mexican peso", "MXN"),
    **_plural("argentine peso", "ARS"),
    **_plural("philippine peso", "PHP"),
    **_plural("colombian peso", "COP"),
    **_plural("chilean peso", "CLP"),
    "krona": "SEK", "kronor": "SEK", "swedish krona": "SEK", "swedish kronor": "SEK",
    "norwegian krone": "NOK", "norwegian kroner": "NOK",
    "danish krone": "DKK", "danish kroner": "DKK",
}

#: Currency subunits, 1/100 of a main unit. Standalone they read as the code given
#: ("50 cents" is 0.50 USD by the convention that makes bare "dollars" USD; "470
#: pence" 4.70 GBP); those mapped to None only count after a main amount, where
#: every subunit adds to it in the main unit's currency ("20 ringgit and 43 sen").
CURRENCY_SUBUNITS: dict[str, str | None] = {
    **dict.fromkeys(["cent", "cents", "¢"], "USD"),
    "pence": "GBP",
    **dict.fromkeys(
        ["penny", "pennies", "sen", "sens", "paisa", "paise", "kopek", "kopeks", "kopeck",
         "kopecks", "kopiyka", "kopiykas", "qəpik", "qapik", "tetri", "luma", "centime",
         "centimes", "fils", "halala", "halalas"],
        None,
    ),
}
_SUBUNIT_FACTOR = 0.01

#: Percent words. Values: "percent" or "percentage_point" (basis points are
#: converted, see ``UNIT_FACTORS``).
PERCENT_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ["%", "percent", "percents", "per cent", "per-cent", "pct", "pc", "percentage"], "percent"
    ),
    **dict.fromkeys(
        [
            "percentage point", "percentage points", "percentage-point", "percentage-points",
            "percentage pt", "percentage pts", "% point", "% points", "pp", "ppt", "ppts",
            "basis point", "basis points", "basis-point", "basis-points", "bp", "bps",
        ],
        "percentage_point",
    ),
}

#: Units of measure, normalised.
UNIT_WORDS: dict[str, str] = {
    **_plural("hectare", "hectare"), "ha": "hectare",
    **_plural("acre", "acre"),
    **_plural("cubic metre, cubic meter", "cubic_metre"),
    "cubic metres": "cubic_metre", "m3": "cubic_metre", "m³": "cubic_metre",
    "cu m": "cubic_metre", "bcm": "cubic_metre", "tcm": "cubic_metre", "mcm": "cubic_metre",
    "cubic feet": "cubic_foot", "cubic foot": "cubic_foot", "bcf": "cubic_foot",
    "tcf": "cubic_foot",
    **_plural("kilometre, kilometer", "km"), "km": "km", "kms": "km",
    **_plural("square kilometre, square kilometer", "sq_km"),
    "sq km": "sq_km", "sq. km": "sq_km", "km2": "sq_km", "km²": "sq_km",
    **_plural("square metre, square meter", "sq_m"),
    "sq m": "sq_m", "sq. m": "sq_m", "m2": "sq_m", "m²": "sq_m",
    **_plural("square mile", "sq_mile"), "sq mi": "sq_mile", "sq. mi": "sq_mile",
    **_plural("metre, meter", "m"), "m": "m",
    "mm": "mm", "cm": "cm",
    **_plural("mile", "mile"), "mi": "mile",
    "foot": "foot", "feet": "foot", "ft": "foot",
    "inch": "inch", "inches": "inch",
    **_plural("square foot", "sq_ft"), "square feet": "sq_ft", "sq ft": "sq_ft", "sq. ft": "sq_ft",
    "miles per hour": "mph", "miles an hour": "mph", "mph": "mph",
    "kilometres per hour": "km_h", "kilometers per hour": "km_h", "kilometres an hour": "km_h",
    "kilometers an hour": "km_h", "km/h": "km_h", "kph": "km_h",
    **_plural("tonne, ton, metric ton, metric tonne", "tonne"), "t": "tonne",
    **_plural("kilogram, kilo", "kg"), "kg": "kg", "kgs": "kg",
    **_plural("gram", "g"),
    "lb": "lb", "lbs": "lb",
    **_plural("ounce", "ounce"), "oz": "ounce",
    **_plural("litre, liter", "litre"),
    **_plural("millilitre, milliliter", "ml"), "ml": "ml",
    **_plural("gallon", "gallon"),
    **_plural("barrel", "barrel"), "bbl": "barrel", "bbls": "barrel",
    "barrels per day": "barrel_per_day", "barrels a day": "barrel_per_day",
    "bpd": "barrel_per_day", "b/d": "barrel_per_day", "bbl/d": "barrel_per_day",
    **_plural("megawatt", "MW"), "mw": "MW",
    **_plural("gigawatt", "GW"), "gw": "GW",
    **_plural("kilowatt", "kW"), "kw": "kW",
    **_plural("watt-hour, watt hour", "Wh"), "wh": "Wh",
    **_plural("kilowatt-hour, kilowatt hour", "kWh"), "kwh": "kWh",
    **_plural("megawatt-hour, megawatt hour", "MWh"), "mwh": "MWh",
    **_plural("gigawatt-hour, gigawatt hour", "GWh"), "gwh": "GWh",
    **_plural("terawatt-hour, terawatt hour", "TWh"), "twh": "TWh",
    "teu": "TEU", "teus": "TEU",
    **dict.fromkeys(
        ["°c", "degree celsius", "degrees celsius", "degree centigrade", "degrees centigrade"],
        "celsius",
    ),
    **dict.fromkeys(["°f", "degree fahrenheit", "degrees fahrenheit"], "fahrenheit"),
}

#: Multiples implied by a unit or percent word: "2 bcm" is 2e9 cubic metres,
#: "50 bps" 0.5 percentage points.
UNIT_FACTORS: dict[str, float] = {
    "bcm": 1e9, "tcm": 1e12, "mcm": 1e6, "bcf": 1e9, "tcf": 1e12,
    **dict.fromkeys(
        ["basis point", "basis points", "basis-point", "basis-points", "bp", "bps"], 0.01
    ),
}

# "3.5 × 10^9"
_TIMES = ("×", "x", "*")

# One-letter units only count in lowercase ("5 m", not "5 M").
_LOWERCASE_ONLY = frozenset({"m", "t"})

# Longest inputs read at all; a figure is never longer.
_MAX_CHARS = 1000
_MAX_TOKENS = 48

# --------------------------------------------------------------------------
# Text -> tokens
# --------------------------------------------------------------------------

_CHAR_MAP = {
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\ufe63": "-", "\uff0d": "-",
    "\u2012": "–", "\u2013": "–", "\u2014": "–", "\u2015": "–",
    "\u066b": ".", "\u066c": ",", "\u066a": "%",
}

_TOKEN_RE = re.compile(
    r"(?P<num>(?:[0-9]+(?:[.,][0-9]+)*|(?<![0-9.,])\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<word>[^\W\d_]+)|(?P<space>\s+)|.",
    re.DOTALL,
)

_LEADING_PUNCT = frozenset('([{"\'“‘«')
_TRAILING_PUNCT = frozenset('.,;:!?)]}"\'”’»')


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "num" | "word" | "sym"
    text: str  # normalised, case kept
    low: str
    start: int  # offsets into the original text
    end: int
    glued: bool  # no whitespace before it


def _normalise_char(char: str) -> str:
    """One character, length kept: digits of any script to ASCII, dashes unified."""
    if char in _CHAR_MAP:
        return _CHAR_MAP[char]
    if char.isascii():
        return char
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        return str(digit)
    if unicodedata.category(char) != "No":  # keep superscripts and fractions as they are
        folded = unicodedata.normalize("NFKC", char)
        if len(folded) == 1:
            return folded
    return char


def _tokenize(text: str) -> list[_Tok]:
    """Tokens of ``text`` (numerals, words, single symbols), offsets into ``text``."""
    norm = "".join(_normalise_char(c) for c in text)
    toks: list[_Tok] = []
    glued = False
    for m in _TOKEN_RE.finditer(norm):
        if m.lastgroup == "space":
            glued = False
            continue
        kind = m.lastgroup or "sym"
        piece = m.group()
        toks.append(_Tok(kind, piece, piece.lower(), m.start(), m.end(), glued and bool(toks)))
        glued = True
    return _join_space_groups(toks, norm)


def _join_space_groups(toks: list[_Tok], norm: str) -> list[_Tok]:
    """Merge "1 200 000" into one numeral "1,200,000" (one whitespace between groups)."""
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        j = i + 1
        if tok.kind == "num" and tok.text.isdigit() and len(tok.text) <= 3:
            while (
                j < len(toks)
                and toks[j].kind == "num"
                and len(toks[j].text) == 3
                and toks[j].text.isdigit()
                and toks[j].start - toks[j - 1].end == 1
                and norm[toks[j - 1].end].isspace()
            ):
                j += 1
        if j > i + 1:
            text = ",".join(t.text for t in toks[i:j])
            out.append(_Tok("num", text, text, tok.start, toks[j - 1].end, tok.glued))
        else:
            out.append(tok)
        i = j
    return out


def _trim(toks: list[_Tok]) -> list[_Tok]:
    """Drop surrounding punctuation and a leading article."""
    lo, hi = 0, len(toks)
    while lo < hi and toks[lo].text in _LEADING_PUNCT:
        lo += 1
    while hi > lo and toks[hi - 1].text in _TRAILING_PUNCT:
        hi -= 1
    if lo < hi and toks[lo].low == "the":
        lo += 1
    if (
        hi - lo > 1
        and toks[lo].low in ("a", "an")
        and toks[lo + 1].kind != "word"
        and not toks[lo + 1].glued
    ):
        lo += 1
    return toks[lo:hi]


# --------------------------------------------------------------------------
# Phrase tables -> token-level indexes
# --------------------------------------------------------------------------

_Index = dict[str, list[tuple[tuple[tuple[str, bool], ...], Any, str]]]


def _index(table: Mapping[str, Any]) -> _Index:
    """First token -> [(key tokens (low, glued), value, key)], longest key first."""
    index: _Index = {}
    for key, value in table.items():
        ktoks = tuple((t.low, t.glued) for t in _tokenize(key))
        if ktoks:
            index.setdefault(ktoks[0][0], []).append((ktoks, value, key))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


_HEDGE_INDEX = _index(HEDGE_PHRASES)
_SUFFIX_INDEX = _index(HEDGE_SUFFIXES)
_SCALE_INDEX = _index(SCALE_WORDS)
_SYMBOL_INDEX = _index(CURRENCY_SYMBOLS)
_SUBUNIT_INDEX = _index(CURRENCY_SUBUNITS)
_FRACTION_INDEX = _index(FRACTION_WORDS)
_CURWORD_INDEX = _index(CURRENCY_WORDS)
_PERCENT_INDEX = _index(PERCENT_WORDS)
_UNIT_INDEX = _index(UNIT_WORDS)

# --------------------------------------------------------------------------
# Numerals
# --------------------------------------------------------------------------


def _ungroup(int_part: str, sep: str) -> str | None:
    """Digits of a grouped integer ("1,200,000", Indian "12,34,567"), or None."""
    head, *tail = int_part.split(sep)
    if not head or head[0] == "0" or not tail:
        return None
    western = len(head) <= 3 and all(len(p) == 3 for p in tail)
    indian = (
        sep == ","
        and len(tail) >= 2
        and len(head) <= 2
        and all(len(p) == 2 for p in tail[:-1])
        and len(tail[-1]) == 3
    )
    return "".join([head, *tail]) if western or indian else None


def _canonical(numeral: str) -> str | None:
    """``numeral`` (digits with "," and "." separators) as "digits[.digits]", or None.

    A comma followed by exactly three digits groups thousands, any other
    comma is a decimal comma; a single dot is a decimal point; where both
    appear, the last one is the decimal mark. Invalid grouping gives None.
    """
    has_comma, has_dot = "," in numeral, "." in numeral
    if has_comma and has_dot:
        dec = "," if numeral.rfind(",") > numeral.rfind(".") else "."
        int_part, frac = numeral.rsplit(dec, 1)
        if dec in int_part:
            return None
        digits = _ungroup(int_part, "." if dec == "," else ",")
        return None if digits is None else f"{digits}.{frac}"
    if not (has_comma or has_dot):
        return numeral
    sep = "," if has_comma else "."
    parts = numeral.split(sep)
    if len(parts) == 2 and (sep == "." or len(parts[1]) != 3):
        return f"{parts[0]}.{parts[1]}"
    return _ungroup(numeral, sep)


def _numeral_value(text: str) -> float | None:
    """A numeral token ("400,000", "3,5", "1e308") as a finite float, or None."""
    mantissa, _, exponent = text.replace("E", "e").partition("e")
    canon = _canonical(mantissa)
    if canon is None:
        return None
    value = float(f"{canon}e{exponent}" if exponent else canon)
    return value if math.isfinite(value) else None


def _power(base: float, exponent: int) -> float | None:
    """``base ** exponent``, or None on overflow."""
    try:
        value = base**exponent
    except (OverflowError, ZeroDivisionError):
        return None
    return value if isinstance(value, float) and math.isfinite(value) else None


# --------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mag:
    raw: float  # the figure before its scale word
    scale: float = 1.0
    money_only: bool = False  # used "m" / "b"


@dataclass(frozen=True, slots=True)
class _Unit:
    code: str | None
    kind: str
    factor: float = 1.0


_NUMBER = _Unit(None, "number")


@dataclass(frozen=True, slots=True)
class _Amount:
    sign: float
    mag: _Mag
    unit: _Unit
    hedge: tuple[Hedge, str] | None
    extra: float = 0.0  # subunits in main units ("3 dollars 50 cents": 0.5)

    def value(self, scale: float | None = None, unit: _Unit | None = None) -> float:
        scale = self.mag.scale if scale is None else scale
        factor = (unit or self.unit).factor
        return self.sign * (self.mag.raw * scale * factor + self.extra)


class _Parser:
    """Backtracking reader over the tokens of one text (generators yield
    alternatives, preferred first; the first complete reading wins)."""

    def __init__(self, text: str, toks: list[_Tok]) -> None:
        self.text = text
        self.toks = toks
        self.n = len(toks)

    # -- small helpers -----------------------------------------------------

    def _low(self, i: int) -> str | None:
        return self.toks[i].low if i < self.n else None

    def _glued(self, i: int) -> bool:
        return i < self.n and self.toks[i].glued

    def _written(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start : self.toks[j - 1].end]

    def _match(
        self, index: _Index, i: int, *, loose: bool = False
    ) -> Iterator[tuple[Any, int, str]]:
        """Table entries whose key starts at token ``i``: (value, end, key), longest first.

        Pieces written together in a key must be written together in the text,
        unless ``loose`` ("US $" for "US$")."""
        if i >= self.n:
            return
        for ktoks, value, key in index.get(self.toks[i].low, ()):
            j = i
            for k, (low, glued) in enumerate(ktoks):
                tok = self.toks[j] if j < self.n else None
                if tok is None or tok.low != low or (k and glued and not tok.glued and not loose):
                    break
                j += 1
            else:
                yield value, j, key

    def _hyphen(self, i: int) -> int | None:
        """Index after a hyphen glued on both sides ("580-million"), else None."""
        if i < self.n and self.toks[i].text == "-" and self._glued(i) and self._glued(i + 1):
            return i + 1
        return None

    # -- top level ---------------------------------------------------------

    def parse(self) -> ParsedQuantity | None:
        for pre, i0 in self._prefix_hedges(0):
            for opener, i1 in self._openers(i0):
                for first, i2 in self._amounts(i1):
                    for sep, i3 in self._separators(i2, opener):
                        for second, i4 in self._amounts(i3):
                            if i4 == self.n:
                                result = self._range(pre, opener, sep, first, second)
                                if result is not None:
                                    return result
                    if opener is None and i2 == self.n:
                        result = self._single(pre, first)
                        if result is not None:
                            return result
        return None

    def _prefix_hedges(self, i: int) -> Iterator[tuple[tuple[Hedge, str] | None, int]]:
        for hedge, j, _ in self._match(_HEDGE_INDEX, i):
            yield (hedge, self._written(i, j)), j
        yield None, i

    def _suffix_hedges(self, i: int) -> Iterator[tuple[tuple[Hedge, str] | None, int]]:
        for hedge, j, _ in self._match(_SUFFIX_INDEX, i):
            yield (hedge, self._written(i, j)), j
        yield None, i

    def _openers(self, i: int) -> Iterator[tuple[tuple[str, str] | None, int]]:
        if self._low(i) in _RANGE_OPENERS:
            yield (self.toks[i].low, self._written(i, i + 1)), i + 1
        yield None, i

    def _separators(
        self, i: int, opener: tuple[str, str] | None
    ) -> Iterator[tuple[str, int]]:
        seps = _RANGE_SEPARATORS[opener[0] if opener else None]
        if self._low(i) in seps:
            yield self._written(i, i + 1), i + 1
        # a suspended hyphen: "8- to 16-metre", "20- and 30-year"
        if self._low(i) == "-" and self._glued(i) and self._low(i + 1) in ("to", "and", "through"):
            if self._low(i + 1) in seps:
                yield self._written(i, i + 2), i + 2

    # -- one amount ----------------------------------------------------------

    def _amounts(self, i: int) -> Iterator[tuple[_Amount, int]]:
        for sign1, explicit1, i1 in self._signs(i):
            for currency, i2 in self._currency_before(i1):
                signs = self._signs(i2) if currency and not explicit1 else [(1.0, False, i2)]
                for sign2, _, i3 in signs:
                    for mag, i4 in self._magnitudes(i3):
                        yield from self._amount_tail(sign1 * sign2, currency, mag, i4)

    def _amount_tail(
        self, sign: float, currency: tuple[str, bool] | None, mag: _Mag, i: int
    ) -> Iterator[tuple[_Amount, int]]:
        for inner, i1 in self._suffix_hedges(i):
            for unit, i2 in self._units(i1, currency):
                for extra, i3 in self._subunits(unit, mag, i2):
                    if inner is not None:
                        yield _Amount(sign, mag, unit, inner, extra), i3
                        continue
                    for outer, i4 in self._suffix_hedges(i3):
                        yield _Amount(sign, mag, unit, outer, extra), i4

    def _subunits(self, unit: _Unit, mag: _Mag, i: int) -> Iterator[tuple[float, int]]:
        """Subunits after a whole main amount ("3 dollars [and] 50 cents"), or none."""
        if unit.kind == "money" and unit.factor == 1.0 and mag.scale == 1.0 and mag.raw % 1 == 0:
            start = i + 1 if self._low(i) == "and" else i
            for count, j in self._subunit_counts(start):
                for _, k, _ in self._match(_SUBUNIT_INDEX, j):
                    yield count * _SUBUNIT_FACTOR, k
        yield 0.0, i

    def _subunit_counts(self, i: int) -> list[tuple[int, int]]:
        """A whole number of subunits, 1-99, in digits or words."""
        if i < self.n and self.toks[i].kind == "num" and self.toks[i].text.isdigit():
            count = int(self.toks[i].text)
            return [(count, i + 1)] if 0 < count < 100 else []
        return [(v, j) for v, j in self._below_hundred(i) if 0 < v < 100]

    def _signs(self, i: int) -> Iterator[tuple[float, bool, int]]:
        """(sign, explicit, next): "-5", "−5", "–5", "+5", "minus 5", or no sign."""
        if i < self.n:
            tok = self.toks[i]
            if tok.text in ("-", "–", "+") and self._glued(i + 1):
                yield (-1.0 if tok.text != "+" else 1.0), True, i + 1
            elif tok.low in ("minus", "negative"):
                yield -1.0, True, i + 1
        yield 1.0, False, i

    def _code(self, i: int) -> str | None:
        """An ISO code written in capitals at token ``i``."""
        if i < self.n and self.toks[i].text in CURRENCY_CODES:
            return self.toks[i].text
        return None

    def _currency_before(self, i: int) -> Iterator[tuple[tuple[str, bool] | None, int]]:
        """(code, is bare "$"), next — or no currency. Symbols ("US $"), ISO
        codes and currency names ("ringgit 42")."""
        for code, j, key in self._match(_SYMBOL_INDEX, i, loose=True):
            yield (str(code), key == "$"), j
        code = self._code(i)
        if code:
            yield (code, False), i + 1
        for code, j, _ in self._match(_CURWORD_INDEX, i):
            yield (str(code), False), j
        yield None, i

    def _currency_after(self, i: int) -> Iterator[tuple[str, int]]:
        code = self._code(i)
        if code:
            yield code, i + 1
        for start in [i] + [h for h in [self._hyphen(i)] if h is not None]:  # "one-yen"
            for value, j, _ in self._match(_CURWORD_INDEX, start):
                yield str(value), j
        for value, j, _ in self._match(_SYMBOL_INDEX, i, loose=True):
            yield str(value), j

    def _units(self, i: int, currency: tuple[str, bool] | None) -> Iterator[tuple[_Unit, int]]:
        """What follows the figure: a currency, percent or unit word, or nothing."""
        if currency is not None:
            code, bare_dollar = currency
            for after, j in self._currency_after(i):
                if after == code or (bare_dollar and after in _DOLLAR_CODES):
                    yield _Unit(after, "money"), j
            yield _Unit(code, "money"), i
            return
        for code, j in self._currency_after(i):
            yield _Unit(code, "money"), j
        starts = [i] + [h for h in [self._hyphen(i)] if h is not None]
        for s in starts:  # "50 cents", "12-cent", "470 pence"
            for code, j, _ in self._match(_SUBUNIT_INDEX, s):
                if code is not None:
                    yield _Unit(str(code), "money", _SUBUNIT_FACTOR), j
        for s in starts:
            for value, j, key in self._match(_PERCENT_INDEX, s):
                yield _Unit(str(value), "percent", UNIT_FACTORS.get(key, 1.0)), j
            for value, j, key in self._match(_UNIT_INDEX, s):
                if key in _LOWERCASE_ONLY and self.toks[s].text != key:
                    continue
                yield _Unit(str(value), "measure", UNIT_FACTORS.get(key, 1.0)), j
        yield _NUMBER, i

    # -- magnitudes ------------------------------------------------------------

    def _magnitudes(self, i: int) -> Iterator[tuple[_Mag, int]]:
        if i >= self.n:
            return
        if self.toks[i].kind == "num":
            yield from self._numerals(i)
        elif self.toks[i].kind == "word":
            for digits, j in self._point(i):  # "point 77"
                for scale, money_only, k in self._scales(j):
                    yield _Mag(float(f"0.{digits}"), scale, money_only), k
            yield from self._fractions(i)
            yield from self._word_numbers(i)
            if self._low(i) in ("a", "an") and self._names_a_unit(i + 1):
                yield _Mag(1.0), i + 1  # "a dollar", "a kilometre"

    def _names_a_unit(self, i: int) -> bool:
        return any(
            True
            for index in (_CURWORD_INDEX, _SUBUNIT_INDEX, _UNIT_INDEX)
            for _ in self._match(index, i)
        )

    def _fractions(self, i: int) -> Iterator[tuple[_Mag, int]]:
        """Word fractions: "two thirds", "a quarter", "one-half", "twenty-three fifths"."""
        for value, j in self._fraction(i):
            yield _Mag(value), j

    def _fraction(self, i: int) -> list[tuple[float, int]]:
        if self._low(i) in ("a", "an"):
            counts = [(1, i + 1)]
        else:
            counts = [(v, j) for v, j in self._below_hundred(i) if v]
        out = []
        for count, j in counts:
            j = self._hyphen(j) or j
            out += [(count / den, k) for den, k, _ in self._match(_FRACTION_INDEX, j)]
        return out

    def _point(self, i: int) -> list[tuple[str, int]]:
        """Decimals after "point": "point 1", "point zero three", "point seventy-one"."""
        if self._low(i) != "point":
            return []
        i += 1
        if i < self.n and self.toks[i].kind == "num" and self.toks[i].text.isdigit():
            return [(self.toks[i].text, i + 1)]
        digits, j = "", i
        while (low := self._low(j)) in NUMBER_WORDS and NUMBER_WORDS[low] < 10:
            digits, j = digits + str(NUMBER_WORDS[low]), j + 1
        if len(digits) > 1:
            return [(digits, j)]
        return [(str(v), k) for v, k in self._below_hundred(i)]

    def _numerals(self, i: int) -> Iterator[tuple[_Mag, int]]:
        """A numeral, optionally "^ exp" or "× 10^exp", then scale words."""
        value = _numeral_value(self.toks[i].text)
        if value is None:
            return
        j = i + 1
        if self._low(j) == "^":
            exp = self._exponent(j + 1)
            if exp is None:
                return
            value, j = _power(value, exp[0]), exp[1]
        elif self._low(j) in _TIMES and [self._low(j + 1), self._low(j + 2)] == ["10", "^"]:
            exp = self._exponent(j + 3)
            if exp is None:
                return
            power = _power(10.0, exp[0])
            value, j = (None if power is None else value * power), exp[1]
        if value is None or not math.isfinite(value):
            return
        if j == i + 1 and self.toks[i].text.isdigit():  # "1 point 1"
            for digits, k in self._point(j):
                for scale, money_only, m in self._scales(k):
                    yield _Mag(float(f"{self.toks[i].text}.{digits}"), scale, money_only), m
        for scale, money_only, k in self._scales(j):
            yield _Mag(value, scale, money_only), k

    def _exponent(self, i: int) -> tuple[int, int] | None:
        """A small integer exponent ("12", "-3") at token ``i``: (exponent, next)."""
        sign = 1
        if self._low(i) in ("-", "+") and self._glued(i + 1):
            sign = -1 if self._low(i) == "-" else 1
            i += 1
        if i < self.n and self.toks[i].text.isdigit() and len(self.toks[i].text) <= 5:
            return sign * int(self.toks[i].text), i + 1
        return None

    def _scales(self, i: int) -> Iterator[tuple[float, bool, int]]:
        """(multiplier, money only, next): "bn", "million", "lakh crore", "-million", none."""
        starts = [i] + [h for h in [self._hyphen(i)] if h is not None]
        for s in starts:
            for scale, j, key in self._match(_SCALE_INDEX, s):
                money_only = key in MONEY_ONLY_SCALES
                for scale2, k, key2 in self._match(_SCALE_INDEX, j):
                    if scale2 > scale:
                        yield scale * scale2, money_only or key2 in MONEY_ONLY_SCALES, k
                yield scale, money_only, j
        yield 1.0, False, i

    # -- number words ----------------------------------------------------------

    def _below_hundred(self, i: int) -> list[tuple[int, int]]:
        """ "seven", "seventeen", "seventy", "seventy-five", "seventy five"."""
        low = self._low(i)
        if low is None or low not in NUMBER_WORDS:
            return []
        value = NUMBER_WORDS[low]
        out = [(value, i + 1)]
        if value >= 20:
            j = self._hyphen(i + 1) or i + 1
            unit = NUMBER_WORDS.get(self._low(j) or "", 0)
            if 1 <= unit <= 9:
                out.insert(0, (value + unit, j + 1))
        return out

    def _groups(self, i: int) -> list[tuple[float, int, bool]]:
        """Word numbers below a thousand: (value, next, needs a scale after it)."""
        low = self._low(i)
        if low == "half" and self._low(i + 1) in ("a", "an"):
            return [(0.5, i + 2, True)]
        if low in ("a", "an"):
            if self._low(i + 1) == "half":
                return [(0.5, i + 2, True)]
            leads = [(1, i + 1, True)]
        else:
            leads = [(v, j, False) for v, j in self._below_hundred(i)]
        out: list[tuple[float, int, bool]] = []
        for value, j, needs_scale in leads:
            if self._low(j) == "hundred" and value >= 1:
                k = j + 2 if self._low(j + 1) == "and" else j + 1
                out += [(value * 100 + t, m, False) for t, m in self._below_hundred(k) if t]
                out.append((value * 100, j + 1, False))
            else:
                out.append((value, j, needs_scale))
        fractions = [
            (value + part, k, False)  # "one and a half", "five and a quarter"
            for value, j, needs_scale in out
            if not needs_scale and self._low(j) == "and"
            for part, k in self._fraction(j + 1)
            if part < 1
        ]
        return sorted(fractions + out, key=lambda g: -g[1])

    def _word_scales(self, i: int) -> Iterator[tuple[float, int]]:
        for scale, money_only, j in self._scales(i):
            if (scale >= 1e3 or scale == 12) and not money_only and j > i:
                yield scale, j

    def _word_numbers(self, i: int) -> Iterator[tuple[_Mag, int]]:
        found: list[tuple[_Mag, int]] = []
        self._chain(i, 0.0, math.inf, found)
        for mag, j in list(found):  # "two point two million", "two hundred point zero three"
            if mag.scale == 1.0 and mag.raw % 1 == 0:
                for digits, k in self._point(j):
                    value = float(f"{int(mag.raw)}.{digits}")
                    found.append((_Mag(value), k))
                    found += [(_Mag(value, scale), m) for scale, m in self._word_scales(k)]
        yield from sorted(found, key=lambda f: -f[1])

    def _chain(
        self, i: int, total: float, last_scale: float, found: list[tuple[_Mag, int]]
    ) -> None:
        """Collect readings of "two million three hundred thousand five" from ``i``."""
        for group, j, needs_scale in self._groups(i):
            for scale, k in self._word_scales(j):
                if scale >= last_scale or (scale < 1e3 and total):
                    continue
                mag = _Mag(group, scale) if not total else _Mag(total + group * scale)
                found.append((mag, k))
                if scale >= 1e3:
                    self._chain(k, total + group * scale, scale, found)
                    if self._low(k) == "and":  # "two thousand and twelve"
                        self._chain(k + 1, total + group * scale, scale, found)
            if not needs_scale:
                found.append((_Mag(total + group), j))

    # -- results -------------------------------------------------------------

    def _single(self, pre: tuple[Hedge, str] | None, amount: _Amount) -> ParsedQuantity | None:
        if pre is not None and amount.hedge is not None:
            return None
        if amount.mag.money_only and amount.unit.kind != "money":
            return None
        hedge, hedge_text = pre or amount.hedge or (Hedge.EXACT, None)
        return _result(amount.value(), None, amount.unit, hedge, hedge_text)

    def _range(
        self,
        pre: tuple[Hedge, str] | None,
        opener: tuple[str, str] | None,
        sep: str,
        first: _Amount,
        second: _Amount,
    ) -> ParsedQuantity | None:
        if (pre is not None and pre[0] is not Hedge.APPROX) or first.hedge or second.hedge:
            return None
        unit = _shared_unit(first.unit, second.unit)
        if unit is None:
            return None
        scale, money_only = first.mag.scale, first.mag.money_only
        if scale == 1.0 and second.mag.scale != 1.0 and first.mag.raw <= second.mag.raw:
            scale, money_only = second.mag.scale, second.mag.money_only  # "300-400 million"
        if (money_only or second.mag.money_only) and unit.kind != "money":
            return None
        low, high = first.value(scale, unit), second.value(unit=unit)
        if low > high:
            return None
        words = [pre[1] if pre else None, opener[1] if opener else None, sep]
        return _result(low, high, unit, Hedge.RANGE, " … ".join(w for w in words if w))


def _shared_unit(a: _Unit, b: _Unit) -> _Unit | None:
    """The unit of a range: both bounds agree, or a bare bound takes the other's."""
    if a == b or b.kind == "number":
        return a
    if a.kind == "number":
        return b
    return None


def _result(
    value: float, value_max: float | None, unit: _Unit, hedge: Hedge, hedge_text: str | None
) -> ParsedQuantity | None:
    if not math.isfinite(value) or (value_max is not None and not math.isfinite(value_max)):
        return None
    value += 0.0  # -0.0 -> 0.0
    if value_max is not None:
        value_max += 0.0
    return ParsedQuantity(value, value_max, unit.code, unit.kind, hedge, hedge_text)


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def parse_quantity(text: str) -> ParsedQuantity | None:
    """Read a figure ("around $580 million", "300–400 million", "20 per cent").

    Returns None for text that is not exactly one figure (or one range), for
    figures that do not fit a finite float, and for any non-string input.
    Never raises.
    """
    if not isinstance(text, str) or len(text) > _MAX_CHARS:
        return None
    toks = _trim(_tokenize(text))
    if not toks or len(toks) > _MAX_TOKENS:
        return None
    return _Parser(text, toks).parse()


def parse_number(text: str) -> float | None:
    """Read a bare number ("400,000", "3,5", "twenty-five", "1.5 million", "10^12").

    No unit, currency, hedge or range; None otherwise. Never raises.
    """
    parsed = parse_quantity(text)
    if parsed is None or parsed.unit_kind != "number" or parsed.hedge is not Hedge.EXACT:
        return None
    return parsed.value

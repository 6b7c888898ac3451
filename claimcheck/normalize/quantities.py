"""Turn the surface text of a figure into a normalised value.

The span detector (spaCy) finds *where* a figure is; this module reads the
span's text: ``"around $580 million"`` becomes 5.8e8 USD, approximate. It is
pure (stdlib only) and never raises: what it cannot read gives ``None``.

Grammar, loosely (phrases come from the public tables of :mod:`.quantity_words`)::

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
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from claimcheck.records import Hedge

from ..vocab.numbers import NUMBER_WORDS
from .quantity_text import (
    _CURWORD_INDEX,
    _FRACTION_INDEX,
    _HEDGE_INDEX,
    _PERCENT_INDEX,
    _SCALE_INDEX,
    _SUBUNIT_INDEX,
    _SUFFIX_INDEX,
    _SYMBOL_INDEX,
    _UNIT_INDEX,
    _Index,
    _numeral_value,
    _power,
    _Tok,
    _tokenize,
    _trim,
)
from .quantity_words import (
    _DOLLAR_CODES,
    _LOWERCASE_ONLY,
    _RANGE_OPENERS,
    _RANGE_SEPARATORS,
    _SUBUNIT_FACTOR,
    _TIMES,
    CURRENCY_CODES,
    CURRENCY_SUBUNITS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    FRACTION_WORDS,
    HEDGE_PHRASES,
    HEDGE_SUFFIXES,
    MONEY_ONLY_SCALES,
    PERCENT_WORDS,
    RANGE_WORDS,
    SCALE_WORDS,
    UNIT_FACTORS,
    UNIT_WORDS,
)

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

# Longest inputs read at all; a figure is never longer.
_MAX_CHARS = 1000
_MAX_TOKENS = 48


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

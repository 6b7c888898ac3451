"""Tokens and numerals for :mod:`claimcheck.normalize.quantities`: the figure's text cut
into tokens, the phrase tables indexed by first token, and digit strings read as numbers
("1,234.5", "1.234,5", "1 234")."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .quantity_words import (
    CURRENCY_SUBUNITS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    FRACTION_WORDS,
    HEDGE_PHRASES,
    HEDGE_SUFFIXES,
    PERCENT_WORDS,
    SCALE_WORDS,
    UNIT_WORDS,
)

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

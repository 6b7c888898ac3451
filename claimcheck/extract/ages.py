"""Ages of people: "a 22-year-old man", "Smith, 22, of Dallas", "in his 40s",
"aged 19", "ages 19 and 41", "22 years old".

Token rules that run on ``spacy.blank("en")`` too. Each age is a
:class:`~.quantity.Figure` in years with ``measure="age"`` and, when the text
names one, the person (or noun) it is about.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..normalize.quantities import ParsedQuantity, parse_number
from ..records import Hedge
from .quantity import MONTHS, Figure

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: Oldest age read as an age; beyond it "Smith, 200," is something else.
MAX_AGE = 120
_DECADE = re.compile(r"^([1-9])0s$")  # "40s" (not "00s")
_POSSESSIVES = frozenset("his her their its".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
#: Words after "Name, 22," that show the number is an age: punctuation,
#: "of Dallas", "and", a verb ("was", "died").
_AFTER_AGE = frozenset(", . ; : ) and or of from who was were is are had has died said".split())


def _age_value(tok: Token) -> float | None:
    if tok.like_num and len(tok.text) <= 12:  # "22", "four" (like_num reads number words)
        v = parse_number(tok.text)
        if v is not None and 0 < v <= MAX_AGE and float(v).is_integer():
            return float(v)
    return None


def _fig(start: int, end: int, value: float, value_max: float | None = None,
         about: tuple[int, int] | None = None, hedge: Hedge = Hedge.EXACT) -> Figure:
    parsed = ParsedQuantity(value, value_max, "year", "measure", hedge, None)
    return Figure(start, end, parsed, "year", None, measure="age", about=about)


def _name_before(toks: list[Token], k: int) -> tuple[int, int] | None:
    """Token range of the capitalised name ending at position ``k`` (inclusive)."""
    if k < 0 or not _is_name_word(toks[k]):
        return None
    j = k
    while j - 1 >= 0 and (
        _is_name_word(toks[j - 1])
        or toks[j - 1].text in ("-", "'", "’") and j - 2 >= 0 and _is_name_word(toks[j - 2])
    ):
        j -= 1
    if toks[j].is_sent_start and not toks[j].ent_type_ and j == k and toks[j].pos_ not in ("PROPN", ""):
        return None
    return toks[j].i, toks[k].i + 1


def _is_name_word(t: Token) -> bool:
    text = t.text.rstrip(".")
    if not text or not text[0].isupper() or t.lower_.rstrip(".") in MONTHS or t.lower_ in _WEEKDAYS:
        return False
    if t.pos_ and t.pos_ not in ("PROPN", "NOUN", "ADJ") and t.ent_type_ != "PERSON":
        return False
    return text.isalpha() or text.replace("-", "").replace("'", "").replace("’", "").isalpha() or text in ("Jr", "Sr")


def _noun_after(toks: list[Token], k: int) -> tuple[int, int] | None:
    """The person an "N-year-old" modifies: a name ("22-year-old Rodney
    Patrick") or else the noun ("a 22-year-old man", "his 11-year-old brother")."""
    j = k
    while j < len(toks) and j < k + 4:
        t = toks[j]
        if _is_name_word(t) and t.pos_ in ("PROPN", ""):
            e = j
            while e + 1 < len(toks) and (_is_name_word(toks[e + 1]) or toks[e + 1].text in ("Jr.", "Sr.")):
                e += 1
            return t.i, toks[e].i + 1
        if t.is_alpha and not t.is_punct and (t.pos_ == "NOUN" or not t.pos_ and not t.is_stop):
            # "construction worker Jeremy Lewis": a name right after the noun wins
            if j + 1 < len(toks) and _is_name_word(toks[j + 1]) and toks[j + 1].pos_ in ("PROPN", ""):
                j += 1
                continue
            if t.pos_ == "NOUN" or not t.pos_:
                return t.i, t.i + 1
        if not (t.is_alpha and (t.pos_ in ("ADJ", "NOUN", "") or t.lower_ in ("old",))):
            break
        j += 1
    return None


def find_ages(sent: Span) -> list[Figure]:
    """Ages in a sentence, left to right."""
    toks = list(sent)
    out: list[Figure] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        low = t.lower_
        # "22-year-old", "22 year old", "22-years-old", "four-year-old"
        v = _age_value(t)
        if v is not None:
            k = i + 1
            if k < n and toks[k].text in "-–":
                k += 1
            if k < n and toks[k].lower_ in ("year", "years", "yr", "yrs"):
                k += 1
                if k < n and toks[k].text in "-–":
                    k += 1
                if k < n and toks[k].lower_ == "old":
                    about = _noun_after(toks, k + 1)
                    if about is None and i > 1 and toks[i - 1].text == ",":
                        about = _name_before(toks, i - 2)  # "Smith, 22 years old"
                    out.append(_fig(t.i, toks[k].i + 1, v, about=about))
                    i = k + 1
                    continue
                if k + 1 < n and toks[k].lower_ == "of" and toks[k + 1].lower_ == "age":
                    out.append(_fig(t.i, toks[k + 1].i + 1, v))
                    i = k + 2
                    continue
        # "Smith, 22, of Dallas" / "Smith, 22." / "Smith, 22, and Jones, 30"
        if (
            v is not None and t.like_num and t.text.isdigit() and i >= 2 and toks[i - 1].text == ","
            and (i + 1 == n or toks[i + 1].lower_ in _AFTER_AGE)
        ):
            name = _name_before(toks, i - 2)
            if name is not None and not _numeric_context(toks, i):
                out.append(_fig(t.i, t.i + 1, v, about=name))
                i += 1
                continue
        # "in his 40s", "in their 20s", "in her early 30s"
        if low == "in" and i + 2 < n and toks[i + 1].lower_ in _POSSESSIVES:
            k = i + 2
            if toks[k].lower_ in ("early", "mid", "late") and k + 1 < n:
                k += 1
            m = _DECADE.match(toks[k].text)
            if m:
                lo = float(m.group(1)) * 10
                about = _name_before(toks, i - 1) or _noun_before(toks, i - 1)
                out.append(_fig(toks[i + 1].i, toks[k].i + 1, lo, lo + 9, about=about, hedge=Hedge.RANGE))
                i = k + 1
                continue
        # "aged 19", "ages 19 and 41", "age 22"
        age = _age_value(toks[i + 1]) if low in ("aged", "ages", "age") and i + 1 < n else None
        if age is not None and toks[i + 1].like_num:
            # "Smith, aged 19": about Smith; "the men, ages 36 and 45": several people, no one "about"
            about = _name_before(toks, i - 2) if low != "ages" and i >= 2 and toks[i - 1].text == "," else None
            out.append(_fig(toks[i + 1].i, toks[i + 1].i + 1, age, about=about))
            k = i + 2
            while k + 1 < n and toks[k].lower_ in (",", "and") and toks[k + 1].like_num:
                more = _age_value(toks[k + 1])
                if more is None:
                    break
                out.append(_fig(toks[k + 1].i, toks[k + 1].i + 1, more))
                k += 2
            i = k
            continue
        i += 1
    return out


def _noun_before(toks: list[Token], k: int) -> tuple[int, int] | None:
    if k >= 0 and toks[k].is_alpha and (toks[k].pos_ == "NOUN" or not toks[k].pos_ and not toks[k].is_stop):
        return toks[k].i, toks[k].i + 1
    return None


def _numeric_context(toks: list[Token], i: int) -> bool:
    """"Oct. 5, 2014" or "Route 9, 22" style lists: the number is not an age."""
    k = i - 2
    return k >= 0 and (toks[k].like_num or toks[k].lower_.rstrip(".") in MONTHS)

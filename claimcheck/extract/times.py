"""Clock times of events: "about 8:30 p.m.", "at 10:15am", "5 a.m.",
"between 5.30am and 5.55am", "noon".

A regular expression over the sentence text (clock times are a string
pattern, not a token pattern: spaCy splits "8:30pm" and "p.m." differently
across models), aligned to tokens. The value is "HH:MM" on a 24-hour clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..normalize.quantities import HEDGE_PHRASES
from ..records import Hedge

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

_CLOCK = r"(?P<h{n}>\d{{1,2}})(?:[:.](?P<m{n}>[0-5]\d))?\s?(?P<ap{n}>[ap])\.?\s?m\b\.?"
_ONE = _CLOCK.format(n=1)
_TWO = _CLOCK.format(n=2)
#: Hedges written before a time, beyond the figure hedges: "just after", "shortly before".
TIME_HEDGES: dict[str, Hedge] = {
    **{k: v for k, v in HEDGE_PHRASES.items() if v in (Hedge.APPROX,)},
    **dict.fromkeys(["just after", "shortly after", "soon after", "after"], Hedge.MORE_THAN),
    **dict.fromkeys(["just before", "shortly before", "before"], Hedge.LESS_THAN),
    **dict.fromkeys(["by"], Hedge.AT_MOST),
}
_HEDGE_ALT = "|".join(sorted((re.escape(h) for h in TIME_HEDGES), key=len, reverse=True))
_TIME_RE = re.compile(
    rf"(?:(?P<hedge>{_HEDGE_ALT})\s+)?(?:(?P<between>between|from)\s+)?{_ONE}"
    rf"(?:\s*(?:to|and|-|–|until)\s*{_TWO})?"
    r"|(?P<word>\bnoon\b|\bmidnight\b)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ClockTime:
    start: int  # token index (doc)
    end: int
    value: str  # "HH:MM"
    value_max: str | None  # end of a range
    hedge: Hedge


def _hhmm(h: str, m: str | None, ap: str) -> str | None:
    hour, minute = int(h), int(m or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    hour = hour % 12 + (12 if ap.lower() == "p" else 0)
    return f"{hour:02d}:{minute:02d}"


def find_times(sent: Span) -> list[ClockTime]:
    """Clock times in a sentence, left to right."""
    text = sent.text
    if not any(ch.isdigit() for ch in text) and "noon" not in text and "midnight" not in text:
        return []
    doc = sent.doc
    out = []
    for m in _TIME_RE.finditer(text):
        if m.group("word"):
            value: str = "12:00" if m.group("word").lower() == "noon" else "00:00"
            value_max: str | None = None
        else:
            start = _hhmm(m.group("h1"), m.group("m1"), m.group("ap1"))
            value_max = _hhmm(m.group("h2"), m.group("m2"), m.group("ap2")) if m.group("h2") else None
            if start is None:
                continue
            value = start
        hedge = TIME_HEDGES.get((m.group("hedge") or "").lower(), Hedge.EXACT)
        if value_max is not None:
            hedge = Hedge.RANGE
        s, e = m.start(), m.end()
        if m.group("hedge") and hedge is Hedge.EXACT:
            s = m.start("between") if m.group("between") else m.start("h1")
        while e > s and text[e - 1] in " .":
            e -= 1
        span = doc.char_span(sent.start_char + s, sent.start_char + e, alignment_mode="expand")
        if span is None:
            continue
        out.append(ClockTime(span.start, span.end, value, value_max, hedge))
    return out

"""Date claims: an event or state with its date and precision.

Candidates are spaCy's DATE entities (when the model runs) and the absolute
date expressions :func:`claimcheck.normalize.dates.find_dates` finds in the
sentence text (always; this is the rule path). Relative dates ("Today", "last
year", "on Monday") are resolved against the source's publication date and
marked ``resolved``; without one they are dropped. Durations are not dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..normalize.dates import ParsedDate, find_dates, parse_date
from ..vocab.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # token index (doc)
    end: int
    parsed: ParsedDate


def find_date_mentions(sent: Span, ref: dt.date | None) -> list[DateMention]:
    """Dates in a sentence, left to right, non-overlapping, longest first."""
    doc = sent.doc
    cands: list[DateMention] = []
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        parsed = parse_date(ent.text, ref)
        if parsed is not None:
            cands.append(DateMention(ent.start, ent.end, parsed))
            continue
        # NER spans sometimes run on ("May 9 parade"): look inside
        for s, e, p in find_dates(ent.text, ref):
            span = doc.char_span(ent.start_char + s, ent.start_char + e, alignment_mode="expand")
            if span is not None:
                cands.append(DateMention(span.start, span.end, p))
    offset = sent.start_char
    for s, e, p in find_dates(sent.text, ref):
        span = doc.char_span(offset + s, offset + e, alignment_mode="expand")
        if span is not None:
            cands.append(DateMention(span.start, span.end, p))
    # "February 30": a month followed by a day the normaliser refused is a bad
    # date, not the month
    cands = [m for m in cands
             if not (str(getattr(m.parsed.precision, "value", m.parsed.precision)) == "month"
                     and _bad_day_after(doc, m.end, sent.end))]
    cands.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: set[int] = set()
    out = []
    for m in cands:
        if taken.intersection(range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        out.append(_by_tense(m, doc, sent, ref))
    return sorted(out, key=lambda m: m.start)


_WEEKDAYS = frozenset(WEEKDAY_NAMES)
_MONTH_WORDS = frozenset((*MONTH_NAMES, *MONTH_ABBREVIATIONS))
_DEICTIC = frozenset("last next this coming past previous ago".split())
#: Words that put a clause in the future: "will be held on Sunday", "is set for Dec. 20".
_FUTURE_CUES = frozenset("will 'll shall scheduled slated set planned upcoming due".split())


def _by_tense(m: DateMention, doc: Doc, sent: Span, ref: dt.date | None) -> DateMention:
    """A weekday or a month-day named without a year points forward in a
    future clause ("will be held on Sunday") and backward in a past one ("was
    shot on Sunday", "the meeting on Dec. 20 was cancelled")."""
    p = m.parsed
    if ref is None or not p.resolved or str(getattr(p.precision, "value", p.precision)) != "day":
        return m
    words = [t.lower_.rstrip(".") for t in doc[m.start : m.end]]
    if any(w in _DEICTIC for w in words) or any(t.like_num and len(t.text) == 4 for t in doc[m.start : m.end]):
        return m
    weekday = any(w in _WEEKDAYS for w in words) and not any(w in _MONTH_WORDS for w in words)
    monthday = any(w in _MONTH_WORDS for w in words)
    if not (weekday or monthday):
        return m
    future = _is_future(doc[m.start], sent)
    shift = None
    if future and p.start < ref:
        shift = 1
    elif not future and p.start > ref:
        shift = -1
    if shift is None:
        return m
    try:
        if weekday:
            delta = dt.timedelta(days=7 * shift)
            start, end = p.start + delta, p.end + delta
        else:
            start, end = p.start.replace(year=p.start.year + shift), p.end.replace(year=p.end.year + shift)
    except ValueError:  # 29 February
        return m
    if abs((start - ref).days) > 366:
        return m
    return DateMention(m.start, m.end, replace(p, value=start.isoformat(), start=start, end=end))


def _is_future(tok: Token, sent: Span) -> bool:
    """The date's clause speaks of the future (with a parse: its verb's
    auxiliaries and cue words; without: a cue word before it in the sentence)."""
    if tok.doc.has_annotation("DEP"):
        head = tok
        for _ in range(6):
            if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
                break
            head = head.head
        if head.lower_ in _FUTURE_CUES:
            return True  # "set for Dec. 20", "scheduled for Sunday"
        if head.tag_ in ("VBD", "VBN") and not any(c.lower_ in _FUTURE_CUES for c in head.children):
            return False
        return any(c.lower_ in _FUTURE_CUES for c in head.children) or head.lower_ in _FUTURE_CUES
    return any(t.lower_ in _FUTURE_CUES for t in sent.doc[sent.start : tok.i])



def _bad_day_after(doc: Doc, end: int, limit: int) -> bool:
    """The token after a month-precision date is a one- or two-digit number."""
    return end < limit and doc[end].text.isdigit() and len(doc[end].text) <= 2

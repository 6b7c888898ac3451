"""Date claims: an event or state with its date and precision.

Candidates are spaCy's DATE entities (when the model runs) and the absolute
date expressions :func:`claimcheck.normalize.dates.find_dates` finds in the
sentence text (always; this is the rule path). Relative dates ("Today", "last
year", "on Monday") are resolved against the source's publication date and
marked ``resolved``; without one they are dropped. Durations are not dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..normalize.dates import ParsedDate, find_dates, parse_date

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span


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
    cands = [m for m in cands if not (str(getattr(m.parsed.precision, "value", m.parsed.precision)) == "month" and _bad_day_after(doc, m.end, sent.end))]
    cands.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: set[int] = set()
    out = []
    for m in cands:
        if taken.intersection(range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        out.append(m)
    return sorted(out, key=lambda m: m.start)



def _bad_day_after(doc, end: int, limit: int) -> bool:
    """The token after a month-precision date is a one- or two-digit number."""
    return end < limit and doc[end].text.isdigit() and len(doc[end].text) <= 2

"""Inline datelines: "HOUSTON (AP) —", "BAKU, Azerbaijan, April 28.",
"KANSAS CITY, Mo. --" at the start of a paragraph.

Ingest keeps them in the paragraph (its offsets stay exact); extraction reads
them as the story's place and date line: never a claim, never a subject.
"""

from __future__ import annotations

import re

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: The place in capitals, an optional ", State/Country" or two, an optional
#: "(AP)", then a dash, or a ", Month Day." date; the story starts after it
#: with a capital or a digit ("NATO — the alliance said" is not a dateline).
_INLINE_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}){0,2}"
    r"(?:\s*\((?:[A-Z][A-Za-z]{1,12})\))?"
    rf"(?:\s*(?:—|–|--|-)\s*|,? {_MONTH} \d{{1,2}}(?:, \d{{4}})?\.?\s+|,? {_MONTH} \d{{1,2}}(?:, \d{{4}})?\.?$)"
    r"(?=[A-Z0-9\"“‘']|$)"
)


def dateline(text: str) -> tuple[int, str] | None:
    """(end offset, place) of a dateline opening ``text``, else None."""
    m = _INLINE_DATELINE.match(text)
    if m is None:
        return None
    place = m.group("place").strip()
    if sum(ch.isalpha() for ch in place) < 3:
        return None  # "US - China trade"
    return m.end(), place

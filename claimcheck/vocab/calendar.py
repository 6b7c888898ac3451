"""Calendar words: month and weekday names, lower case, in calendar order."""

from __future__ import annotations

#: January to December
MONTH_NAMES: tuple[str, ...] = tuple(
    "january february march april may june july august september october november december".split()
)
#: the short forms written in news text ("May" is its own short form)
MONTH_ABBREVIATIONS: tuple[str, ...] = tuple("jan feb mar apr jun jul aug sep sept oct nov dec".split())
#: Monday to Sunday (Monday is 0, as in :mod:`datetime`)
WEEKDAY_NAMES: tuple[str, ...] = tuple("monday tuesday wednesday thursday friday saturday sunday".split())

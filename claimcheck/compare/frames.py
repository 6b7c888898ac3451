"""Claim frames: what the ladder compares of one claim, computed once, and
where the link stage's entity clusters stand in each source."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..records import Claim, Kind, Stance
from ..vocab.measures import PEOPLE_NOUNS
from .findings import _scope
from .keys import _stem, dimension_of, measure_key, named_measure_key, unit_key
from .values import date_bounds


# ------------------------------------------------------------ claim frames


@dataclass(frozen=True, slots=True)
class Frame:
    """What the ladder compares of one claim, computed once."""

    claim: Claim
    dimension: str
    measure: tuple[str, ...]
    unit: str
    about: str | None  # entity cluster id (or folded name) the figure is about
    about_name: str | None
    entities: frozenset[str]  # entity clusters named in the claim's sentence
    period: tuple[dt.date, dt.date] | None
    stance: Stance
    scope: frozenset[str]
    topic: str  # the source's folder
    published: str | None
    #: the source states this measure with several different values (four
    #: ages in one article): a match on the measure alone is ambiguous
    ambiguous: bool = False
    #: what a count counts, normalised ("people", "man", "officer"); "" otherwise
    counted: str = ""
    #: the measure with the names the sentence gives it ("arrested Doyle"),
    #: for blocking only: "Acme's sales" and "Bolt's sales" need not be
    #: paired unless something else (the topic, the entity) brings them
    #: together; empty when it equals ``measure``
    block_key: tuple[str, ...] = ()


class EntityIndex:
    """Where the link stage's clusters stand in each source: answers "which
    cluster is the mention at these offsets" and "which clusters does this
    sentence name", and how common each cluster is across claims."""

    def __init__(self, entities: Sequence[Any] = (), canonical: Mapping[str, str] | None = None):
        self.by_source: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        for e in entities:
            for m in e.mentions:
                self.by_source[m.source].append((m.start, m.end, e.id, e.name))
        for spans in self.by_source.values():
            spans.sort()
        self.canonical = dict(canonical or {})

    def within(self, source: str, start: int, end: int) -> list[tuple[str, str]]:
        """(cluster id, name) of the mentions inside [start, end)."""
        import bisect

        spans = self.by_source.get(source, ())
        i = bisect.bisect_left(spans, (start, -1, "", ""))
        out = []
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] <= end:
                out.append((spans[i][2], spans[i][3]))
            i += 1
        return out

    def about(self, c: Claim) -> tuple[str | None, str | None]:
        """(cluster id, display name) of the entity the claim is about."""
        if not c.about:
            return None, None
        words = c.about.split()
        if words and words[-1].casefold() in PEOPLE_NOUNS:
            # "a Merritt Island man", "the Dallas officer": a person described
            # by a place or an organisation, not that place or organisation
            return None, None
        if c.about_start is not None and c.about_end is not None:
            for start, end, eid, name in self.by_source.get(c.source, ()):
                if start < c.about_end and c.about_start < end:
                    return eid, name
        name = self.canonical.get(c.about, c.about)
        if not any(w[:1].isupper() for w in name.split()):
            return None, None  # "a woman", "the boy": not an entity that names one person
        from ..link import name_key

        key = name_key(name)
        return (f"name:{key}", name) if key else (None, None)


#: Dimensions of a person's attributes, and the entity labels (cluster id
#: prefixes) that cannot be a person.
_PERSON_DIMENSIONS = frozenset({"age"})
_PLACE_LABELS = frozenset({"gpe", "loc", "fac", "org", "norp"})


def _date_bounds_or_none(value: str | None) -> tuple[dt.date, dt.date] | None:
    return date_bounds(value) if value else None


def frames(claims: Sequence[Claim], index: EntityIndex, canon: Mapping[str, str],
           sources: Mapping[str, Any] | None = None) -> list[Frame]:
    """One :class:`Frame` per claim (linear; per-source facts computed once)."""
    out = []
    sources = sources or {}
    per_source: dict[str, tuple[str, str | None]] = {}
    empty: frozenset[str] = frozenset()
    periods: dict[str, tuple[dt.date, dt.date] | None] = {}
    scopes: dict[tuple[str, ...], frozenset[str]] = {}  # one frozenset per distinct scope (memory at 1M claims)
    for c in claims:
        about, about_name = index.about(c) if c.about else (None, None)
        if about and dimension_of(c) in _PERSON_DIMENSIONS and about.split(":", 1)[0] in _PLACE_LABELS:
            about, about_name = None, None  # "a 16-year-old Elm County boy": the age is not the county's
        if c.source not in per_source:
            src = sources.get(c.source)
            path = str(getattr(src, "path", "") or "")
            per_source[c.source] = (path.rsplit("/", 1)[0] if "/" in path else "", getattr(src, "published", None))
        topic, published = per_source[c.source]
        if c.period is not None and c.period not in periods:
            periods[c.period] = date_bounds(c.period)
        ents = frozenset(eid for eid, _ in index.within(c.source, c.start, c.end)) if index.by_source else empty
        dim = dimension_of(c)
        scope = scopes.get(c.scope)
        if scope is None:
            scope = scopes[c.scope] = _scope(c, canon)
        measure = measure_key(c)
        named = named_measure_key(c)
        out.append(Frame(
            claim=c, dimension=dim, measure=measure, unit=unit_key(c), block_key=named if named != measure else (),
            about=about, about_name=about_name, entities=ents,
            period=periods[c.period] if c.period is not None else None, stance=c.stance or Stance.ACTUAL,
            scope=scope, topic=topic, published=published,
            counted=_stem((c.unit or "").casefold()) if dim == "count" else "",
        ))
    # several values of one measure for one period in one source: ambiguous
    # (trade in 2024 and in 2025 is two facts; four undated ages are four people)
    values: dict[tuple[object, ...], set[str]] = defaultdict(set)
    keys = [_ambiguity_key(f) for f in out]
    for f, k in zip(out, keys):
        values[k].add(str(f.claim.value))
    return [replace(f, ambiguous=True) if (f.measure or f.claim.kind is not Kind.QUANTITY)
            and len(values[k]) > 1 else f for f, k in zip(out, keys)]


def _ambiguity_key(f: Frame) -> tuple[object, ...]:
    return (f.claim.source, f.dimension, f.measure, f.claim.period)

"""Immutable records passed between the pipeline stages.

ingest -> Source, extract -> Claim (+ Mention), link -> Entity, compare -> Finding.

Every record that points into a text carries provenance: the source id and
character offsets into the source's decoded text (``Source.text``), such that
``source.text[start:end]`` is exactly the quoted surface.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    """What a claim states."""

    QUANTITY = "quantity"  # money, percentages, counts and measures
    DATE = "date"  # an event or state with its date
    ROLE = "role"  # a person's title or office
    TIME = "time"  # the clock time of an event ("about 8:30 p.m.")


class Hedge(str, Enum):
    """How a figure is qualified in the text ("around", "more than", ...)."""

    EXACT = "exact"
    APPROX = "approx"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    RANGE = "range"


class Stance(str, Enum):
    """Whether a figure is reported as fact, or as an aim, a forecast or a plan."""

    ACTUAL = "actual"
    TARGET = "target"
    FORECAST = "forecast"
    PLANNED = "planned"


class Precision(str, Enum):
    """The precision a date was stated with. "2025" is a year, not 2025-01-01."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    INTERVAL = "interval"


@dataclass(frozen=True, slots=True)
class Skip:
    """Something ingest or extraction passed over, and why (shown to the analyst)."""

    path: str
    reason: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a source's text that extraction reads (page noise and
    repeats removed). Offsets are into ``Source.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Source:
    """One input document, decoded."""

    id: str  # stable: derived from the path relative to the input root
    path: str  # as given / found, POSIX separators
    sha256: str  # of the raw bytes on disk
    text: str = field(repr=False)  # decoded (and, for HTML, readable) text; offsets point here
    format: str = "txt"  # txt | md | html
    encoding: str = "utf-8"
    title: str | None = None
    published: str | None = None  # ISO 8601 date (or datetime) when stated near the top
    author: str | None = None
    segments: tuple[Segment, ...] = ()  # what extraction reads
    skipped: tuple[Skip, ...] = ()  # noise and repeats inside the source


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement, with exact provenance.

    ``quote`` is the sentence; ``surface`` the figure, date or title inside it.
    ``source_text[start:end] == quote`` and
    ``source_text[surface_start:surface_end] == surface``.
    """

    id: str
    source: str
    kind: Kind
    quote: str
    start: int
    end: int
    surface: str
    surface_start: int
    surface_end: int
    subject: str | None = None
    scope: tuple[str, ...] = ()
    value: float | str | None = None
    value_max: float | None = None
    unit: str | None = None
    hedge: Hedge | None = None
    period: str | None = None
    stance: Stance | None = None
    precision: Precision | None = None  # dates
    normalized: str | None = None  # roles: the title in a normalised form
    resolved: bool = False  # dates: a relative date resolved against the publication date
    origin: str = "extracted"  # extracted | manual
    # ---- the claim frame: what is measured, about what, in which dimension
    #: what is measured, a short normalised noun phrase ("killed", "age",
    #: "length", "trade"); for dates and times the event ("shooting")
    measure: str | None = None
    #: True when the text names no measure and ``measure`` was derived from
    #: the unit's dimension (a length in km is a "length")
    measure_derived: bool = False
    #: the entity the figure is about (the person whose age it is), as written,
    #: with offsets into the source text; the link stage gives it a cluster
    about: str | None = None
    about_start: int | None = None
    about_end: int | None = None
    #: physical dimension of the value: money, count, length, area, volume,
    #: mass, energy, power, time, age, percent, temperature, ... (None: unknown)
    dimension: str | None = None
    #: the value (and top of a range) converted to the dimension's canonical
    #: unit (``canonical_unit``: metre, watt_hour / year, USD, ...)
    canonical: float | None = None
    canonical_max: float | None = None
    canonical_unit: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity as it stands in one source."""

    text: str
    label: str  # PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, ... or one of ours
    source: str
    start: int
    end: int


class Verdict(str, Enum):
    """What the compare stage concluded about aligned claims."""

    CONTRADICTION = "contradiction"
    AGREEMENT = "agreement"
    NAMING = "naming"  # one entity spelled differently across sources


class FindingKind(str, Enum):
    """What a finding is about: a claim kind, or a slip the compare stage names."""

    QUANTITY = "quantity"
    DATE = "date"
    TIME = "time"
    ROLE = "role"
    CURRENCY = "currency"  # the same figure in two currencies
    SCALE = "scale"  # the same digits a power of ten apart (a unit or scale slip)
    NAMING = "naming"  # one entity spelled differently across sources


@dataclass(frozen=True, slots=True)
class Variant:
    """One spelling of an entity in one source (for naming findings)."""

    text: str
    source: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """Claims from different sources aligned on subject, scope, unit, period
    and stance, with the verdict and a sentence a person can check."""

    id: str  # stable: derived from the claim ids (or entity variants)
    verdict: Verdict
    kind: FindingKind
    subject: str | None
    scope: tuple[str, ...]
    period: str | None
    claims: tuple[Claim, ...]
    explanation: str
    difference: float | None = None  # absolute, in the claims' unit
    relative_difference: float | None = None  # |a-b| / min(|a|,|b|)
    tolerance: float | None = None  # relative tolerance applied
    copies: bool = False  # the quotes are near-verbatim copies: one origin, not independent
    variants: tuple[Variant, ...] = ()  # naming findings
    entity: str | None = None  # naming findings: the entity id
    #: for a finding between two groups of claims (many sources on one
    #: measure): ``claims[:split]`` is one side, ``claims[split:]`` the other.
    #: ``None`` for a plain pair (split 1) or a group that agrees.
    split: int | None = None
    #: what was measured (the normalised measure both claims share)
    measure: str | None = None
    #: when the two sources' publication dates differ: the later one's id (its
    #: figure may be an update; the finding is still reported)
    later_source: str | None = None
    #: the ladder's match score and the level each feature landed on
    #: ("anchor:about_same", "measure:same", ...)
    score: float | None = None
    levels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.kind, FindingKind):  # a plain "quantity" from a caller: the enum member
            object.__setattr__(self, "kind", FindingKind(self.kind))

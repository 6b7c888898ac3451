"""Reproducible synthetic claim lists for the compare and ledger benchmarks.

The shape follows what a growing news corpus looks like to the compare stage:

- a **head** of popular measures (``HEAD_MEASURES``: 20 subjects, each under a
  few wordings that normalise to one subject key, each with one or two units)
  reported for a handful of periods by many sources. Each report jitters the
  measure's true value so that most agree (exact within rounding, or
  "around"), and some contradict (off by 5-40%, another year's figure, a
  typo). A share are "more than" figures or ranges, and some quotes are
  syndicated copies of another source's sentence. The number of reports per
  (measure, period, unit) grows linearly with the corpus: this is the block
  size the compare stage pairs up;
- a **long tail** of subjects reported once or twice (a place's factory
  output, a project's cost) with a spread of periods and units.

Claims are built directly as :class:`claimcheck.records.Claim`; nothing here
runs spaCy. Same ``n`` and ``seed`` give the same claims.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from claimcheck.ledger import Ledger, SourceEntry
from claimcheck.records import Claim, Hedge, Kind, Mention, Source, Stance

DEFAULT_SEED = 20250428
#: share of claims that report one of the head measures
HEAD_SHARE = 0.3
#: claims per source, on average (so a corpus of n claims has n / 20 sources)
CLAIMS_PER_SOURCE = 20
#: periods the head measures are reported for
HEAD_PERIODS = ("2022", "2023", "2024", "2025-01/2025-06", "2025")


@dataclass(frozen=True)
class Measure:
    wordings: tuple[str, ...]  # all normalise to one subject key
    units: tuple[str, ...]
    base: float  # order of magnitude of the true value
    scope: tuple[str, ...]


HEAD_MEASURES = (
    Measure(("bilateral trade", "mutual trade", "trade turnover", "the volume of bilateral trade"), ("USD",), 6e8, ("Azerbaijan", "Iran")),
    Measure(("oil exports", "crude oil exports"), ("USD", "tonne"), 2e10, ("Azerbaijan",)),
    Measure(("gas exports", "natural gas exports"), ("cubic_metre", "USD"), 2.4e10, ("Azerbaijan",)),
    Measure(("GDP growth", "economic growth"), ("percent",), 3.5, ("Iran",)),
    Measure(("inflation", "annual inflation"), ("percent",), 12.0, ("Iran",)),
    Measure(("people killed", "death toll"), ("person",), 150, ("Iran",)),
    Measure(("people injured", "wounded"), ("person",), 900, ("Iran",)),
    Measure(("foreign direct investment", "FDI inflows"), ("USD",), 3e9, ("Azerbaijan",)),
    Measure(("remittances",), ("USD",), 1.2e9, ("Azerbaijan",)),
    Measure(("cargo transit", "transit cargo"), ("tonne",), 5e6, ("Azerbaijan", "Iran", "Russia")),
    Measure(("railway length", "length of the railway"), ("km",), 162, ("Iran",)),
    Measure(("irrigated land",), ("hectare",), 400_000, ("Azerbaijan", "Iran")),
    Measure(("hydropower capacity",), ("MW",), 280, ("Azerbaijan", "Iran")),
    Measure(("unemployment", "unemployment rate"), ("percent",), 6.0, ("Azerbaijan",)),
    Measure(("tourist arrivals", "foreign tourists"), ("tourist",), 2.6e6, ("Azerbaijan",)),
    Measure(("budget deficit",), ("USD", "percent"), 4e9, ("Iran",)),
    Measure(("military spending", "defence budget"), ("USD",), 3.1e9, ("Azerbaijan",)),
    Measure(("refugees", "displaced people"), ("person",), 40_000, ("Azerbaijan",)),
    Measure(("wheat imports",), ("tonne", "USD"), 1.5e6, ("Iran",)),
    Measure(("electricity exports", "power exports"), ("kWh",), 1.1e9, ("Azerbaijan", "Georgia")),
)

_TAIL_NOUNS = """output production cost price revenue capacity budget investment sales loans
subsidies tariffs deliveries shipments orders reserves arrivals visitors graduates patients
vehicles containers wells hospitals schools flights passengers""".split()
_TAIL_OWNERS = """factory plant port airport bank ministry refinery mine terminal corridor
district province city company agency fund university hospital railway pipeline""".split()
_TAIL_UNITS = ("USD", "EUR", "AZN", "percent", "tonne", "km", "hectare", "person", "vehicle", "flight", "MW")
_SYLLABLES = "ka ro mi zu ve la ton bar sel dor hi ne pa gu ris tam lo ya fen shi".split()
_PLACES = ("Azerbaijan", "Iran", "Russia", "Georgia", "Armenia", "Turkey", "Baku", "Tabriz", "Nakhchivan")
_TEMPLATES = (
    "In {period}, {subject} reached {surface}, according to official data.",
    "Officials said {subject} stood at {surface} in {period}.",
    "{Subject} amounted to {surface} in {period}, the statistics committee reported.",
    "According to the report, {subject} was {surface} for {period}.",
)


def _jitter(rng: random.Random, truth: float) -> tuple[float, float | None, Hedge]:
    """One source's report of ``truth``: (value, value_max, hedge)."""
    r = rng.random()
    if r < 0.45:  # exact, within rounding
        return truth * (1 + rng.uniform(-0.004, 0.004)), None, Hedge.EXACT
    if r < 0.70:  # "around", within 5%
        return round(truth * (1 + rng.uniform(-0.04, 0.04)), -1), None, Hedge.APPROX
    if r < 0.78:  # "more than" a lower round figure
        return truth * rng.uniform(0.7, 0.98), None, Hedge.MORE_THAN
    if r < 0.84:  # a range around it
        return truth * rng.uniform(0.8, 0.95), truth * rng.uniform(1.02, 1.2), Hedge.RANGE
    # a contradiction: another year's figure, a misreading, a typo
    return truth * rng.choice((0.6, 0.75, 0.9, 1.1, 1.3, 1.4, 10.0)), None, rng.choice((Hedge.EXACT, Hedge.APPROX))


def _surface(value: float, value_max: float | None, unit: str, hedge: Hedge) -> str:
    words = {Hedge.APPROX: "around ", Hedge.MORE_THAN: "more than ", Hedge.RANGE: "between "}.get(hedge, "")
    text = f"{value:,.1f}"
    if value_max is not None:
        text += f" and {value_max:,.1f}"
    return f"{words}{text} {unit}"


class _Builder:
    """Assigns claims to sources and gives each a quote, ids and offsets."""

    def __init__(self, rng: random.Random, n_sources: int):
        self.rng = rng
        self.n_sources = n_sources
        self.count = 0
        self.offsets = [0] * n_sources
        self.last_quote: dict[tuple, str] = {}  # for syndicated copies

    def claim(self, subject: str, scope: tuple[str, ...], unit: str, period: str, stance: Stance,
              value: float, value_max: float | None, hedge: Hedge, copy_key: tuple | None = None) -> Claim:
        rng = self.rng
        src = rng.randrange(self.n_sources)
        surface = _surface(value, value_max, unit, hedge)
        quote = None
        if copy_key is not None and rng.random() < 0.1:
            quote = self.last_quote.get(copy_key)  # a syndicated copy of an earlier report
        if quote is None:
            template = rng.choice(_TEMPLATES)
            quote = template.format(period=period, subject=subject, Subject=subject[:1].upper() + subject[1:],
                                    surface=surface)
            if copy_key is not None:
                self.last_quote[copy_key] = quote
        start = self.offsets[src]
        self.offsets[src] += len(quote) + 2
        at = max(quote.find(surface), 0)
        self.count += 1
        return Claim(
            id=f"q-{self.count:010x}", source=f"src-{src:06d}", kind=Kind.QUANTITY, quote=quote,
            start=start, end=start + len(quote), surface=surface, surface_start=start + at,
            surface_end=start + at + len(surface), subject=subject, scope=scope, value=value,
            value_max=value_max, unit=unit, hedge=hedge, period=period, stance=stance,
        )


def _stance(rng: random.Random) -> Stance:
    r = rng.random()
    return Stance.ACTUAL if r < 0.85 else Stance.TARGET if r < 0.93 else Stance.FORECAST


def _head_claims(rng: random.Random, builder: _Builder, count: int) -> Iterator[Claim]:
    truths: dict[tuple, float] = {}
    for _ in range(count):
        m = rng.choice(HEAD_MEASURES)
        unit, period, stance = rng.choice(m.units), rng.choice(HEAD_PERIODS), _stance(rng)
        key = (m.wordings[0], unit, period, stance)
        truth = truths.setdefault(key, m.base * rng.uniform(0.5, 2.0))
        value, value_max, hedge = _jitter(rng, truth)
        scope = m.scope if rng.random() < 0.8 else m.scope[:1]  # a narrower scope is still compatible
        yield builder.claim(rng.choice(m.wordings), scope, unit, period, stance, value, value_max, hedge, key)


def _tail_claims(rng: random.Random, builder: _Builder, count: int) -> Iterator[Claim]:
    for _ in range(count):
        place = rng.choice(_PLACES)
        name = "".join(rng.choice(_SYLLABLES) for _ in range(4)).capitalize()  # "Karomizu"
        subject = f"{rng.choice(_TAIL_NOUNS)} of the {name} {rng.choice(_TAIL_OWNERS)}"
        year = rng.randint(1995, 2025)
        period = str(year) if rng.random() < 0.7 else f"{year}-{rng.randint(1, 12):02d}"
        value = 10 ** rng.uniform(0, 10)
        hedge = rng.choice((Hedge.EXACT, Hedge.EXACT, Hedge.APPROX, Hedge.MORE_THAN))
        yield builder.claim(subject, (place,), rng.choice(_TAIL_UNITS), period, _stance(rng), value, None, hedge)


def claims(n: int, seed: int = DEFAULT_SEED) -> list[Claim]:
    """``n`` quantity claims: ``HEAD_SHARE`` of them on the head measures, the
    rest a long tail, interleaved in a fixed pseudo-random order."""
    rng = random.Random(seed)
    builder = _Builder(rng, max(2, n // CLAIMS_PER_SOURCE))
    n_head = int(n * HEAD_SHARE)
    out = [*_head_claims(rng, builder, n_head), *_tail_claims(rng, builder, n - n_head)]
    rng.shuffle(out)
    return out


def ledger_of(claim_list: list[Claim], mentions_per_source: int = 4) -> Ledger:
    """A ledger holding ``claim_list`` with one source entry per source id and
    a few entity mentions each."""
    ids = sorted({c.source for c in claim_list})
    sources = []
    for i, sid in enumerate(ids):
        src = Source(id=sid, path=f"corpus/{sid}.txt", sha256=f"{i:064x}", text="",
                     title=f"Synthetic article {i}", published="2025-04-28", author="A. Writer")
        mentions = tuple(
            Mention(_PLACES[(i + k) % len(_PLACES)], "GPE", sid, 40 * k, 40 * k + 10)
            for k in range(mentions_per_source)
        )
        sources.append(SourceEntry(src, 20_000, mentions))
    by_source = sorted(claim_list, key=lambda c: (c.source, c.start, c.surface_start, c.kind.value, c.id))
    return Ledger(sources=tuple(sources), claims=tuple(by_source),
                  generator={"claimcheck": "bench", "model": "none", "rules": "1"})

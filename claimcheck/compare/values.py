"""Values as intervals: tolerances (rounding, hedges, ranges), dates,
clock times, and how two values of one dimension relate."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Claim, Hedge, Kind
from ..thresholds import CompareThresholds
from .keys import canonical_values, number_of

if TYPE_CHECKING:  # pragma: no cover
    from .frames import Frame


# ------------------------------------------------------------------ values


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float
    tolerance: float  # relative tolerance that produced it
    why: str  # "±5% for 'around'"


def rounding_step(v: float) -> float:
    """The step a figure was rounded to, read off its digits: 580 million →
    10 million, 120 → 10, 1.25 → 0.01, 7 → 1."""
    if not math.isfinite(v) or v == 0:
        return 0.0
    text = f"{abs(v):.12g}"
    exp = 0
    if "e" in text:
        text, e = text.split("e")
        exp = int(e)
    if "." in text:
        return 10.0 ** (exp - len(text.split(".")[1]))
    return 10.0 ** (exp + len(text) - len(text.rstrip("0")))


def interval(c: Claim, t: CompareThresholds, value: float | None = None, value_max: float | None = None) -> Interval:
    """The values a claim allows: an exact figure ±``t.exact`` (rounding);
    "around X" ± half its rounding step ("about 120" is 115-125), at least
    ``t.approx`` and at most ``t.approx_max``; "more than X" is [X, ∞); a
    range is itself. ``value``/``value_max`` replace the claim's own (its
    canonical values)."""
    raw = number_of(c)
    v = raw if value is None else value
    vmax = c.value_max if value is None else value_max
    hedge = c.hedge or Hedge.EXACT
    if hedge is Hedge.RANGE and vmax is not None:
        return Interval(min(v, vmax), max(v, vmax), 0.0, "a range")
    if hedge in (Hedge.MORE_THAN, Hedge.AT_LEAST):
        return Interval(v, math.inf, 0.0, "'more than' (any larger value agrees)")
    if hedge in (Hedge.LESS_THAN, Hedge.AT_MOST):
        return Interval(-math.inf, v, 0.0, "'less than' (any smaller value agrees)")
    if hedge is Hedge.APPROX:
        half_step = rounding_step(raw) / 2 / abs(raw) if raw else 0.0
        tol = min(max(t.approx, half_step), t.approx_max)
        why = f"±{tol:.1%} for 'around' (rounded to {_num(rounding_step(raw))})"
    else:
        tol = t.exact
        why = f"±{tol:.1%} for rounding"
    span = abs(v) * tol
    return Interval(v - span, v + span, tol, why)


def format_value(c: Claim) -> str:
    """"580M USD", "300M–400M USD", "more than 400K hectare", "20 percent"."""
    if c.kind is not Kind.QUANTITY:
        return str(c.value)
    text = _short(number_of(c))
    if c.hedge is Hedge.RANGE and c.value_max is not None:
        text = f"{text}–{_short(c.value_max)}"
    prefix = {
        Hedge.APPROX: "~", Hedge.MORE_THAN: "more than ", Hedge.AT_LEAST: "at least ",
        Hedge.LESS_THAN: "less than ", Hedge.AT_MOST: "at most ",
    }.get(c.hedge or Hedge.EXACT, "")
    unit = {"percent": "%"}.get(c.unit or "", f" {c.unit}" if c.unit else "")
    return f"{prefix}{text}{unit}"


def _short(v: float) -> str:
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(v) >= scale:
            return f"{v / scale:.4g}{suffix}"
    return f"{v:.4g}"


# -------------------------------------------------------------------- dates


def date_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day an ISO date or interval covers ("2025" -> Jan 1 ..
    Dec 31; "2025-01/2025-10" -> Jan 1 .. Oct 31)."""
    try:
        if "/" in value:
            a, b = value.split("/", 1)
            lo, hi = date_bounds(a), date_bounds(b)
            return (lo[0], hi[1]) if lo and hi else None
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            y, m = parts
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
        d = dt.date(*parts[:3])
        return d, d
    except (ValueError, TypeError):
        return None




# -------------------------------------------------------------- the values


def _tolerance_interval(c: Claim, t: CompareThresholds) -> Interval:
    """The claim's value as an interval in canonical units (see :func:`interval`)."""
    v, vmax = canonical_values(c)
    return interval(c, t, v, vmax)


def frame_interval(f: Frame, t: CompareThresholds, memo: dict[int, Interval] | None = None) -> Interval:
    """:func:`_tolerance_interval` of a frame's claim, computed once per
    frame when ``memo`` (keyed by the frame's id, for one alignment run) is given."""
    if memo is None:
        return _tolerance_interval(f.claim, t)
    got = memo.get(id(f))
    if got is None:
        got = memo[id(f)] = _tolerance_interval(f.claim, t)
    return got


def relation(a: Frame, b: Frame, t: CompareThresholds, memo: dict[int, Interval] | None = None) -> str:
    """within | close | scale | currency | far | very_far | unknown, for two claims of one dimension."""
    ca, cb = a.claim, b.claim
    if ca.kind is Kind.DATE:
        ba, bb = date_bounds(str(ca.value)), date_bounds(str(cb.value))
        if ba is None or bb is None:
            return "far"
        slack = dt.timedelta(days=t.relative_date_days if (_loose_day(ca) or _loose_day(cb)) else 0)
        if ba[0] - slack <= bb[1] and bb[0] - slack <= ba[1]:
            return "within"
        gap = min(abs((ba[0] - bb[1]).days), abs((bb[0] - ba[1]).days))
        return "close" if gap <= t.date_close_days else "far"
    if ca.kind is Kind.TIME:
        ma, mb = clock_minutes(ca.value), clock_minutes(cb.value)
        if ma is None or mb is None:
            return "far"
        gap = _clock_gap(ma, mb)
        if gap <= _time_tolerance(ca, t) + _time_tolerance(cb, t):
            return "within"
        return "close" if gap <= 120 else "far"
    if ca.kind is not Kind.QUANTITY:
        return "far"
    if a.unit != b.unit:
        if a.dimension == "money" and _raw_agree(ca, cb, t):
            return "currency"
        return "unknown"
    ia, ib = frame_interval(a, t, memo), frame_interval(b, t, memo)
    if ia.lo <= ib.hi and ib.lo <= ia.hi:
        return "within"
    pa, pb = _canon_point(ca), _canon_point(cb)
    if _same_digits(pa, pb, t):
        return "scale"
    lo, hi = sorted((abs(pa), abs(pb)))
    if lo > 0 and hi / lo <= 2:
        return "close"
    if lo == 0 and hi <= 2 and a.dimension == "count":
        return "close"  # "no arrests" / "one arrested": a count one or two apart, as 3 / 4 are
    # a zero against a count ("no arrests" / "one arrest") is far, not very far
    return "far" if lo <= 0 or hi / lo <= t.very_far_ratio else "very_far"


def _loose_day(c: Claim) -> bool:
    """A day counted from the publication date ("yesterday", "last night",
    "this morning"): off by one when the page was stamped in another time
    zone or after midnight. A weekday ("Sunday") or a month and day whose
    year was inferred names its day exactly."""
    return c.resolved and bool(_RELATIVE_DAY.search(c.surface))


_RELATIVE_DAY = re.compile(r"\b(?:today|tonight|yesterday|overnight|last night|this (?:morning|afternoon|evening))\b",
                           re.IGNORECASE)


def _raw_agree(a: Claim, b: Claim, t: CompareThresholds) -> bool:
    ia, ib = interval(a, t), interval(b, t)
    return ia.lo <= ib.hi and ib.lo <= ia.hi


def _same_digits(pa: float, pb: float, t: CompareThresholds) -> bool:
    """The same figure at a scale 1000^k apart (MWh vs GWh, thousand vs million)."""
    lo, hi = sorted((abs(pa), abs(pb)))
    if lo <= 0:
        return False
    ratio = hi / lo
    k = round(math.log10(ratio) / 3)
    return k >= 1 and math.isclose(ratio, 1000.0 ** k, rel_tol=t.exact * 2)


def _canon_point(c: Claim) -> float:
    v, vmax = canonical_values(c)
    if c.hedge is Hedge.RANGE and vmax is not None:
        return (v + vmax) / 2
    return v


_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?")


def clock_minutes(value: object) -> int | None:
    """Minutes after midnight of a time claim's value ("20:30", "8:30", 1230)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if 0 <= value < 24 * 60 else None
    m = _CLOCK.match(str(value or ""))
    if not m:
        return None
    h, mi = int(m[1]), int(m[2] or 0)
    return h * 60 + mi if h < 24 and mi < 60 else None


def _clock_gap(a: int, b: int) -> int:
    d = abs(a - b) % (24 * 60)
    return min(d, 24 * 60 - d)


def _time_tolerance(c: Claim, t: CompareThresholds) -> float:
    return t.time_approx_minutes if c.hedge not in (None, Hedge.EXACT) else t.time_exact_minutes




def _num(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:.4g}"

"""A figure's dimension and its value in the dimension's canonical unit.

Physical units go through **pint** (loaded lazily, once): km -> meter, MWh ->
joule, hectares -> meter ** 2, tonnes -> kilogram, °F -> kelvin. A rate keeps
its per-time part ("5 TWh a year" -> joule / year); power given "a year"
("5 gigawatts a year") is read as energy per year (gigawatt-hours a year).
Money stays in its ISO 4217 code (no exchange conversion), ages in years,
counts in "count", percentages in "percent".

Never raises: a unit pint cannot read, or a value that is not finite after
conversion, gives no canonical value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..vocab.units import CANONICAL_UNITS, DIMENSIONS, NON_PHYSICAL, PINT_ALIASES

__all__ = ["Canonical", "canonical", "pint_registry"]

#: Largest canonical magnitude kept; beyond it a figure is not a fact.
_MAX_MAGNITUDE = 1e30
_ISO = re.compile(r"^[A-Z]{3}$")
#: Physical unit names pint reads as written.
_PINT_NAMES = frozenset("hectare acre mile foot inch ounce gallon barrel".split())


@dataclass(frozen=True, slots=True)
class Canonical:
    dimension: str | None
    value: float | None
    value_max: float | None
    unit: str | None


@cache
def pint_registry() -> Any:
    """The one pint registry (building it takes a moment: done on first use)."""
    import pint

    return pint.UnitRegistry()


def _finite(x: float | None) -> float | None:
    if x is None or not math.isfinite(x) or abs(x) > _MAX_MAGNITUDE:
        return None
    return x


def is_physical(unit: str | None) -> bool:
    return unit is not None and (unit in PINT_ALIASES or unit in _PINT_NAMES)


def canonical(
    value: float | None,
    value_max: float | None,
    unit: str | None,
    *,
    rate: str | None = None,
    age: bool = False,
) -> Canonical:
    """Dimension and canonical value of a figure.

    ``unit`` is the normalised unit (an ISO code, "percent", a unit name, or
    a counted noun for a bare count); ``rate`` a per-time word ("year") when
    the text says "a year"; ``age`` marks an age in years.
    """
    if not isinstance(value, (int, float)):
        return Canonical(None, None, None, None)
    if age:
        return Canonical("age", _finite(value), _finite(value_max), "year")
    if unit is None:
        return Canonical(None, None, None, None)
    if unit in NON_PHYSICAL:
        dim, cu = NON_PHYSICAL[unit]
        return _per(Canonical(dim, _finite(value), _finite(value_max), cu), rate)
    if _ISO.match(unit) or unit == "IRT":
        return _per(Canonical("money", _finite(value), _finite(value_max), unit), rate)
    if not is_physical(unit):
        return _per(Canonical("count", _finite(value), _finite(value_max), "count"), rate)
    try:
        return _physical(float(value), value_max, PINT_ALIASES.get(unit, unit), rate)
    except Exception:  # pint's errors never escape: no canonical value
        return Canonical(None, None, None, None)


def _per(c: Canonical, rate: str | None) -> Canonical:
    if rate is None or c.unit is None:
        return c
    return Canonical(c.dimension, c.value, c.value_max, f"{c.unit} / {rate}")


def _physical(value: float, value_max: float | None, expr: str, rate: str | None) -> Canonical:
    ureg = pint_registry()
    unit = ureg.parse_units(expr)
    dim = DIMENSIONS.get(str(ureg.Quantity(1, unit).dimensionality))
    if rate is not None and dim == "power":
        unit = unit * ureg.hour  # "5 gigawatts a year": gigawatt-hours a year
        dim = "energy"

    target = ureg.parse_units(CANONICAL_UNITS[dim]) if dim in CANONICAL_UNITS else None

    def conv(x: float | None) -> float | None:
        if x is None or not math.isfinite(x):
            return None
        q = ureg.Quantity(x, unit)
        q = q.to(target) if target is not None else q.to_base_units()
        return _finite(float(q.magnitude))

    base = target if target is not None else ureg.Quantity(1, unit).to_base_units().units
    text = str(base)
    lo, hi = conv(value), conv(value_max)
    if lo is None:
        return Canonical(dim, None, None, None)
    if rate is not None:
        text = f"{text} / {rate}"
    return Canonical(dim, lo, hi, text)

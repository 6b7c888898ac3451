"""Blocking: the pairs of names worth running the ladder on (see "Cost" in the
package docstring)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from claimcheck.thresholds import DEFAULT, LinkThresholds

from .keys import _skeleton_of_key, name_key
from .names import PLACE_LABELS, _Name, place_form
from .rungs import english_sound
from .tables import LENGTH_BAND_RATIO


def _band(n: int) -> int:
    return int(math.log(max(n, 1)) / math.log(LENGTH_BAND_RATIO))


def _given_family(given: str) -> set[str]:
    """A given name's nicknames and the names it is a nickname of (blocking
    keys for the nickname rung)."""
    from .rungs import _nicknamer

    nn = _nicknamer()
    return (nn.nicknames_of(given) | nn.canonicals_of(given)) - {given}


def _candidate_pairs(
    names: Sequence[_Name], th: LinkThresholds = DEFAULT.link
) -> list[tuple[int, int]]:
    """Index pairs worth running the ladder on (see "Cost" in the module docstring).

    Equal (group, head, stem skeleton), equal alias group and, for people,
    equal (given name, surname) always pair. In a
    (group, head, first/last character, length band) block and its neighbour
    band, rapidfuzz's C++ ``process.extract`` keeps only the pairs whose
    skeletons reach ``skeleton`` or whose keys reach ``fuzzy_key``, the only
    ones the transliteration / fuzzy rungs can accept.
    """
    exact: dict[tuple, list[int]] = defaultdict(list)
    banded: dict[tuple, list[int]] = defaultdict(list)
    for i, n in enumerate(names):
        if not n.stem_key:
            continue
        exact[("skel", n.group, n.head, n.stem_skel)].append(i)
        if n.alias is not None:
            exact[("alias", n.group, n.alias)].append(i)
        if n.given and n.surname:  # the person rung: same given name and surname
            exact[("person", n.given, n.surname)].append(i)
            # the nickname rung: the surname and the given name's nickname family
            for g in _given_family(n.given):
                exact[("person", g, n.surname)].append(i)
            # a surname spelt two ways under one given name (Rait / Raite)
            exact[("given", n.given, _skeleton_of_key(n.surname))].append(i)
            exact[("sound", n.given, english_sound(n.surname))].append(i)
            last = n.display.split()[-1]
            if "-" in last:  # or one part of a double surname
                for part in last.split("-"):
                    if name_key(part) and name_key(part) != n.surname:
                        exact[("person", n.given, name_key(part))].append(i)
        if n.label in PLACE_LABELS:  # the place-name mode: equal romanisation keys, near ones banded
            form = place_form(n.display)
            if form.roman:
                exact[("place", form.roman)].append(i)
                exact[("place", form.sorted_roman)].append(i)
                banded[("place", "first", form.roman[0], _band(len(form.roman)))].append(i)
        for tag, text in (("key", n.stem_key), ("skel", n.stem_skel)):
            if not text:
                continue
            band = _band(len(text))
            banded[(tag, "first", n.group, n.head, text[0], band)].append(i)
            banded[(tag, "last", n.group, n.head, text[-1], band)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in exact.values():
        for p in range(len(members)):
            for q in range(p + 1, len(members)):
                pairs.add((members[p], members[q]))
    for bkey, members in banded.items():
        tag = bkey[0]
        cutoff = {"key": th.fuzzy_key, "skel": th.skeleton, "place": th.place_roman}[tag]
        # ratio >= cutoff needs len(long)/len(short) <= (200 - cutoff) / cutoff
        widest = (200.0 - cutoff) / max(cutoff, 1.0)
        span = max(1, math.ceil(math.log(max(widest, 1.0)) / math.log(LENGTH_BAND_RATIO)))
        others = list(members)
        for step in range(1, span + 1):
            others += banded.get(bkey[:-1] + (bkey[-1] + step,), [])
        if len(others) < 2:
            continue
        choices = [_block_text(names[j], tag) for j in others]
        for i in members:
            query = _block_text(names[i], tag)
            for _, _, pos in process.extract(
                query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                j = others[pos]
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def _block_text(n: _Name, tag: str) -> str:
    """The text a banded block compares: the key, the skeleton, or (places)
    the romanisation key."""
    if tag == "key":
        return n.stem_key
    if tag == "skel":
        return n.stem_skel
    return place_form(n.display).roman

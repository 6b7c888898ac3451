"""Pairwise matching: the rungs of the ladder on two analysed names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from claimcheck.thresholds import DEFAULT, LinkThresholds
from claimcheck.vocab.demonyms import PLACE_TO_DEMONYM_TAILS

from .keys import _mapped, _skeleton_of_key, name_key, roman_key
from .names import PLACE_LABELS, PlaceForm, _Name, _name, compatible, place_form


@dataclass(frozen=True, slots=True)
class Match:
    """Why two names are one entity."""

    rung: str  # a key of RUNGS: "exact", "title", "person", "nickname", "alias", ...
    score: float  # 0-100
    reason: str  # one line


def _flat(text: str) -> str:
    """A surface on one line (reasons are printed one per line)."""
    return " ".join(text.split())


def _num(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


@lru_cache(maxsize=65536)
def _digits(key: str) -> str:
    return "".join(c for c in key if c.isdigit())


_ABJAD_DROP = str.maketrans("", "", "aeiouyhw'_")


def _unvowelled(ka: str, kb: str) -> str | None:
    """A romanisation written without vowels (Arabic / Persian / Hebrew
    script, "sr tl", "shah wly") against a vowelled one: the same consonants
    in order (h, w, y dropped: they are often written for vowels), the same
    first letter, at least three consonants."""
    bare = [k for k in (ka, kb) if not any(c in "aeiou" for c in k[1:])]
    if len(bare) != 1 or ka[0] != kb[0]:
        return None
    ca = _skeleton_of_key(ka).translate(_ABJAD_DROP)
    cb = _skeleton_of_key(kb).translate(_ABJAD_DROP)
    if len(ca) < 3 or ca != cb:
        return None
    return f'unvowelled spelling "{bare[0]}", same consonants "{ca}"'


def _similar(ka: str, kb: str, th: LinkThresholds) -> tuple[str, float, str] | None:
    """Transliteration / fuzzy test on two keys: (rung, score, detail) or None."""
    if not ka or not kb:
        return None
    if ka == kb:
        return ("exact", 100.0, f'same key "{ka}"')
    if _digits(ka) != _digits(kb):
        return None
    r = fuzz.ratio(ka, kb)
    ska, skb = _skeleton_of_key(ka), _skeleton_of_key(kb)
    floor = th.skeleton_key_floor
    unvowelled = _unvowelled(ka, kb)
    if unvowelled:
        return ("transliteration", 100.0, unvowelled)
    short, long = sorted((ka, kb), key=len)
    if len(short) >= 4 and long == short + "e" and not short.endswith("e"):
        return ("transliteration", 100.0, f'same name but a silent final "e" ("{short}")')
    if min(len(ka), len(kb)) < th.min_fuzzy_length:
        if (
            ska == skb
            and ka[0] == kb[0]
            and abs(len(ka) - len(kb)) <= 1
            and _mapped(ka) == _mapped(kb)
            and r >= floor
        ):
            return (
                "transliteration",
                100.0,
                f'short name, same skeleton "{ska}" and vowels, same first letter, '
                f"spelling similarity {_num(r)} ≥ {_num(floor)}",
            )
        return None
    if ska == skb and r >= floor:
        return (
            "transliteration",
            100.0,
            f'same skeleton "{ska}", spelling similarity {_num(r)} ≥ {_num(floor)}',
        )
    sr = fuzz.ratio(ska, skb)
    if sr >= th.skeleton and r >= floor:
        return (
            "transliteration",
            sr,
            f'skeletons "{min(ska, skb)}"/"{max(ska, skb)}" similarity {_num(sr)} ≥ '
            f"{_num(th.skeleton)}, spelling similarity {_num(r)} ≥ {_num(floor)}",
        )
    if r >= th.fuzzy_key:
        return ("fuzzy", r, f"spelling similarity {_num(r)} ≥ {_num(th.fuzzy_key)}")
    return None


_SOUNDS = (("ck", "k"), ("x", "ks"), ("ph", "f"), ("q", "k"))


@lru_cache(maxsize=65536)
def english_sound(key: str) -> str:
    """A surname as English spelling sounds it (ck / x / ph / q / c before a
    hard vowel folded, doubled letters collapsed): "dickson" = "dixon" ->
    "dikson"."""
    s = key
    for a, b in _SOUNDS:
        s = s.replace(a, b)
    s = re.sub(r"c(?=[aou]|$|[^aeiouy])", "k", s)
    return re.sub(r"(.)\1+", r"\1", s)


def _person_tokens_ok(a: _Name, b: _Name, th: LinkThresholds) -> bool:
    ta, tb = a.tokens, b.tokens
    if a.group != "PERSON" or len(ta) < 2 or len(tb) < 2:
        return True
    if len(ta) == len(tb):
        pairs = list(zip(ta, tb))
    else:
        pairs = [(ta[0], tb[0]), (ta[-1], tb[-1])]
    return all(_similar(x, y, th) is not None for x, y in pairs)


#: key endings that turn a place name into its demonym / adjective
#: (Armenia -> Armenian): in :mod:`claimcheck.vocab.demonyms`.
_DEMONYM_TAILS = PLACE_TO_DEMONYM_TAILS


def _tokens_alike(x: str, y: str, th: LinkThresholds) -> bool:
    short, long = sorted((x, y), key=len)
    if len(short) >= 3 and long == short + "s":
        return True  # "Red Hill" / "Red Hills": a plural inside a longer name
    return x == y or _skeleton_of_key(x) == _skeleton_of_key(y) or _similar(x, y, th) is not None


def _parts_ok(a: _Name, b: _Name, th: LinkThresholds) -> bool:
    """A name never matches itself plus a demonym ending (any label). Non-person
    names: "X and Y" only matches "X' and Y'" conjunct by conjunct;
    equal-length multi-word names match word by word (a word may differ only
    as a transliteration / spelling variant: "Islamic Republic of Iran" !=
    "... of Iraq")."""
    ka, kb = sorted((a.stem_key, b.stem_key), key=len)
    if kb.startswith(ka) and kb[len(ka) :] in _DEMONYM_TAILS:
        return False  # Armenia / Armenian; for people, Mohammad / Mohammadi
    if a.group == "PERSON":
        return True
    pa, pb = a.parts, b.parts
    if len(pa) > 1 or len(pb) > 1:
        if len(pa) != len(pb):
            return False
        for x, y in zip(pa, pb):
            if "".join(x) != "".join(y) and _similar("".join(x), "".join(y), th) is None:
                return False
    for x, y in zip(pa, pb):
        if len(x) == len(y) and len(x) >= 2:
            if not all(_tokens_alike(u, v, th) for u, v in zip(x, y)):
                return False
    return True


def _pair_text(a: _Name, b: _Name) -> str:
    x, y = sorted((_flat(a.surface), _flat(b.surface)))
    return f'"{x}" ~ "{y}"'


# --------------------------------------------------------------------------- #
# The ladder as data
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class Rung:
    """One comparison level (splink's ComparisonLevel): a name, a test on two
    analysed names, and a description of what it accepts. The first rung whose
    test returns a :class:`Match` decides the pair."""

    name: str
    description: str
    test: Callable[[_Name, _Name, LinkThresholds], Match | None] = field(repr=False)


def _exact_test(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
    if a.raw_key == b.raw_key:
        return Match("exact", 100.0, f'exact: {_pair_text(a, b)}, same key "{a.raw_key}"')
    if a.key == b.key and not (a.prefix or b.prefix):
        return Match(
            "exact",
            100.0,
            f'exact: {_pair_text(a, b)}, same name "{min(a.display, b.display)}" '
            f'(key "{a.key}")',
        )
    if a.head and a.head == b.head and a.stem_key == b.stem_key:
        return Match(
            "exact",
            100.0,
            f'exact: {_pair_text(a, b)}, same name "{a.stem_key}" and head noun "{a.head}"',
        )
    return None


def _title_test(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
    if a.key != b.key:
        return None
    prefixes = sorted(p for p in (a.prefix, b.prefix) if p)
    return Match(
        "title",
        100.0,
        f'title: {_pair_text(a, b)}, same name "{min(a.display, b.display)}" once the title '
        + " / ".join(f'"{p}"' for p in prefixes)
        + " is dropped",
    )


def _middles_fit(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Middle names agree: one side has none, or they are equal word by word
    where one may be an initial of the other ("P." ~ "Paul")."""
    if not x or not y:
        return True
    if len(x) != len(y):
        return False
    return all(u == v or (min(len(u), len(v)) == 1 and u[0] == v[0]) for u, v in zip(x, y))


def _surname_parts(n: _Name) -> set[str]:
    last = n.display.split()[-1] if n.display.split() else ""
    return {name_key(p) for p in last.split("-") if len(name_key(p)) >= 3}


def _surnames_fit(a: _Name, b: _Name) -> bool:
    """Equal surnames, or one a part of the other's double surname
    ("Rivera" ~ "Rivera-Camacho")."""
    if a.surname == b.surname:
        return True
    return (a.surname in _surname_parts(b) and "-" in b.display) or (
        b.surname in _surname_parts(a) and "-" in a.display
    )


def _person_test(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
    if a.group != "PERSON" or not (a.given and a.surname and b.given and b.surname):
        return None
    if a.given != b.given or not _surnames_fit(a, b):
        return None
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return None  # Jr. is not Sr.
    if not _middles_fit(a.middles, b.middles):
        return None
    return Match(
        "person",
        100.0,
        f'person: {_pair_text(a, b)}, same given name "{a.given}" and surname '
        f'"{min(a.surname, b.surname, key=len)}"; a middle name, suffix or second surname '
        "given in one only",
    )


@lru_cache(maxsize=1)
def _nicknamer():
    """The English given-name / nickname table of the ``nicknames`` package
    (hand-curated: Melvin -> Mel, Randall -> Randy, John -> Jon), loaded once."""
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=65536)
def nickname_of(x: str, y: str) -> bool:
    """One given name (a key) is a listed nickname of the other ("mel" / "melvin")."""
    if not x or not y or x == y or min(len(x), len(y)) < 2:
        return False
    nn = _nicknamer()
    return y in nn.nicknames_of(x) or x in nn.nicknames_of(y)


def _nickname_test(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
    if a.group != "PERSON" or not (a.given and a.surname and b.given and b.surname):
        return None
    if not nickname_of(a.given, b.given) or not _surnames_fit(a, b):
        return None
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return None
    if not _middles_fit(a.middles, b.middles):
        return None
    x, y = sorted((a.given, b.given), key=len)
    return Match(
        "nickname",
        100.0,
        f'nickname: {_pair_text(a, b)}, "{x}" is a usual short form of "{y}" (nickname '
        f'table), same surname "{min(a.surname, b.surname, key=len)}"',
    )


def _alias_test(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
    if a.head == b.head and a.alias is not None and a.alias == b.alias:
        return Match("alias", 100.0, f"alias: {_pair_text(a, b)}, known names of one place")
    return None


def _spelling(a: _Name, b: _Name, th: LinkThresholds) -> tuple[str, float, str] | None:
    if a.head != b.head:
        return None
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return None  # Jr. is not Sr., however alike the rest
    if (
        a.given and a.given == b.given and a.surname != b.surname
        and english_sound(a.surname) == english_sound(b.surname) and a.surname[:1] == b.surname[:1]
        and _middles_fit(a.middles, b.middles)
    ):
        # "Alicia Dickson" / "Alicia Dixon": one given name, surnames spelt two
        # ways that sound the same in English
        return ("transliteration", 100.0, f'same given name "{a.given}", surnames sound alike '
               f'("{english_sound(a.surname)}")')
    if not _person_tokens_ok(a, b, th) or not _parts_ok(a, b, th):
        return None
    hit = _similar(a.stem_key, b.stem_key, th)
    if hit is None and a.given and a.given == b.given and a.surname and b.surname:
        # "Duncan Robert Rait" / "Duncan Raite": the same given name, a middle
        # name in one only, and surnames that are spelling variants
        if _middles_fit(a.middles, b.middles):
            sub = _similar(a.surname, b.surname, th)
            if sub is not None and sub[0] != "exact":
                hit = (sub[0], sub[1], f'same given name "{a.given}", surnames: {sub[2]}')
    return hit


def _spelling_test(rung: str) -> Callable[[_Name, _Name, LinkThresholds], Match | None]:
    def test(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
        hit = _spelling(a, b, th)
        if hit is None or hit[0] != rung:
            return None
        _, score, detail = hit
        head = f', head noun "{a.head}"' if a.head else ""
        what = "transliteration variant" if rung == "transliteration" else "fuzzy spelling"
        return Match(rung, round(score, 2), f"{what}: {_pair_text(a, b)}, {detail}{head}")

    return test


# --------------------------------------------------------------------------- #
# Place-name mode (both names GPE or LOC)
# --------------------------------------------------------------------------- #


def _places(a: _Name, b: _Name) -> tuple[PlaceForm, PlaceForm] | None:
    """The place forms of two place names that may be compared in place-name
    mode: both GPE / LOC, the same digits, the same feature classes ("Mys X" =
    "Cape X"; "X River" is not "X")."""
    if a.label not in PLACE_LABELS or b.label not in PLACE_LABELS:
        return None
    if _digits(a.key) != _digits(b.key):
        return None
    pa, pb = place_form(a.display), place_form(b.display)
    if pa.features != pb.features or not pa.key or not pb.key:
        return None
    short, long = sorted((pa.key, pb.key), key=len)
    if long.startswith(short) and long[len(short):] in _DEMONYM_TAILS:
        return None  # Armenia / Armenian
    return pa, pb


def _words_alike(pa: PlaceForm, pb: PlaceForm, th: LinkThresholds) -> bool:
    """Names of as many words (two or more) agree word by word, in order or
    alphabetically: each pair has one romanisation key or keys within
    ``place_roman`` ("Islamic Republic of Iran" is not "... of Iraq")."""
    if len(pa.words) != len(pb.words) or len(pa.words) < 2:
        return True

    def alike(x: str, y: str) -> bool:
        rx, ry = roman_key(x), roman_key(y)
        return rx == ry or (
            rx[:1] == ry[:1]
            and Levenshtein.normalized_similarity(rx, ry) * 100 >= th.place_roman
        )

    return all(alike(x, y) for x, y in zip(pa.words, pb.words)) or all(
        alike(x, y) for x, y in zip(sorted(pa.words), sorted(pb.words))
    )


def _consonants(roman: str) -> str:
    return roman.replace("a", "")


def _short_ok(a: _Name, pa: PlaceForm, pb: PlaceForm, th: LinkThresholds) -> bool:
    """Short names (Iran / Oran, Mali / Male) need the same letters up to the
    vowel classes of the transliteration skeleton, not just one romanisation
    key."""
    if min(len(pa.key), len(pb.key)) >= th.min_fuzzy_length:
        return True
    return _voiceless(pa.key) == _voiceless(pb.key) or _voiceless(pa.sorted_key) == _voiceless(
        pb.sorted_key
    )


_DEVOICE = str.maketrans("bdg", "ptk")


def _voiceless(key: str) -> str:
    """The vowel-class skeleton with voiced stops written voiceless: Korean
    and Wade-Giles romanisations differ on voicing only (Pusan / Busan)."""
    return _mapped(key.translate(_DEVOICE))


def _feature_text(p: PlaceForm) -> str:
    return f' ({", ".join(sorted(p.features))})' if p.features else ""


def _place_words_test(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
    both = _places(a, b)
    if both is None:
        return None
    pa, pb = both
    if pa.key != pb.key and pa.sorted_key != pb.sorted_key:
        return None
    order = "" if pa.key == pb.key else ", in another order"
    return Match(
        "place words",
        100.0,
        f'place words: {_pair_text(a, b)}, same words "{" ".join(sorted(pa.words))}"'
        f"{_feature_text(pa)} once articles and generic place words are dropped{order}",
    )


def _romanisation_test(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
    both = _places(a, b)
    if both is None:
        return None
    pa, pb = both
    if pa.roman != pb.roman and pa.sorted_roman != pb.sorted_roman:
        return None
    if len(_consonants(pa.roman)) < th.place_min_consonants or not _short_ok(a, pa, pb, th):
        return None
    if len(_consonants(pa.roman)) < th.place_min_consonants + 1 and _voiceless(
        pa.key
    ) != _voiceless(pb.key):
        return None  # two consonants and vowels that differ: Guinea / Guyana
    if not _words_alike(pa, pb, th):
        return None
    return Match(
        "romanisation",
        100.0,
        f'romanisation: {_pair_text(a, b)}, same romanisation key "{min(pa.roman, pa.sorted_roman)}"'
        f"{_feature_text(pa)}",
    )


_FULL_VOWELS = frozenset("eiou")


def _abjad(p: PlaceForm) -> bool:
    """Written as Arabic-script romanisations without short vowels ("kwl mhmd"):
    no e / i / o / u, and a run of three consonants or a word of consonants."""
    if _FULL_VOWELS & set(p.key):
        return False
    return any(not (set(w) & set("aeiouy")) or re.search(r"[^aeiouwy]{3}", w) for w in p.words)


def _abjad_test(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
    both = _places(a, b)
    if both is None:
        return None
    pa, pb = both
    if _abjad(pa) == _abjad(pb):
        return None
    bare, full = (pa, pb) if _abjad(pa) else (pb, pa)
    if full.key[:1] != bare.key[:1] and _consonants(full.roman)[:1] != _consonants(bare.roman)[:1]:
        return None
    cb, cf = _consonants(bare.roman), _consonants(full.roman)
    if len(cb) < th.place_min_consonants + 1:
        return None
    # a final t is the ta marbuta that a vowelled spelling writes as -ah / -a
    if cb != cf and not (cb.endswith("t") and cb[:-1] == cf):
        return None
    return Match(
        "unvowelled place",
        100.0,
        f'unvowelled place: {_pair_text(a, b)}, "{" ".join(bare.words)}" written without '
        f'short vowels, same consonants "{cf}"{_feature_text(pa)}',
    )


def _place_spelling_test(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
    both = _places(a, b)
    if both is None:
        return None
    pa, pb = both
    if min(len(pa.key), len(pb.key)) < th.min_fuzzy_length:
        return None
    if len(_consonants(pa.roman)) < th.place_min_consonants + 1:
        return None
    best = max(
        Levenshtein.normalized_similarity(pa.roman, pb.roman),
        Levenshtein.normalized_similarity(pa.sorted_roman, pb.sorted_roman),
    ) * 100
    if best < th.place_roman or pa.roman[:1] != pb.roman[:1] or not _words_alike(pa, pb, th):
        return None
    return Match(
        "place spelling",
        round(best, 2),
        f'place spelling: {_pair_text(a, b)}, romanisation keys "{pa.roman}"/"{pb.roman}" '
        f"similarity {_num(best)} ≥ {_num(th.place_roman)}{_feature_text(pa)}",
    )


#: the place-name mode's rungs (GPE / LOC on both sides), tried after the
#: general rungs: they only add pairs those leave apart, so a pair the
#: general rungs accept keeps its rung (and its spelling-variant finding).
PLACE_RUNGS: tuple[Rung, ...] = (
    Rung("place words", "GPE/LOC: equal words once articles (al-, el-, de, la) and settlement "
         "words (city, village, -shi, Gorod, Kota) are dropped, in any order; feature words "
         "(river, Ozero, Mys) must name the same kind of feature", _place_words_test),
    Rung("romanisation", "GPE/LOC: equal romanisation key (voicing, aspiration, r/l, "
         "affricates, sibilants and vowels folded: Pinyin = Wade-Giles, Revised = "
         "McCune-Reischauer, RTGS = ISO Thai)", _romanisation_test),
    Rung("unvowelled place", "GPE/LOC: an Arabic-script romanisation without short vowels "
         "and a vowelled one with the same consonants", _abjad_test),
    Rung("place spelling", "GPE/LOC: romanisation keys within the place_roman edit "
         "similarity", _place_spelling_test),
)


#: The context-free ladder, in order (the first rung that applies wins).
LADDER: tuple[Rung, ...] = (
    Rung("exact", "equal keys as written, once the title is dropped, or equal stem and head",
         _exact_test),
    Rung("title", "equal keys once a title prefix is dropped from a PERSON name", _title_test),
    Rung("person", "same given name and surname (nameparser), a middle name or suffix in one "
         "only", _person_test),
    Rung("nickname", "same surname, one given name a listed nickname of the other (Mel / "
         "Melvin)", _nickname_test),
    Rung("alias", "both names in one group of the built-in ALIASES table", _alias_test),
    Rung("transliteration", "same (or near) transliteration skeleton, spelling similar enough",
         _spelling_test("transliteration")),
    Rung("fuzzy", "rapidfuzz ratio on the keys at or above fuzzy_key", _spelling_test("fuzzy")),
)

#: The ladder in place-name mode (``match_names(..., places=True)``): the
#: general ladder, then the place rungs for two GPE / LOC names. Opt-in: the
#: clustering's blocking does not yet pair names by their romanisation key,
#: so the linker keeps the general ladder until it does.
PLACE_LADDER: tuple[Rung, ...] = (*LADDER, *PLACE_RUNGS)

#: Rungs that need the corpus or the source text; the clustering steps apply
#: them (see :mod:`claimcheck.link.clustering`). Listed here so every rung a
#: decision can carry has one home and one description.
CONTEXT_RUNGS: tuple[Rung, ...] = (
    Rung("label", "one name written alike under different labels (a corpus-wide label vote)",
         lambda a, b, th: None),
    Rung("surname", "a bare surname -> the full name it resolves to", lambda a, b, th: None),
    Rung("acronym", "an acronym -> its expansion (defined in the text, or the only name in "
         "the corpus whose initials spell it)", lambda a, b, th: None),
    Rung("short form", "a name -> the same name plus a venue/street/agency head, when the "
         "corpus uses that name with no other head", lambda a, b, th: None),
    Rung("qualifier", "a venue name -> the same name with a place of the corpus before its "
         "stem or after its head", lambda a, b, th: None),
    Rung("road", "a numbered road without a system -> the only road of the corpus with that "
         "number", lambda a, b, th: None),
    Rung("description", "a lower-case agency description (\"the sheriff's office\") -> the one "
         "agency of that kind in its source, else in the corpus", lambda a, b, th: None),
    Rung("given name", "a given name used alone -> the only person with that given name in its "
         "source, else in the corpus", lambda a, b, th: None),
    Rung("generic words", "a name -> the same name with a civic prefix (City of) or a generic "
         "corporate ending (Technologies)", lambda a, b, th: None),
    Rung("analyst", "an analyst's merge ruling", lambda a, b, th: None),
)

RUNGS: dict[str, Rung] = {r.name: r for r in (*PLACE_LADDER, *CONTEXT_RUNGS)}


def _compare(a: _Name, b: _Name, th: LinkThresholds, places: bool = False) -> Match | None:
    """The cross-source ladder on two analysed names (symmetric); with
    ``places`` the place-name mode's ladder."""
    if a.group != b.group or not a.key or not b.key:
        return None
    for rung in PLACE_LADDER if places else LADDER:
        m = rung.test(a, b, th)
        if m is not None:
            return m
    return None


def match_names(
    a: str,
    b: str,
    label_a: str,
    label_b: str,
    thresholds: LinkThresholds = DEFAULT.link,
    *,
    places: bool = False,
) -> Match | None:
    """Whether two names (with their labels) are the same entity on the rungs
    that need no source context: exact, title, alias, transliteration, fuzzy;
    with ``places`` also the place-name mode's rungs (:data:`PLACE_RUNGS`) for
    two GPE / LOC names.

    Returns None when the labels are incompatible or no rung applies. The
    result is symmetric (the reason names the pair in sorted order).
    """
    na, nb = _name(a, label_a), _name(b, label_b)  # labels as analysed (a street tagged PERSON)
    if not compatible(na.label, nb.label):
        return None
    return _compare(na, nb, thresholds, places)



"""Place-name mode of the matcher (``match_names(..., places=True)``): the
place rungs, their table of generic words and the romanisation key. Invented
or well-known place names only."""

from __future__ import annotations

import pytest

from claimcheck.link.keys import place_words, roman_key
from claimcheck.link.names import place_form
from claimcheck.link.rungs import LADDER, PLACE_LADDER, PLACE_RUNGS, RUNGS, match_names
from claimcheck.link.tables import PLACE_GENERICS
from claimcheck.thresholds import LinkThresholds


def place(a: str, b: str, la: str = "GPE", lb: str = "GPE", **kw):
    return match_names(a, b, la, lb, places=True, **kw)


@pytest.mark.parametrize(
    "a, b, rung",
    [
        ("Gorod Lipetsk", "Lipetsk", "place words"),  # a settlement word dropped
        ("Hiroshima-shi", "Hiroshima", "place words"),
        ("Al-Qadisiyah", "Qadisiyah", "place words"),  # the Arabic article
        ("Mys Khersones", "Cape Khersones", "place words"),  # one feature, two languages
        ("Pusan", "Busan", "romanisation"),  # McCune-Reischauer / Revised
        ("Taegu", "Daegu", "romanisation"),
        ("Kaohsiung", "Gaoxiong", "romanisation"),  # Wade-Giles / Pinyin
        ("Ozero Baykal", "Lake Baikal", "romanisation"),
        ("El Alamein", "Al Alamayn", "romanisation"),
        ("北京市", "Beijing", "place words"),  # CJK syllables, shi (city) dropped
        ("Kalateh Mirza", "klath mrza", "unvowelled place"),  # invented, abjad spelling
    ],
)
def test_place_rungs_accept(a: str, b: str, rung: str) -> None:
    m = place(a, b)
    assert m is not None and m.rung == rung, m
    assert place(b, a).rung == rung  # symmetric
    assert m.reason.startswith(rung + ":")


@pytest.mark.parametrize(
    "a, b",
    [
        ("Iran", "Iraq"), ("Iran", "Oran"), ("Gaza", "Giza"), ("Mali", "Male"),
        ("Guinea", "Guyana"), ("Austria", "Australia"), ("Niger", "Nigeria"),
        ("Armenia", "Armenian"), ("Volga River", "Volga"), ("Lake Ladoga", "Ladoga Airport"),
        ("Islamic Republic of Iran", "Islamic Republic of Iraq"), ("Route 7", "Route 9"),
    ],
)
def test_place_rungs_keep_apart(a: str, b: str) -> None:
    assert place(a, b) is None


def test_place_mode_is_opt_in_and_for_places_only() -> None:
    assert match_names("Pusan", "Busan", "GPE", "GPE") is None  # the general ladder
    assert place("Pusan", "Busan", "GPE", "LOC") is not None
    # streets, venues, people and organisations never use the place rungs
    assert place("Pusan", "Busan", "FAC", "FAC") is None
    assert place("Pusan", "Busan", "PERSON", "PERSON") is None
    assert place("Gorod Lipetsk", "Lipetsk", "ORG", "ORG") is None


def test_place_rungs_are_data() -> None:
    assert PLACE_LADDER[: len(LADDER)] == LADDER
    for r in PLACE_RUNGS:
        assert r.description and RUNGS[r.name] is r


def test_place_spelling_threshold_is_honoured() -> None:
    a, b = "Novo Zhitomirskaya", "Novo Jitomirskaia"  # invented
    m = place(a, b)
    assert m is not None
    strict = LinkThresholds(place_roman=101.0)
    got = place(a, b, thresholds=strict)
    assert got is None or got.rung != "place spelling"


def test_place_words_and_roman_key() -> None:
    assert place_words("Petite Riviere de l'Artibonite") == (
        "petite", "riviere", "de", "l", "artibonite")
    assert place_words("羊山村") == ("yang", "shan", "cun")
    f = place_form("Ozero Bol'shoye")
    assert f.words == ("bolshoye",) and f.features == {"lake"}
    assert place_form("Gorod").words == ("gorod",)  # only generic words: kept
    assert roman_key("khlxng") == roman_key("khlong")  # ISO Thai vowel carrier
    assert roman_key("sipatyj") == roman_key("sipatyy")  # German-style j
    assert roman_key("mhmd")[:1] == "m"
    assert all(k == k.lower() and " " not in k for k in PLACE_GENERICS)


def test_compass_words_name_different_parts():
    from claimcheck.link import match_names

    assert match_names("Southwest Elmford", "Southeast Elmford", "GPE", "GPE", places=True) is None
    assert match_names("North Varnia", "South Varnia", "GPE", "GPE", places=True) is None
    assert match_names("Upper Tarn", "Lower Tarn", "LOC", "LOC", places=True) is None

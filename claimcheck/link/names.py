"""Name analysis: display form, title prefix, head noun, tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .keys import _skeleton_of_key, fold, name_key, place_words, roman_key
from .tables import (
    AGENCY_HEADS,
    LEGAL_FORMS,
    COMPASS,
    LEADING_ABBREVIATIONS,
    ROAD_SYSTEMS,
    STREET_HEADS,
    _ALIAS_OF, _DEMONYM_SUFFIX, _HEAD_MODIFIERS, _HEAD_SYNONYMS, _LEADING_HEADS, _OF_HEADS,
    _PREFIX_CONNECTORS, DEMONYMS, HEAD_NOUNS, LABEL_GROUPS, TITLE_MODIFIERS, TITLE_WORDS,
    PLACE_ARTICLES, PLACE_GENERICS,
)



def _group(label: str) -> str:
    return LABEL_GROUPS.get(label, label)


def compatible(label_a: str, label_b: str) -> bool:
    """Whether two labels may name the same entity (table in the module docstring)."""
    return _group(label_a) == _group(label_b)


def _word(tok: str) -> str:
    return "".join(c for c in fold(tok) if c.isalnum() or c == "&")


def _is_titleish(w: str) -> bool:
    """A title word ("presidents" too: "Presidents Ilham Aliyev and ...") or modifier."""
    return (
        w in TITLE_WORDS
        or w in TITLE_MODIFIERS
        or (len(w) > 3 and w.endswith("s") and w[:-1] in TITLE_WORDS)
    )


def _strip_title(display: str) -> tuple[str, str]:
    """("Iranian President", "Masoud Pezeshkian") from "Iranian President Masoud Pezeshkian"."""
    toks = display.split()
    end = 0  # prefix = toks[:end], ends on a title word or modifier
    for i, tok in enumerate(toks[:-1]):
        w = _word(tok)
        if _is_titleish(w):
            end = i + 1
        elif (
            w in _PREFIX_CONNECTORS
            or w in DEMONYMS
            or (len(w) >= 4 and _DEMONYM_SUFFIX.search(w))
        ):
            continue
        else:
            break
    # the name must not start with a connector ("Minister of X" is all title)
    while end < len(toks) - 1 and _word(toks[end]) in _PREFIX_CONNECTORS:
        end += 1
    if end == 0:
        return "", display
    return " ".join(toks[:end]), " ".join(toks[end:])


_DISPLAY_THE = re.compile(r"^the\s+", re.IGNORECASE)
_HANDLE = re.compile(r"^@[A-Z][a-z]+(?:[A-Z][a-z]+)+$")
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)?\s*$")
_DISPLAY_POSS = re.compile(r"(?:['\u2019\u02bc`\u00b4][sS]|(?<=[sS])['\u2019])$")


def _display(text: str, label: str) -> tuple[str, str]:
    """(title prefix, display form): whitespace collapsed, a trailing
    parenthesis, a leading "the", a trailing possessive and stray punctuation
    removed, title prefix split off (PERSON only)."""
    s = " ".join(text.split())
    if _HANDLE.match(s):  # "@DanaOkoro" -> "Dana Okoro"
        s = " ".join(re.findall(r"[A-Z][a-z]+", s))
    # a trailing parenthesis is not part of the name: "X (OIC)", "X (OIC"
    s = _TRAILING_PAREN.sub("", s) or s
    s = s.strip(" ,;:\"“”«»()[]{}")
    s = _DISPLAY_THE.sub("", s)
    s = _DISPLAY_POSS.sub("", s).rstrip(" ,;:")
    if not s:
        s = " ".join(text.split())
    if label == "PERSON":
        return _strip_title(s)
    return "", s


def _head_of(w: str) -> str | None:
    w = _HEAD_SYNONYMS.get(w, w)
    if w in HEAD_NOUNS:
        return w
    if w.endswith("s") and w[:-1] in HEAD_NOUNS:
        return w[:-1]
    return None


_ROAD_DIRECTIONS = frozenset("the northbound southbound eastbound westbound".split())


def _numbered_road(words: list[str]) -> str | None:
    """"State Route 55" -> "state 55", "I-5" -> "interstate 5", "the 55 Freeway" /
    "Route 55" -> "55" (a road of any system), or None for other names."""
    words = [w for w in words if w not in _ROAD_DIRECTIONS]
    if len(words) == 1:
        m = re.fullmatch(r"(i|sr|us)(\d{1,4})", words[0])
        words = [m.group(1), m.group(2)] if m else words
    if len(words) < 2 or len(words) > 3:
        return None
    if words[-1].isdigit() and all(w in ROAD_SYSTEMS for w in words[:-1]):
        systems = [ROAD_SYSTEMS[w] for w in words[:-1] if ROAD_SYSTEMS[w]]
        return " ".join([*systems[:1], words[-1]])
    if len(words) == 2 and words[0].isdigit() and words[1] in ROAD_SYSTEMS:
        system = ROAD_SYSTEMS[words[1]]
        return " ".join([*([system] if system == "interstate" else []), words[0]])
    return None


def _expand(toks: list[str]) -> list[str]:
    """A leading abbreviation spelt out: "Mt. Sinai" -> "Mount Sinai"."""
    if len(toks) >= 2:
        full = LEADING_ABBREVIATIONS.get(_word(toks[0]))
        if full and toks[0][:1].isupper():
            return [full.capitalize(), *toks[1:]]
    return toks


def _split_head(display: str) -> tuple[str | None, str]:
    """(head noun, stem) for a non-person name, or (None, display).

    Agency heads span words ("Police Department", "Sheriff's Office"; the
    word "County" before them is dropped from the stem); a street head drops a
    leading compass word from the stem ("N. Kenwood Ave." -> avenue, "Kenwood").
    """
    toks = display.split()
    words = [_word(t) for t in toks]
    road = _numbered_road(words)
    if road is not None:
        return "route", road
    if len(toks) < 2:
        return None, display
    if len(toks) >= 4 and words[-2] == "and" and _head_of(words[-1]) and _head_of(words[-3]):
        # "Club Blu Bar and Grill": two venue nouns, the first is the head
        toks, words = toks[:-2], words[:-2]
    for seq, agency in AGENCY_HEADS:
        n = len(seq)
        if len(toks) > n and tuple(words[-n:]) == seq:
            stem = toks[:-n]
            if len(stem) > 1 and _word(stem[-1]) == "county":
                stem = stem[:-1]
            return agency, " ".join(_expand(stem))
    head = _head_of(words[-1])
    if head is not None:
        stem = toks[:-1]
        if head == "complex" and len(stem) > 1 and _head_of(_word(stem[-1])):
            head, stem = _head_of(_word(stem[-1])), stem[:-1]  # "apartment complex"
        while len(stem) > 1 and _word(stem[-1]) in _HEAD_MODIFIERS:
            stem = stem[:-1]
        if head in STREET_HEADS and len(stem) > 1 and _word(stem[0]) in COMPASS:
            stem = stem[1:]
        return head, " ".join(_expand(stem))
    first = _head_of(_HEAD_SYNONYMS.get(words[0], LEADING_ABBREVIATIONS.get(words[0], words[0])))
    if first is not None:
        if len(toks) >= 3 and words[1] == "of" and first in _OF_HEADS:
            return first, " ".join(toks[2:])
        if first in _LEADING_HEADS:
            return first, " ".join(toks[1:])
    return None, display


#: heads that make a PERSON-labelled name a place or an organisation
#: ("Remsen Avenue", "Kenwood Ave." tagged PERSON by the small model); surnames
#: that are also head nouns (Hall, Park, Lake, Bridge...) are not listed.
_NOT_PERSON_HEADS = frozenset(
    """avenue street road boulevard highway freeway drive parkway hospital center apartment
    motel hotel nightclub police sheriff university college school airport station dam
    railway corridor ministry embassy""".split()
)
_ORG_HEADS = frozenset("police sheriff university college school ministry embassy".split())
#: venue nouns (after :data:`_HEAD_SYNONYMS`) that never open a person's name.
_NOT_PERSON_LEADS = frozenset({"club", "motel", "hotel", "cafe", "camp"})


#: ranks the model runs into an agency's name ("X Police Department Capt").
_TRAILING_RANKS = frozenset("capt lt sgt det cpl chief officer spokesman spokeswoman".split())


def _drop_legal_form(display: str) -> str:
    """"Microsoft Corp." -> "Microsoft", "Acme, Inc." -> "Acme"; a rank run
    on after a head noun is dropped too ("X Police Department Capt")."""
    toks = display.split()
    while len(toks) > 1 and _word(toks[-1]) in LEGAL_FORMS:
        toks = toks[:-1]
    while (
        len(toks) > 2
        and _word(toks[-1]) in _TRAILING_RANKS
        and (_head_of(_word(toks[-2])) or _word(toks[-2]) in ("department", "office", "pd"))
    ):
        toks = toks[:-1]
    return " ".join(toks).rstrip(",")


@lru_cache(maxsize=65536)
def effective_label(text: str, label: str) -> str:
    """The label a name is analysed under: a PERSON-labelled name ending in a
    street / facility / agency head is a place (FAC) or an organisation (ORG)."""
    if label in ("FAC", "LOC", "NORP"):
        return label
    _, display = _display(text, label)
    head, _ = _split_head(display)
    if head == "route":
        return "FAC"  # a numbered road, whatever the model called it
    if label != "PERSON":
        return label
    if head in _NOT_PERSON_HEADS:
        return "ORG" if head in _ORG_HEADS else "FAC"
    lead = _word(display.split()[0]) if display.split() else ""
    first = _HEAD_SYNONYMS.get(lead, lead)
    if first in _NOT_PERSON_LEADS and len(display.split()) >= 2:
        return "FAC"  # "Club Blu": a venue noun opens it
    return label


_SUFFIXES = frozenset("jr sr ii iii iv v".split())


@lru_cache(maxsize=65536)
def person_parts(display: str) -> tuple[str, tuple[str, ...], str, str]:
    """(given, middles, surname, suffix) keys of a person's name, by nameparser.

    "Arcade Joseph Comeaux Jr" -> ("arcade", ("joseph",), "comeaux", "jr").
    """
    from nameparser import HumanName

    h = HumanName(display)
    given, last = name_key(h.first), name_key(h.last)
    middles = tuple(k for k in (name_key(t) for t in h.middle.split()) if k)
    suffix = name_key(h.suffix)
    if not last and given:  # a single word is a surname, not a given name
        given, last = "", given
    return given, middles, last, suffix


@dataclass(frozen=True, slots=True)
class _Name:
    surface: str
    label: str
    group: str
    prefix: str  # title prefix dropped (PERSON)
    display: str
    raw_key: str
    key: str
    head: str | None
    stem: str
    stem_key: str
    stem_skel: str
    tokens: tuple[str, ...]  # token keys of the display (PERSON)
    parts: tuple[tuple[str, ...], ...]  # non-PERSON: stem conjuncts, each as token keys
    alias: int | None
    given: str = ""  # PERSON, by nameparser
    middles: tuple[str, ...] = ()
    surname: str = ""
    suffix: str = ""


_CONJUNCTIONS = frozenset({"and", "&", "or", "vs", "versus"})


def _conjuncts(stem: str) -> tuple[tuple[str, ...], ...]:
    """("Khudafarin and Giz Galasi") -> (("khudafarin",), ("giz", "galasi"))."""
    parts: list[tuple[str, ...]] = []
    current: list[str] = []
    for tok in stem.split():
        if _word(tok) in _CONJUNCTIONS:
            parts.append(tuple(current))
            current = []
            continue
        k = name_key(tok)
        if k:
            current.append(k)
    parts.append(tuple(current))
    return tuple(p for p in parts if p)


@lru_cache(maxsize=65536)
def _name(surface: str, label: str) -> _Name:
    label = effective_label(surface, label)
    prefix, display = _display(surface, label)
    core = display if label == "PERSON" else _drop_legal_form(display)
    key = name_key(core if label == "PERSON" else " ".join(_expand(core.split())))
    head, stem = (None, display) if label == "PERSON" else _split_head(core)
    stem_key = name_key(stem) if head else key
    if head and not stem_key:
        head, stem, stem_key = None, display, key
    tokens: tuple[str, ...] = ()
    parsed: tuple[str, tuple[str, ...], str, str] = ("", (), "", "")
    if label == "PERSON":
        tokens = tuple(k for k in (name_key(t) for t in display.split()) if k)
        if len(tokens) >= 2:
            parsed = person_parts(display)
            if parsed[3] and tokens[-1] in _SUFFIXES:
                tokens = tokens[:-1]  # "Jr" is not a name token
    return _Name(
        surface=surface,
        label=label,
        group=_group(label),
        prefix=prefix,
        display=display,
        raw_key=name_key(surface),
        key=key,
        head=head,
        stem=stem,
        stem_key=stem_key,
        stem_skel=_skeleton_of_key(stem_key),
        tokens=tokens,
        parts=() if label == "PERSON" else _conjuncts(stem),
        alias=None if head else _ALIAS_OF.get(key),
        given=parsed[0],
        middles=parsed[1],
        surname=parsed[2],
        suffix=parsed[3],
    )




#: labels the place-name mode applies to (both names must carry one).
PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class PlaceForm:
    """A place name as the place-name mode sees it: its core words (articles
    and settlement / administrative generic words dropped), the feature
    classes of its other generic words, and their romanisation keys."""

    words: tuple[str, ...]
    features: frozenset[str]
    key: str  # the core words joined
    sorted_key: str  # the core words in alphabetical order, joined
    roman: str  # romanisation key of the core words, joined
    sorted_roman: str


@lru_cache(maxsize=65536)
def place_form(display: str) -> PlaceForm:
    """"Ozero Bol'shoye" -> words ("bolshoye",), features {"lake"}; "Gorod Lipetsk"
    -> ("lipetsk",); "Ash Sharqiyah" -> ("sharqiyah",). A name made only of
    generic words keeps them as its core."""
    words = place_words(display)
    core = [w for w in words if w not in PLACE_ARTICLES and w not in PLACE_GENERICS]
    features = frozenset(PLACE_GENERICS[w] for w in words if PLACE_GENERICS.get(w))
    if not core:
        core = [w for w in words if w not in PLACE_ARTICLES] or list(words)
        features = frozenset()
    romans = [roman_key(w) for w in core]
    return PlaceForm(
        words=tuple(core),
        features=features,
        key="".join(core),
        sorted_key="".join(sorted(core)),
        roman="".join(romans),
        sorted_roman="".join(sorted(romans)),
    )

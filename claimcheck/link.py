"""Link stage: entity resolution over the mentions of all sources.

Pure Python + rapidfuzz (no spaCy). Mentions are clustered within and across
sources by a matching LADDER; the first rung that applies to a pair of names
wins, and every merge records the rung and a one-line human reason that the
report prints.

Rungs (in order)
----------------
1. ``exact``           equal :func:`name_key` of the surfaces as written.
2. ``title``           equal keys once a title prefix is dropped from a PERSON
                       name ("Iranian President Masoud Pezeshkian" = "Masoud
                       Pezeshkian", "Mr. Aliyev" = "Aliyev").
   ``alias``           both keys are in one group of :data:`ALIASES` (a small
                       built-in table of exonyms / official long forms:
                       Turkey = Türkiye, Russian Federation = Russia, ...).
3. ``surname``         within ONE source only: a single-token PERSON name links
                       to the full PERSON name of that source whose last token
                       is the same (exact key; if there is none, a
                       transliteration-equal last token). When several different
                       full names in the source share the surname (Heydar and
                       Ilham Aliyev) the bare surname goes to the one mentioned
                       most often in that source; on a tie, to the one whose
                       full mention most nearly precedes the bare mention (if
                       none precedes, the nearest following; then alphabetical).
                       Bare surnames of a source with no full name join a
                       cluster across sources only when every resolved use of
                       that surname elsewhere points at the same person.
4. ``acronym``         within a source whose text defines it: "the Economic
                       Cooperation Organization (ECO)" or "ECO (Economic
                       Cooperation Organization)". The expansion is the mention
                       ending right before "(ECO)", or the run of preceding
                       words whose initials (first letters of capitalised words,
                       ignoring of/and/for/the/on/in/at/to/&) spell the acronym.
5. ``transliteration`` equal :func:`skeleton` and plain-key ``ratio`` >=
                       ``skeleton_key_floor``; or skeleton ``ratio`` >=
                       ``skeleton`` and plain-key ratio >= ``skeleton_key_floor``.
                       Short names (< ``min_fuzzy_length`` key characters) only
                       on an EQUAL skeleton AND the same first letter AND the
                       same length +-1 AND an equal *vowel-class skeleton* (the
                       skeleton with vowels kept as classes a/e -> a, i/y -> i,
                       o/u/ou -> u), so Aras = Araz and Iraq = Irak but
                       Gaza != Giza, Mali != Male.
6. ``fuzzy``           rapidfuzz ``fuzz.ratio`` on keys >= ``fuzzy_key``, only
                       when both names have >= ``min_fuzzy_length`` characters.

Never on ``token_set_ratio``/``partial_ratio`` (a subset scores 100).

Extra guards (apply to every non-exact rung)
--------------------------------------------
* Digits are identity: two names whose keys carry different digit sequences
  never merge on ``transliteration``/``fuzzy`` (Resolution 2231 != 2232).
* Head nouns are identity (non-PERSON labels): a name and the same name plus a
  facility / feature head noun (:data:`HEAD_NOUNS`: Airport, Bridge, Dam, Port,
  Station, Street, Avenue, University, Foundation, Center/Centre, Palace,
  Corridor, Railway, River, Sea, Lake, ...) are DIFFERENT entities: "Aras" !=
  "Aras corridor", "Heydar Aliyev" != "Heydar Aliyev International Airport".
  Two names with the same head compare on what precedes the head ("Aras
  River" = "Araz River"; "River Aras" = "Aras River"). A leading head counts
  for River/Lake/Mount/Port/Fort/Cape X and for "University/... of X". The
  modifiers International / Hydroelectric / Hydropower right before the head
  are ignored ("X International Airport" = "X Airport").
* PERSON names are compared token by token as well: two multi-token person
  names with the same number of tokens merge only if every aligned token pair
  is equal or itself passes the transliteration / fuzzy test (Mohammad Abbas
  != Mahmoud Abbas); with different token counts the first and the last
  tokens must pass.
* Other multi-word names: "X and Y" spans match only conjunct by conjunct
  ("Khudafarin and Giz Galasi" = "Khoda Afarin and Qiz Qalasi", but "Azerbaijan
  and Armenia" != "Azerbaijan and Iran"); two names with the same number of
  words match only if each aligned word pair is equal, has the same skeleton
  or passes the transliteration / fuzzy test ("Islamic Republic of Iran" !=
  "Islamic Republic of Iraq").
* Any label: a name never matches the same name plus a demonym / adjective
  ending (a key that is the other plus n/an/ian/i/is/ns/ians/ese/ish/ic):
  Armenia != Armenian, Eurasia != Eurasian even under one label (spaCy tags
  "Azerbaijan" and "Azerbaijani" PERSON at times), Mohammad != Mohammadi.
* A cluster never holds two full PERSON names (two or more tokens) that do not
  match each other directly; a merge that would create one is refused. So
  "Heydar Aliyev" and "Ilham Aliyev" never end up together, whatever chain of
  "Aliyev" mentions connects them.

Label compatibility
-------------------
=================  ==========================================
PERSON             PERSON only
NORP               NORP only
ORG                ORG only
EVENT              EVENT only
GPE, LOC, FAC      any of GPE, LOC, FAC (places; spaCy and the rules
                   label the same river/dam/town differently)
anything else      the identical label only
=================  ==========================================

Numeric / temporal labels (:data:`NON_ENTITY_LABELS`: DATE, TIME, PERCENT,
MONEY, QUANTITY, ORDINAL, CARDINAL) are not names; :func:`cluster` drops them.

Unicode folding (:func:`fold`)
------------------------------
Remove zero-width and bidi control characters; map the quote-like characters
‘ ’ ʼ ʻ ʾ ʿ ` ´ ′ to '; NFKC; casefold; ə -> a, ı -> i, ß -> ss, ø -> o,
đ/ð -> d, ł -> l, æ -> ae, œ -> oe, þ -> th, ħ -> h; NFKD and drop combining
marks (ş -> s, ç -> c, ğ -> g, ü -> u, İ -> i); collapse whitespace.

Transliteration skeleton (:func:`skeleton`)
-------------------------------------------
Computed on :func:`name_key`. Multi-letter sequences first, greedily left to
right, longest first:

    dzh, tch, ch, zh, dj -> j   (affricates; Azerbaijani c = j, ç = ch)
    kh -> x                     (Persian/Russian kh, Azerbaijani x)
    gh -> g                     (gh/g/q/k one velar class)
    sch, sh -> s                (sh/ş/sch/s/z one sibilant class)
    ck -> g,  th -> t,  ph -> f,  ou -> u

then single letters:

    q, k, g -> g      c, j -> j      z, s -> s      w, v -> v
    h, x -> x         (h is KEPT, in the kh class: Hocalı = Khojaly,
                       Hasan = Khasan; Tehran = Teheran)
    e -> a, o -> u, y -> i   (vowel classes; y is treated as a vowel)

then doubled letters collapse (Hassan = Hasan, Raeisi -> raaisi -> raisi),
then the vowels a/i/u are removed, except that a name starting with a vowel
keeps the marker "_" (Aras -> "_rs", Yerevan = Erevan -> "_rvn").
Examples: Khudafarin = Khoda Afarin = Khudaferin -> "xdfrn"; Giz Galasi =
Qiz Qalasi = Giz Galasy -> "gsgls"; Azerbaijan = Azerbaycan -> "_srbjn";
Nakhchivan = Naxçıvan -> "nxjvn"; Pezeshkian = Pezeshkiyan -> "pssgn".

Cost
----
Names, not mentions, are compared, and only inside blocks: identical
(label group, head, stem skeleton); identical alias group; and, for the
near-skeleton and fuzzy tests, (label group, head, first or last character
of the key / skeleton, logarithmic length band) with the neighbouring band,
where rapidfuzz's ``process.extract`` (C++) with the rung's cut-off picks the
pairs the ladder then examines. Union-find holds the clusters. Output is
sorted by the canonical name's key.

Extra constants defined here: no new merge threshold. ``LENGTH_BAND_RATIO``
(1.25) only sizes the blocking bands; the number of neighbouring bands
searched follows from the cut-off, so length banding never drops a pair the
ratio thresholds would accept. (The first/last-character blocks do: two names
that differ at both their first and their last character are not compared
on the near-skeleton / fuzzy tests.) The word lists (:data:`TITLE_WORDS`,
:data:`TITLE_MODIFIERS`, :data:`DEMONYMS`, :data:`HEAD_NOUNS`,
:data:`ALIASES`, :data:`NON_ENTITY_LABELS`) are data, not thresholds.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from claimcheck.records import Mention
from claimcheck.thresholds import DEFAULT, LinkThresholds

__all__ = [
    "ALIASES",
    "HEAD_NOUNS",
    "LABEL_GROUPS",
    "NON_ENTITY_LABELS",
    "TITLE_WORDS",
    "Entity",
    "Match",
    "cluster",
    "compatible",
    "fold",
    "match_names",
    "name_key",
    "skeleton",
]

# --------------------------------------------------------------------------- #
# Tables
# --------------------------------------------------------------------------- #

#: label -> compatibility group. Labels not listed form a group of their own.
LABEL_GROUPS: dict[str, str] = {
    "PERSON": "PERSON",
    "NORP": "NORP",
    "ORG": "ORG",
    "EVENT": "EVENT",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}

#: labels that are not names; cluster() ignores mentions carrying them.
NON_ENTITY_LABELS: frozenset[str] = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
)

#: blocking only: width of a length band (each band covers lengths within this
#: factor). Neighbouring bands are searched as far as the cut-off allows.
LENGTH_BAND_RATIO = 1.25

#: title words (folded, dots removed) that may open a PERSON mention.
TITLE_WORDS: frozenset[str] = frozenset(
    """
    president presidentelect vicepresident vice prime primeminister minister
    ministers deputy assistant foreign affairs defence defense interior economy
    economic finance trade energy health education culture agriculture transport
    justice state secretary secretarygeneral undersecretary general directorgeneral
    chancellor premier ambassador envoy special representative spokesman
    spokeswoman spokesperson speaker chairman chairwoman chairperson chair head
    chief leader supreme king queen prince princess crown emir sheikh shaikh sheik
    sultan ayatollah hojatoleslam imam mullah mufti pope cardinal archbishop
    bishop patriarch rabbi governor mayor senator sen congressman congresswoman
    rep mp judge mr mrs ms miss mx dr doctor prof professor sir dame lord lady
    first gen colonel col lieutenant lt major maj captain capt commander cmdr
    admiral adm sergeant sgt marshal field brigadier ceo director founder adviser
    advisor aide commissioner his her excellency highness majesty royal
    """.split()
)

#: modifiers that may stand in a title prefix ("the late", "former", "acting").
TITLE_MODIFIERS: frozenset[str] = frozenset(
    "former late acting interim then ex incumbent outgoing incoming newly elected "
    "current grand honorary".split()
)

#: small words allowed inside a title prefix ("Minister of Foreign Affairs").
_PREFIX_CONNECTORS = frozenset({"of", "for", "the", "and", "on", "in", "to", "at", "&"})

#: demonyms that may open a title prefix ("Iranian President ..."); any word
#: ending in -ian/-ean/-ese/-ish/-ani/-i is also accepted there, but only when
#: a title word follows it inside the prefix.
DEMONYMS: frozenset[str] = frozenset(
    """
    iranian azerbaijani azeri russian turkish american armenian georgian chinese
    french british german israeli iraqi syrian afghan pakistani indian kazakh
    uzbek turkmen kyrgyz tajik ukrainian belarusian european arab saudi emirati
    qatari egyptian jordanian lebanese japanese korean italian spanish us uk un eu
    """.split()
)
_DEMONYM_SUFFIX = re.compile(r"(?:ian|ean|ese|ish|ani|i)$")

#: head nouns that are part of a name's identity (singular, canonical form).
HEAD_NOUNS: frozenset[str] = frozenset(
    """
    airport bridge dam port seaport harbor station terminal street avenue road
    highway motorway boulevard square university college institute academy
    school foundation center palace corridor railway pipeline canal river sea
    lake gulf bay strait mountain mount valley plateau island peninsula desert
    reservoir plant stadium museum hospital mosque church cathedral temple tomb
    mausoleum monument park tower embassy consulate ministry bank company
    corporation fund council committee agency crossing checkpoint province region
    district city county oblast governorate zone complex hub base refinery
    factory mine tunnel
    """.split()
)
_HEAD_SYNONYMS = {
    "centre": "center",
    "harbour": "harbor",
    "railroad": "railway",
    "rail": "railway",
    "mt": "mount",
    "ave": "avenue",
    "rd": "road",
    "univ": "university",
    "mountains": "mountain",
    "islands": "island",
}
#: heads that may also precede the name ("River Aras", "Lake Urmia").
_LEADING_HEADS = frozenset({"river", "lake", "mount", "port", "fort", "cape"})
#: heads that precede the name with "of" ("University of Tehran").
_OF_HEADS = HEAD_NOUNS
#: words right before a head that do not change identity.
_HEAD_MODIFIERS = frozenset({"international", "hydroelectric", "hydropower"})

#: groups of name keys that denote one place / organisation (exonyms, long forms).
ALIASES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "turkey turkiye republicofturkiye republicofturkey",
        "iran islamicrepublicofiran",
        "azerbaijan republicofazerbaijan azerbaijanrepublic",
        "armenia republicofarmenia",
        "russia russianfederation",
        "us usa unitedstates unitedstatesofamerica",
        "uk unitedkingdom britain greatbritain",
        "uae unitedarabemirates",
        "myanmar burma",
        "ivorycoast cotedivoire",
        "czechia czechrepublic",
        "eswatini swaziland",
        "northkorea dprk democraticpeoplesrepublicofkorea",
        "southkorea republicofkorea",
        "kyiv kiev",
        "eu europeanunion",
        "un unitednations",
    )
)
_ALIAS_OF: dict[str, int] = {k: i for i, g in enumerate(ALIASES) for k in g}

_RUNG_ORDER = {
    "exact": 0,
    "title": 1,
    "alias": 2,
    "surname": 3,
    "acronym": 4,
    "transliteration": 5,
    "fuzzy": 6,
}

# --------------------------------------------------------------------------- #
# Records
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class Match:
    """Why two names are one entity."""

    rung: str  # "exact" | "alias" | "acronym" | "surname" | "title" | "transliteration" | "fuzzy"
    score: float  # 0-100
    reason: str  # one line


@dataclass(frozen=True, slots=True)
class Entity:
    """One resolved entity and the mentions that name it."""

    id: str  # "<label>:<canonical key>", unique in a result ("#2", "#3" on a clash)
    name: str  # canonical display name
    label: str
    mentions: tuple[Mention, ...]  # sorted by (source, start)
    variants: tuple[str, ...]  # distinct surface spellings (titles/articles stripped), sorted
    reasons: tuple[str, ...]  # one line per merge, in the order the merges were made


# --------------------------------------------------------------------------- #
# Folding and keys
# --------------------------------------------------------------------------- #

_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F, 0x061C]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A)),
    None,
)
_QUOTES = {ord(c): "'" for c in "\u2018\u2019\u02bc\u02bb\u02be\u02bf`\u00b4\u2032\uff07"}
_LETTERS = str.maketrans(
    {
        "ə": "a",
        "ı": "i",
        "ß": "ss",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ħ": "h",
    }
)
_PRE = {**_INVISIBLE, **_QUOTES}


def fold(text: str) -> str:
    """Unicode folding used before every comparison (see the module docstring)."""
    s = text.translate(_PRE)
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(_PRE).casefold().translate(_LETTERS)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if unicodedata.category(c) not in ("Mn", "Me"))
    s = s.translate(_LETTERS).translate(_PRE)
    return " ".join(s.split())


_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"'s(?!\w)")


def name_key(text: str) -> str:
    """Folded key: no leading "the", no possessive 's, letters and digits only.

    "Khoda Afarin" -> "khodaafarin", "Rasht-Astara" -> "rashtastara",
    "Azerbaijan's" -> "azerbaijan".
    """
    s = _LEADING_THE.sub("", fold(text))
    s = _POSSESSIVE.sub("", s)
    return "".join(c for c in s if c.isalnum())


_MULTI = (
    ("dzh", "j"),
    ("tch", "j"),
    ("sch", "s"),
    ("kh", "x"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("ck", "g"),
    ("th", "t"),
    ("ph", "f"),
    ("ou", "u"),
)
_SINGLE = {
    "q": "g",
    "k": "g",
    "c": "j",
    "z": "s",
    "w": "v",
    "h": "x",
    "e": "a",
    "o": "u",
    "y": "i",
}
_VOWELS = frozenset("aiu")


@lru_cache(maxsize=65536)
def _mapped(key: str) -> str:
    """Letter classes applied, doubles collapsed, vowels still present."""
    out: list[str] = []
    i, n = 0, len(key)
    while i < n:
        for src, dst in _MULTI:
            if key.startswith(src, i):
                out.append(dst)
                i += len(src)
                break
        else:
            c = key[i]
            out.append(_SINGLE.get(c, c))
            i += 1
    collapsed: list[str] = []
    for c in out:
        if not collapsed or collapsed[-1] != c:
            collapsed.append(c)
    return "".join(collapsed)


@lru_cache(maxsize=65536)
def _skeleton_of_key(key: str) -> str:
    m = _mapped(key)
    if not m:
        return ""
    body = "".join(c for c in m if c not in _VOWELS)
    return ("_" + body) if m[0] in _VOWELS else body


def skeleton(text: str) -> str:
    """Transliteration skeleton of ``name_key(text)`` (table in the module docstring)."""
    return _skeleton_of_key(name_key(text))


# --------------------------------------------------------------------------- #
# Name analysis
# --------------------------------------------------------------------------- #


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
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)?\s*$")
_DISPLAY_POSS = re.compile(r"(?:['\u2019\u02bc`\u00b4][sS]|(?<=[sS])['\u2019])$")


def _display(text: str, label: str) -> tuple[str, str]:
    """(title prefix, display form): whitespace collapsed, a trailing
    parenthesis, a leading "the", a trailing possessive and stray punctuation
    removed, title prefix split off (PERSON only)."""
    s = " ".join(text.split())
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


def _split_head(display: str) -> tuple[str | None, str]:
    """(head noun, stem) for a non-person name, or (None, display)."""
    toks = display.split()
    if len(toks) < 2:
        return None, display
    words = [_word(t) for t in toks]

    def canon(w: str) -> str | None:
        w = _HEAD_SYNONYMS.get(w, w)
        if w in HEAD_NOUNS:
            return w
        if w.endswith("s") and w[:-1] in HEAD_NOUNS:
            return w[:-1]
        return None

    head = canon(words[-1])
    if head is not None:
        stem = toks[:-1]
        while len(stem) > 1 and _word(stem[-1]) in _HEAD_MODIFIERS:
            stem = stem[:-1]
        return head, " ".join(stem)
    first = canon(words[0])
    if first is not None:
        if len(toks) >= 3 and words[1] == "of" and first in _OF_HEADS:
            return first, " ".join(toks[2:])
        if first in _LEADING_HEADS:
            return first, " ".join(toks[1:])
    return None, display


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
    prefix, display = _display(surface, label)
    key = name_key(display)
    head, stem = (None, display) if label == "PERSON" else _split_head(display)
    stem_key = name_key(stem) if head else key
    if head and not stem_key:
        head, stem, stem_key = None, display, key
    tokens: tuple[str, ...] = ()
    if label == "PERSON":
        tokens = tuple(k for k in (name_key(t) for t in display.split()) if k)
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
    )


# --------------------------------------------------------------------------- #
# Pairwise matching
# --------------------------------------------------------------------------- #


def _flat(text: str) -> str:
    """A surface on one line (reasons are printed one per line)."""
    return " ".join(text.split())


def _num(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


@lru_cache(maxsize=65536)
def _digits(key: str) -> str:
    return "".join(c for c in key if c.isdigit())


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
#: (Armenia -> Armenian, Azerbaijan -> Azerbaijani, Eurasia -> Eurasian).
_DEMONYM_TAILS = frozenset({"n", "an", "ian", "i", "is", "ns", "ians", "ese", "ish", "ic"})


def _tokens_alike(x: str, y: str, th: LinkThresholds) -> bool:
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


def _compare(a: _Name, b: _Name, th: LinkThresholds) -> Match | None:
    """The cross-source ladder on two analysed names (symmetric)."""
    if a.group != b.group or not a.key or not b.key:
        return None
    if a.raw_key == b.raw_key:
        return Match("exact", 100.0, f'exact: {_pair_text(a, b)}, same key "{a.raw_key}"')
    if a.key == b.key and not (a.prefix or b.prefix):
        return Match(
            "exact",
            100.0,
            f'exact: {_pair_text(a, b)}, same name "{min(a.display, b.display)}" '
            f'(key "{a.key}")',
        )
    if a.key == b.key:
        prefixes = sorted(p for p in (a.prefix, b.prefix) if p)
        return Match(
            "title",
            100.0,
            f'title: {_pair_text(a, b)}, same name "{min(a.display, b.display)}" once the title '
            + " / ".join(f'"{p}"' for p in prefixes)
            + " is dropped",
        )
    if a.head != b.head:
        return None
    if a.alias is not None and a.alias == b.alias:
        return Match("alias", 100.0, f"alias: {_pair_text(a, b)}, known names of one place")
    if a.head and a.stem_key == b.stem_key:
        return Match(
            "exact",
            100.0,
            f'exact: {_pair_text(a, b)}, same name "{a.stem_key}" and head noun "{a.head}"',
        )
    if not _person_tokens_ok(a, b, th) or not _parts_ok(a, b, th):
        return None
    hit = _similar(a.stem_key, b.stem_key, th)
    if hit is None:
        return None
    rung, score, detail = hit
    head = f', head noun "{a.head}"' if a.head else ""
    label = "transliteration variant" if rung == "transliteration" else "fuzzy spelling"
    return Match(rung, round(score, 2), f"{label}: {_pair_text(a, b)}, {detail}{head}")


def match_names(
    a: str,
    b: str,
    label_a: str,
    label_b: str,
    thresholds: LinkThresholds = DEFAULT.link,
) -> Match | None:
    """Whether two names (with their labels) are the same entity on the rungs
    that need no source context: exact, title, alias, transliteration, fuzzy.

    Returns None when the labels are incompatible or no rung applies. The
    result is symmetric (the reason names the pair in sorted order).
    """
    if not compatible(label_a, label_b):
        return None
    return _compare(_name(a, label_a), _name(b, label_b), thresholds)


# --------------------------------------------------------------------------- #
# Union-find with cannot-link guards
# --------------------------------------------------------------------------- #


@dataclass(slots=True)
class _Root:
    anchors: dict[str, _Name] = field(default_factory=dict)  # full PERSON names
    tags: set[tuple[int, int]] = field(default_factory=set)  # (split ruling, side)
    reasons: list[str] = field(default_factory=list)


class _UF:
    def __init__(self, names: Sequence[_Name], th: LinkThresholds) -> None:
        self.parent = list(range(len(names)))
        self.data: dict[int, _Root] = {}
        self.th = th
        self._ok: dict[tuple[str, str], bool] = {}
        for i, n in enumerate(names):
            r = _Root()
            if n.group == "PERSON" and len(n.tokens) >= 2:
                r.anchors[n.key] = n
            self.data[i] = r

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def _anchors_ok(self, x: _Name, y: _Name) -> bool:
        k = (min(x.key, y.key), max(x.key, y.key))
        if k not in self._ok:
            self._ok[k] = _compare(x, y, self.th) is not None
        return self._ok[k]

    def can_union(self, i: int, j: int, anchors: bool = True) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self.data[ri], self.data[rj]
        for rule, side in a.tags:
            if (rule, 1 - side) in b.tags:
                return False
        if not anchors:
            return True
        for ka, na in a.anchors.items():
            for kb, nb in b.anchors.items():
                if ka != kb and not self._anchors_ok(na, nb):
                    return False
        return True

    def union(self, i: int, j: int, reason: str | None = None, force: bool = False) -> bool:
        """Join two clusters unless a guard forbids it; ``force`` (analyst
        merges) skips the person-name guard but never a split ruling."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not self.can_union(ri, rj, anchors=not force):
            return False
        keep, drop = (ri, rj) if ri < rj else (rj, ri)
        a, b = self.data[keep], self.data.pop(drop)
        self.parent[drop] = keep
        a.anchors.update(b.anchors)
        a.tags |= b.tags
        a.reasons.extend(b.reasons)
        if reason:
            a.reasons.append(reason)
        return True

    def add_reason(self, i: int, reason: str) -> None:
        self.data[self.find(i)].reasons.append(reason)


# --------------------------------------------------------------------------- #
# Blocking
# --------------------------------------------------------------------------- #


def _band(n: int) -> int:
    return int(math.log(max(n, 1)) / math.log(LENGTH_BAND_RATIO))


def _candidate_pairs(
    names: Sequence[_Name], th: LinkThresholds = DEFAULT.link
) -> list[tuple[int, int]]:
    """Index pairs worth running the ladder on (see "Cost" in the module docstring).

    Equal (group, head, stem skeleton) and equal alias group always pair. In a
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
        cutoff = th.fuzzy_key if tag == "key" else th.skeleton
        # ratio >= cutoff needs len(long)/len(short) <= (200 - cutoff) / cutoff
        widest = (200.0 - cutoff) / max(cutoff, 1.0)
        span = max(1, math.ceil(math.log(max(widest, 1.0)) / math.log(LENGTH_BAND_RATIO)))
        others = list(members)
        for step in range(1, span + 1):
            others += banded.get(bkey[:-1] + (bkey[-1] + step,), [])
        if len(others) < 2:
            continue
        choices = [names[j].stem_key if tag == "key" else names[j].stem_skel for j in others]
        for i in members:
            query = names[i].stem_key if tag == "key" else names[i].stem_skel
            for _, _, pos in process.extract(
                query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                j = others[pos]
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


# --------------------------------------------------------------------------- #
# Acronyms
# --------------------------------------------------------------------------- #

_ACR_STOP = frozenset({"of", "and", "for", "the", "on", "in", "at", "to", "&", "de", "du", "la"})
_ACR_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_ACR_BEFORE = re.compile(r"\b([A-Z][A-Za-z0-9&.\-]{1,11})\s*\(([^()\n]{3,150})\)")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*|&")


def _acr_letters(acr: str) -> str | None:
    letters = [c for c in acr if c.isalpha()]
    if sum(c.isupper() for c in letters) < 2:
        return None
    return "".join(c for c in letters if c.isupper())


def _initials(words: Sequence[str], keep_stop: bool = False) -> str:
    """First letters of the capitalised words (and hyphen parts), upper case;
    small words (of, and, for, the, ...) skipped unless ``keep_stop``."""
    out = []
    for w in words:
        for part in w.split("-"):
            if not part:
                continue
            if keep_stop and part.lower() in _ACR_STOP and part != "&":
                out.append(part[0].upper())
            elif part[0].isupper() and part.lower() not in _ACR_STOP:
                out.append(part[0])
    return "".join(out)


def _subsequence(short: str, long: str) -> bool:
    """``short`` is non-empty, starts like ``long`` and is a subsequence of it."""
    if not short or not long or short[0] != long[0]:
        return False
    it = iter(long)
    return all(c in it for c in short)


def _acronym_definitions(text: str) -> list[tuple[str, int, str | None]]:
    """(acronym, position, expansion) for each definition in ``text``.

    "Expansion (ACR)": position is that of the "(" (a mention ending there is
    the expansion) and expansion is the shortest run of preceding words whose
    initials spell the acronym, or None. "ACR (Expansion)": position -1 and the
    parenthesised words, when their initials spell the acronym.
    """
    out: list[tuple[str, int, str | None]] = []
    for m in _ACR_PAREN.finditer(text):
        acr = m.group(1)
        letters = _acr_letters(acr)
        if not letters:
            continue
        before = text[max(0, m.start() - 250) : m.start()]
        before = re.split(r"[.;:!?\n()]\s", before)[-1]
        words = _WORD.findall(before)[-15:]
        expansion = None
        for n in range(1, len(words) + 1):
            suffix = words[-n:]
            if suffix[0][:1].isupper() and suffix[0].lower() not in _ACR_STOP:
                if _initials(suffix) == letters:
                    expansion = " ".join(suffix)
                    break
        out.append((acr, m.start(), expansion))
    for m in _ACR_BEFORE.finditer(text):
        acr, inner = m.group(1), " ".join(m.group(2).split())
        letters = _acr_letters(acr)
        if not letters:
            continue
        inner = _DISPLAY_THE.sub("", inner)
        if _initials(_WORD.findall(inner)) == letters:
            out.append((acr, -1, inner))
    return out


# --------------------------------------------------------------------------- #
# Clustering
# --------------------------------------------------------------------------- #


def _last_alternatives(n: _Name) -> set[str]:
    """Keys a bare surname may take to name ``n``: its last token, and that
    token without an Arabic article (al-/el-/ad-)."""
    toks = n.display.split()
    last = toks[-1]
    alts = {name_key(last)}
    m = re.match(r"^(?:al|el|ad|as|an|ar|at)[-\u2010\u2011'’](.+)$", last, re.IGNORECASE)
    if m:
        alts.add(name_key(m.group(1)))
    return {a for a in alts if a}


def _is_bare(n: _Name) -> bool:
    return n.group == "PERSON" and len(n.tokens) == 1


def _is_acronym_form(display: str) -> bool:
    return (
        " " not in display
        and sum(c.isupper() for c in display) >= 2
        and display.upper() == display
    )


def _most_common(counter: Counter[str]) -> str:
    return sorted(counter.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def _run(
    ms: Sequence[Mention],
    texts: Mapping[str, str] | None,
    th: LinkThresholds,
    split_sides: Sequence[tuple[set[int], set[int]]],
    merge_sides: Sequence[tuple[set[int], set[int], str]],
) -> list[Entity]:
    names = [_name(m.text, m.label) for m in ms]
    uf = _UF(names, th)
    for rule, (side_a, side_b) in enumerate(split_sides):
        both = side_a & side_b
        for side, members in ((0, side_a - both), (1, side_b - both)):
            for i in members:
                uf.data[i].tags.add((rule, side))

    # name groups: (label group, key) -> mention indices (bare surnames apart)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    bare: dict[str, list[int]] = defaultdict(list)  # key -> bare mention indices
    for i, n in enumerate(names):
        if not n.key:
            continue
        if _is_bare(n):
            bare[n.key].append(i)
        else:
            groups[(n.group, n.key)].append(i)

    def order(i: int) -> tuple:
        return (ms[i].source, ms[i].start, ms[i].end, ms[i].text, ms[i].label)

    # representative analysed name for each group
    rep: dict[tuple[str, str], _Name] = {}
    for gk, idx in groups.items():
        idx.sort(key=order)
        displays = Counter(names[i].display for i in idx if not names[i].prefix) or Counter(
            names[i].display for i in idx
        )
        best = _most_common(displays)
        labels = Counter(names[i].label for i in idx)
        label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        rep[gk] = _name(best, label)

    # 1. exact / title: every mention of one key is one entity
    for gk in sorted(groups):
        idx = groups[gk]
        base = rep[gk]
        seen: set[tuple[str, str]] = set()
        for i in idx:
            n = names[i]
            form = (n.prefix, n.display)
            reason = None
            if form not in seen and (n.prefix or n.display != base.display):
                match = _compare(n, base, th)
                reason = match.reason if match else None
            seen.add(form)
            if uf.find(idx[0]) == uf.find(i):
                if reason:
                    uf.add_reason(i, reason)
            else:
                uf.union(idx[0], i, reason)

    # 2. surname, within one source
    by_source: dict[str, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        by_source[ms[i].source].append(i)
    resolved: set[int] = set()
    for src in sorted(by_source):
        idx = sorted(by_source[src], key=order)
        fulls: dict[str, list[int]] = defaultdict(list)
        for i in idx:
            n = names[i]
            if n.group == "PERSON" and len(n.tokens) >= 2:
                fulls[n.key].append(i)
        if not fulls:
            continue
        alts = {k: _last_alternatives(names[v[0]]) for k, v in fulls.items()}
        for i in idx:
            n = names[i]
            if not _is_bare(n):
                continue
            cands = sorted(k for k, a in alts.items() if n.key in a)
            how = "last name"
            if not cands:
                cands = sorted(
                    k for k, a in alts.items() if any(_similar(n.key, x, th) for x in a)
                )
                how = "last name, spelt alike"
            if not cands:
                continue
            if len(cands) == 1:
                target = cands[0]
                why = f"the only full name in {src} with that {how}"
            else:
                top = max(len(fulls[k]) for k in cands)
                best = [k for k in cands if len(fulls[k]) == top]
                others = ", ".join(
                    f'"{names[fulls[k][0]].display}" {len(fulls[k])}×' for k in cands
                )
                if len(best) == 1:
                    target = best[0]
                    why = f"mentioned most in {src} ({others})"
                else:
                    start = ms[i].start

                    def nearness(k: str) -> tuple:
                        before = [ms[j].start for j in fulls[k] if ms[j].start < start]
                        after = [ms[j].start for j in fulls[k] if ms[j].start >= start]
                        if before:
                            return (0, start - max(before), k)
                        return (1, min(after) - start, k)

                    target = min(best, key=nearness)
                    side = "preceding" if nearness(target)[0] == 0 else "following"
                    why = f"tie in {src} ({others}), nearest {side} full mention"
            full = names[fulls[target][0]]
            reason = f'surname: "{_flat(n.surface)}" → "{full.display}", {why}'
            if uf.union(fulls[target][0], i, reason):
                resolved.add(i)

    # 3. acronyms, within a source that defines them
    if texts:
        key_index: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(names):
            if n.key and n.group != "PERSON":
                key_index[(ms[i].source, n.key)].append(i)
                by_key[n.key].append(i)
        for src in sorted(by_source):
            text = texts.get(src)
            if not text:
                continue
            ends: dict[int, list[int]] = defaultdict(list)
            for i in by_source[src]:
                if names[i].group != "PERSON":
                    ends[ms[i].end].append(i)
            for acr, pos, expansion in _acronym_definitions(text):
                akey = name_key(acr)
                acr_ms = key_index.get((src, akey), [])
                if not acr_ms:
                    continue
                letters = _acr_letters(acr) or ""
                exp_ms: list[int] = []
                how = ""
                if pos >= 0:
                    e = pos
                    while e > 0 and text[e - 1].isspace():
                        e -= 1
                    exp_ms = [
                        j
                        for j in ends.get(e, [])
                        if names[j].key != akey
                        and _subsequence(letters, _initials(_WORD.findall(names[j].display), True))
                    ]
                    how = "defined in parentheses after it"
                if not exp_ms and expansion:
                    ekey = name_key(expansion)
                    exp_ms = key_index.get((src, ekey), []) or by_key.get(ekey, [])
                    how = "its initials, defined in the text"
                for i in sorted(acr_ms, key=order):
                    for j in sorted(exp_ms, key=order):
                        if names[i].group == names[j].group:
                            if uf.find(i) != uf.find(j):
                                reason = (
                                    f'acronym: "{acr}" = "{names[j].display}" ({how} in {src})'
                                )
                                uf.union(j, i, reason)
                            break

    # 4. cross-name rungs on full (non-bare) names: alias, transliteration, fuzzy
    gkeys = sorted(groups)
    gnames = [rep[g] for g in gkeys]
    found: list[tuple[int, float, str, str, Match, int, int]] = []
    for p, q in _candidate_pairs(gnames, th):
        match = _compare(gnames[p], gnames[q], th)
        if match is not None:
            ka, kb = sorted((gkeys[p][1], gkeys[q][1]))
            found.append((_RUNG_ORDER[match.rung], -match.score, ka, kb, match, p, q))
    found.sort(key=lambda t: t[:4])
    for _, _, _, _, match, p, q in found:
        i, j = groups[gkeys[p]][0], groups[gkeys[q]][0]
        if uf.find(i) != uf.find(j):
            uf.union(i, j, match.reason)

    # 5. bare names across sources (see the surname rung in the docstring)
    bkeys = sorted(bare)
    bnames = [_name(names[bare[k][0]].display, "PERSON") for k in bkeys]
    comp = list(range(len(bkeys)))

    def cfind(x: int) -> int:
        while comp[x] != x:
            comp[x] = comp[comp[x]]
            x = comp[x]
        return x

    edge_of: dict[str, str] = {}  # bare key -> reason of a match that put it in its component
    for p, q in _candidate_pairs(bnames, th):
        match = _compare(bnames[p], bnames[q], th)
        if match is None:
            continue
        a, b = cfind(p), cfind(q)
        if a != b:
            comp[max(a, b)] = min(a, b)
        edge_of.setdefault(bkeys[p], match.reason)
        edge_of.setdefault(bkeys[q], match.reason)
    components: dict[int, list[int]] = defaultdict(list)
    for p in range(len(bkeys)):
        components[cfind(p)].append(p)
    for root in sorted(components):
        idx = sorted((i for p in components[root] for i in bare[bkeys[p]]), key=order)
        unresolved = [i for i in idx if i not in resolved]
        if not unresolved:
            continue
        targets = sorted({uf.find(i) for i in idx if i in resolved})
        resolved_keys = {names[i].key for i in idx if i in resolved}
        leftovers: list[int] = []
        for i in unresolved:
            n = names[i]
            if len(targets) == 1:
                anchor = targets[0]
                if uf.find(i) == uf.find(anchor):
                    continue
                full = sorted(uf.data[uf.find(anchor)].anchors.values(), key=lambda x: x.key)
                who = f'"{full[0].display}"' if full else "the same person"
                reason = (
                    f'surname: "{_flat(n.surface)}" ({ms[i].source} names no full form) → {who}, '
                    "the only person that surname resolves to in the other sources"
                )
                if n.key not in resolved_keys and n.key in edge_of:
                    reason += f"; {edge_of[n.key]}"
                if uf.union(anchor, i, reason):
                    continue
            leftovers.append(i)
        # ambiguous (or no full name anywhere): the bare uses form their own entity
        for i in leftovers[1:]:
            k0, k = names[leftovers[0]].key, names[i].key
            uf.union(leftovers[0], i, edge_of.get(k) if k != k0 else None)

    # 6. analyst merges
    for side_a, side_b, text in merge_sides:
        if not side_a or not side_b:
            continue
        i, j = min(side_a, key=order), min(side_b, key=order)
        if uf.find(i) != uf.find(j):
            uf.union(i, j, text, force=True)

    return _build(ms, names, uf, order)


def _build(ms: Sequence[Mention], names: Sequence[_Name], uf: _UF, order) -> list[Entity]:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        clusters[uf.find(i)].append(i)
    drafts = []
    for root, idx in clusters.items():
        idx.sort(key=order)
        displays = Counter(names[i].display for i in idx)
        # "full forms": not an acronym; for people, not a bare surname
        person = any(names[i].group == "PERSON" for i in idx)
        multi = person and any(" " in d for d in displays)
        full = Counter(
            {
                d: c
                for d, c in displays.items()
                if not _is_acronym_form(d) and not (multi and " " not in d)
            }
        )
        name = _most_common(full or displays)
        labels = Counter(ms[i].label for i in idx)
        label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        reasons = tuple(dict.fromkeys(uf.data[root].reasons))
        drafts.append(
            (
                name_key(name),
                label,
                order(idx[0]),
                name,
                tuple(ms[i] for i in idx),
                tuple(sorted(displays)),
                reasons,
            )
        )
    drafts.sort(key=lambda d: d[:3])
    used: Counter[str] = Counter()
    out = []
    for key, label, _, name, mentions, variants, reasons in drafts:
        base = f"{label.lower()}:{key or '_'}"
        used[base] += 1
        eid = base if used[base] == 1 else f"{base}#{used[base]}"
        out.append(Entity(eid, name, label, mentions, variants, reasons))
    return out


def mention_id(m: Mention) -> str:
    """The id a mention's own name would carry as an entity ("loc:araz"):
    rulings may name either side of a merge this way."""
    return f"{m.label.lower()}:{_name(m.text, m.label).key or '_'}"


def cluster(
    mentions: Sequence[Mention],
    texts: Mapping[str, str] | None = None,
    thresholds: LinkThresholds = DEFAULT.link,
    rulings: Sequence[tuple[str, str, str]] = (),
) -> list[Entity]:
    """Resolve entity mentions into entities (see the module docstring).

    ``texts`` maps a source id to its text (for acronym definitions).
    ``rulings`` are analyst decisions ``("merge" | "split", id_a, id_b)``. An id
    denotes the mentions whose own name would carry it (``"loc:araz"`` names
    the "Araz" mentions even when the ladder put them in ``"loc:aras"``), or,
    when no mention's name does, the mentions of the entity with that id in
    the result without rulings.
    Splits are enforced as cannot-link constraints while the ladder runs;
    merges are applied after it, in order, unless they would break a split.
    Mentions with a numeric label (:data:`NON_ENTITY_LABELS`) are dropped.
    """
    ms = [m for m in mentions if m.label not in NON_ENTITY_LABELS]
    if not rulings:
        return _run(ms, texts, thresholds, (), ())
    first = _run(ms, texts, thresholds, (), ())
    pos = {id(m): i for i, m in enumerate(ms)}  # the entities hold these very objects
    named: dict[str, set[int]] = defaultdict(set)  # the id each mention's own name would carry
    for i, m in enumerate(ms):
        named[mention_id(m)].add(i)
    members: dict[str, set[int]] = defaultdict(set)  # entity ids of the result without rulings
    for e in first:
        members[e.id].update(pos[id(m)] for m in e.mentions)

    def resolve(eid: str) -> set[int]:
        return set(named.get(eid) or members.get(eid) or ())

    splits, merges = [], []
    for kind, a, b in rulings:
        sa, sb = resolve(a), resolve(b)
        if kind == "split":
            splits.append((sa, sb))
        elif kind == "merge":
            merges.append((sa, sb, f'analyst ruling: merge "{a}" + "{b}"'))
        else:
            raise ValueError(f"unknown ruling {kind!r} (expected 'merge' or 'split')")
    return _run(ms, texts, thresholds, splits, merges)

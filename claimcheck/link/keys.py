"""Unicode folding, name keys and the transliteration skeleton."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


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


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Unicode folding used before every comparison (see the module docstring)."""
    s = text.translate(_PRE)
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(_PRE).casefold().translate(_LETTERS)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if unicodedata.category(c) not in ("Mn", "Me"))
    s = s.translate(_LETTERS).translate(_PRE)
    if not s.isascii():
        s = _transliterate(s)
    return " ".join(s.split())


def _transliterate(s: str) -> str:
    """Non-Latin scripts to Latin letters with anyascii ("Кузькина" ->
    "kuz'kina", "تهران" -> "thran"); letters already Latin are left as folded.
    Characters anyascii drops (emoji, marks) become nothing."""
    from anyascii import anyascii

    out = []
    for c in s:
        if c.isascii():
            out.append(c)
        elif c.isalpha() or c.isdigit():
            out.append(anyascii(c).casefold().translate(_PRE))
        else:
            out.append(" " if c.isspace() else "")
    return "".join(out)


_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"'s(?!\w)")


@lru_cache(maxsize=262144)
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
# Place-name mode: words, romanisation key
# --------------------------------------------------------------------------- #

_CAMEL = re.compile(r"(?<=[a-z'])(?=[A-Z])")


def _script_runs(s: str) -> str:
    """Non-Latin runs transliterated with anyascii as a whole (Thai writes a
    vowel before its consonant, so a run reads better than its letters one
    by one), CJK / Hangul syllables split into words ("羊山村" -> "Yang Shan
    Cun"), so that a generic syllable (cun, village) can be dropped."""
    from anyascii import anyascii

    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(" " + _CAMEL.sub(" ", anyascii("".join(run))) + " ")
            run.clear()

    for c in s:
        if c.isascii() or not (c.isalpha() or unicodedata.category(c) in ("Mn", "Mc")):
            flush()
            out.append(c)
        elif unicodedata.name(c, "").startswith("LATIN"):
            flush()
            out.append(c)
        else:
            run.append(c)
    flush()
    return "".join(out)


#: Latin letters with a caron or acute that stand for a digraph of the
#: English-style romanisations (Serbian / Czech / Lithuanian ž = zh).
_CARONS = str.maketrans({"ž": "zh", "Ž": "Zh", "š": "sh", "Š": "Sh", "č": "ch", "Č": "Ch",
                         "ć": "ch", "Ć": "Ch"})

_WORD_SPLIT = re.compile(r"[^a-z0-9']+")


@lru_cache(maxsize=262144)
def place_words(text: str) -> tuple[str, ...]:
    """The words of a place name, folded: non-Latin scripts by anyascii (run
    by run), split on spaces, hyphens and other punctuation, an elided
    article kept apart ("l'Artibonite" -> "l", "artibonite"), apostrophes of
    transliteration (soft signs, ayn, hamza) dropped inside a word."""
    s = text.translate(_PRE)
    if not s.isascii():
        s = _script_runs(s).translate(_CARONS)
    s = fold(s)
    words: list[str] = []
    for w in _WORD_SPLIT.split(s):
        m = re.fullmatch(r"([a-z]{1,2})'(\w{3,})", w)
        if m and m.group(1) in ("l", "d", "al", "el"):
            words.extend((m.group(1), m.group(2)))
            continue
        w = w.replace("'", "")
        if w:
            words.append(w)
    return tuple(words)


#: romanisation classes, applied left to right, longest first: the letters
#: that the usual schemes (ALA-LC, BGN/PCGN, ISO 9 and German-style Cyrillic,
#: Pinyin and Wade-Giles, Revised and McCune-Reischauer Korean, RTGS and ISO
#: 11940 Thai, French / English / German renderings of Arabic and Persian)
#: write for one sound fall into one class.
_ROMAN_MULTI: tuple[tuple[str, str], ...] = (
    ("shch", "s"), ("tsch", "c"), ("dzh", "c"), ("sch", "s"), ("tch", "c"), ("tsh", "c"),
    ("tz", "c"), ("ts", "c"), ("ch", "c"), ("zh", "c"), ("jh", "c"), ("dj", "c"),
    ("sh", "s"), ("hs", "s"), ("kh", "k"), ("gh", "k"), ("ph", "p"), ("th", "t"),
    ("dh", "t"), ("bh", "p"), ("ck", "k"), ("ng", "n"),
)
_ROMAN_SINGLE = {
    "g": "k", "q": "k", "b": "p", "d": "t", "z": "s", "j": "c", "f": "p", "v": "v",
    "w": "a", "y": "a", "e": "a", "i": "a", "o": "a", "u": "a", "r": "l",
}
_ROMAN_VOWELS = frozenset("aeiouyw")


@lru_cache(maxsize=262144)
def roman_key(word: str) -> str:
    """A romanisation-blind key of one folded word: consonants in classes
    (voiced = voiceless, aspirates plain, r = l, affricates one class, sibilants
    one class), h dropped, every run of vowels (y and w with them) one "a",
    doubled letters collapsed. Context rules: Pinyin q before i is an
    affricate; j between vowels or after a consonant is the German-style y
    (Sipatyj, Malejevo); x between consonants is the ISO Thai vowel carrier
    (khlxng = khlong), else Pinyin x (= hs). Letters and digits only in."""
    n = len(word)
    out: list[str] = []
    i = 0
    while i < n:
        c = word[i]
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        if c == "q":
            out.append("c" if nxt == "i" else "k")
            i += 1
            continue
        if c == "j" and i and prev != "d" and (prev in _ROMAN_VOWELS or nxt in "aeiou" or not nxt):
            out.append("a")
            i += 1
            continue
        if c == "x":
            out.append("a" if not (prev and prev in "aeiou") and not (nxt and nxt in "aeiou") else "s")
            i += 1
            continue
        for src, dst in _ROMAN_MULTI:
            if word.startswith(src, i):
                out.append(dst)
                i += len(src)
                break
        else:
            out.append(_ROMAN_SINGLE.get(c, c))
            i += 1
    classes: list[str] = []
    for ch in "".join(out):  # doubles collapse before h and vowels go: "mhmd" = "mohammad"
        if not classes or classes[-1] != ch:
            classes.append(ch)
    key: list[str] = []
    for ch in classes:
        if ch == "h" or (ch == "a" and key and key[-1] == "a"):
            continue
        key.append(ch)
    return "".join(key)

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



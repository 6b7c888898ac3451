"""Name analysis: display form, title prefix, head noun, tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .keys import _skeleton_of_key, fold, name_key
from .tables import (
    _ALIAS_OF, _DEMONYM_SUFFIX, _HEAD_MODIFIERS, _HEAD_SYNONYMS, _LEADING_HEADS, _OF_HEADS,
    _PREFIX_CONNECTORS, DEMONYMS, HEAD_NOUNS, LABEL_GROUPS, TITLE_MODIFIERS, TITLE_WORDS,
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



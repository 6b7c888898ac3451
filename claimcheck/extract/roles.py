"""Role claims: a person's title or office as a source states it.

Three shapes, on tokens (so they run on ``spacy.blank`` too):

- "<name>, <title>[,.]"   "Farzaneh Sadegh, Iran's Minister of ..."
- "<title>, <name>[,.]"   "Iran's Minister of Roads ..., Farzaneh Sadegh, has ..."
- "<title> <name>"        "President Ilham Aliyev", "Deputy Minister of Foreign Affairs Samir Sharifov"

A name is a PERSON entity when the model runs; otherwise (blank pipeline) a
run of two to four capitalised words. A title must contain a title word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..vocab.titles import TITLE_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_NAME_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "&"})
_STOP_BEFORE_TITLE = frozenset({",", ";", ":", "(", ")", '"', "“", "”", "by", "with"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_END_OF_TITLE = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "\"", "“", "”"})
_MAX_TITLE_TOKENS = 12


@dataclass(frozen=True, slots=True)
class RoleMention:
    name_start: int  # token indices (doc)
    name_end: int
    title_start: int
    title_end: int
    country: str | None  # "Iran" in "Iran's Minister of ..."


def _is_title_token(tok: Token) -> bool:
    return tok.lower_ in TITLE_WORDS


def _names(sent: Span, has_ner: bool) -> list[tuple[int, int]]:
    doc = sent.doc
    if has_ner:
        return [(e.start, e.end) for e in sent.ents if e.label_ == "PERSON"]
    out = []
    i = sent.start
    while i < sent.end:
        j = i
        while (j < sent.end and doc[j].is_title and doc[j].is_alpha
               and not _is_title_token(doc[j]) and not doc[j].is_stop):
            j += 1
        if 2 <= j - i <= 4:
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _adjectival(tok: Token) -> bool:
    """"political" in "political expert": an adjective before a title word."""
    if tok.doc.has_annotation("TAG"):
        return tok.pos_ == "ADJ"
    return tok.lower_.endswith(("al", "ic", "ian", "ary", "ive", "ior", "ern", "ish", "ese"))


def _title_start_ok(doc: Doc, i: int, limit: int) -> bool:
    """A title begins with a title word, or with capitalised/adjective words
    leading to one within three tokens: "Minister of ...", "First Deputy
    Prime Minister", "political expert"."""
    for k in range(i, min(limit, i + 4)):
        tok = doc[k]
        if _is_title_token(tok):
            return True
        if not (tok.is_title or _adjectival(tok)):
            return False
    return False


def _is_verb(tok: Token) -> bool:
    return tok.doc.has_annotation("TAG") and tok.pos_ in ("VERB", "AUX")


def _title_after(doc: Doc, start: int, limit: int) -> tuple[int, int, str | None] | None:
    """A title phrase starting at ``start`` and ending before a comma/period."""
    i, country = start, None
    if i < limit and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    if i + 1 < limit and doc[i + 1].text in _POSSESSIVE and doc[i].is_title:
        country, i = doc[i].text, i + 2
    if not _title_start_ok(doc, i, limit):
        return None
    t0 = i
    while i < limit and i - t0 < _MAX_TITLE_TOKENS and doc[i].text not in _END_OF_TITLE and not _is_verb(doc[i]):
        i += 1
    return t0, i, country


def _title_before(doc: Doc, end: int, floor: int) -> tuple[int, int, str | None] | None:
    """A title phrase ending just before ``end`` (the name), walking back over
    capitalised words, title words, connectors ("of", "and") and adjectives
    directly before a title word ("political expert")."""
    i = end
    while i > floor and end - i < _MAX_TITLE_TOKENS:
        tok = doc[i - 1]
        if tok.text in _STOP_BEFORE_TITLE or tok.text in _POSSESSIVE or tok.ent_type_ == "PERSON":
            break
        if (tok.is_title and tok.is_alpha) or _is_title_token(tok) or tok.lower_ in _NAME_CONNECTORS:
            i -= 1
        elif tok.is_lower and tok.is_alpha and i < end and _is_title_token(doc[i]) and _adjectival(tok):
            i -= 1
        else:
            break
    # "and" belongs to a title only inside "Minister of Roads and ...":
    # "Pezeshkian and President Aliyev" is two people
    ands = [k for k in range(i, end) if doc[k].lower_ in ("and", "&")]
    if ands and not any(doc[k].lower_ == "of" for k in range(i, ands[-1])):
        i = ands[-1] + 1
    while i < end and (doc[i].lower_ in _NAME_CONNECTORS or (doc[i].is_stop and not _is_title_token(doc[i]))):
        i += 1
    if i >= end or not _title_start_ok(doc, i, end):
        return None
    country = None
    if i >= 2 and doc[i - 1].text in _POSSESSIVE and doc[i - 2].is_title:
        country = doc[i - 2].text
    return i, end, country


def find_roles(sent: Span, has_ner: bool) -> list[RoleMention]:
    """Role statements in a sentence. ``has_ner``: names come from PERSON
    entities (statistical model) rather than capitalisation."""
    doc = sent.doc
    out: list[RoleMention] = []
    for ns, ne in _names(sent, has_ner):
        # "<name>, <title>"
        if ne + 1 < sent.end and doc[ne].text == ",":
            t = _title_after(doc, ne + 1, sent.end)
            if t is not None:
                out.append(RoleMention(ns, ne, t[0], t[1], t[2]))
                continue
        # "<title>, <name>"
        if ns - 1 > sent.start and doc[ns - 1].text == ",":
            t = _title_before(doc, ns - 1, sent.start)
            if t is not None:
                out.append(RoleMention(ns, ne, t[0], t[1], t[2]))
                continue
        # "<title> <name>"
        t = _title_before(doc, ns, sent.start)
        if t is not None:
            out.append(RoleMention(ns, ne, t[0], t[1], t[2]))
    return out


def normalise_title(title: str) -> str:
    """A comparable form: lower case, "&" as "and", no leading article, one space."""
    words = title.replace("&", " and ").replace("’", "'").lower().split()
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words)

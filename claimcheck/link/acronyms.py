"""Acronyms: definitions in a source's text, the initials a name may go by, and
the two clustering steps that use them (``acronym``, ``acronym corpus``)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from .keys import name_key
from .names import _DISPLAY_THE, _Name
from .rungs import Match
from .state import _RunState
from .tables import AGENCY_INITIALS

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



def _is_acronym_form(display: str) -> bool:
    return (
        " " not in display
        and sum(c.isupper() for c in display) >= 2
        and display.upper() == display
    )



def _name_initials(n: _Name) -> set[str]:
    """Acronyms a multi-word name may go by: the initials of its words (small
    words skipped, or kept), and for an agency its place's initials plus the
    agency's letters ("Houston Police" -> "HPD")."""
    words = _WORD.findall(n.display)
    out = {_initials(words), _initials(words, True)} if len(words) > 1 else set()
    if n.head in AGENCY_INITIALS:
        stem = _initials(_WORD.findall(n.stem))
        out.update(stem + tail for tail in AGENCY_INITIALS[n.head])
    return {a for a in out if len(a) >= 2}


class _AcronymSteps(_RunState):
    """The acronym steps of a run."""

    def acronym(self) -> None:
        """Acronyms defined in the text of a source."""
        texts = self.texts
        if not texts:
            return
        ms, names, uf = self.ms, self.names, self.uf
        key_index: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(names):
            if n.key and n.group != "PERSON":
                key_index[(ms[i].source, n.key)].append(i)
                by_key[n.key].append(i)
        for src in sorted(self.by_source):
            text = texts.get(src)
            if not text:
                continue
            ends: dict[int, list[int]] = defaultdict(list)
            for i in self.by_source[src]:
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
                for i in sorted(acr_ms, key=self.order):
                    for j in sorted(exp_ms, key=self.order):
                        if names[i].group == names[j].group:
                            if uf.find(i) != uf.find(j):
                                reason = (
                                    f'acronym: "{acr}" = "{names[j].display}" ({how} in {src})'
                                )
                                uf.union(j, i, Match("acronym", 100.0, reason))
                            break

    def acronym_corpus(self) -> None:
        """An acronym no source defines -> the only name of the corpus whose
        initials spell it: an agency ("HPD" -> "Houston Police Department",
        "HCSO" -> "Harris County Sheriff's Office") or an organisation of two
        words or more ("AP" -> "Associated Press"). Two names that spell it
        (or none) leave it alone."""
        spell: dict[str, set[int]] = defaultdict(set)  # acronym -> roots of full names
        witness: dict[tuple[str, int], tuple[str, str]] = {}
        for gk in sorted(self.rep):
            n = self.rep[gk]
            if n.group == "PERSON" or _is_acronym_form(n.display):
                continue
            if n.head not in AGENCY_INITIALS and n.group != "ORG":
                continue  # places spell no acronym here ("Iran" is not "IRNA")
            i = self.groups[gk][0]
            root = self.uf.find(i)
            for acr in _name_initials(n):
                spell[acr].add(root)
                witness.setdefault((acr, root), (n.display, gk[1]))
        for gk in sorted(self.rep):
            n = self.rep[gk]
            if n.group == "PERSON" or not _is_acronym_form(n.display) or n.alias is not None:
                continue
            acr = "".join(c for c in n.display if c.isalpha())
            if not 2 <= len(acr) <= 6:
                continue
            i = self.groups[gk][0]
            roots = {self.uf.find(r) for r in spell.get(acr, ())} - {self.uf.find(i)}
            if len(roots) != 1 or any(self.uf.find(i) == r for r in roots):
                continue
            (root,) = roots
            full = next(witness[(acr, r)] for r in spell[acr] if self.uf.find(r) == root)
            reason = (
                f'acronym: "{n.display}" = "{full[0]}", the only name in the corpus whose '
                "initials spell it"
            )
            self.uf.union(root, i, Match("acronym", 95.0, reason))

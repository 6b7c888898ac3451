"""Corpus recall: names the corpus knows, found again where the model missed them.

The statistical model finds "Dana Okoro" in one article and misses it in the
next (a name after a quote, in a caption, a bare "Okoro" at a sentence's end).
Extraction sees one source at a time; linking sees the corpus. This step looks
up the names the corpus already has (a gazetteer made of the mentions, like
spaCy's ``PhraseMatcher`` over word tokens, never a fuzzy search) in every
source's text and adds a mention wherever one stands on its own:

* names of two words or more, written exactly as a mention of some source
  ("Dana Okoro", "Quarry Hill Center");
* the surname of a full PERSON name of the corpus ("Okoro");
* a one-word non-person name found in two sources or more ("Falcons").

An occurrence counts only when no mention of its source overlaps it, it is
not part of a longer capitalised run (the word before and the word after are
not capitalised), and, for a one-word name opening a sentence, a lower-case
word follows it ("Okoro said"). A
headline in capitals ("FALCONS WIN") matches a one-word name of five letters
or more written in capitals. Cost: one pass over each text's words, with a
dictionary lookup on the first word of each name (linear in the text).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from claimcheck.records import Mention

from .names import _head_of, _Name, _name, _word, effective_label
from .tables import _PREFIX_CONNECTORS, DEMONYMS, TITLE_WORDS

_WORDS = re.compile(r"[^\W_](?:[\w'\u2019.-]*[^\W_])?")
#: a one-word name shorter than this is never looked up (too many accidents).
_MIN_ONE_WORD = 4
#: a one-word name looked up in capitals only from this length ("CHIEFS").
_MIN_CAPS = 5
#: labels whose names are looked up (NORP and unknown rule names are not).
_RECALL_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})


#: capitalised words that open a sentence without being part of a name.
_FUNCTION = frozenset("the a an and but of in at on by for to with from as when after".split())


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _opens_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?:\n\r"


def _candidates(
    ms: Sequence[Mention], names: Sequence[_Name]
) -> dict[tuple[str, ...], tuple[str, str]]:
    """Word sequence as written -> (label, surface) of the names to look up."""
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    sources: dict[tuple[str, ...], set[str]] = defaultdict(set)
    surnames: set[str] = set()
    for m, n in zip(ms, names):
        if m.label not in _RECALL_LABELS or not n.key:
            continue
        words = tuple(n.display.split())
        if n.group == "PERSON" and n.prefix == "" and len(n.tokens) >= 2 and n.surname:
            last = words[-1] if words else ""
            if name_key_ok(last) and _word(last) == n.surname:
                surnames.add(last)
        if not words or not all(w[:1].isalnum() for w in words):
            continue
        labels[words][n.label] += 1
        sources[words].add(m.source)
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for words, votes in labels.items():
        label = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if len(words) >= 2:
            if not _capitalised(words[0]) or not _capitalised(words[-1]):
                continue
            out[words] = (label, " ".join(words))
        elif label != "PERSON" and len(sources[words]) >= 2 and _one_word_ok(words[0]):
            out[words] = (label, words[0])
    for last in surnames:
        if _one_word_ok(last):
            out[(last,)] = ("PERSON", last)
    return out


def name_key_ok(word: str) -> bool:
    return len(_word(word)) >= _MIN_ONE_WORD


def _one_word_ok(word: str) -> bool:
    w = _word(word)
    return (
        len(w) >= _MIN_ONE_WORD
        and _capitalised(word)
        and w not in TITLE_WORDS
        and w not in DEMONYMS
        and w not in _PREFIX_CONNECTORS
        and _head_of(w) is None
    )


def recall_mentions(
    ms: Sequence[Mention], texts: Mapping[str, str] | None
) -> list[Mention]:
    """New mentions of names the corpus knows, where no mention stands (see
    the module docstring). Empty without texts."""
    if not texts or not ms:
        return []
    names = [_name(m.text, effective_label(m.text, m.label)) for m in ms]
    cands = _candidates(ms, names)
    if not cands:
        return []
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    caps: dict[str, tuple[str, ...]] = {}
    for words in cands:
        by_first[words[0]].append(words)
        if len(words) == 1 and len(words[0]) >= _MIN_CAPS:
            caps[words[0].upper()] = words
    for v in by_first.values():
        v.sort(key=len, reverse=True)  # longest name first
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in ms:
        taken[m.source].append((m.start, m.end))
    out: list[Mention] = []
    for src in sorted(texts):
        text = texts[src]
        spans = sorted(taken.get(src, ()))
        toks = [(t.group(), t.start(), t.end()) for t in _WORDS.finditer(text)]
        i = 0
        while i < len(toks):
            word = _strip_poss(toks[i][0])
            options = list(by_first.get(word, ()))
            if word in caps and toks[i][0].isupper():
                options.append(caps[word])
            hit = None
            for words in options:
                n = len(words)
                if i + n > len(toks):
                    continue
                seq = [toks[i + k][0] for k in range(n)]
                seq[-1] = _strip_poss(seq[-1])
                in_caps = n == 1 and word.isupper() and word != words[0]
                if not in_caps and tuple(seq) != words:
                    continue
                start, end = toks[i][1], toks[i + n - 1][1] + len(seq[-1])
                if text[start:end].split() != seq:
                    continue  # words split by punctuation, not one name
                if _free(spans, start, end) and (in_caps or _alone(toks, i, n, text, start)):
                    hit = (words, start, end)
                    break
            if hit is None:
                i += 1
                continue
            words, start, end = hit
            label = cands[words][0]
            out.append(Mention(text[start:end], label, src, start, end))
            i += len(words)
    return out


def _strip_poss(word: str) -> str:
    for tail in ("'s", "\u2019s"):
        if word.endswith(tail):
            return word[: -len(tail)]
    return word


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(s < end and start < e for s, e in spans)


def _alone(toks: list[tuple[str, int, int]], i: int, n: int, text: str, start: int) -> bool:
    """Not part of a longer capitalised run; a one-word name does not open a sentence."""
    if i > 0:
        prev = toks[i - 1]
        gap = text[prev[2] : toks[i][1]]
        if _capitalised(prev[0]) and gap.strip() == "" and prev[0].lower() not in _FUNCTION:
            return False
    if i + n < len(toks):
        nxt = toks[i + n]
        gap = text[toks[i + n - 1][2] : nxt[1]]
        if _capitalised(nxt[0]) and gap.strip() == "":
            return False
    if n == 1 and _opens_sentence(text, start):
        # a capitalised word opening a sentence may be any word; a name there
        # is followed by a lower-case word ("Okoro said", "Falcons lineman")
        if i + 1 >= len(toks) or not toks[i + 1][0][:1].islower():
            return False
        if text[toks[i][2] : toks[i + 1][1]].strip():
            return False
    return True

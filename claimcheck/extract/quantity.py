"""Quantity claims: money, percentages, counts and measures.

Detection is token rules over the spaCy ``Doc`` (so it runs on
``spacy.blank("en")`` too); when the statistical model is loaded its NER labels
are used to *reject* false figures (dates, durations, ordinals) and to learn
that a bare "approximately 650 million" is money. Normalising a span's text is
:mod:`claimcheck.normalize.quantities`' job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..normalize.quantities import (
    CURRENCY_CODES,
    CURRENCY_SUBUNITS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    HEDGE_PHRASES,
    PERCENT_WORDS,
    SCALE_WORDS,
    UNIT_WORDS,
    ParsedQuantity,
    parse_quantity,
)
from ..vocab.context import CHANGE_FORMS
from ..vocab.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES
from ..vocab.measures import CASUALTY_WORDS, COUNTABLE_THINGS, PEOPLE_NOUNS
from .context import lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

MONTHS = frozenset((*MONTH_NAMES, *MONTH_ABBREVIATIONS))
TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries yr yrs".split()
)
_NUMBER_WITH_SUFFIX = re.compile(r"^[-−+]?\d[\d.,]*(?:bn|mln|mn|m|k|b|tn|trn|%|pc|pct)$", re.I)
_RANGE_LINKS = frozenset({"to", "-", "–", "—", "and"})
_WORD_NUMBER = re.compile(r"^[a-z]+$")
_REJECT_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})
_MAX_UNIT_TOKENS = 3


def _phrases(table: Iterable[str]) -> dict[tuple[str, ...], str]:
    return {tuple(k.lower().split()): k for k in table}


_UNIT_PHRASES: dict[tuple[str, ...], str] = {
    **_phrases(UNIT_WORDS),
    **_phrases(CURRENCY_WORDS),
    **_phrases(CURRENCY_SUBUNITS),  # "50 cents", "470 pence"
    **_phrases(PERCENT_WORDS),
    **{(c.lower(),): c for c in CURRENCY_CODES},
    **{(sym.lower(),): sym for sym in CURRENCY_SYMBOLS},  # "100 € each"
}
#: Last words of unit and currency phrases: "5 gigawatts a year" is a rate, not a year.
UNIT_LAST_WORDS = frozenset(k[-1] for k in _UNIT_PHRASES)
_HEDGE_PHRASES = _phrases(HEDGE_PHRASES)
_MAX_HEDGE_TOKENS = max(len(k) for k in _HEDGE_PHRASES)
#: Letters written before "$" to say which dollar: "HK $ 10 billion", "US $5".
_DOLLAR_PREFIXES = frozenset("us u.s. c ca can hk a au nz s sg".split())
_LEFT_CURRENCY = {s.lower() for s in CURRENCY_SYMBOLS} | {c.lower() for c in CURRENCY_CODES}


@dataclass(frozen=True, slots=True)
class Figure:
    """A detected figure: its token range in the doc and its normalised value."""

    start: int  # token index (doc)
    end: int
    parsed: ParsedQuantity
    unit: str | None  # parsed.unit, or the counted noun for a bare count
    label: str | None  # the NER label overlapping the core, if any
    #: what is measured when the rule that found the figure knows it
    #: ("age", "killed"); the frame step fills in the rest
    measure: str | None = None
    #: token range of the entity the figure is about (the person whose age it is)
    about: tuple[int, int] | None = None
    #: per-time part of a rate ("year" for "5 GW a year")
    rate: str | None = None


def is_number(tok: Token) -> bool:
    text = tok.text
    if tok.like_num or _NUMBER_WITH_SUFFIX.match(text):
        return True
    return text.lower() in SCALE_WORDS and text.lower() not in ("m", "b", "k")


def _is_scale(tok: Token) -> bool:
    return tok.lower_ in SCALE_WORDS


def _match_phrase(
    tokens: list[Token], table: dict[tuple[str, ...], str], at: int, forward: bool, longest: int = _MAX_UNIT_TOKENS + 1
) -> int:
    """Length of the longest phrase of ``table`` starting (forward) or ending
    (backward) at token position ``at`` of ``tokens``; 0 if none."""
    for n in range(longest, 0, -1):
        lo, hi = (at, at + n) if forward else (at - n + 1, at + 1)
        if lo < 0 or hi > len(tokens):
            continue
        key = tuple(t.lower_ for t in tokens[lo:hi])
        if key in table:
            return n
    return 0


def find_figures(sent: Span) -> list[Figure]:
    """All figures in a sentence, left to right, non-overlapping."""
    doc = sent.doc
    toks = list(sent)
    base = sent.start
    ner = {t.i: t.ent_type_ for t in toks if t.ent_type_}
    out: list[Figure] = []
    i = 0
    while i < len(toks):
        a_scale = toks[i].lower_ in ("a", "an") and i + 1 < len(toks) and _is_scale(toks[i + 1])  # "a billion euros"
        if not a_scale and (
            not is_number(toks[i]) or _is_scale(toks[i]) and not (i > 0 and toks[i - 1].lower_ in _LEFT_CURRENCY)
        ):
            i += 1
            continue
        s, e = i, i + 1 + a_scale
        while e < len(toks) and (is_number(toks[e]) or _is_scale(toks[e])) and toks[e].whitespace_ is not None:
            e += 1
        # a range: "300 and 400", "$1.2 million to $23.5 million", "5-10"
        if e + 1 < len(toks) and toks[e].lower_ in _RANGE_LINKS:
            nxt = e + 1
            if toks[nxt].lower_ in _LEFT_CURRENCY and nxt + 1 < len(toks):
                nxt += 1
            between = s > 0 and toks[s - 1].lower_ in ("between", "from") or (
                s > 1 and toks[s - 1].lower_ in _LEFT_CURRENCY and toks[s - 2].lower_ in ("between", "from")
            )
            if is_number(toks[nxt]) and (toks[e].lower_ != "and" or between) and not _is_change_from(toks, s):
                e = nxt + 1
                while e < len(toks) and (is_number(toks[e]) or _is_scale(toks[e])):
                    e += 1
        # units and currencies after: "USD", "cubic meters", "per cent", and
        # glued with a hyphen: "a 45-acre farm", "the 12-cent dividend"
        n = _match_phrase(toks, _UNIT_PHRASES, e, forward=True)
        if not n and e + 1 < len(toks) and toks[e].text == "-" and not toks[e - 1].whitespace_:
            glued = _match_phrase(toks, _UNIT_PHRASES, e + 1, forward=True)
            n = glued + 1 if glued else 0
        e += n
        # a range written with the unit on both ends: "2% to 3%", "$5 to $7"
        if n and e + 1 < len(toks) and toks[e].lower_ in ("to", "-", "–") and not _is_change_from(toks, s):
            nxt = e + 1 + (toks[e + 1].lower_ in _LEFT_CURRENCY)
            if nxt < len(toks) and is_number(toks[nxt]):
                e2 = nxt + 1
                while e2 < len(toks) and (is_number(toks[e2]) or _is_scale(toks[e2])):
                    e2 += 1
                m = _match_phrase(toks, _UNIT_PHRASES, e2, forward=True)
                if m:
                    e = e2 + m
        if a_scale and s > 0 and toks[s - 1].lower_ == "half":
            s -= 1  # "half a million"
        # currency before: "$", "USD", "US$", "HK $"
        if s > 0 and toks[s - 1].lower_ in _LEFT_CURRENCY:
            s -= 1
            if s > 0 and toks[s].text == "$" and toks[s - 1].lower_ in _DOLLAR_PREFIXES:
                s -= 1
        if s > 0 and toks[s - 1].lower_ == "minus":
            s -= 1
        # hedge before: "around", "more than", "between"
        h = _match_phrase(toks, _HEDGE_PHRASES, s - 1, forward=False, longest=_MAX_HEDGE_TOKENS)
        if h:
            s -= h
        elif s > 0 and toks[s - 1].lower_ in ("between", "from") and e - s > 2:
            s -= 1
        figure = _normalise(doc, base + s, base + e, toks, s, e, ner, sent)
        if figure is not None:
            out.append(figure)
        i = e
    return sorted([*out, *_ner_only_figures(sent, out)], key=lambda f: f.start)


_NER_FIGURE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY"})


def _ner_only_figures(sent: Span, found: list[Figure]) -> list[Figure]:
    """Money, percent and measure entities the model found and our token
    rules did not ("half a million dollars"), normalised the same way."""
    taken = {i for f in found for i in range(f.start, f.end)}
    extra = []
    for ent in sent.ents:
        if ent.label_ not in _NER_FIGURE_LABELS or taken.intersection(range(ent.start, ent.end)):
            continue
        span = ent[1:] if ent[0].lower_ in ("the", "a", "an") and len(ent) > 1 and not ent[1].like_num else ent
        parsed = parse_quantity(span.text)
        if parsed is None or parsed.unit is None:
            continue
        extra.append(Figure(span.start, span.end, parsed, parsed.unit, ent.label_))
    return extra


def _is_change_from(toks: list[Token], s: int) -> bool:
    """The figure starting at ``s`` follows "by", or "from" after a change verb."""
    k = s - 1
    while k >= 0 and (toks[k].lower_ in _LEFT_CURRENCY):
        k -= 1
    if k < 0:
        return False
    if toks[k].lower_ == "by":
        return True
    return toks[k].lower_ == "from" and any(t.lower_ in CHANGE_FORMS for t in toks[max(0, k - 6) : k])


def _core_tokens(toks: list[Token], s: int, e: int) -> list[Token]:
    return [t for t in toks[s:e] if is_number(t)]


def _normalise(doc: Doc, start: int, end: int, toks: list[Token], s: int, e: int, ner: dict[int, str],
               sent: Span) -> Figure | None:
    text = doc.text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]
    parsed = parse_quantity(text)
    if parsed is None:
        return None
    core = _core_tokens(toks, s, e)
    if not core:
        return None
    labels = {ner[t.i] for t in core if t.i in ner}
    label = next(iter(sorted(labels)), None)
    has_unit = parsed.unit is not None
    prev = toks[s - 1] if s > 0 else None
    after = toks[e] if e < len(toks) else None
    after2 = toks[e + 1] if e + 1 < len(toks) else None
    if prev is not None and prev.lower_.rstrip(".") in MONTHS:
        return None  # "April 28", "May 9"
    if not has_unit and after is not None and (
        after.lower_ in TIME_UNITS or (after.text in "-–" and after2 is not None and after2.lower_ in TIME_UNITS)
    ):
        return _duration(doc, start, end, toks, s, e, parsed, label)  # "30 years", "44-day", "25 minutes"
    # dates, times and ordinals are not quantities
    if labels & _REJECT_LABELS and parsed.unit_kind not in ("money", "percent"):
        return None
    if after is not None and (
        after.lower_ in TIME_UNITS or (after.text in "-–" and after2 is not None and after2.lower_ in TIME_UNITS)
    ):
        return _duration(doc, start, end, toks, s, e, parsed, label)  # "30 years", "44-day", "25 minutes"
    if not has_unit:
        only = core[0]
        if len(core) == 1 and re.fullmatch(r"\d{4}", only.text) and 1800 <= int(only.text) <= 2100:
            return None  # a year
        casualty = casualty_next_to(toks, s, e)
        if casualty is not None:
            # "Two dead, 6 injured", "killing two", "3 killed": people, by what happened to them
            noun = counted_noun(toks, s, e)
            return Figure(start, end, parsed, noun if noun in _PEOPLE_UNITS else "people", label, measure=casualty)
        if (
            prev is not None and prev.is_title and not prev.is_sent_start and parsed.hedge.value == "exact"
            and len(core) == 1 and any(ch.isdigit() for ch in core[0].text)
        ):
            return None  # an identifier: "Resolution 2231", "Boeing 737"
        subject_count = _is_subject_numeral(toks[e - 1])
        if (
            all(_WORD_NUMBER.match(t.lower_) for t in core) and parsed.value < 10 and parsed.hedge.value == "exact"
            and not _counts_people(toks, s, e) and not subject_count
        ):
            return None  # "the two countries", "one of" (but "four people", "two officers")
        if subject_count and parsed.unit is None and counted_noun(toks, s, e) is None:
            # "Three were found inside", "two of the victims were shot"
            of = [g for c in toks[e - 1].children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
            counted = _unit_noun(of[0]) if of and of[0].pos_ == "NOUN" else "people"
            return Figure(start, end, parsed, counted, label)
    unit = parsed.unit
    if unit is None:
        if "MONEY" in labels:
            unit = _sentence_currency(sent)
        elif prev is not None and prev.lower_ == "magnitude" or after is not None and after.lower_ == "magnitude":
            unit = "magnitude"  # "a magnitude 6 earthquake", "a 7.8 magnitude quake"
        else:
            unit = counted_noun(toks, s, e)
            if unit is None:
                unit = _tally_unit(toks[e - 1])
            if unit is None:
                return None  # a bare number with nothing counted is not checkable
    return Figure(start, end, parsed, unit, label)


def _sentence_currency(sent: Span) -> str | None:
    """The one currency named elsewhere in the sentence, if exactly one is."""
    found = set()
    for t in sent:
        low = t.lower_
        if t.text in CURRENCY_SYMBOLS:
            found.add(CURRENCY_SYMBOLS[t.text])
        elif t.text.upper() in CURRENCY_CODES and t.text.isupper():
            found.add(t.text.upper())
        elif low in CURRENCY_WORDS:
            found.add(CURRENCY_WORDS[low])
    return found.pop() if len(found) == 1 else None


#: Counted nouns that name people in general: one unit, "people".
_PEOPLE = frozenset("people person persons individual individuals civilian civilians other others".split())
#: Units a casualty count keeps ("two drivers killed"); anything else is "people".
_PEOPLE_UNITS = ({w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in PEOPLE_NOUNS}
                 | {"people", "man", "woman", "child", "person"})
#: Nouns that hold a count: "the death toll was 117", "the number of homes ... 12,000".
_TALLY_NOUNS = frozenset("toll tally number count total".split())


def _tally_unit(core: Token) -> str | None:
    """The unit of a bare number that a tally noun governs: "the death toll
    was 117" counts people; "the number of homes destroyed was 12,000" homes."""
    if not core.doc.has_annotation("DEP"):
        return None
    head = core.head
    while (head.dep_ in ("prep", "pobj", "attr", "dobj", "acomp") and head.head.i != head.i
           and head.pos_ not in ("VERB", "AUX")):
        head = head.head
    subj = (next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if head.pos_ in ("VERB", "AUX") else None)
    if subj is None or lemma(subj) not in _TALLY_NOUNS:
        return None
    for child in subj.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return _unit_noun(objs[0])
    return "people" if lemma(subj) == "toll" else None


def _unit_noun(tok: Token) -> str:
    word = lemma(tok)
    return "people" if word in _PEOPLE else word


def counted_noun(toks: list[Token], s: int, e: int) -> str | None:
    """The noun a bare count counts: "120 private sector representatives" ->
    "representative". Uses the parse when there is one, else the last
    content word of the run of words after the number."""
    last = toks[e - 1]
    if last.doc.has_annotation("DEP"):
        head = last.head
        if last.dep_ in ("nummod", "compound", "quantmod") and head.pos_ == "NOUN" and head.i >= e:
            return _unit_noun(head)
        if e < len(toks) and toks[e].pos_ == "NOUN":
            return _unit_noun(toks[e])
        return None
    noun = None
    for k, t in enumerate(toks[e : e + 5], start=e):
        if t.text in "-–" or not t.whitespace_ and k + 1 < len(toks) and toks[k + 1].text in "-–":
            continue  # "off-duty": a hyphenated modifier
        if not t.is_alpha or t.is_title or t.is_upper:
            break
        if t.is_stop:
            break
        noun = t
    if noun is None:
        return None
    text = noun.lower_
    if text in _PEOPLE:
        return "people"
    if text in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[text]
    return text[:-1] if text.endswith("s") and not text.endswith("ss") else text


#: Plurals that do not end in "s" or drop more than it (no lemmatizer on the rule path).
IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "lives": "life",
                      "policemen": "policeman", "gunmen": "gunman", "wives": "wife", "teeth": "tooth"}


# --------------------------------------------------------------- durations

_TIME_UNIT_NAMES = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "month": "month", "year": "year", "yr": "year", "decade": "decade", "century": "century",
    "centuries": "century",
}


def time_unit(word: str) -> str | None:
    """"minutes" -> "minute", "yrs" -> "year"; None for other words."""
    w = word.lower()
    if w in _TIME_UNIT_NAMES:
        return _TIME_UNIT_NAMES[w]
    if w.endswith("s") and w[:-1] in _TIME_UNIT_NAMES:
        return _TIME_UNIT_NAMES[w[:-1]]
    return None


def _duration(doc: Doc, start: int, end: int, toks: list[Token], s: int, e: int, parsed: ParsedQuantity,
              label: str | None) -> Figure | None:
    """"25 minutes", "three days", "a 44-day war": a quantity of dimension time.
    Not "22 years old" (an age: :mod:`.ages`) nor a year-long date ("2 May")."""
    k = e + (toks[e].text in "-–")
    if k >= len(toks):
        return None
    unit = time_unit(toks[k].text)
    if unit is None or parsed.unit is not None or parsed.value <= 0:
        return None
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    if nxt in ("old", "-") or nxt == "of" and k + 2 < len(toks) and toks[k + 2].lower_ == "age":
        return None  # an age, read by the age rules
    if nxt in ("ago", "later", "earlier", "prior"):
        return None  # "two days later": a pointer in time, not a quantity
    return Figure(start, start + (k + 1 - s), parsed, unit, label)


# ---------------------------------------------------------------- counts


def casualty_next_to(toks: list[Token], s: int, e: int) -> str | None:
    """The casualty measure a count carries from the words right after it
    ("6 injured", "two dead", "three people were shot", "two others
    wounded") or the verb right before it ("killing two", "wounds 4",
    "killed three people"), else None. A window rule: it runs without a parse."""
    k = e
    if k + 1 < len(toks) and toks[k].lower_ == "of" and toks[k + 1].lower_ in ("the", "them"):
        k += 2  # "three of the victims killed", "three of them fatally"
    while k < len(toks) and k < e + 5 and (toks[k].lower_ in PEOPLE_NOUNS or _is_plain_adj(toks[k])):
        k += 1  # the counted people: "three young men", "two others"
    counted = k > e
    while k + 1 < len(toks) and k < e + 6 and toks[k].lower_ in _AUX_WORDS:
        k += 1  # "16 were injured", "two have been arrested"
    if k < len(toks):
        after = toks[k]
        if (
            after.pos_ in ("", "VERB", "ADJ", "ADV", "AUX", "PROPN", "NOUN") and after.lower_ in CASUALTY_WORDS
            and after.lower_ not in _NOT_AFTER and not (after.tag_ == "VBG" or after.lower_.endswith("ing"))
        ):
            return CASUALTY_WORDS[after.lower_]
    if s > 0:
        before = toks[s - 1]
        if before.lower_ in CASUALTY_WORDS and before.lower_ not in _NOT_BEFORE and (
            counted or e >= len(toks)
            or not (toks[e].is_alpha and toks[e].pos_ in ("NOUN", "PROPN", "") and toks[e].lower_ not in _CONNECTORS)
        ):
            return CASUALTY_WORDS[before.lower_]
    return None


def _is_plain_adj(t: Token) -> bool:
    return t.pos_ == "ADJ" and t.lower_ not in CASUALTY_WORDS


#: Casualty words that do not mark the count before them ("2 custody"?) or after them.
_NOT_AFTER = frozenset({"custody", "shooting", "shoots", "arrests", "wounds", "charges", "kills", "gun", "missing"})
_NOT_BEFORE = frozenset({"custody", "dead", "fatally", "fatal", "missing", "gun", "shooting"})
_AUX_WORDS = frozenset("were was are is have has had been being also reportedly later".split())
_CONNECTORS = frozenset({"and", "or", "in", "at", "of", "on", "after", "before", "while", "during",
                         "inside", "outside"})


def _counts_people(toks: list[Token], s: int, e: int) -> bool:
    """A small count written in words is a figure when it counts people or
    shots ("four people", "two officers", "four off-duty police officers",
    "three others", "three times", "two of the victims")."""
    k = e
    if (k + 1 < len(toks) and toks[k].lower_ == "of"
            and toks[k + 1].lower_ in ("the", "them", "those", "these", "his", "her", "their")):
        if toks[k + 1].lower_ == "them":
            return True  # "three of them"
        k += 2
    for t in toks[k : k + 5]:
        low = t.lower_
        if low in PEOPLE_NOUNS or low in COUNTABLE_THINGS:
            return True
        if not (t.text in "-–" or not t.whitespace_
                or t.is_alpha and t.pos_ in ("ADJ", "NOUN", "PROPN", "") and not t.is_stop):
            break  # pass through modifiers: "two young women", "four off-duty police officers"
    return False


def _is_subject_numeral(tok: Token) -> bool:
    """A numeral standing alone as a clause subject: "Three were found
    inside", "Two died", "two of the victims were shot" (with a parse only)."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NUM" and tok.head.pos_ in ("VERB", "AUX")

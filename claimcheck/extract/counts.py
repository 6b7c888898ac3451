"""Counts the text implies without a numeral.

- "no arrests", "none of the injuries", "did not arrest", "not in custody": 0;
- "a quadruple shooting": 4 shot;
- "a second suspect", "a fifth victim": at least 2, at least 5;
- "shot twice", "at least once": 2 times, 1 time;
- one person killed, hurt, shot, arrested or charged, named as the subject
  or object of the verb ("killing Winslow", "a local man was charged", "she
  died"): at least 1 (``Hedge.AT_LEAST``: it never contradicts a larger count).

Each is a :class:`~.quantity.Figure` whose measure is the casualty or
arrest word. Most need the parse; the zero and multiple rules are token rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..normalize.quantities import CURRENCY_SYMBOLS, HEDGE_PHRASES, ParsedQuantity
from ..records import Hedge
from ..vocab.measures import (
    CASUALTY_WORDS,
    MULTIPLE_EVENTS,
    MULTIPLE_WORDS,
    NONE_NOUNS,
    ORDINAL_WORDS,
    PEOPLE_NOUNS,
    REPETITION_WORDS,
)
from .context import has_parse, lemma
from .quantity import IRREGULAR_PLURALS, UNIT_LAST_WORDS, Figure

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: Words that can start an implied count (checked first: most tokens start none).
_TRIGGERS = (
    frozenset("no zero any none both pair half a an once twice thrice custody".split())
    | frozenset(CASUALTY_WORDS) | frozenset(MULTIPLE_WORDS) | frozenset(ORDINAL_WORDS)
    | frozenset(REPETITION_WORDS) | frozenset("minute hour day week month year decade".split())
)
_NEGATIONS = frozenset("not n't no never without".split())
_SINGULAR_PRONOUNS = frozenset("he she him her".split())
#: Measures a singular casualty verb gives an implicit "at least one" count.
_NOT_PEOPLE = frozenset("GPE LOC FAC NORP DATE TIME CARDINAL ORDINAL MONEY QUANTITY PERCENT".split())
_SINGLE_MEASURES = frozenset({"killed", "injured", "shot", "arrested", "charged"})
_ZERO_MEASURES = frozenset({"arrested", "charged"})


def _count(start: int, end: int, value: float, measure: str | None, unit: str = "people",
           hedge: Hedge = Hedge.EXACT, about: tuple[int, int] | None = None) -> Figure:
    parsed = ParsedQuantity(float(value), None, None, "number", hedge, None)
    return Figure(start, end, parsed, unit, None, measure=measure, about=about)


def find_implicit_counts(sent: Span) -> list[Figure]:
    toks = list(sent)
    out: list[Figure] = []
    negated = any(t.lower_ in _NEGATIONS or t.dep_ == "neg" for t in toks)
    parsed = has_parse(sent)
    for i, t in enumerate(toks):
        low = t.lower_
        if low not in _TRIGGERS:
            continue  # every rule below starts at one of these words
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        # zero: "no arrests", "zero deaths", "any arrests" in a negated clause
        if nxt is not None and (low in ("no", "zero") or low == "any" and negated):
            measure = NONE_NOUNS.get(nxt.lower_)
            if measure is not None:
                out.append(_count(t.i, nxt.i + 1, 0, measure))
                continue
        # "none of the injuries"
        if low == "none" and i + 3 < len(toks) and toks[i + 1].lower_ == "of" and toks[i + 3].lower_ in NONE_NOUNS:
            out.append(_count(t.i, toks[i + 3].i + 1, 0, NONE_NOUNS[toks[i + 3].lower_]))
            continue
        # "both officers", "a pair of gunmen": two
        pair = _pair_noun(toks, i)
        if pair is not None:
            k, noun = pair
            out.append(_count(t.i, noun.i + 1, 2, None, _singular(noun, parsed)))
            continue
        # "half of the residents": a share of 50 percent of them
        if low == "half" and i + 2 < len(toks) and toks[i + 1].lower_ == "of":
            k = i + 2 + (toks[i + 2].lower_ in ("the", "all", "its", "their"))
            if k < len(toks) and toks[k].is_alpha and (toks[k].pos_ in ("NOUN", "") and not toks[k].is_stop):
                parsed_q = ParsedQuantity(50.0, None, "percent", "percent", Hedge.EXACT, None)
                measure = _singular(toks[k], parsed)
                out.append(Figure(t.i, toks[k].i + 1, parsed_q, "percent", None, measure=measure))
                continue
        # "about an hour", "an hour-long standoff": a duration of one unit
        dur = _one_unit_duration(toks, i)
        if dur is not None:
            s_, e_, unit = dur
            h = _hedge_before(toks, s_)
            start = toks[s_ - h].i if h else toks[s_].i
            hedge = HEDGE_PHRASES.get(" ".join(x.lower_ for x in toks[s_ - h : s_]), Hedge.EXACT) if h else Hedge.EXACT
            parsed_q = ParsedQuantity(1.0, None, None, "number", hedge, None)
            out.append(Figure(start, toks[e_ - 1].i + 1, parsed_q, unit, None))
            continue
        # "a quadruple shooting"
        if nxt is not None and low in MULTIPLE_WORDS and nxt.lower_ in MULTIPLE_EVENTS:
            out.append(_count(t.i, nxt.i + 1, MULTIPLE_WORDS[low], MULTIPLE_EVENTS[nxt.lower_]))
            continue
        # "a second suspect", "a fifth victim": at least that many
        if low in ORDINAL_WORDS and i > 0 and toks[i - 1].lower_ in ("a", "an"):
            for k in range(i + 1, min(i + 4, len(toks))):
                if toks[k].lower_ in PEOPLE_NOUNS:
                    unit = _singular(toks[k], parsed)
                    out.append(_count(t.i, toks[k].i + 1, ORDINAL_WORDS[low], None, unit, Hedge.AT_LEAST))
                    break
                if not (toks[k].is_alpha and not toks[k].is_stop):
                    break
            continue
        # "shot twice", "hit at least once"
        if low in REPETITION_WORDS:
            verb = next((toks[k] for k in range(max(0, i - 5), i) if toks[k].lower_ in CASUALTY_WORDS), None)
            if verb is not None:
                s = t.i
                for n in (3, 2, 1):  # a hedge before: "at least once"
                    if i - n >= 0 and " ".join(x.lower_ for x in toks[i - n : i]) in HEDGE_PHRASES:
                        s = toks[i - n].i
                        break
                hedge = HEDGE_PHRASES.get(" ".join(x.lower_ for x in toks[s - sent.start : i]), Hedge.EXACT)
                out.append(_count(s, t.i + 1, REPETITION_WORDS[low], CASUALTY_WORDS[verb.lower_], "time", hedge))
                continue
        if not parsed:
            continue
        # "did not arrest", "not yet in custody": none arrested
        if lemma(t) in CASUALTY_WORDS and CASUALTY_WORDS[lemma(t)] in _ZERO_MEASURES and t.pos_ == "VERB":
            if any(c.dep_ == "neg" for c in t.children):
                out.append(_count(t.i, t.i + 1, 0, CASUALTY_WORDS[lemma(t)]))
                continue
        if (low == "custody" and i >= 1 and toks[i - 1].lower_ == "in"
                and any(x.lower_ in ("not", "n't") for x in toks[max(0, i - 4) : i])):
            out.append(_count(toks[i - 1].i, t.i + 1, 0, "arrested"))
            continue
        # one named person killed, hurt, shot, arrested or charged: at least one
        single = _single_casualty(t)
        if single is not None:
            measure, person = single
            mods = [c for c in person.lefts if c.dep_ not in ("det", "poss", "case", "predet", "punct")]
            lo = min((c.left_edge.i for c in mods), default=person.i)
            about = (lo, person.i + 1) if person.pos_ != "PRON" else None
            out.append(_count(t.i, t.i + 1, 1, measure, hedge=Hedge.AT_LEAST, about=about))
    return out


def _single_casualty(t: Token) -> tuple[str, Token] | None:
    """(measure, the person) when ``t`` says one named person was killed, hurt,
    shot, arrested or charged."""
    word = t.lower_
    measure = CASUALTY_WORDS.get(word) or CASUALTY_WORDS.get(lemma(t))
    if measure not in _SINGLE_MEASURES or t.pos_ not in ("VERB", "ADJ"):
        return None
    if any(c.dep_ == "neg" for c in t.children):
        return None
    if word.endswith("ing") and t.dep_ in ("amod", "compound", "nsubj", "pobj"):
        return None  # "the shooting", "a killing spree": an event, not a count
    verb = t
    if t.pos_ == "ADJ":  # "was pronounced dead", "was found dead"
        if t.dep_ not in ("oprd", "acomp") or measure != "killed":
            return None
        verb = t.head
    if measure == "shot" and any(c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in t.children):
        measure = "killed"  # "shot to death"
    # the person: passive subject, object, or subject of an intransitive ("she died")
    deps: tuple[str, ...] = (
        ("nsubjpass", "dobj") if lemma(t) not in ("die",) and t.pos_ == "VERB" else ("nsubj", "nsubjpass")
    )
    if t.pos_ == "ADJ":
        deps = ("nsubjpass", "nsubj", "dobj")
    if word.endswith("ing"):
        deps = ("dobj",)  # "killing Smith"; a bare "Shooting" in a headline is the event
    people = [c for c in verb.children if c.dep_ in deps]
    passive = any(c.dep_ == "auxpass" for c in verb.children) or lemma(t) == "die" or t.pos_ == "ADJ"
    if not people and passive and t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN"):
        people = [t.head]  # "a woman who was killed"
    if len(people) != 1 or not _one_person(people[0]):
        return None
    person = people[0]
    if person.lower_ in ("who", "that") and person.head.dep_ == "relcl":
        person = person.head.head
    return measure, person


def _one_person(tok: Token) -> bool:
    if tok.lower_ in ("who", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if any(c.dep_ == "conj" or c.dep_ == "nummod" and c.i < tok.i for c in tok.children):
        return False  # "three people", "Smith and Jones" (an age after a comma is no count: "Smith, 27,")
    if any(x.lower_ in ORDINAL_WORDS for x in tok.subtree if x.i < tok.i):
        return False  # "a second suspect", "a second murder suspect"
    if tok.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return True  # "one of the suspects was arrested" (dropped when "one" is itself a figure)
    if tok.lower_ in _SINGULAR_PRONOUNS:
        return True
    if tok.pos_ == "PROPN":  # the small model often mislabels a name: only places are out
        return tok.tag_ == "NNP" and tok.ent_type_ not in _NOT_PEOPLE
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lower_ in PEOPLE_NOUNS


def _pair_noun(toks: list[Token], i: int) -> tuple[int, Token] | None:
    """("both" or "a pair of") + people noun, within a few modifiers."""
    low = toks[i].lower_
    if low == "both":
        k = i + 1
        if k + 1 < len(toks) and toks[k].lower_ == "of" and toks[k + 1].lower_ in ("the", "them"):
            return None  # "both of the men": the count is stated elsewhere, if anywhere
    elif low == "pair" and i >= 1 and toks[i - 1].lower_ == "a" and i + 1 < len(toks) and toks[i + 1].lower_ == "of":
        k = i + 2
    else:
        return None
    for j in range(k, min(k + 3, len(toks))):
        if toks[j].lower_ in PEOPLE_NOUNS:
            return j, toks[j]
        if not (toks[j].is_alpha and not toks[j].is_stop):
            break
    return None


def _singular(tok: Token, parsed: bool) -> str:
    """The lemma, or on the rule path a plain singular ("officers" -> "officer")."""
    if parsed:
        return lemma(tok)
    w = tok.lower_
    if w in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[w]
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


#: Words before "a day", "an hour" that make it a measured duration (a hedge also does).
_DURATION_LEFT = frozenset("for lasted lasting lasts last took takes take spent spend within".split())
_RATE_LEFT = frozenset("per once twice times".split())
_AFTER_POINTER = frozenset("ago later earlier before after prior".split())


def _one_unit_duration(toks: list[Token], i: int) -> tuple[int, int, str] | None:
    """(start, end, unit) of "an hour" / "a day" (not "$20 an hour", "an hour
    ago") or of "hour-long"; positions in ``toks``."""
    from .quantity import time_unit

    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if t.lower_ in ("a", "an") and nxt is not None and nxt.lower_ in _SINGLE_UNITS:
        prev = toks[i - 1] if i > 0 else None
        after = toks[i + 2] if i + 2 < len(toks) else None
        if prev is not None and (
            prev.like_num or prev.lower_ in _RATE_LEFT or prev.lower_ in UNIT_LAST_WORDS
            or prev.text in CURRENCY_SYMBOLS
        ):
            return None  # "$20 an hour", "5 gigawatts a year", "once a day": a rate
        if after is not None and (after.lower_ in _AFTER_POINTER or after.text in "-–"):
            return None  # "a day later", "a day-long" (read below)
        if prev is None or not (prev.lower_ in _DURATION_LEFT or _hedge_before(toks, i)):
            return None  # "not built in a day": an idiom, not a measured duration
        return i, i + 2, time_unit(nxt.text) or nxt.lower_
    if t.lower_ in _SINGLE_UNITS and i + 2 < len(toks) and toks[i + 1].text in "-–" and toks[i + 2].lower_ == "long":
        if i > 0 and (toks[i - 1].like_num or toks[i - 1].text in "-–"):
            return None  # "a 44-day-long" has its number; "two-hour-long" too
        return i, i + 3, time_unit(t.text) or t.lower_
    return None


#: Not "second": "a second suspect" is an ordinal.
_SINGLE_UNITS = frozenset("minute hour day week month year decade".split())


def _hedge_before(toks: list[Token], s: int) -> int:
    """Number of tokens of a hedge phrase ending right before position ``s``."""
    for n in (3, 2, 1):
        if s - n >= 0 and " ".join(x.lower_ for x in toks[s - n : s]) in HEDGE_PHRASES:
            return n
    return 0

"""What a claim measures, in comparable form: measure and subject keys,
dimensions, unit keys and canonical values, and the measure vocabulary."""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Claim, Kind
from ..vocab.measures import CASUALTY_EVENTS as _CASUALTY_EVENTS
from ..vocab.measures import GENERIC_WORDS, RELATED, SYNONYMS
from ..vocab.units import UNIT_DIMENSIONS


# ------------------------------------------------------------ measure keys

#: Verbs that carry no event of their own ("X is", "X reached").
_LIGHT_VERBS = frozenset("is are was were be been being has have had reached reach amounted stood seems".split())
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 18)
def subject_key(subject: str | None) -> tuple[str, ...]:
    """A comparable form of a subject or measure: lower case, hyphen parts
    split, plural stripped, generic and light words dropped, synonyms mapped,
    sorted. "the total volume of mutual trade" and "bilateral trade turnover"
    are both ``("trade",)``."""
    if not subject:
        return ()
    words = set()
    for part in _NON_WORD.split(subject.casefold()):
        if not part:
            continue
        w = SYNONYMS.get(part, part)
        w = _stem(w)
        w = SYNONYMS.get(w, w)
        if w not in _DROP:
            words.add(w)
    return tuple(sorted(words))


_NON_WORD = re.compile(r"[\W_]+")
_DROP = GENERIC_WORDS | _LIGHT_VERBS | {""}


# ---------------------------------------------------------------- the frame

_CURRENCY = re.compile(r"[A-Z]{3}")


def dimension_of(c: Claim) -> str:
    """The dimension two claims must share to be compared: the extraction's
    ``dimension`` when it gave one, else one read off the unit; dates, clock
    times and roles are their own dimension."""
    if c.kind is Kind.TIME:
        return "clock_time"  # never meets a duration (dimension "time")
    if c.kind is not Kind.QUANTITY:
        return str(c.kind.value)
    if c.dimension:
        return c.dimension
    unit = c.unit or ""
    if unit in UNIT_DIMENSIONS:
        return UNIT_DIMENSIONS[unit]
    if _CURRENCY.fullmatch(unit):
        return "money"
    return "count"


def unit_key(c: Claim) -> str:
    """Claims with one unit key compare values directly: the canonical unit
    when extraction converted the value (``meter``, ``USD``), else the unit as
    written; every count is a count whatever noun it counts."""
    if c.canonical_unit:
        return c.canonical_unit
    if dimension_of(c) in ("count", "age"):
        return dimension_of(c)
    return c.unit or ""


def number_of(c: Claim) -> float:
    """A quantity claim's value as a number (``TypeError`` when it has none,
    as ``float(None)`` would raise)."""
    if c.value is None:
        raise TypeError(f"claim {c.id} has no value")
    return float(c.value)


def canonical_values(c: Claim) -> tuple[float, float | None]:
    """(value, top of a range) in the claim's canonical unit. When the unit
    is already canonical (money in its ISO code, counts) the value itself is
    used, so a value edited by hand in the ledger counts as written."""
    if c.canonical is not None and c.canonical_unit and c.canonical_unit != c.unit:
        return c.canonical, c.canonical_max
    return number_of(c), c.value_max


def measure_key(c: Claim) -> tuple[str, ...]:
    """What is measured, as comparable words: the extraction's ``measure``
    when it read one from the text, else the subject from the parse (a
    measure derived from the unit alone is no evidence that two figures
    measure the same thing); empty when neither is known. Words that are
    names in the claim's sentence ("arrested Doyle") are who, not what, and
    are dropped; a date or clock time is keyed by the event it dates."""
    if c.kind in (Kind.DATE, Kind.TIME) or c.dimension == "time":  # a date, or a duration of an event
        # the event the date's clause names ("people shot") before an event
        # named elsewhere in the sentence
        events = event_key(c.subject) or event_key(c.measure)
        if events:
            return events
        if c.kind is not Kind.QUANTITY:
            # no event we know: what the parse names, less the people in it
            # ("victim", "police": who, not what happened); "completion of
            # the railway" stays, "police responded" is unknown
            return _without_people(measure_key_of_text(c))
    # a generic word ("volume", "total") or only the unit's dimension: the
    # subject from the parse may say more ("mutual trade")
    return measure_key_of_text(c)


def measure_key_of_text(c: Claim) -> tuple[str, ...]:
    """The measure words as the parse gave them, names dropped beside a
    known measure. Extraction's ``measure`` is lemmas (no names); a name can
    only come with the ``subject``, which keeps the text's case, so only a
    subject with a capital past its first letter is looked at (cheap at 1M)."""
    key = parsed_measure_key(c)
    subject = c.subject or ""
    if key == subject_key(subject) and any(ch.isupper() for ch in subject[1:]):
        return _without_names(key, c.quote)  # the key is the subject's
    return key


def named_measure_key(c: Claim) -> tuple[str, ...]:
    """The measure words with any names kept (blocking's key; see
    :func:`measure_key` for the compared one); empty for dates and times,
    which block on their event."""
    if c.kind is not Kind.QUANTITY and c.dimension != "time":
        return ()
    return parsed_measure_key(c)


def parsed_measure_key(c: Claim) -> tuple[str, ...]:
    """The measure words as the parse gave them, names included: what a
    finding's id is made of, so that ids do not move when the ladder's
    reading of a measure is refined."""
    if c.measure and not c.measure_derived:
        key = subject_key(c.measure)
        if key:
            return key
    return subject_key(c.subject)


def _without_people(key: tuple[str, ...]) -> tuple[str, ...]:
    from ..vocab.measures import AGENT_NOUNS, PEOPLE_NOUNS

    return tuple(w for w in key if w not in PEOPLE_NOUNS and w not in AGENT_NOUNS)


def _without_names(key: tuple[str, ...], quote: str) -> tuple[str, ...]:
    """``key`` less the words the sentence writes only capitalised past its
    first word (a name: "arrested Doyle"), when a known measure remains: a
    named thing with no known measure beside it ("the 44-day Patriotic War")
    keeps its words."""
    if len(key) < 2 or not quote:
        return key  # a name needs a known measure beside it
    capitalised = _name_candidates(key)
    if not capitalised:
        return key
    names = {w.lower() for w in capitalised if quote.find(w, 1) >= 0 and f" {w.lower()}" not in quote}
    if not names:
        return key
    kept = tuple(w for w in key if w not in names)
    return kept or key


@lru_cache(maxsize=1 << 16)
def _name_candidates(key: tuple[str, ...]) -> tuple[str, ...]:
    """The words of ``key`` that could be names, capitalised as a sentence
    would write them; none when no known measure is in the key."""
    known = known_measures()
    if not known.intersection(key):
        return ()
    return tuple(w[:1].upper() + w[1:] for w in key if w not in known)




_CASUALTY_EVENT_NAMES = frozenset(_CASUALTY_EVENTS.values())


@lru_cache(maxsize=1 << 14)
def event_key(text: str | None) -> tuple[str, ...]:
    """The events a date's measure names, normalised ("shot" and "gunfire"
    date a ``shooting``, "was arrested" an ``arrest``); empty when it names
    none ("police stationed", a name)."""
    from ..vocab import measures as vocab

    if not text:
        return ()
    found = set()
    for part in _NON_WORD.split(text.casefold()):
        for w in (part, _stem(part)):
            if w in vocab.EVENT_NOUNS:
                found.add(vocab.EVENT_NOUNS[w])
                break
            if w in vocab.EVENT_VERBS:
                found.add(vocab.EVENT_VERBS[w])
                break
            if w in _CASUALTY_EVENT_NAMES:
                found.add(w)
                break
            if w in vocab.CASUALTY_WORDS and vocab.CASUALTY_WORDS[w] in vocab.CASUALTY_EVENTS:
                found.add(vocab.CASUALTY_EVENTS[vocab.CASUALTY_WORDS[w]])
                break
    return tuple(sorted(found))




@lru_cache(maxsize=1)
def known_measures() -> frozenset[str]:
    """Measures from the vocabularies (what extraction names a count, an
    event or a dimension): two *known* measures that differ are strong
    evidence of two facts; a free phrase from the parse that differs is weak."""
    from ..vocab import measures as vocab

    words = set(SYNONYMS.values()) | {w for pair in RELATED | vocab.PART_OF for w in pair}
    words |= set(UNIT_DIMENSIONS.values())
    words |= vocab.MEASURE_NAMES
    for table in (vocab.CASUALTY_WORDS, vocab.NONE_NOUNS, vocab.EVENT_NOUNS, vocab.DIMENSION_MEASURES,
                  vocab.MEASURE_VERBS, vocab.COUNTED_NOUN_MEASURES, vocab.CASUALTY_EVENTS, vocab.MULTIPLE_EVENTS,
                  vocab.EVENT_VERBS):
        words |= set(table.values())
    return frozenset(subject_key(w)[0] for w in words if subject_key(w))

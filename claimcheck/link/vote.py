"""Before the steps: the corpus-wide label vote (labels are evidence, not walls)
and the headline trim, with the small helpers they share with the steps."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from claimcheck.records import Mention
from claimcheck.thresholds import DEFAULT, LinkThresholds

from .keys import name_key
from .names import _head_of, _Name, _name, _word, effective_label
from .tables import _PREFIX_CONNECTORS, DEMONYMS, DEPARTMENT_WORDS, TITLE_MODIFIERS, TITLE_WORDS


def _last_alternatives(n: _Name) -> set[str]:
    """Keys a bare surname may take to name ``n``: its surname (nameparser;
    "Jr." is not one), the parts of a hyphenated surname, and the surname
    without an Arabic article (al-/el-/ad-)."""
    toks = n.display.split()
    last = toks[-1]
    alts = {name_key(last)}
    if n.surname:
        alts.add(n.surname)
        for tok in reversed(toks):
            if name_key(tok) == n.surname or n.surname.endswith(name_key(tok)):
                last = tok
                break
    m = re.match(r"^(?:al|el|ad|as|an|ar|at)[-\u2010\u2011'’](.+)$", last, re.IGNORECASE)
    if m:
        alts.add(name_key(m.group(1)))
    if "-" in last:
        alts.update(name_key(part) for part in last.split("-"))
    return {a for a in alts if len(a) > 1}


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


def _vote(labels: Counter[str]) -> str:
    return sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]



# --------------------------------------------------------------------------- #
# Labels as evidence
# --------------------------------------------------------------------------- #

#: labels that never take part in the label vote (a demonym is not a misfire).
_NO_VOTE = frozenset({"NORP"})


def _followed_by_head(m: Mention, texts: Mapping[str, str] | None) -> bool:
    """The source goes on with a lower-case head noun right after the mention
    ("Heydar Aliyev centre"): a facility named after someone, not a misfire."""
    text = (texts or {}).get(m.source)
    if not text:
        return False
    after = text[m.end : m.end + 40].split()
    if not after:
        return False
    word = after[0].strip(".,;:!?\"'()")
    return word[:1].islower() and _head_of(word.lower()) is not None


def _voted_labels(
    ms: Sequence[Mention], texts: Mapping[str, str] | None, th: LinkThresholds = DEFAULT.link
) -> list[str]:
    """The label each mention is linked under: labels are evidence, not walls.

    1. A PERSON-labelled name ending in a street / facility / agency head is a
       place or an organisation (:func:`~claimcheck.link.names.effective_label`).
    2. A one-word non-person mention that is the surname of a full PERSON name
       in the same source is that person ("Lohan" tagged GPE); so is one that
       is a surname in the corpus and tagged PERSON alone elsewhere, unless the
       gazetteer knows it as a town. A one-word non-person mention spelt
       nearly like the surname of exactly one full PERSON name of its source
       (same first letter, four letters or more, ``fuzz.ratio`` >=
       ``source_surname``) and unknown to the gazetteer is that person too
       (a misspelt surname the model took for a place).
    3. A one-word PERSON mention that is no word of any person's full name in
       the corpus nor spelt nearly like a surname of its source, written
       elsewhere with a place / organisation label, takes that label
       ("Fernwood" tagged PERSON once, GPE elsewhere).
    4. A name of two or more words, written alike under several labels, takes
       the label most sources give it; PERSON wins a tie (a person's name
       tagged ORG), except where the text goes on with a head noun (a facility
       named after the person).
    5. A one-word name under several non-person labels takes the label most
       sources give it ("Armenia" GPE and ORG).
    6. A rule-found name of unknown type (``NAME``) takes the label the corpus
       gives the same name, or PERSON when it is a word of a person's name.
    7. A non-person name made of one to three title, department or demonym
       words and then the full name of a person of the corpus ("Secretary of
       the" + "Treasury Dana Okoro", "Freedonian Dana Okoro") is that person:
       the model ran the words before the name into it (see
       :func:`_glued_person`).
    Person and non-person one-word names written alike otherwise stay apart
    (Washington the person, Washington the place).
    """
    labels = [effective_label(m.text, m.label) for m in ms]
    names = [_name(m.text, lab) for m, lab in zip(ms, labels)]
    person_words: set[str] = set()
    surnames: dict[str, set[str]] = defaultdict(set)  # source -> surname keys of full names
    for i, n in enumerate(names):
        if n.group == "PERSON" and len(n.tokens) >= 2:
            person_words.update(n.tokens)
            surnames[ms[i].source].update(_last_alternatives(n))
    all_surnames = set().union(*surnames.values()) if surnames else set()
    by_key: dict[str, Counter[str]] = defaultdict(Counter)  # key -> label -> sources
    seen: set[tuple[str, str, str]] = set()
    for i, n in enumerate(names):
        if n.key and labels[i] not in _NO_VOTE and (n.key, labels[i], ms[i].source) not in seen:
            seen.add((n.key, labels[i], ms[i].source))
            by_key[n.key][labels[i]] += 1
    out = list(labels)
    for i, n in enumerate(names):
        lab = labels[i]
        if not n.key or lab in _NO_VOTE:
            continue
        single = " " not in n.display
        if lab == "NAME":  # a rule-found name of unknown type: the corpus decides
            votes = Counter({k: c for k, c in by_key[n.key].items() if k != "NAME"})
            if votes:
                out[i] = _vote(votes)
            elif n.key in surnames.get(ms[i].source, ()) or n.key in person_words:
                out[i] = "PERSON"
        elif single and lab != "PERSON" and n.key in surnames.get(ms[i].source, ()):
            out[i] = "PERSON"
        elif single and lab != "PERSON" and _near_surname(n.key, surnames.get(ms[i].source, set()), th) \
                and not _known_place(n.display):
            out[i] = "PERSON"  # "Okorro" tagged GPE in a story of "Dana Okoro"
        elif (
            single
            and lab != "PERSON"
            and n.key in all_surnames
            and by_key[n.key]["PERSON"]
            and not _known_place(n.display)
        ):
            out[i] = "PERSON"  # "Chohan" tagged FAC, a surname used alone elsewhere
        elif single and lab != "PERSON":
            other = Counter(
                {k: c for k, c in by_key[n.key].items() if k not in ("PERSON", "NAME")}
            )
            if len(other) > 1:
                out[i] = _vote(other)
        elif single and lab == "PERSON":
            # a misspelt surname of its own source stays a person (rule 2)
            if n.key not in person_words and not _near_surname(n.key, surnames.get(ms[i].source, set()), th):
                others = Counter({k: c for k, c in by_key[n.key].items() if k != "PERSON"})
                if others:
                    out[i] = _vote(others)
        elif not single and len(by_key[n.key]) > 1:
            votes = by_key[n.key]
            other = Counter({k: c for k, c in votes.items() if k not in ("PERSON", "NAME")})
            if "PERSON" in votes and n.head is None and votes["PERSON"] >= sum(other.values()):
                if lab != "PERSON" and not _followed_by_head(ms[i], texts):
                    out[i] = "PERSON"
            elif other and (lab != "PERSON" or n.key not in person_words or len(n.tokens) < 2):
                out[i] = _vote(other)
    full = {n.key for n in names if n.group == "PERSON" and len(n.tokens) >= 2}
    demonyms = _corpus_demonyms(names, labels)
    for i, n in enumerate(names):
        if out[i] != "PERSON" and out[i] not in _NO_VOTE and n.head is None and " " in n.display:
            if _glued_person(n.display, full, demonyms) is not None:
                out[i] = "PERSON"
    return out


def _near_surname(key: str, surnames: set[str], th: LinkThresholds) -> bool:
    """``key`` is spelt nearly like exactly one of ``surnames`` (the surnames
    of the full PERSON names of one source): same first letter, four letters
    or more, ``fuzz.ratio`` >= ``source_surname``."""
    if len(key) < 4:
        return False
    near = [s for s in surnames if s[:1] == key[:1] and fuzz.ratio(key, s) >= th.source_surname]
    return len(near) == 1


def _corpus_demonyms(names: Sequence[_Name], labels: Sequence[str]) -> frozenset[str]:
    """The demonyms of the table and the words the corpus tags NORP."""
    return DEMONYMS | {n.key for n, lab in zip(names, labels) if lab == "NORP" and " " not in n.display}


def _prefix_word(word: str, demonyms: frozenset[str]) -> bool:
    """A word that may stand glued before a person's name: a title or
    department word ("Interior", "Treasury": :data:`~.tables.DEPARTMENT_WORDS`),
    a title modifier, a demonym (the table's or one the corpus tags NORP), or a
    connector ("of", "the")."""
    w = _word(word)
    return bool(w) and (
        w in TITLE_WORDS or w in TITLE_MODIFIERS or w in DEPARTMENT_WORDS or w in demonyms
        or w in _PREFIX_CONNECTORS
    )


def _glued_person(display: str, full: set[str], demonyms: frozenset[str]) -> str | None:
    """The person's name at the end of ``display`` when one to three words
    before it are title / department / demonym words (:func:`_prefix_word`)
    and the rest, two words or more, is the key of a full PERSON name the
    corpus writes on its own (``full``); else None."""
    toks = display.split()
    for k in range(1, min(3, len(toks) - 2) + 1):
        if not _prefix_word(toks[k - 1], demonyms):
            return None
        if _word(toks[k]) in _PREFIX_CONNECTORS:
            continue
        rest = " ".join(toks[k:])
        if name_key(rest) in full:
            return rest
    return None


def _glued_trim(names: list[_Name], labels: Sequence[str]) -> list[_Name]:
    """A person's name the model ran title / department / demonym words into
    ("Freedonian Dana Okoro") is analysed as the full name it ends with (rule
    7 of :func:`_voted_labels`)."""
    known = {n.key: n for n in names if n.group == "PERSON" and len(n.tokens) >= 2}
    demonyms = _corpus_demonyms(names, labels)
    full = set(known)
    out = list(names)
    for i, n in enumerate(names):
        if n.group != "PERSON" or len(n.tokens) < 3:
            continue
        rest = _glued_person(n.display, full, demonyms)
        if rest is not None and name_key(rest) != n.key:
            out[i] = known[name_key(rest)]
    return out


def _headline_trim(names: list[_Name]) -> list[_Name]:
    """A person's name the model ran into headline words ("Lindsay Lohan
    Checks Out", "Hire Maurice Cheeks") is analysed as the full name it holds,
    when that name (two words or more) is written on its own at least twice in
    the corpus and the longer form only once."""
    count: Counter[str] = Counter(n.key for n in names if n.group == "PERSON")
    known = {n.key: n for n in names if n.group == "PERSON" and len(n.tokens) >= 2}
    out = list(names)
    for i, n in enumerate(names):
        if n.group != "PERSON" or len(n.tokens) < 3 or count[n.key] > 1:
            continue
        toks = n.display.split()
        best = None
        for size in range(len(toks) - 1, 1, -1):
            for start in range(0, len(toks) - size + 1):
                k = name_key(" ".join(toks[start : start + size]))
                if k in known and count[k] >= 2:
                    best = known[k]
                    break
            if best is not None:
                break
        if best is not None:
            out[i] = best
    return out



def _known_place(name: str) -> bool:
    """The gazetteer places ``name`` inside a country (a real town)."""
    from claimcheck.places import ancestors

    return len(ancestors(name)) > 1

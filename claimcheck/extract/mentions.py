"""Entity mentions for the link stage: spaCy's NER plus our own rule names.

Our rules add named infrastructure that the small model misses or mislabels:
"<Capitalised words> Dam/Bridge/Railway/Corridor/River/..." (EntityRuler-style
token patterns through spaCy's ``Matcher``). Where a rule name overlaps an NER
entity, the rule name wins.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..records import Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

LINK_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
#: head noun -> label for rule-found names.
FACILITY_HEADS = {
    **dict.fromkeys(
        "dam bridge railway railroad corridor airport port pipeline station canal highway "
        "tunnel plant terminal crossing checkpoint".split(),
        "FAC",
    ),
    **dict.fromkeys("river lake sea mountains valley".split(), "LOC"),
}
#: A NORP label on a word without a demonym ending is usually a misfire on a
#: place name ("Khudafarin"): such mentions are relabelled LOC.
_DEMONYM = re.compile(r"(?:an|ian|ean|ese|ish|i|ic|ch|ss|ite)s?$", re.I)

#: Generic facility nouns: a proper name attached to one of these (or to a
#: FACILITY_HEADS noun) through compound/nmod/conj/appos is a facility name
#: ("the Khudaferin and Giz Galasy hydroelectric facilities").
_GENERIC_FACILITIES = frozenset("facility station plant complex reservoir hydropower".split())
#: An EVENT entity without an event word is usually a misfire on a place.
_EVENT_WORDS = frozenset(
    """war battle summit conference forum games olympics cup championship election elections
    revolution crisis festival expo congress council session talks accord agreement treaty
    protest protests uprising attack earthquake flood pandemic day week parade""".split()
)
_ATTACH_DEPS = frozenset({"compound", "nmod", "conj", "appos", "amod", "cc"})

_MATCHERS: dict[int, object] = {}


def _matcher(nlp: Language):
    from spacy.matcher import Matcher

    key = id(nlp.vocab)
    if key not in _MATCHERS:
        m = Matcher(nlp.vocab)
        name = {"IS_TITLE": True, "IS_STOP": False, "IS_ALPHA": True}
        head = {"LOWER": {"IN": sorted(FACILITY_HEADS)}}
        m.add("FACILITY", [
            [name, {"IS_TITLE": True, "IS_ALPHA": True, "IS_STOP": False, "OP": "*"}, head],
            [name, {"ORTH": {"IN": ["-", "–"]}}, name, head],
        ])
        _MATCHERS[key] = m
    return _MATCHERS[key]


def find_mentions(doc: Doc, nlp: Language, source: str, base: int) -> list[Mention]:
    """Mentions in one segment's doc; offsets shifted by ``base`` into the source text."""
    from spacy.util import filter_spans

    rule_spans = filter_spans(doc[s:e] for _, s, e in _matcher(nlp)(doc))
    taken = {i for sp in rule_spans for i in range(sp.start, sp.end)}
    out: list[Mention] = []
    for sp in rule_spans:
        label = FACILITY_HEADS[sp[-1].lower_]
        out.append(Mention(sp.text, label, source, base + sp.start_char, base + sp.end_char))
    for sp, label in _attached_names(doc, taken):
        taken.update(range(sp.start, sp.end))
        out.append(Mention(sp.text, label, source, base + sp.start_char, base + sp.end_char))
    for ent in doc.ents:
        if ent.label_ not in LINK_LABELS or taken.intersection(range(ent.start, ent.end)):
            continue
        span = ent
        if span[0].lower_ == "the":
            span = span[1:]
        if not len(span) or not any(t.is_alpha for t in span):
            continue
        label = ent.label_
        if label == "NORP" and not _DEMONYM.search(span.text):
            label = "LOC"
        elif label == "EVENT" and not any(t.lower_ in _EVENT_WORDS for t in span):
            label = "LOC"
        out.append(Mention(span.text, label, source, base + span.start_char, base + span.end_char))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _facility_label(token) -> str | None:
    lemma = (token.lemma_ or token.lower_).lower()
    if lemma in FACILITY_HEADS:
        return FACILITY_HEADS[lemma]
    if lemma in _GENERIC_FACILITIES:
        return "FAC"
    return None


def _attached_names(doc: Doc, taken: set[int]):
    """Proper-name runs whose head chain reaches a facility noun: "Khoda
    Afarin" in "the joint dams ... – Khoda Afarin and Qiz Qalasi –". Needs a
    parse; yields nothing on a blank pipeline."""
    if not doc.has_annotation("DEP"):
        return
    i = 0
    while i < len(doc):
        if doc[i].pos_ != "PROPN" or i in taken:
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in taken and _facility_label(doc[j]) is None:
            j += 1
        if j == i:
            i += 1
            continue
        label = None
        tok, steps = doc[j - 1], 0
        while steps < 4 and tok.dep_ in _ATTACH_DEPS and tok.head.i != tok.i:
            tok = tok.head
            steps += 1
            if not (i <= tok.i < j):
                label = _facility_label(tok)
                if label or tok.pos_ not in ("PROPN", "NOUN"):
                    break
        if label is not None:
            yield doc[i:j], label
        i = j

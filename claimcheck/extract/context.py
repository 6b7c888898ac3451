"""What a figure or date is *about*: subject, stance, period and scope.

These read spaCy's dependency parse when the pipeline has one, and fall back
to a few word-window rules when it does not (``spacy.blank`` in the rule
tests). They never print and never raise on odd parses: a missing answer is
``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from ..records import Stance
from ..vocab.context import (  # noqa: F401  (re-exported: the word lists' home is claimcheck.vocab)
    ATTRIBUTION as _ATTRIBUTION,
    BASELINE_PREPS as _BASELINE_PREPS,
    CHANGE_NOUNS,
    CHANGE_VERBS,
    DECREASE_VERBS,
    DROP_MODIFIERS as _DROP_MODIFIERS,
    GENERIC_MEASURES,
    INCREASE_VERBS,
    PLACEHOLDER_NOUNS as _PLACEHOLDER_NOUNS,
)
from ..vocab.stance import PLEDGE_NEEDS_TO, STANCE_CUES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

#: Inflected forms for pipelines without a lemmatizer (blank:en).
_INFLECTIONS = {
    f"{w}{s}": st
    for w, st in STANCE_CUES.items()
    for s in ("", "s", "ed", "d", "ing", "ted")
}

_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_NP_LEFT_DEPS = frozenset("compound amod nmod npadvmod poss".split())


def lemma(token: Token) -> str:
    """Lower-case lemma, or the lower-case form when the pipeline has no lemmatizer."""
    return (token.lemma_ or token.lower_).lower()


def has_parse(doc_or_span: Doc | Span) -> bool:
    # a Span's .doc, or the Doc itself (spaCy is imported only for type checking here)
    doc = cast("Doc", getattr(doc_or_span, "doc", doc_or_span))
    return bool(doc.has_annotation("DEP"))


def ancestors(token: Token, limit: int = 12) -> list[Token]:
    """The token's heads up to the root (cycle-safe, bounded)."""
    out: list[Token] = []
    seen = {token.i}
    head = token.head
    while head.i not in seen and len(out) < limit:
        out.append(head)
        seen.add(head.i)
        head = head.head
    return out


# ----------------------------------------------------------------- stance


def stance_for(root: Token, sent: Span) -> Stance:
    """Actual, target, planned or forecast, from cue words governing ``root``.

    With a parse: the first cue among the figure's heads, their auxiliaries
    ("will"), and the noun it modifies ("the $10 billion trade target").
    Without one: cue words in the eight tokens before and the two after.
    """
    if has_parse(sent):
        chain = [root, *ancestors(root)]
        for tok in chain:
            cue = STANCE_CUES.get(lemma(tok))
            if cue is not None and tok is not root and not _cue_without_to(tok):
                return cue
            for child in tok.children:
                if child.dep_ in ("aux", "auxpass", "acomp") and lemma(child) in STANCE_CUES:
                    if child.tag_ == "MD" and _perfect(tok):
                        continue  # "may have been": a guess about the past, not a forecast
                    return STANCE_CUES[lemma(child)]
                if child.dep_ == "compound" and tok is not root and lemma(child) in STANCE_CUES:
                    return STANCE_CUES[lemma(child)]  # "the target range of 2% to 3%"
                if child.dep_ == "prep" and child.lower_ == "on":  # "is on track to hit"
                    for obj in child.children:
                        if obj.dep_ == "pobj" and lemma(obj) in STANCE_CUES:
                            return STANCE_CUES[lemma(obj)]
        return Stance.ACTUAL
    lo = max(sent.start, root.i - 8)
    hi = min(sent.end, root.i + 3)
    for tok in sent.doc[lo:hi]:
        cue = _INFLECTIONS.get(tok.lower_)
        if cue is not None and cue is not Stance.FORECAST or tok.lower_ == "will":
            return cue or Stance.FORECAST
    return Stance.ACTUAL


def _cue_without_to(tok: Token) -> bool:
    """A pledge verb used for a deed: "committed suicide", "committed the
    crime" is no commitment; "committed to raising trade" is."""
    return lemma(tok) in PLEDGE_NEEDS_TO and not any(c.lower_ == "to" for c in tok.children)


def _perfect(verb: Token) -> bool:
    """The verb has a perfect auxiliary ("may *have* killed")."""
    return any(c.dep_ == "aux" and c.lower_ in ("have", "'ve", "has", "had") for c in verb.children)


# ---------------------------------------------------------------- subject


def noun_phrase(noun: Token, *, drop_generic: bool = True) -> str:
    """The noun with its left modifiers ("bilateral trade", "Rasht-Astara
    railway"), following "of" out of generic measure words."""
    if drop_generic and lemma(noun) in GENERIC_MEASURES:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return noun_phrase(objs[0])
        compounds = [c for c in noun.lefts if c.dep_ == "compound"]
        if compounds:
            return " ".join(c.text for c in compounds)
    left = [c for c in noun.lefts if c.dep_ in _NP_LEFT_DEPS and lemma(c) not in _DROP_MODIFIERS]
    start = min((c.left_edge.i for c in left), default=noun.i)
    words = [
        t for t in noun.doc[start : noun.i + 1]
        if (t.pos_ not in ("DET", "NUM", "PUNCT", "SYM") and any(ch.isalpha() for ch in t.text)) or t.text in "-–"
        if not t.like_num and lemma(t) not in _DROP_MODIFIERS
    ]
    text = "".join(t.text_with_ws for t in words).strip()
    text = text.replace(" - ", "-").replace(" -", "-").replace("- ", "-").strip("-– ") or noun.text
    # "trade in goods": a prepositional modifier that is not a name is part of the measure
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "for"):
            objs = [
                c for c in child.children
                if c.dep_ == "pobj" and not c.ent_type_ and c.pos_ == "NOUN"
                and not any(g.dep_ in ("det", "poss") for g in c.children)  # "in goods", not "in the province"
            ]
            if objs:
                text = f"{text} {child.lower_} {noun_phrase(objs[0], drop_generic=False)}"
            break
    return text


def _clause_subject(verb: Token) -> Token | None:
    """The nominal subject of a verb, climbing through xcomp/conj/advcl/relcl."""
    for tok in [verb, *ancestors(verb, limit=4)]:
        for child in tok.children:
            if child.dep_ in _SUBJ_DEPS:
                if child.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                    return tok.head  # "the dam, which will provide ..." -> the dam
                if child.pos_ == "PRON":
                    return None  # "they aim to ..." — no measure named here
                return child
        if tok.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "prep", "pcomp"):
            break
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
    return None


def _change_direction(root: Token) -> tuple[str, Token] | None:
    """("increase" | "decrease", the verb) when the figure is a change:
    "up $1 trillion", "rose by 2%", "grew 3 percent", "has grown at 2%"."""
    prev = root.doc[root.left_edge.i - 1] if root.left_edge.i > 0 else None
    if prev is not None and prev.lower_ in ("up", "down"):
        verb = next((a for a in ancestors(root) if a.pos_ in ("VERB", "AUX")), None) or root.head
        return ("increase" if prev.lower_ == "up" else "decrease"), verb
    node = root
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        if node.head.lower_ not in ("by", "at"):
            return None
        node = node.head
    if node.dep_ not in ("dobj", "npadvmod", "prep", "advmod", "attr"):
        return None
    verb = node.head
    if lemma(verb) in INCREASE_VERBS:
        return "increase", verb
    if lemma(verb) in DECREASE_VERBS:
        return "decrease", verb
    return None


def subject_for_figure(root: Token, sent: Span) -> str | None:
    """What a figure measures, from the parse; ``None`` without one.

    ``root`` is the syntactic root of the figure's span (units included).

    - the figure is a change ("rose by 2%", "up $1 trillion"): what changed,
      plus "increase" or "decrease", so a change never meets a level;
    - the figure modifies a noun of change: what changed ("a 20 percent
      increase" in a clause about trade);
    - the figure modifies a goal noun: its compounds ("the $10 billion trade
      target" is about trade);
    - the figure modifies another noun: that noun ("120 representatives"),
      unless it is a placeholder ("a record $33 trillion");
    - the figure is the object of a verb: that verb's subject ("bilateral
      trade reached $580 million", "turnover amounted to $518 million").
    """
    if not has_parse(sent):
        return None
    change = _change_direction(root)
    if change is not None:
        direction, verb = change
        subj = _clause_subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        return f"{noun_phrase(subj)} {direction}" if subj is not None else direction
    governor = root.head
    if (
        governor.i != root.i
        and root.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod")
        and governor.pos_ in ("NOUN", "PROPN")
    ):
        if lemma(governor) in _PLACEHOLDER_NOUNS:
            root, governor = governor, governor.head  # "reach a record $33 trillion"
        elif lemma(governor) in CHANGE_NOUNS:
            for child in governor.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        return f"{noun_phrase(objs[0])} {lemma(governor)}"
            subj = _clause_subject(governor.head) if governor.head.i != governor.i else None
            if subj is not None and subj.i != governor.i:
                return f"{noun_phrase(subj)} {lemma(governor)}"
            phrase = noun_phrase(governor)
            return phrase if phrase.lower().endswith(lemma(governor)) else f"{phrase} {lemma(governor)}"
        elif lemma(governor) in STANCE_CUES:
            compounds = [c for c in governor.lefts if c.dep_ == "compound" and c.i > root.i]
            if compounds:
                return " ".join(c.text for c in compounds)
            return noun_phrase(governor)
        else:
            return _with_event(governor, noun_phrase(governor))
    node = root
    for _ in range(4):
        if node.dep_ not in ("pobj", "dobj", "attr", "oprd", "prep", "pcomp", "npadvmod", "advmod", "appos", "acomp"):
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    if node.pos_ in ("VERB", "AUX"):
        if lemma(node) in CHANGE_VERBS:  # "increase trade to $10 billion"
            objs = [c for c in node.children if c.dep_ == "dobj" and c.i != root.i and c.pos_ in ("NOUN", "PROPN")]
            if objs:
                return noun_phrase(objs[0])
        if lemma(node) in STANCE_CUES and STANCE_CUES[lemma(node)] is not Stance.PLANNED:
            return None  # "economists had expected a decline to 9.9%": who expects is not what is measured
        subj = _clause_subject(node)
        if subj is not None and subj.i != root.i:
            return noun_phrase(subj)
        return None
    if node.pos_ in ("NOUN", "PROPN") and node.i != root.i:
        return noun_phrase(node)
    return None


#: Past participles that do not follow "+ed".
_PARTICIPLES = {"hurt": "hurt", "leave": "left", "hold": "held", "take": "taken", "find": "found",
                "lose": "lost", "make": "made", "build": "built", "sell": "sold", "buy": "bought",
                "send": "sent", "die": "died", "flee": "fled", "shoot": "shot", "bring": "brought",
                "strike": "struck", "hit": "hit", "put": "put", "cut": "cut", "set": "set"}
#: Intransitive verbs whose subject is what is counted: "300 people died".
_COUNTED_SUBJECT_VERBS = frozenset("die perish flee drown disappear vanish".split())


def _participle(verb: Token) -> str:
    word = lemma(verb)
    if word in _PARTICIPLES:
        return _PARTICIPLES[word]
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    return word + "ed"


def _with_event(noun: Token, phrase: str) -> str:
    """A counted noun with what happened to it: "people killed", "people
    injured", "homes destroyed", "people dead" — so that the number killed
    never meets the number injured."""
    verb = None
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        verb = noun.head
    elif noun.dep_ == "nsubj" and lemma(noun.head) in _COUNTED_SUBJECT_VERBS:
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "agent":
        verb = noun.head.head
    for child in noun.children:  # "homes destroyed", "people injured"
        if child.dep_ in ("acl", "amod") and child.tag_ == "VBN":
            return f"{phrase} {child.lower_}"
    head = verb or (noun.head if noun.dep_ == "nsubj" else None)
    if head is not None:
        for child in head.children:  # "people now reported dead"
            if child.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and (child.pos_ == "ADJ" or child.tag_ == "VBN"):
                return f"{phrase} {child.lower_}"
    if verb is None:
        return phrase
    if lemma(verb) in ("be", "have", "include", "involve", "say", "report", "see", "count"):
        return phrase
    return f"{phrase} {_participle(verb)}"


def clause_verb(token: Token) -> Token | None:
    """The nearest verb governing ``token`` (or the token itself)."""
    for tok in [token, *ancestors(token)]:
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def date_governs(date_root: Token, figure_root: Token) -> bool:
    """Can the date be the figure's period? Not when it only modifies some
    other noun ("remaining below its 2022 peak", "the 2019 elections");
    adverbial dates ("in 2024", "from January to October 2025") and dates
    the figure's clause hangs off ("the early 2020s, when ...") can."""
    if not date_root.doc.has_annotation("DEP"):
        return True
    if date_root.dep_ in ("compound", "nummod", "amod", "poss", "nmod") and date_root.head.pos_ in ("NOUN", "PROPN"):
        fig_chain = {figure_root.i, *(a.i for a in ancestors(figure_root))}
        return date_root.head.i in fig_chain
    return True


def event_for_date(root: Token, sent: Span) -> str | None:
    """What a date dates: "visit to Khudafarin", "completion of the railway",
    "pact signed". ``None`` without a parse."""
    if not has_parse(sent):
        return None
    head = root
    while head.dep_ in ("pobj", "prep", "npadvmod", "nummod", "compound", "appos") and head.head.i != head.i:
        if head.dep_ in ("pobj", "prep", "npadvmod") and head.head.pos_ in ("VERB", "NOUN", "PROPN", "AUX"):
            head = head.head
            if head.dep_ != "prep":
                break
        else:
            head = head.head
    if head.pos_ in ("NOUN", "PROPN") and head.i != root.i:
        return _event_noun(head)
    if head.pos_ in ("VERB", "AUX"):
        # "set for completion in 2025": the event is the noun after "for"
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "for":
                objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                if objs and not any(t.i == root.i for t in objs[0].subtree):
                    return _event_noun(objs[0], fallback_owner=head)
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            return _event_noun(head.head)  # "the completion ..., scheduled for 2025"
        subj = _clause_subject(head)
        if subj is not None:
            return f"{noun_phrase(subj, drop_generic=False)} {head.text}"
        objs = [c for c in head.children if c.dep_ in ("dobj", "attr")]
        if objs:
            return f"{head.text} {noun_phrase(objs[0], drop_generic=False)}"
        return head.text
    return None


def _event_noun(noun: Token, fallback_owner: Token | None = None) -> str:
    text = noun_phrase(noun, drop_generic=False)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "to", "with", "between"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return f"{text} {child.lower_} {noun_phrase(objs[0], drop_generic=False)}"
    owner = fallback_owner
    if owner is not None and owner.dep_ == "acl" and owner.head.pos_ in ("NOUN", "PROPN"):
        return f"{text} of {noun_phrase(owner.head, drop_generic=False)}"
    return text


# ----------------------------------------------------------------- period


def is_baseline(date_start: int, sent: Span) -> bool:
    """True for a date that is a comparison baseline: "compared to the
    previous year", "higher than in 2019", "since 2020"."""
    doc = sent.doc
    lo = max(sent.start, date_start - 3)
    return any(lemma(t) in _BASELINE_PREPS for t in doc[lo:date_start])


def nearest(items: Sequence[tuple[int, int, object]], start: int, end: int) -> object | None:
    """The payload of the item nearest to token range [start, end); on a tie
    the one after it ("4.5% in 2023 and 3% in mid-2025": mid-2025 is 3%'s)."""
    best, best_d = None, None
    for s, e, payload in items:
        if s < end and start < e:
            continue
        d = s - end if s >= end else start - e + 0.5
        if best_d is None or d < best_d:
            best, best_d = payload, d
    return best


def is_attribution(token: Token) -> bool:
    """Inside an "according to ..." clause or a "data from ..." phrase."""
    return any(lemma(a) in _ATTRIBUTION for a in ancestors(token, limit=6))

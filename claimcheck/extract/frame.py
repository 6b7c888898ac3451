"""The claim frame: what a figure measures and which entity it is about.

Read from the parse when there is one, with a few token rules that also run
on ``spacy.blank("en")``:

- a count next to a casualty or arrest word carries that word's measure
  ("three were killed", "killing two", "6 injured" -> "killed"/"injured");
- a figure modifying a noun measures that noun ("a $5 million loan" -> loan);
- "a capacity of 3 bcm", "the cost of $5m": the noun before "of";
- "put/estimate X at N", "X reached N", "X was N": X;
- a bare count measures its counted noun ("four officers" -> officer);
- otherwise the measure is derived from the dimension (``measure_derived``).

The measure is never a unit or currency word, a date or a place name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..normalize.quantities import CURRENCY_WORDS, PERCENT_WORDS, UNIT_WORDS
from ..vocab.measures import (
    CASUALTY_EVENTS,
    CASUALTY_WORDS,
    COUNTED_NOUN_MEASURES,
    DIMENSION_MEASURES,
    EVENT_NOUNS,
    MEASURE_VERBS,
    OCCURRENCE_VERBS,
    PEOPLE_NOUNS,
)
from ..vocab.stance import STANCE_CUES
from ..vocab.units import RATE_WORDS
from ..vocab.context import CHANGE_VERBS, GENERIC_MEASURES
from .context import ancestors, has_parse, lemma
from .quantity import Figure, casualty_next_to

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

_UNITISH = {w.split()[-1] for w in (*UNIT_WORDS, *CURRENCY_WORDS, *PERCENT_WORDS)}
#: Nouns that are never a measure: placeholders, units, time words.
_NOT_MEASURES = frozenset(
    "record high low peak % percent year years month months day days time times people person".split()
) | _UNITISH
_OPEN_FORMS = frozenset("open opens opened opening".split())
_MAX_RATE_TOKENS = max(len(k) for k in RATE_WORDS)


def rate_after(toks: list[Token], e: int) -> str | None:
    """"a year", "per day", "annually" right after token position ``e``."""
    for n in range(_MAX_RATE_TOKENS, 0, -1):
        key = tuple(t.lower_ for t in toks[e : e + n])
        if len(key) == n and key in RATE_WORDS:
            return RATE_WORDS[key]
    return None


def _ok_noun(tok: Token) -> bool:
    return (
        tok.pos_ in ("NOUN",) and not tok.ent_type_ and lemma(tok) not in _NOT_MEASURES
        and tok.lower_ not in _NOT_MEASURES and any(ch.isalpha() for ch in tok.text)
    )


def casualty_measure(root: Token, sent: Span) -> str | None:
    """The casualty/arrest measure of a count, from the words around it in the
    parse: the verb it is the subject or object of ("four people were shot",
    "killing two women"), a participle on the counted noun ("five people
    shot", "two others wounded"), a predicate ("left two dead")."""
    if not has_parse(sent):
        return None
    noun = (root.head
            if root.dep_ in ("nummod", "quantmod", "compound", "amod") and root.head.pos_ in ("NOUN", "PROPN", "PRON")
            else root)
    for child in noun.children:  # "five people shot", "two dead"
        if child.dep_ in ("acl", "amod", "relcl") and child.lower_ in CASUALTY_WORDS and child.i > noun.i:
            return CASUALTY_WORDS[child.lower_]
        if child.dep_ == "relcl":  # "people who were shot"
            if lemma(child) in CASUALTY_WORDS:
                return CASUALTY_WORDS[lemma(child)]
    node = noun
    for head in [noun.head, *ancestors(noun.head, limit=2)]:
        if node.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "prep", "agent"):
            break
        w = lemma(head)
        if head.pos_ in ("VERB", "AUX", "ADJ") and (w in CASUALTY_WORDS or head.lower_ in CASUALTY_WORDS):
            return CASUALTY_WORDS.get(w) or CASUALTY_WORDS[head.lower_]
        if head.pos_ in ("VERB", "AUX"):
            # "three people were found dead", "two are in critical condition"
            for child in head.children:
                if child.dep_ in ("oprd", "acomp", "xcomp", "advmod") and child.lower_ in CASUALTY_WORDS:
                    return CASUALTY_WORDS[child.lower_]
            # "five people, believed to be cousins, were killed": the aside is
            # parsed as the count's clause; the casualty verb it hangs off,
            # with no subject of its own, is what happened to them
            main = head.head
            if (head.dep_ in ("parataxis", "advcl") and main.pos_ == "VERB" and lemma(main) in CASUALTY_WORDS
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in main.children)):
                return CASUALTY_WORDS[lemma(main)]
            break
        node = head
    # a predicate after the noun in a small clause ("left two dead and three wounded")
    for t in sent.doc[noun.i + 1 : min(noun.i + 3, sent.end)]:
        if (t.pos_ in ("ADJ", "VERB") and t.lower_ in CASUALTY_WORDS
                and t.tag_ in ("JJ", "VBN", "VBD") and t.head.i == noun.i):
            return CASUALTY_WORDS[t.lower_]
    return None


def figure_root(span: Span) -> Token:
    """The token of a figure's span that attaches it to the sentence: its
    number or unit, not a leading article ("a $5 million loan")."""
    heads = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    heads = [t for t in heads if t.dep_ not in ("det", "punct", "advmod", "quantmod")] or heads
    return heads[-1] if heads else span.root


def measure_and_about(
    fig: Figure, span: Span, sent: Span, dimension: str | None
) -> tuple[str | None, tuple[int, int] | None]:
    """(measure, about token range) from the parse; (None, None) without one."""
    if fig.measure == "age" or fig.measure is not None and not has_parse(sent):
        return fig.measure, fig.about
    if dimension == "count":  # a count: what happened to them, else what it counts
        if fig.measure is not None:  # the words right next to it said ("3 killed", "killing two")
            return fig.measure, fig.about
        casualty = casualty_measure(figure_root(span), sent) if has_parse(sent) else None
        if casualty is None:
            casualty = casualty_next_to(list(sent), span.start - sent.start, span.end - sent.start)
        if casualty is not None:
            return casualty, fig.about
        if fig.unit in COUNTED_NOUN_MEASURES:  # "claimed four lives"
            return COUNTED_NOUN_MEASURES[fig.unit], fig.about
        about = fig.about or (_count_owner(figure_root(span)) if has_parse(sent) else None)
        return (fig.unit if fig.unit and fig.unit not in _NOT_MEASURES else None), about
    if fig.measure is not None:
        return fig.measure, fig.about
    if not has_parse(sent):
        return None, fig.about
    root = figure_root(span)
    governor = root.head
    # "a $5 million loan", "the 3 GW plant": the noun the figure modifies
    if governor.i != root.i and root.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod") and _ok_noun(governor):
        if lemma(governor) in STANCE_CUES:  # "the $10 billion trade target": trade
            compounds = [c for c in governor.lefts if c.dep_ == "compound" and c.i > root.i and _ok_noun(c)]
            governor = compounds[-1] if compounds else governor
        noun = _measured(governor)
        if noun is not None:
            return lemma(noun), _about_of(noun)
    node = root
    # "a capacity of 3 bcm", "at a cost of $5m"
    if node.dep_ == "pobj" and node.head.lower_ == "of" and _ok_noun(node.head.head):
        noun = node.head.head
        measured = _measured(noun, root)
        if measured is not None:
            return lemma(measured), _owner(noun, root)
    # climb to the verb: "X reached N", "X was N", "estimate X at N"
    for _ in range(3):
        if node.dep_ not in ("pobj", "dobj", "attr", "prep", "npadvmod", "oprd", "advmod"):
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    if node.pos_ in ("VERB", "AUX"):
        objs = [c for c in node.children if c.dep_ == "dobj" and c.i != root.i and _ok_noun(c)]
        if objs and (any(c.dep_ == "prep" and c.lower_ == "at" for c in node.children) or lemma(node) in CHANGE_VERBS):
            noun = _measured(objs[0]) or objs[0]  # "put the cost at $5m", "increase trade to $10bn"
            return lemma(noun), _about_of(noun)
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        verb_measure = MEASURE_VERBS.get(lemma(node))
        if verb_measure is not None:  # "the plant will produce 5 GW": output, about the plant
            return verb_measure, (_np_range(subj) if subj is not None and subj.pos_ in ("NOUN", "PROPN") else None)
        if subj is not None and _ok_noun(subj) and subj.i != root.i:
            noun = _measured(subj, root) or subj  # "the total volume of mutual trade reached ..." -> trade
            return lemma(noun), _about_of(noun)
        if subj is not None and subj.pos_ == "PROPN":
            return None, (subj.left_edge.i, subj.i + 1)  # "Acme earned $5m": about Acme
    return None, fig.about


def _measured(noun: Token, figure: Token | None = None, depth: int = 0) -> Token | None:
    """The noun that names what is measured: ``noun`` itself, or through a
    generic head ("the volume of trade" -> trade, "trade volumes" -> trade);
    None when only a generic word is left."""
    if lemma(noun) not in GENERIC_MEASURES:
        return noun
    if depth < 3:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of" and not (
                figure is not None and child.left_edge.i <= figure.i <= child.right_edge.i
            ):
                objs = [c for c in child.children if c.dep_ == "pobj" and _ok_noun(c)]
                if objs:
                    return _measured(objs[0], figure, depth + 1)
    compounds = [c for c in noun.lefts if c.dep_ == "compound" and _ok_noun(c)]
    return compounds[-1] if compounds else None


def _owner(noun: Token, figure: Token) -> tuple[int, int] | None:
    """Whose the measured noun is: "the dam has a capacity", "the dam's capacity",
    "the capacity of the dam"."""
    about = _about_of(noun, figure)
    if about is not None:
        return about
    verb = noun.head
    if noun.dep_ in ("dobj", "attr") and verb.pos_ in ("VERB", "AUX"):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            return _np_range(subj)
    return None


def _about_of(noun: Token, figure: Token | None = None) -> tuple[int, int] | None:
    for child in noun.children:
        if figure is not None and child.left_edge.i <= figure.i <= child.right_edge.i:
            continue  # "a capacity of 3 bcm": the figure is not what it is about
        if child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN"):
            return _np_range(child)
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objs:
                return _np_range(objs[0])
    return None


def _count_owner(root: Token) -> tuple[int, int] | None:
    """Whose count it is, when the sentence names them: the owner of the
    counted noun ("Lopez's 16 points", "Acme's 500 employees") or the named
    subject of the verb that takes it ("Garcia scored 23 points")."""
    noun = root.head if root.dep_ in ("nummod", "quantmod", "compound") and root.head.pos_ == "NOUN" else root
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return _np_range(child)
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ == "PROPN":
            return _np_range(subj)
    return None


def _np_range(tok: Token) -> tuple[int, int]:
    lefts = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")]
    start = min((c.left_edge.i for c in lefts), default=tok.i)
    return start, tok.i + 1


def derived_measure(dimension: str | None) -> str | None:
    return DIMENSION_MEASURES.get(dimension) if dimension else None


def event_measure(root: Token, sent: Span) -> str | None:
    """The event a date or clock time dates, as a short noun ("shooting",
    "meeting", "arrest"): a known event noun governing the time or the subject
    of its verb, else one in the sentence."""
    if has_parse(sent):
        for head in [root, *ancestors(root, limit=4)]:
            w = lemma(head)
            if head.pos_ == "NOUN" and w in EVENT_NOUNS:
                return EVENT_NOUNS[w]
            if head.pos_ in ("VERB", "AUX"):
                subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and lemma(subj) in EVENT_NOUNS:
                    return EVENT_NOUNS[lemma(subj)]
                if w in CASUALTY_WORDS and CASUALTY_WORDS[w] in CASUALTY_EVENTS:
                    return CASUALTY_EVENTS[CASUALTY_WORDS[w]]
                if w not in OCCURRENCE_VERBS and w not in ("be", "report", "say", "call"):
                    break
    for t in sent:
        w = lemma(t)
        if w in EVENT_NOUNS and (t.pos_ in ("NOUN", "") or not t.pos_) and t.head.lower_ not in _OPEN_FORMS:
            return EVENT_NOUNS[w]  # not "opened fire": that is gunfire, not a fire
    if has_parse(sent):  # the noun subject of the date's verb: "the vote took place on May 3"
        for head in [root, *ancestors(root, limit=4)]:
            if head.pos_ in ("VERB", "AUX"):
                subj = next((c for c in head.children if c.dep_ == "nsubj"), None)  # not a passive's patient
                if subj is not None and subj.pos_ == "NOUN" and _ok_noun(subj) and subj.lower_ not in PEOPLE_NOUNS:
                    return lemma(subj)
                break
    return None

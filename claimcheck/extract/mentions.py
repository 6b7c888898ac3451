"""Entity mentions for the link stage: spaCy's NER plus a rule pass.

The rule pass is spaCy's own machinery (``Matcher`` token patterns, no regex
over raw text). It finds the names the small statistical model misses, splits
or mislabels:

* facilities and streets: capitalised words + a head noun ("Kenwood Avenue",
  "Remsen Ave.", "Mt. Sinai Hospital", "Barisa apartment complex"); the head
  stays in the mention, and the link stage keeps it as the name's type, not as
  part of its matching key;
* agencies: "Houston police", "Denver Police Department", "Harris County
  Sheriff's Office", "Newburgh PD";
* people after an honorific or a title ("Lt. Paul Garaven", "Mr. Syed"): the
  span is the name, without the title;
* hyphenated names the model splits ("Rivera-Camacho"): an NER name is
  extended over the hyphen; hyphenated and CamelCase names it misses
  altogether ("Al-Qadisiyah", "NorthStar"), names in quotes, and acronyms
  ("HCSO") are added with the label ``NAME`` or ``ORG`` (the link stage's
  label vote gives a ``NAME`` the label the corpus gives the same name).

Spans never include an article or quote marks. Where a rule name overlaps an
NER entity, the facility / agency / titled-person rule wins; the gap-filling
rules (hyphenated, CamelCase, quoted, acronym) only add names where NER found
none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..records import Mention
from ..vocab.calendar import MONTH_NAMES, WEEKDAY_NAMES
from ..vocab.demonyms import NORP_ENDING
from ..vocab.heads import FACILITY_HEADS as FACILITY_HEADS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

#: labels the link stage clusters; ``NAME`` is a rule-found name of unknown type.
LINK_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "NAME"})
# FACILITY_HEADS (head noun -> label for rule-found names) lives in claimcheck.vocab.heads
#: heads that must be capitalised to end a name ("Kenwood Drive", not "... drive").
_CAPITALISED_HEADS = frozenset("ave rd blvd drive fwy hwy lane center centre".split())
#: words that make a run of capitalised words an agency ("Houston police").
_AGENCY = ("police", "sheriff")
_AGENCY_TAILS = ("department", "dept", "office", "force")
#: honorifics and titles before a person's name (folded, dot dropped). Source:
#: the forms of address and ranks of US / UK news copy.
HONORIFICS = frozenset(
    """mr mrs ms miss mx dr lt sgt det cpl capt cmdr officer detective deputy sheriff
    mayor chief captain sergeant lieutenant corporal trooper agent sen senator rep gov
    governor president judge justice prof professor rev reverend father pastor""".split()
)
#: all-capital words that are not names of organisations.
_NOT_ACRONYMS = frozenset(
    "CEO CFO COO TV AM PM OK ID GPS DNA AKA FAQ PDF USB LOL RIP SUV ATM MPH ER ICU "
    "USD EUR GBP JPY CNY RUB AZN IRR TRY GMT UTC EST EDT PST PDT CST CDT".split()
)
#: A NORP label on a word without a demonym ending is usually a misfire on a
#: place name ("Khudafarin"): such mentions are relabelled LOC.
_DEMONYM = NORP_ENDING  # in claimcheck.vocab.demonyms

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
_HYPHENS = ["-", "\u2010", "\u2011"]
_QUOTES_OPEN = ['"', "\u201c", "\u2018", "'"]
_QUOTES_CLOSE = ['"', "\u201d", "\u2019", "'"]

_MATCHERS: dict[int, object] = {}

#: rule name -> whether it overrides NER (True) or only fills gaps (False).
_OVERRIDES = {"FACILITY": True, "AGENCY": True, "TITLED": True, "ROAD": True,
              "HYPHEN": False, "CAMEL": False, "QUOTED": False, "ACRONYM": False,
              "SPEAKER": False, "APOSTROPHE": False, "HANDLE": False, "DESCRIPTION": False}
#: road systems that number their roads ("State Route 55", "Interstate 5", "I-5").
_ROAD_SYSTEMS = ("route", "highway", "interstate", "hwy", "sr", "i", "us", "fm", "loop")
#: road nouns after a number ("the 55 Freeway", "the 101 Highway").
_ROAD_NOUNS = ("freeway", "highway", "interstate", "expressway", "fwy", "hwy", "tollway")
#: verbs of speech after a name ("..., Dana Okoro said"): the name is a person.
_SAY = ("said", "says", "told", "added", "explained", "recalled", "testified", "wrote")
#: lower-case descriptions of an agency ("the sheriff's office"); the link stage
#: gives each the one agency of that kind its source (or corpus) names.
_DESCRIPTIONS = (
    ("sheriff", "'s", "office"), ("sheriff", "'s", "department"), ("police", "department"),
    ("district", "attorney", "'s", "office"), ("prosecutor", "'s", "office"),
    ("fire", "department"), ("coroner", "'s", "office"), ("medical", "examiner", "'s", "office"),
)
#: a name word with an apostrophe inside ("O'Bryan", "Ka'Loni"); not a possessive.
_APOS_NAME = r"^[A-Z][a-z]*['\u2019][A-Za-z][a-z]+$"


def _patterns() -> dict[str, list[list[dict[str, Any]]]]:
    """The token patterns of the rule pass, by rule name."""
    name: dict[str, Any] = {"IS_TITLE": True, "IS_STOP": False}
    word: dict[str, Any] = {"IS_TITLE": True, "IS_STOP": False, "OP": "*"}
    lower_heads = sorted(h for h in FACILITY_HEADS if h not in _CAPITALISED_HEADS)
    title_heads = sorted(FACILITY_HEADS)
    heads: list[dict[str, Any]] = [
        {"LOWER": {"IN": lower_heads}},
        {"LOWER": {"IN": title_heads}, "IS_TITLE": True},
    ]
    dash: dict[str, Any] = {"ORTH": {"IN": _HYPHENS + ["\u2013"]}}
    facility = [[name, word, head] for head in heads]
    facility += [[name, dash, name, word, head] for head in heads]
    facility += [[name, {"LOWER": "of"}, name, word, heads[1]]]  # "University of X Hospital"
    facility += [[name, word, heads[0], {"LOWER": {"IN": ["complex", "building"]}}]]
    agency_word: dict[str, Any] = {"LOWER": {"IN": list(_AGENCY)}}
    poss_word: dict[str, Any] = {"LOWER": {"IN": ["'s", "\u2019s"]}}
    poss: dict[str, Any] = {"LOWER": {"IN": ["'s", "\u2019s"]}, "OP": "?"}
    tail: dict[str, Any] = {"LOWER": {"IN": list(_AGENCY_TAILS)}, "OP": "?"}
    agency: list[list[dict[str, Any]]] = [[name, word, agency_word, poss, tail], [name, word, {"ORTH": "PD"}]]
    title: dict[str, Any] = {"LOWER": {"IN": sorted(HONORIFICS | {h + "." for h in HONORIFICS})}}
    from claimcheck.vocab.titles import NAME_TITLES

    not_titles = sorted(HONORIFICS | NAME_TITLES | {"executive", "officer"})
    person: dict[str, Any] = {"IS_TITLE": True, "IS_STOP": False, "LOWER": {"NOT_IN": not_titles}}
    titled: list[list[dict[str, Any]]] = [[title, {"ORTH": ".", "OP": "?"}, person, {**person, "OP": "?"},
               {**person, "OP": "?"}]]
    hyphen: list[list[dict[str, Any]]] = [[name, {"ORTH": {"IN": _HYPHENS}}, name],
              [name, {"ORTH": {"IN": _HYPHENS}}, name, {"ORTH": {"IN": _HYPHENS}}, name]]
    camel: list[list[dict[str, Any]]] = [[{"TEXT": {"REGEX": r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$"}}]]
    quoted: list[list[dict[str, Any]]] = [[
        {"ORTH": {"IN": _QUOTES_OPEN}}, name, {**name, "OP": "?"}, {**name, "OP": "?"}, {"ORTH": {"IN": _QUOTES_CLOSE}},
    ]]
    acronym: list[list[dict[str, Any]]] = [[{"TEXT": {"REGEX": r"^[A-Z]{2,6}$"}, "IS_STOP": False}]]
    # "Club Blu Bar and Grill": two venue nouns joined by "and"
    facility += [[name, word, heads[1], {"LOWER": "and"}, heads[1]]]
    # "Allegheny County District Attorney's Office"
    agency.append([name, word, {"LOWER": "district"}, {"LOWER": "attorney"}, poss,
                   {"LOWER": "office"}])
    num: dict[str, Any] = {"LIKE_NUM": True, "IS_DIGIT": True}
    road: list[list[dict[str, Any]]] = [
        [{"LOWER": {"IN": ["state", "u.s.", "county"]}, "OP": "?"},
         {"LOWER": {"IN": list(_ROAD_SYSTEMS)}, "IS_TITLE": True}, {"ORTH": "-", "OP": "?"}, num],
        [{"ORTH": {"IN": ["I", "SR", "US"]}}, {"ORTH": "-"}, num],
        [{"TEXT": {"REGEX": r"^(?:I|SR|US)-\d{1,3}$"}}],
        [num, {"LOWER": {"IN": list(_ROAD_NOUNS)}, "IS_TITLE": True}],
    ]
    speaker: list[list[dict[str, Any]]] = [
        [{**person, "OP": "?"}, person, person, {"LOWER": {"IN": list(_SAY)}}],
        # right after a closing quote, before a comma: '," Dana Lee Okoro, her aunt, said'
        [{"ORTH": {"IN": _QUOTES_CLOSE}}, person, person, {**person, "OP": "?"}, {"ORTH": ","}],
    ]
    apostrophe: list[list[dict[str, Any]]] = [
        [{"TEXT": {"REGEX": _APOS_NAME}}, person, {**person, "OP": "?"}],
    ]
    handle: list[list[dict[str, Any]]] = [[{"TEXT": {"REGEX": r"^@[A-Z][a-z]+(?:[A-Z][a-z]+)+$"}}]]
    description: list[list[dict[str, Any]]] = [
        [{"LOWER": {"IN": ["the", "a", "an"]}}, *(poss_word if w == "'s" else {"ORTH": w} for w in words)]
        for words in _DESCRIPTIONS
    ]
    return {"FACILITY": facility, "AGENCY": agency, "TITLED": titled, "HYPHEN": hyphen,
            "CAMEL": camel, "QUOTED": quoted, "ACRONYM": acronym, "ROAD": road,
            "SPEAKER": speaker, "APOSTROPHE": apostrophe, "HANDLE": handle,
            "DESCRIPTION": description}


def _matcher(nlp: Language):
    from spacy.matcher import Matcher

    key = id(nlp.vocab)
    if key not in _MATCHERS:
        m = Matcher(nlp.vocab)
        for rule, patterns in _patterns().items():
            m.add(rule, patterns, greedy="LONGEST")
        _MATCHERS[key] = m
    return _MATCHERS[key]


def _rule_spans(doc: Doc, nlp: Language) -> list[tuple[Span, str, bool]]:
    """(span, label, overrides NER) for each rule match, overlaps resolved
    (overriding rules first, then the longest span)."""
    from spacy.util import filter_spans

    found: dict[str, list[Span]] = {}
    for match_id, s, e in _matcher(nlp)(doc):
        found.setdefault(nlp.vocab.strings[match_id], []).append(doc[s:e])
    out: list[tuple[Span, str, bool]] = []
    for rule, spans in found.items():
        for sp in spans:
            item = _shape(rule, sp)
            if item is not None:
                out.append(item)
    strong = filter_spans([sp for sp, _, o in out if o])
    taken = {i for sp in strong for i in range(sp.start, sp.end)}
    weak = filter_spans(
        [sp for sp, _, o in out if not o and not taken.intersection(range(sp.start, sp.end))]
    )
    keep = {(sp.start, sp.end) for sp in [*strong, *weak]}
    seen: set[tuple[int, int]] = set()
    result = []
    for sp, label, o in out:
        if (sp.start, sp.end) in keep and (sp.start, sp.end) not in seen:
            seen.add((sp.start, sp.end))
            result.append((sp, label, o))
    return sorted(result, key=lambda t: (t[0].start, t[0].end))


def _shape(rule: str, sp: Span) -> tuple[Span, str, bool] | None:
    """Trim a rule match to the name and give it its label (None: no name)."""
    doc = sp.doc
    if rule in ("FACILITY", "AGENCY"):
        trimmed = _trim_lead(sp, people=rule == "AGENCY")
        if trimmed is None:
            return None
        sp = trimmed
        last = sp[-1].lower_ if sp[-1].lower_ in FACILITY_HEADS else sp[-2].lower_
        label = FACILITY_HEADS.get(last, "FAC") if rule == "FACILITY" else "ORG"
        return sp, label, True
    if rule == "TITLED":
        start = sp.start + 1
        if start < sp.end and doc[start].text == ".":
            start += 1
        if start >= sp.end:
            return None
        return doc[start : sp.end], "PERSON", True
    if rule == "QUOTED":
        return doc[sp.start + 1 : sp.end - 1], "NAME", False
    if rule == "ROAD":
        return sp, "FAC", True
    if rule == "SPEAKER":
        start = sp.start + 1 if sp[0].text in _QUOTES_CLOSE else sp.start
        return doc[start : sp.end - 1], "PERSON", False
    if rule == "APOSTROPHE":
        return sp, "NAME", False
    if rule == "HANDLE":
        return sp, "NAME", False
    if rule == "DESCRIPTION":
        return doc[sp.start + 1 : sp.end], "ORG", False
    if rule == "ACRONYM":
        tok = sp[0]
        follower = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
        if tok.text in _NOT_ACRONYMS or (tok.i == 0 and follower != ":"):
            return None  # not a name, or a dateline ("BAKU, ..."; "HCSO: ..." is a source)
        near = [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
        if any((t.is_upper and t.is_alpha) or t.like_num for t in near):
            return None  # a headline in capitals or an amount, not an acronym
        return sp, "ORG", False
    if rule == "HYPHEN":
        before = doc[sp.start - 1] if sp.start > 0 else None
        after = doc[sp.end] if sp.end < len(doc) else None
        if before is None or before.is_sent_start or before.is_punct and before.i == 0:
            return None  # sentence-initial: a capitalised word, maybe not a name
        if (before.is_title and not before.is_stop) or (after is not None and after.is_title):
            return None  # inside a capitalised heading or a longer name
    return sp, "NAME", False


#: words that open a capitalised run without being part of the name
#: ("Friday Denver police"): days, months, and the sentence-initial words of
#: page furniture.
_NOT_NAME_LEAD = frozenset(
    (*WEEKDAY_NAMES, *MONTH_NAMES, *"share read watch related update updated breaking police sheriff".split())
)


def _keeps_places(sp: Span) -> bool:
    """An agency or a street / venue span (not the infrastructure heads the
    parse rule knows) keeps the town named inside it as a place mention."""
    words = {t.lower_ for t in sp}
    return bool(words & set(_AGENCY)) or sp[-1].lower_ not in _ATTACH_HEADS


def _trim_lead(sp: Span, people: bool) -> Span | None:
    """Drop leading words that are no part of a facility / agency name: a
    day or a month, or a word of an NER person or date ("Rodney Patrick Jr.
    Brevard County Sheriff's Office" -> "Brevard County Sheriff's Office");
    people's names are trimmed from agencies only (a facility may bear one)."""
    doc = sp.doc
    start = sp.start
    kinds = ("PERSON", "DATE", "TIME") if people else ("DATE", "TIME")
    skip = {i for e in doc.ents if e.label_ in kinds for i in range(e.start, e.end)}
    head = next((t.i for t in sp if t.lower_ in _AGENCY), sp.end - 1)
    # keep at least one word before the head ("Killeen police", Killeen tagged PERSON)
    while start < head - 1 and (
        doc[start].lower_ in _NOT_NAME_LEAD or start in skip or doc[start].text in (".", ",")
    ):
        start += 1
    if start >= head or doc[start].lower_ in _NOT_NAME_LEAD:
        return None
    return doc[start : sp.end]


def find_mentions(doc: Doc, nlp: Language, source: str, base: int) -> list[Mention]:
    """Mentions in one segment's doc; offsets shifted by ``base`` into the source text."""
    rules = _rule_spans(doc, nlp)
    # an NER name running on past a facility head is not that facility
    # ("Memorial Drive Tire & Auto" is a shop, not Memorial Drive)
    # and a person the model found is not re-cut by the title rule
    longer = [e for e in doc.ents if e.label_ in LINK_LABELS]
    strong = [
        (sp, lab)
        for sp, lab, o in rules
        if o
        and not any(e.start <= sp.start and sp.end < e.end for e in longer)
        # the model found the whole name ending in the same head ("Memorial
        # Drive Tire & Auto Center", where the rule saw "Auto Center")
        and not any(
            e.start < sp.start and sp.end == e.end and e.label_ != "PERSON"
            and any(t.text == "&" for t in doc[e.start : sp.start])
            for e in longer
        )
        and not (
            lab == "PERSON"
            and any(e.label_ == "PERSON" and e.start < sp.end and sp.start < e.end for e in longer)
        )
    ]
    taken = {i for sp, _ in strong for i in range(sp.start, sp.end)}
    out: list[Mention] = []
    for sp, label in strong:
        out.append(Mention(sp.text, label, source, base + sp.start_char, base + sp.end_char))
        if _keeps_places(sp):
            # the town in "Houston police" / "Kenwood Avenue, Houston" stays a place
            # mention too: it is what the source is about (its scope)
            for e in doc.ents:
                if e.label_ == "GPE" and sp.start <= e.start and e.end <= sp.end and e.end < sp.end:
                    out.append(Mention(e.text, "GPE", source, base + e.start_char, base + e.end_char))
    for sp, label in _attached_names(doc, taken):
        taken.update(range(sp.start, sp.end))
        out.append(Mention(sp.text, label, source, base + sp.start_char, base + sp.end_char))
    hyphens = [sp for sp, lab, o in rules if not o and sp[1:-1].text[:1] in "-\u2010\u2011"]
    # only a person's name is extended over a hyphen, and only when the other
    # part is no entity of its own ("Rivera-Camacho", not "Azerbaijan-Iran")
    ents = [e for e in doc.ents if e.label_ in LINK_LABELS]
    hyphens = [
        h for h in hyphens
        if sum(1 for e in ents if e.start < h.end and h.start < e.end) == 1
    ]
    speakers = [sp for sp, lab, o in rules if not o and lab == "PERSON"]
    ner_tokens: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in LINK_LABELS or taken.intersection(range(ent.start, ent.end)):
            continue
        span = ent
        # a hyphenated name the model split: extend the entity over it
        for h in hyphens if ent.label_ == "PERSON" else ():
            if h.start < span.end and span.start < h.end:
                span = doc[min(span.start, h.start) : max(span.end, h.end)]
        # a speaker's name the model cut short ("Thomas Jr." of "Dana Thomas Jr. told")
        for sp in speakers if ent.label_ == "PERSON" else ():
            if sp.start <= span.start and span.end <= sp.end and len(sp) > len(span):
                if not taken.intersection(range(sp.start, sp.end)):
                    span = sp
        # a given name with an apostrophe the model left out ("Ka'Loni" Marie Flynn)
        if ent.label_ == "PERSON" and span.start > 0 and _APOS.match(doc[span.start - 1].text):
            if span.start - 1 not in taken:
                span = doc[span.start - 1 : span.end]
        # "DPD's Child Abuse Unit": the owner before the possessive is a name too
        owner = _possessive_owner(span)
        if owner is not None and not taken.intersection(range(owner.start, owner.end)):
            out.append(Mention(owner.text, "ORG", source, base + owner.start_char, base + owner.end_char))
        if span[0].lower_ == "the":
            span = span[1:]
        while len(span) > 1 and span[-1].lower_ in ("and", "or", "&"):
            span = span[:-1]  # "LBJ Freeway and": the model ran into a conjunction
        if not len(span) or not any(t.is_alpha for t in span):
            continue
        if taken.intersection(range(span.start, span.end)):
            continue
        ner_tokens.update(range(span.start, span.end))
        taken.update(range(span.start, span.end))
        label = ent.label_
        if label == "NORP" and not _DEMONYM.search(span.text):
            label = "LOC"
        elif label == "EVENT" and not any(t.lower_ in _EVENT_WORDS for t in span):
            label = "LOC"
        out.append(Mention(span.text, label, source, base + span.start_char, base + span.end_char))
    for sp, label, o in rules:
        if o or taken.intersection(range(sp.start, sp.end)):
            continue
        taken.update(range(sp.start, sp.end))
        out.append(Mention(sp.text, label, source, base + sp.start_char, base + sp.end_char))
    out.sort(key=lambda m: (m.start, m.end))
    return out


_APOS = re.compile(_APOS_NAME)


def _possessive_owner(span: Span) -> Span | None:
    """The acronym before a possessive inside an organisation's span ("DPD"
    in "DPD's Child Abuse Unit"), or None."""
    if span.label_ not in ("ORG", "FAC") and (not len(span) or span[0].ent_type_ not in ("ORG", "FAC")):
        return None
    for t in span[1:-1]:
        if t.lower_ in ("'s", "\u2019s"):
            owner = span.doc[span.start : t.i]
            # an acronym only: "Children's Hospital" is one name, not two
            if len(owner) == 1 and owner[0].is_upper and owner[0].is_alpha and len(owner[0]) >= 2:
                return owner
            return None
    return None


#: the heads a proper name may attach to through the parse (infrastructure:
#: streets and venues are found by the token patterns only).
_ATTACH_HEADS = {
    **dict.fromkeys(
        "dam bridge railway railroad corridor airport port pipeline station canal highway "
        "tunnel plant terminal crossing checkpoint".split(),
        "FAC",
    ),
    **dict.fromkeys("river lake sea mountains valley".split(), "LOC"),
}


def _facility_label(token) -> str | None:
    lemma = (token.lemma_ or token.lower_).lower()
    if lemma in _ATTACH_HEADS:
        return _ATTACH_HEADS[lemma]
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

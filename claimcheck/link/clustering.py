"""Clustering: union-find with cannot-link guards, blocking, acronyms, the steps."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from claimcheck.records import Mention
from claimcheck.thresholds import DEFAULT, LinkThresholds

from .keys import _skeleton_of_key, name_key
from .recall import recall_mentions
from .names import _DISPLAY_THE, _head_of, _Name, _name, effective_label
from .rungs import Match, _compare, _flat, _similar, english_sound
from .tables import (
    _LEADING_HEADS,
    DEMONYMS,
    AGENCY_HEADS,
    AGENCY_INITIALS,
    LENGTH_BAND_RATIO,
    NON_ENTITY_LABELS,
    SOFT_HEADS,
    _RUNG_ORDER,
)

@dataclass(frozen=True, slots=True)
class Decision:
    """One merge the ladder (or a clustering step) made: which rung, its score,
    the one-line description, and the two mentions it joined. The next stage
    reads these; it never re-runs the matcher to learn why two names met."""

    rung: str  # a key of :data:`claimcheck.link.rungs.RUNGS`
    score: float  # 0-100
    reason: str  # one line
    a: Mention
    b: Mention


@dataclass(frozen=True, slots=True)
class Entity:
    """One resolved entity and the mentions that name it."""

    id: str  # "<label>:<canonical key>", unique in a result ("#2", "#3" on a clash)
    name: str  # canonical display name
    label: str
    mentions: tuple[Mention, ...]  # sorted by (source, start)
    variants: tuple[str, ...]  # distinct surface spellings (titles/articles stripped), sorted
    reasons: tuple[str, ...]  # one line per merge, in the order the merges were made
    decisions: tuple[Decision, ...] = ()  # the merges themselves (rung, score, reason, pair)


@dataclass(slots=True)
class _Root:
    anchors: dict[str, _Name] = field(default_factory=dict)  # full PERSON names
    tags: set[tuple[int, int]] = field(default_factory=set)  # (split ruling, side)
    decisions: list[Decision] = field(default_factory=list)


class _UF:
    """The one union-find of a run, with the cannot-link guards."""

    def __init__(self, ms: Sequence[Mention], names: Sequence[_Name], th: LinkThresholds) -> None:
        self.ms = ms
        self.parent = list(range(len(names)))
        self.data: dict[int, _Root] = {}
        self.th = th
        self._ok: dict[tuple[str, str], bool] = {}
        for i, n in enumerate(names):
            r = _Root()
            if n.group == "PERSON" and len(n.tokens) >= 2:
                r.anchors[n.key] = n
            self.data[i] = r

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def _anchors_ok(self, x: _Name, y: _Name) -> bool:
        k = (min(x.key, y.key), max(x.key, y.key))
        if k not in self._ok:
            self._ok[k] = _compare(x, y, self.th) is not None
        return self._ok[k]

    def can_union(self, i: int, j: int, anchors: bool = True) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self.data[ri], self.data[rj]
        for rule, side in a.tags:
            if (rule, 1 - side) in b.tags:
                return False
        if not anchors:
            return True
        for ka, na in a.anchors.items():
            for kb, nb in b.anchors.items():
                if ka != kb and not self._anchors_ok(na, nb):
                    return False
        return True

    def _decision(self, i: int, j: int, match: Match | None) -> Decision | None:
        if match is None:
            return None
        return Decision(match.rung, match.score, match.reason, self.ms[i], self.ms[j])

    def union(self, i: int, j: int, match: Match | None = None, force: bool = False) -> bool:
        """Join two clusters unless a guard forbids it; ``force`` (analyst
        merges) skips the person-name guard but never a split ruling."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not self.can_union(ri, rj, anchors=not force):
            return False
        keep, drop = (ri, rj) if ri < rj else (rj, ri)
        a, b = self.data[keep], self.data.pop(drop)
        self.parent[drop] = keep
        a.anchors.update(b.anchors)
        a.tags |= b.tags
        a.decisions.extend(b.decisions)
        d = self._decision(i, j, match)
        if d is not None:
            a.decisions.append(d)
        return True

    def note(self, i: int, j: int, match: Match) -> None:
        """Record why ``j`` belongs with ``i`` when they are already together."""
        d = self._decision(i, j, match)
        if d is not None:
            self.data[self.find(i)].decisions.append(d)


# --------------------------------------------------------------------------- #
# Blocking
# --------------------------------------------------------------------------- #


def _band(n: int) -> int:
    return int(math.log(max(n, 1)) / math.log(LENGTH_BAND_RATIO))


def _given_family(given: str) -> set[str]:
    """A given name's nicknames and the names it is a nickname of (blocking
    keys for the nickname rung)."""
    from .rungs import _nicknamer

    nn = _nicknamer()
    return (nn.nicknames_of(given) | nn.canonicals_of(given)) - {given}


def _candidate_pairs(
    names: Sequence[_Name], th: LinkThresholds = DEFAULT.link
) -> list[tuple[int, int]]:
    """Index pairs worth running the ladder on (see "Cost" in the module docstring).

    Equal (group, head, stem skeleton), equal alias group and, for people,
    equal (given name, surname) always pair. In a
    (group, head, first/last character, length band) block and its neighbour
    band, rapidfuzz's C++ ``process.extract`` keeps only the pairs whose
    skeletons reach ``skeleton`` or whose keys reach ``fuzzy_key``, the only
    ones the transliteration / fuzzy rungs can accept.
    """
    exact: dict[tuple, list[int]] = defaultdict(list)
    banded: dict[tuple, list[int]] = defaultdict(list)
    for i, n in enumerate(names):
        if not n.stem_key:
            continue
        exact[("skel", n.group, n.head, n.stem_skel)].append(i)
        if n.alias is not None:
            exact[("alias", n.group, n.alias)].append(i)
        if n.given and n.surname:  # the person rung: same given name and surname
            exact[("person", n.given, n.surname)].append(i)
            # the nickname rung: the surname and the given name's nickname family
            for g in _given_family(n.given):
                exact[("person", g, n.surname)].append(i)
            # a surname spelt two ways under one given name (Rait / Raite)
            exact[("given", n.given, _skeleton_of_key(n.surname))].append(i)
            exact[("sound", n.given, english_sound(n.surname))].append(i)
            last = n.display.split()[-1]
            if "-" in last:  # or one part of a double surname
                for part in last.split("-"):
                    if name_key(part) and name_key(part) != n.surname:
                        exact[("person", n.given, name_key(part))].append(i)
        for tag, text in (("key", n.stem_key), ("skel", n.stem_skel)):
            if not text:
                continue
            band = _band(len(text))
            banded[(tag, "first", n.group, n.head, text[0], band)].append(i)
            banded[(tag, "last", n.group, n.head, text[-1], band)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in exact.values():
        for p in range(len(members)):
            for q in range(p + 1, len(members)):
                pairs.add((members[p], members[q]))
    for bkey, members in banded.items():
        tag = bkey[0]
        cutoff = th.fuzzy_key if tag == "key" else th.skeleton
        # ratio >= cutoff needs len(long)/len(short) <= (200 - cutoff) / cutoff
        widest = (200.0 - cutoff) / max(cutoff, 1.0)
        span = max(1, math.ceil(math.log(max(widest, 1.0)) / math.log(LENGTH_BAND_RATIO)))
        others = list(members)
        for step in range(1, span + 1):
            others += banded.get(bkey[:-1] + (bkey[-1] + step,), [])
        if len(others) < 2:
            continue
        choices = [names[j].stem_key if tag == "key" else names[j].stem_skel for j in others]
        for i in members:
            query = names[i].stem_key if tag == "key" else names[i].stem_skel
            for _, _, pos in process.extract(
                query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                j = others[pos]
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


# --------------------------------------------------------------------------- #
# Acronyms
# --------------------------------------------------------------------------- #

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


# --------------------------------------------------------------------------- #
# Clustering
# --------------------------------------------------------------------------- #


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


def _voted_labels(ms: Sequence[Mention], texts: Mapping[str, str] | None) -> list[str]:
    """The label each mention is linked under: labels are evidence, not walls.

    1. A PERSON-labelled name ending in a street / facility / agency head is a
       place or an organisation (:func:`~claimcheck.link.names.effective_label`).
    2. A one-word non-person mention that is the surname of a full PERSON name
       in the same source is that person ("Lohan" tagged GPE); so is one that
       is a surname in the corpus and tagged PERSON alone elsewhere, unless the
       gazetteer knows it as a town.
    3. A one-word PERSON mention that is no word of any person's full name in
       the corpus, written elsewhere with a place / organisation label, takes
       that label ("Fernwood" tagged PERSON once, GPE elsewhere).
    4. A name of two or more words, written alike under several labels, takes
       the label most sources give it; PERSON wins a tie (a person's name
       tagged ORG), except where the text goes on with a head noun (a facility
       named after the person).
    5. A one-word name under several non-person labels takes the label most
       sources give it ("Armenia" GPE and ORG).
    6. A rule-found name of unknown type (``NAME``) takes the label the corpus
       gives the same name, or PERSON when it is a word of a person's name.
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
            if n.key not in person_words:
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


# --------------------------------------------------------------------------- #
# The steps of a run
# --------------------------------------------------------------------------- #


class _Run:
    """One linking run: every step below adds merges to one union-find.

    Before the steps: the label vote (:func:`_voted_labels`) and the
    headline trim (:func:`_headline_trim`).
    Steps, in order (:data:`STEPS`): ``exact`` (every mention of one key),
    ``surname`` (bare surnames within a source), ``acronym`` (defined in a
    source), ``ladder`` (context-free rungs on full names across sources),
    ``short form`` (a name and the same name plus a soft head), ``acronym
    corpus`` (an acronym spelt by exactly one name of the corpus), ``bare
    names`` (bare surnames across sources), ``analyst`` (merge rulings).
    """

    def __init__(
        self,
        ms: Sequence[Mention],
        texts: Mapping[str, str] | None,
        th: LinkThresholds,
        split_sides: Sequence[tuple[set[int], set[int]]],
        merge_sides: Sequence[tuple[set[int], set[int], str]],
    ) -> None:
        self.ms, self.texts, self.th = ms, texts, th
        self.merge_sides = merge_sides
        self.labels = _voted_labels(ms, texts)
        self.names = _headline_trim([_name(m.text, lab) for m, lab in zip(ms, self.labels)])
        self.uf = _UF(ms, self.names, th)
        for rule, (side_a, side_b) in enumerate(split_sides):
            both = side_a & side_b
            for side, members in ((0, side_a - both), (1, side_b - both)):
                for i in members:
                    self.uf.data[i].tags.add((rule, side))
        # name groups: (label group, key) -> mention indices (bare surnames apart)
        self.groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.bare: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(self.names):
            if not n.key:
                continue
            if _is_bare(n):
                self.bare[n.key].append(i)
            else:
                self.groups[(n.group, n.key)].append(i)
        self.by_source: dict[str, list[int]] = defaultdict(list)
        for i in range(len(ms)):
            self.by_source[ms[i].source].append(i)
        self.resolved: set[int] = set()
        self._surnames: dict[str, list[int]] | None = None
        # words the corpus uses as demonyms: never a bare surname ("Azerbaijani")
        self.demonyms = {n.key for n, lab in zip(self.names, self.labels) if lab == "NORP"}
        self.demonyms.update(DEMONYMS)
        # representative analysed name for each group
        self.rep: dict[tuple[str, str], _Name] = {}
        for gk, idx in self.groups.items():
            idx.sort(key=self.order)
            names = self.names
            displays = Counter(names[i].display for i in idx if not names[i].prefix) or Counter(
                names[i].display for i in idx
            )
            best = _most_common(displays)
            label = _vote(Counter(names[i].label for i in idx))
            self.rep[gk] = _name(best, label)

    def order(self, i: int) -> tuple:
        m = self.ms[i]
        return (m.source, m.start, m.end, m.text, m.label)

    def run(self) -> list[Entity]:
        for _, step in STEPS:
            step(self)
        return _build(self.ms, self.names, self.labels, self.uf, self.order)

    # -- steps ------------------------------------------------------------- #

    def exact(self) -> None:
        """Every mention of one key is one entity (exact / title rungs)."""
        names, uf = self.names, self.uf
        for gk in sorted(self.groups):
            idx = self.groups[gk]
            base = self.rep[gk]
            seen: set[tuple[str, str]] = set()
            for i in idx:
                n = names[i]
                form = (n.prefix, n.display)
                match = None
                if form not in seen and (n.prefix or n.display != base.display):
                    match = _compare(n, base, self.th)
                seen.add(form)
                if uf.find(idx[0]) == uf.find(i):
                    if match:
                        uf.note(idx[0], i, match)
                else:
                    uf.union(idx[0], i, match)

    def surname(self) -> None:
        """A bare surname -> the full PERSON name of its source (see the docstring)."""
        ms, names, uf, th = self.ms, self.names, self.uf, self.th
        for src in sorted(self.by_source):
            idx = sorted(self.by_source[src], key=self.order)
            fulls: dict[str, list[int]] = defaultdict(list)
            for i in idx:
                n = names[i]
                if n.group == "PERSON" and len(n.tokens) >= 2:
                    fulls[n.key].append(i)
            if not fulls:
                continue
            alts = {k: _last_alternatives(names[v[0]]) for k, v in fulls.items()}
            for i in idx:
                n = names[i]
                if not _is_bare(n) or n.key in self.demonyms:
                    continue
                cands = sorted(k for k, a in alts.items() if n.key in a)
                how = "last name"
                if not cands:
                    cands = sorted(
                        k for k, a in alts.items() if any(_similar(n.key, x, th) for x in a)
                    )
                    how = "last name, spelt alike"
                if not cands and len(n.key) >= 4:
                    loose = sorted(
                        k for k, a in alts.items()
                        if any(x[:1] == n.key[:1] and fuzz.ratio(n.key, x) >= th.source_surname
                               for x in a)
                    )
                    if len(loose) == 1:  # one person only: "Sayed" in a story of "Ali Syed"
                        cands = loose
                        how = f"last name, spelling similarity ≥ {th.source_surname:.0f}"
                if not cands:
                    continue
                # full names that are one person (Mark Heller, Mark Jay Heller) count once
                people: list[list[str]] = []
                for k in cands:
                    for p in people:
                        if _compare(names[fulls[p[0]][0]], names[fulls[k][0]], th) is not None:
                            p.append(k)
                            break
                    else:
                        people.append([k])
                if len(people) == 1:
                    target = max(people[0], key=lambda k: (len(fulls[k]), len(k)))
                    why = f"the only person in {src} with that {how}"
                else:
                    top = max(len(fulls[k]) for k in cands)
                    best = [k for k in cands if len(fulls[k]) == top]
                    others = ", ".join(
                        f'"{names[fulls[k][0]].display}" {len(fulls[k])}×' for k in cands
                    )
                    if len(best) == 1:
                        target = best[0]
                        why = f"mentioned most in {src} ({others})"
                    else:
                        start = ms[i].start

                        def nearness(k: str, start: int = start) -> tuple:
                            before = [ms[j].start for j in fulls[k] if ms[j].start < start]
                            after = [ms[j].start for j in fulls[k] if ms[j].start >= start]
                            if before:
                                return (0, start - max(before), k)
                            return (1, min(after) - start, k)

                        target = min(best, key=nearness)
                        side = "preceding" if nearness(target)[0] == 0 else "following"
                        why = f"tie in {src} ({others}), nearest {side} full mention"
                full = names[fulls[target][0]]
                reason = f'surname: "{_flat(n.surface)}" → "{full.display}", {why}'
                if uf.union(fulls[target][0], i, Match("surname", 100.0, reason)):
                    self.resolved.add(i)

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

    def ladder(self) -> None:
        """Context-free rungs (alias, person, transliteration, fuzzy) on full names."""
        gkeys = sorted(self.groups)
        gnames = [self.rep[g] for g in gkeys]
        found: list[tuple[int, float, str, str, Match, int, int]] = []
        for p, q in _candidate_pairs(gnames, self.th):
            match = _compare(gnames[p], gnames[q], self.th)
            if match is not None:
                ka, kb = sorted((gkeys[p][1], gkeys[q][1]))
                found.append((_RUNG_ORDER[match.rung], -match.score, ka, kb, match, p, q))
        found.sort(key=lambda t: t[:4])
        for _, _, _, _, match, p, q in found:
            i, j = self.groups[gkeys[p]][0], self.groups[gkeys[q]][0]
            if self.uf.find(i) != self.uf.find(j):
                self.uf.union(i, j, match)

    def short_form(self) -> None:
        """"Promises" -> "Promises Treatment Center", "Red Hill" -> "Red Hill
        Avenue": a non-person name without a head joins the names made of it
        plus one soft head (:data:`SOFT_HEADS`), when the corpus uses that
        stem with no other head. A place (GPE) takes only "neighborhood"."""
        heads: dict[str, set[str]] = defaultdict(set)
        with_head: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for gk, n in self.rep.items():
            if n.head and n.group != "PERSON":
                heads[n.stem_key].add(n.head)
                with_head[n.stem_key].append(gk)
        for gk in sorted(self.rep):
            n = self.rep[gk]
            if n.group == "PERSON" or not n.key or len(n.key) < 3:
                continue
            if n.head and n.head not in _LEADING_HEADS:
                continue  # "Mount Sinai" may stand for "Mount Sinai Hospital"
            hs = heads.get(n.key, set())
            if len(hs) != 1:
                continue
            (head,) = hs
            if head not in SOFT_HEADS:
                continue
            if head != "neighborhood" and n.label == "GPE" and _known_place(n.display):
                continue  # "Houston" is the city, not "Houston Hospital"
            i = self.groups[gk][0]
            for hk in sorted(with_head[n.key]):
                j = self.groups[hk][0]
                if self.uf.find(i) == self.uf.find(j):
                    continue
                full = self.rep[hk]
                reason = (
                    f'short form: "{n.display}" ~ "{full.display}", the same name without '
                    f'its head noun "{head}" (the corpus uses "{n.display}" with no other head)'
                )
                self.uf.union(j, i, Match("short form", 100.0, reason))

    def qualifier(self) -> None:
        """"Tustin Micro Center" = "Micro Center", "Children's Hospital
        Oakland" = "Children's Hospital": a venue name with a place of the
        corpus (a GPE mention) before its stem or after its head is the same
        venue as the name without it, when the head is the same."""
        places = {self.names[i].key for i, lab in enumerate(self.labels) if lab == "GPE"}
        places.discard("")
        by_stem: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for gk, n in self.rep.items():
            if n.group != "PERSON":
                by_stem[(n.head or "", n.stem_key)].append(gk)
        for gk in sorted(self.rep):
            n = self.rep[gk]
            if n.group == "PERSON":
                continue
            toks = n.display.split()
            cands: list[tuple[str, str, str]] = []  # (head, stem key, place)
            if n.head:
                stem = n.stem.split()
                for k in (1, 2):
                    if len(stem) > k and name_key(" ".join(stem[:k])) in places:
                        cands.append((n.head, name_key(" ".join(stem[k:])), " ".join(stem[:k])))
            else:
                for k in (1, 2):
                    if len(toks) > k + 1 and name_key(" ".join(toks[-k:])) in places:
                        rest = _name(" ".join(toks[:-k]), n.label)
                        if rest.head:
                            cands.append((rest.head, rest.stem_key, " ".join(toks[-k:])))
                    # "Jacksonville Jaguars" = "Jaguars": a place before a name that is
                    # no place itself (a team, a paper, a firm)
                    rest_text = " ".join(toks[k:])
                    if len(toks) > k and name_key(" ".join(toks[:k])) in places:
                        rest_key = name_key(rest_text)
                        if rest_key in places or _known_place(rest_text) or len(rest_key) < 4:
                            continue
                        cands.append(("", rest_key, " ".join(toks[:k])))
            for head, stem_key, place in cands:
                for hk in sorted(by_stem.get((head, stem_key), ())):
                    i, j = self.groups[gk][0], self.groups[hk][0]
                    if hk == gk or self.uf.find(i) == self.uf.find(j):
                        continue
                    full = self.rep[hk]
                    what = f'"{head}"' if head else "name"
                    reason = (
                        f'place qualifier: "{n.display}" ~ "{full.display}", the same '
                        f'{what} with the place "{place}" named in it'
                    )
                    self.uf.union(j, i, Match("qualifier", 100.0, reason))

    def roads(self) -> None:
        """"the 55 Freeway" / "Route 55" (a number and a road noun) -> the only
        numbered road of the corpus with that number and a system ("State
        Route 55"); two systems with that number ("Interstate 5", "US 5")
        leave it alone."""
        specific: dict[str, set[int]] = defaultdict(set)
        witness: dict[int, str] = {}
        for gk, n in sorted(self.rep.items()):
            if n.head == "route" and not n.stem_key.isdigit():
                i = self.groups[gk][0]
                specific[_digits_of(n.stem_key)].add(i)
                witness.setdefault(i, n.display)
        for gk, n in sorted(self.rep.items()):
            if n.head != "route" or not n.stem_key.isdigit():
                continue
            i = self.groups[gk][0]
            systems = {self.names[j].stem_key for j in specific.get(n.stem_key, ())}
            if len(systems) != 1:
                continue
            j = min(specific[n.stem_key])
            reason = (
                f'numbered road: "{n.display}" ~ "{witness[j]}", the only road of the corpus '
                f"numbered {n.stem_key}"
            )
            self.uf.union(j, i, Match("road", 100.0, reason))

    def descriptions(self) -> None:
        """"the sheriff's office", "the district attorney's office" -> the one
        agency of that kind its source names ("Brevard County Sheriff's
        Office"); when the source names none, the only one of the corpus."""
        kinds: dict[tuple[str, str], set[int]] = defaultdict(set)  # (source, head) -> roots
        corpus: dict[str, set[int]] = defaultdict(set)
        for i, n in enumerate(self.names):
            if (
                n.group == "ORG"
                and n.head in AGENCY_INITIALS_OR_HEADS
                and n.stem_key not in ("", "county", "city", "state")  # a fragment
            ):
                kinds[(self.ms[i].source, n.head)].add(i)
                corpus[n.head].add(i)
        for i, n in enumerate(self.names):
            head = _description_head(n)
            if head is None:
                continue
            for pool, where in ((kinds.get((self.ms[i].source, head), set()), "its source"),
                                (corpus.get(head, set()), "the corpus")):
                roots = {self.uf.find(j) for j in pool}
                if not roots:
                    continue
                if len(roots) == 1:
                    j = min(pool)
                    reason = (
                        f'description: "{_flat(n.surface)}" → "{self.names[j].display}", the '
                        f"only {head} office {where} names"
                    )
                    self.uf.union(j, i, Match("description", 100.0, reason))
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

    def bare_names(self) -> None:
        """Bare surnames across sources (see the surname rung in the docstring)."""
        ms, names, uf, th, bare = self.ms, self.names, self.uf, self.th, self.bare
        bkeys = sorted(bare)
        bnames = [_name(names[bare[k][0]].display, "PERSON") for k in bkeys]
        comp = list(range(len(bkeys)))

        def cfind(x: int) -> int:
            while comp[x] != x:
                comp[x] = comp[comp[x]]
                x = comp[x]
            return x

        edge_of: dict[str, Match] = {}  # bare key -> a match that put it in its component
        for p, q in _candidate_pairs(bnames, th):
            match = _compare(bnames[p], bnames[q], th)
            if match is None:
                continue
            a, b = cfind(p), cfind(q)
            if a != b:
                comp[max(a, b)] = min(a, b)
            edge_of.setdefault(bkeys[p], match)
            edge_of.setdefault(bkeys[q], match)
        components: dict[int, list[int]] = defaultdict(list)
        for p in range(len(bkeys)):
            components[cfind(p)].append(p)
        for root in sorted(components):
            idx = sorted((i for p in components[root] for i in bare[bkeys[p]]), key=self.order)
            idx = [i for i in idx if names[i].key not in self.demonyms]
            unresolved = [i for i in idx if i not in self.resolved]
            if not unresolved:
                continue
            targets = sorted({uf.find(i) for i in idx if i in self.resolved})
            resolved_keys = {names[i].key for i in idx if i in self.resolved}
            how = "the only person that surname resolves to in the other sources"
            if not targets:  # no source resolves it: the corpus's only person of that surname
                people = {
                    uf.find(j)
                    for p in components[root]
                    for j in self.surname_index().get(bkeys[p], ())
                }
                if len(people) == 1:
                    targets = sorted(people)
                    how = "the only person of that surname in the corpus"
            leftovers: list[int] = []
            for i in unresolved:
                n = names[i]
                if len(targets) == 1:
                    anchor = targets[0]
                    if uf.find(i) == uf.find(anchor):
                        continue
                    full = sorted(uf.data[uf.find(anchor)].anchors.values(), key=lambda x: x.key)
                    who = f'"{full[0].display}"' if full else "the same person"
                    reason = (
                        f'surname: "{_flat(n.surface)}" ({ms[i].source} names no full form) → '
                        f"{who}, {how}"
                    )
                    if n.key not in resolved_keys and n.key in edge_of:
                        reason += f"; {edge_of[n.key].reason}"
                    if uf.union(anchor, i, Match("surname", 100.0, reason)):
                        continue
                leftovers.append(i)
            # ambiguous (or no full name anywhere): the bare uses form their own entity
            for i in leftovers[1:]:
                k0, k = names[leftovers[0]].key, names[i].key
                uf.union(leftovers[0], i, edge_of.get(k) if k != k0 else None)

    def surname_index(self) -> dict[str, list[int]]:
        """Surname key -> mentions of full PERSON names bearing it (built once)."""
        if self._surnames is not None:
            return self._surnames
        out: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(self.names):
            if n.group == "PERSON" and len(n.tokens) >= 2:
                for alt in _last_alternatives(n):
                    out[alt].append(i)
        self._surnames = out
        return out

    def analyst(self) -> None:
        """Analyst merges, applied last; they never break a split ruling."""
        for side_a, side_b, text in self.merge_sides:
            if not side_a or not side_b:
                continue
            i, j = min(side_a, key=self.order), min(side_b, key=self.order)
            if self.uf.find(i) != self.uf.find(j):
                self.uf.union(i, j, Match("analyst", 100.0, text), force=True)


#: The steps of a run, in order: (name, method). Data, so a reader (and a
#: test) sees the whole procedure in one place.
STEPS: tuple[tuple[str, Callable[[_Run], None]], ...] = (
    ("exact", _Run.exact),
    ("surname", _Run.surname),
    ("acronym", _Run.acronym),
    ("ladder", _Run.ladder),
    ("short form", _Run.short_form),
    ("qualifier", _Run.qualifier),
    ("roads", _Run.roads),
    ("descriptions", _Run.descriptions),
    ("acronym corpus", _Run.acronym_corpus),
    ("bare names", _Run.bare_names),
    ("analyst", _Run.analyst),
)


def _digits_of(key: str) -> str:
    return "".join(c for c in key if c.isdigit())


#: agency heads (see :data:`~claimcheck.link.tables.AGENCY_HEADS`).
AGENCY_INITIALS_OR_HEADS = frozenset(head for _, head in AGENCY_HEADS)
_DESCRIPTION_WORDS = {seq: head for seq, head in AGENCY_HEADS}


def _description_head(n: _Name) -> str | None:
    """The agency a lower-case description names ("sheriff's office" ->
    "sheriff"), or None for a proper name."""
    if n.group != "ORG" or not n.display[:1].islower():
        return None
    from .names import _word

    words = tuple(_word(t) for t in n.display.split())
    if len(words) < 2:
        return None  # "police" alone is no description of one office
    return _DESCRIPTION_WORDS.get(words)


def _known_place(name: str) -> bool:
    """The gazetteer places ``name`` inside a country (a real town)."""
    from claimcheck.places import ancestors

    return len(ancestors(name)) > 1


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


def _run(
    ms: Sequence[Mention],
    texts: Mapping[str, str] | None,
    th: LinkThresholds,
    split_sides: Sequence[tuple[set[int], set[int]]],
    merge_sides: Sequence[tuple[set[int], set[int], str]],
) -> list[Entity]:
    return _Run(ms, texts, th, split_sides, merge_sides).run()


def _build(
    ms: Sequence[Mention], names: Sequence[_Name], labels: Sequence[str], uf: _UF, order
) -> list[Entity]:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        clusters[uf.find(i)].append(i)
    drafts = []
    for root, idx in clusters.items():
        idx.sort(key=order)
        displays = Counter(names[i].display for i in idx)
        # "full forms": not an acronym; for people, not a bare surname
        person = any(names[i].group == "PERSON" for i in idx)
        multi = person and any(" " in d for d in displays)
        full = Counter(
            {
                d: c
                for d, c in displays.items()
                if not _is_acronym_form(d) and not (multi and " " not in d)
            }
        )
        name = _most_common(full or displays)
        label = _vote(Counter(labels[i] for i in idx))
        decisions = tuple(dict.fromkeys(uf.data[root].decisions))
        reasons = tuple(dict.fromkeys(d.reason for d in decisions))
        drafts.append(
            (
                name_key(name),
                label,
                order(idx[0]),
                name,
                tuple(ms[i] for i in idx),
                tuple(sorted(displays)),
                reasons,
                decisions,
            )
        )
    drafts.sort(key=lambda d: d[:3])
    used: Counter[str] = Counter()
    out = []
    for key, label, _, name, mentions, variants, reasons, decisions in drafts:
        base = f"{label.lower()}:{key or '_'}"
        used[base] += 1
        eid = base if used[base] == 1 else f"{base}#{used[base]}"
        out.append(Entity(eid, name, label, mentions, variants, reasons, decisions))
    return out


def mention_id(m: Mention) -> str:
    """The id a mention's own name would carry as an entity ("loc:araz"):
    rulings may name either side of a merge this way."""
    return f"{m.label.lower()}:{_name(m.text, m.label).key or '_'}"


def cluster(
    mentions: Sequence[Mention],
    texts: Mapping[str, str] | None = None,
    thresholds: LinkThresholds = DEFAULT.link,
    rulings: Sequence[tuple[str, str, str]] = (),
) -> list[Entity]:
    """Resolve entity mentions into entities (see the module docstring).

    ``texts`` maps a source id to its text (for acronym definitions).
    ``rulings`` are analyst decisions ``("merge" | "split", id_a, id_b)``. An id
    denotes the mentions whose own name would carry it (``"loc:araz"`` names
    the "Araz" mentions even when the ladder put them in ``"loc:aras"``), or,
    when no mention's name does, the mentions of the entity with that id in
    the result without rulings.
    Splits are enforced as cannot-link constraints while the ladder runs;
    merges are applied after it, in order, unless they would break a split.
    Mentions with a numeric label (:data:`NON_ENTITY_LABELS`) are dropped.
    """
    ms = [m for m in mentions if m.label not in NON_ENTITY_LABELS]
    ms += recall_mentions(ms, texts)  # names the corpus knows, where the model missed them
    if not rulings:
        return _run(ms, texts, thresholds, (), ())
    first = _run(ms, texts, thresholds, (), ())
    pos = {id(m): i for i, m in enumerate(ms)}  # the entities hold these very objects
    named: dict[str, set[int]] = defaultdict(set)  # the id each mention's own name would carry
    for i, m in enumerate(ms):
        named[mention_id(m)].add(i)
    members: dict[str, set[int]] = defaultdict(set)  # entity ids of the result without rulings
    for e in first:
        members[e.id].update(pos[id(m)] for m in e.mentions)

    def resolve(eid: str) -> set[int]:
        return set(named.get(eid) or members.get(eid) or ())

    splits, merges = [], []
    for kind, a, b in rulings:
        sa, sb = resolve(a), resolve(b)
        if kind == "split":
            splits.append((sa, sb))
        elif kind == "merge":
            merges.append((sa, sb, f'analyst ruling: merge "{a}" + "{b}"'))
        else:
            raise ValueError(f"unknown ruling {kind!r} (expected 'merge' or 'split')")
    return _run(ms, texts, thresholds, splits, merges)


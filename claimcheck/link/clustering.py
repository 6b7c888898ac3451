"""Clustering: the run (:class:`_Run`, its :data:`STEPS`), building the entities,
and :func:`cluster`, the entry point. The parts live beside it: :mod:`.unionfind`
(``Decision``, ``Entity``, the union-find), :mod:`.blocking`, :mod:`.acronyms`,
:mod:`.vote` (the label vote), :mod:`.state`, :mod:`.steps` and :mod:`.people`."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

from claimcheck.records import Mention
from claimcheck.thresholds import DEFAULT, LinkThresholds

from .acronyms import _AcronymSteps, _is_acronym_form
from .blocking import _candidate_pairs
from .keys import name_key
from .names import _Name, _name
from .people import _PeopleSteps
from .recall import recall_mentions
from .steps import _NameSteps
from .tables import NON_ENTITY_LABELS
from .unionfind import _UF, Decision, Entity
from .vote import _most_common, _vote

#: re-exported: the records and the blocking the package and its tests import from here
__all__ = ["STEPS", "Decision", "Entity", "_candidate_pairs", "cluster", "mention_id"]


class _Run(_NameSteps, _AcronymSteps, _PeopleSteps):
    """One linking run: every step below adds merges to one union-find.

    Before the steps (:class:`~.state._RunState`): the label vote
    (:func:`~.vote._voted_labels`) and the headline trim
    (:func:`~.vote._headline_trim`). The steps are the methods of
    :class:`~.steps._NameSteps`, :class:`~.acronyms._AcronymSteps` and
    :class:`~.people._PeopleSteps`.
    Steps, in order (:data:`STEPS`): ``exact`` (every mention of one key),
    ``surname`` (bare surnames within a source), ``acronym`` (defined in a
    source), ``ladder`` (context-free rungs on full names across sources),
    ``short form`` (a name and the same name plus a soft head), ``acronym
    corpus`` (an acronym spelt by exactly one name of the corpus), ``bare
    names`` (bare surnames across sources), ``analyst`` (merge rulings).
    """

    def run(self) -> list[Entity]:
        for _, step in STEPS:
            step(self)
        return _build(self.ms, self.names, self.labels, self.uf, self.order)


#: The steps of a run, in order: (name, method). Data, so a reader (and a
#: test) sees the whole procedure in one place.
STEPS: tuple[tuple[str, Callable[[_Run], None]], ...] = (
    ("exact", _Run.exact),
    ("surname", _Run.surname),
    ("acronym", _Run.acronym),
    ("ladder", _Run.ladder),
    ("short form", _Run.short_form),
    ("generic words", _Run.generic_words),
    ("qualifier", _Run.qualifier),
    ("roads", _Run.roads),
    ("descriptions", _Run.descriptions),
    ("acronym corpus", _Run.acronym_corpus),
    ("bare names", _Run.bare_names),
    ("given names", _Run.given_names),
    ("analyst", _Run.analyst),
)


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

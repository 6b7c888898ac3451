"""The state of one linking run, shared by the step mixins: the voted labels,
the analysed names, the name groups and their representatives, the union-find."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from claimcheck.records import Mention
from claimcheck.thresholds import LinkThresholds

from .names import _Name, _name
from .tables import DEMONYMS
from .unionfind import _UF
from .vote import _glued_trim, _headline_trim, _is_bare, _most_common, _vote, _voted_labels


class _RunState:
    """What every step of a run reads and the union-find it merges in."""

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
        self.labels = _voted_labels(ms, texts, th)
        self.names = _glued_trim(
            _headline_trim([_name(m.text, lab) for m, lab in zip(ms, self.labels)]), self.labels
        )
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

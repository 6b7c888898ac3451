"""The one union-find of a run, with its cannot-link guards, and the records it
produces: :class:`Decision` (one merge) and :class:`Entity` (one cluster)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from claimcheck.records import Mention
from claimcheck.thresholds import LinkThresholds

from .names import _Name
from .rungs import Match, _compare


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

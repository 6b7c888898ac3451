"""Clustering: union-find with cannot-link guards, blocking, acronyms, the steps."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from claimcheck.records import Mention
from claimcheck.thresholds import DEFAULT, LinkThresholds

from .keys import name_key
from .names import _DISPLAY_THE, _Name, _name
from .rungs import Match, _compare, _flat, _similar
from .tables import LENGTH_BAND_RATIO, NON_ENTITY_LABELS, _RUNG_ORDER

@dataclass(frozen=True, slots=True)
class Entity:
    """One resolved entity and the mentions that name it."""

    id: str  # "<label>:<canonical key>", unique in a result ("#2", "#3" on a clash)
    name: str  # canonical display name
    label: str
    mentions: tuple[Mention, ...]  # sorted by (source, start)
    variants: tuple[str, ...]  # distinct surface spellings (titles/articles stripped), sorted
    reasons: tuple[str, ...]  # one line per merge, in the order the merges were made


@dataclass(slots=True)
class _Root:
    anchors: dict[str, _Name] = field(default_factory=dict)  # full PERSON names
    tags: set[tuple[int, int]] = field(default_factory=set)  # (split ruling, side)
    reasons: list[str] = field(default_factory=list)


class _UF:
    def __init__(self, names: Sequence[_Name], th: LinkThresholds) -> None:
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

    def union(self, i: int, j: int, reason: str | None = None, force: bool = False) -> bool:
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
        a.reasons.extend(b.reasons)
        if reason:
            a.reasons.append(reason)
        return True

    def add_reason(self, i: int, reason: str) -> None:
        self.data[self.find(i)].reasons.append(reason)


# --------------------------------------------------------------------------- #
# Blocking
# --------------------------------------------------------------------------- #


def _band(n: int) -> int:
    return int(math.log(max(n, 1)) / math.log(LENGTH_BAND_RATIO))


def _candidate_pairs(
    names: Sequence[_Name], th: LinkThresholds = DEFAULT.link
) -> list[tuple[int, int]]:
    """Index pairs worth running the ladder on (see "Cost" in the module docstring).

    Equal (group, head, stem skeleton) and equal alias group always pair. In a
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
    """Keys a bare surname may take to name ``n``: its last token, and that
    token without an Arabic article (al-/el-/ad-)."""
    toks = n.display.split()
    last = toks[-1]
    alts = {name_key(last)}
    m = re.match(r"^(?:al|el|ad|as|an|ar|at)[-\u2010\u2011'’](.+)$", last, re.IGNORECASE)
    if m:
        alts.add(name_key(m.group(1)))
    return {a for a in alts if a}


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


def _run(
    ms: Sequence[Mention],
    texts: Mapping[str, str] | None,
    th: LinkThresholds,
    split_sides: Sequence[tuple[set[int], set[int]]],
    merge_sides: Sequence[tuple[set[int], set[int], str]],
) -> list[Entity]:
    names = [_name(m.text, m.label) for m in ms]
    uf = _UF(names, th)
    for rule, (side_a, side_b) in enumerate(split_sides):
        both = side_a & side_b
        for side, members in ((0, side_a - both), (1, side_b - both)):
            for i in members:
                uf.data[i].tags.add((rule, side))

    # name groups: (label group, key) -> mention indices (bare surnames apart)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    bare: dict[str, list[int]] = defaultdict(list)  # key -> bare mention indices
    for i, n in enumerate(names):
        if not n.key:
            continue
        if _is_bare(n):
            bare[n.key].append(i)
        else:
            groups[(n.group, n.key)].append(i)

    def order(i: int) -> tuple:
        return (ms[i].source, ms[i].start, ms[i].end, ms[i].text, ms[i].label)

    # representative analysed name for each group
    rep: dict[tuple[str, str], _Name] = {}
    for gk, idx in groups.items():
        idx.sort(key=order)
        displays = Counter(names[i].display for i in idx if not names[i].prefix) or Counter(
            names[i].display for i in idx
        )
        best = _most_common(displays)
        labels = Counter(names[i].label for i in idx)
        label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        rep[gk] = _name(best, label)

    # 1. exact / title: every mention of one key is one entity
    for gk in sorted(groups):
        idx = groups[gk]
        base = rep[gk]
        seen: set[tuple[str, str]] = set()
        for i in idx:
            n = names[i]
            form = (n.prefix, n.display)
            reason = None
            if form not in seen and (n.prefix or n.display != base.display):
                match = _compare(n, base, th)
                reason = match.reason if match else None
            seen.add(form)
            if uf.find(idx[0]) == uf.find(i):
                if reason:
                    uf.add_reason(i, reason)
            else:
                uf.union(idx[0], i, reason)

    # 2. surname, within one source
    by_source: dict[str, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        by_source[ms[i].source].append(i)
    resolved: set[int] = set()
    for src in sorted(by_source):
        idx = sorted(by_source[src], key=order)
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
            if not _is_bare(n):
                continue
            cands = sorted(k for k, a in alts.items() if n.key in a)
            how = "last name"
            if not cands:
                cands = sorted(
                    k for k, a in alts.items() if any(_similar(n.key, x, th) for x in a)
                )
                how = "last name, spelt alike"
            if not cands:
                continue
            if len(cands) == 1:
                target = cands[0]
                why = f"the only full name in {src} with that {how}"
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

                    def nearness(k: str) -> tuple:
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
            if uf.union(fulls[target][0], i, reason):
                resolved.add(i)

    # 3. acronyms, within a source that defines them
    if texts:
        key_index: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(names):
            if n.key and n.group != "PERSON":
                key_index[(ms[i].source, n.key)].append(i)
                by_key[n.key].append(i)
        for src in sorted(by_source):
            text = texts.get(src)
            if not text:
                continue
            ends: dict[int, list[int]] = defaultdict(list)
            for i in by_source[src]:
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
                for i in sorted(acr_ms, key=order):
                    for j in sorted(exp_ms, key=order):
                        if names[i].group == names[j].group:
                            if uf.find(i) != uf.find(j):
                                reason = (
                                    f'acronym: "{acr}" = "{names[j].display}" ({how} in {src})'
                                )
                                uf.union(j, i, reason)
                            break

    # 4. cross-name rungs on full (non-bare) names: alias, transliteration, fuzzy
    gkeys = sorted(groups)
    gnames = [rep[g] for g in gkeys]
    found: list[tuple[int, float, str, str, Match, int, int]] = []
    for p, q in _candidate_pairs(gnames, th):
        match = _compare(gnames[p], gnames[q], th)
        if match is not None:
            ka, kb = sorted((gkeys[p][1], gkeys[q][1]))
            found.append((_RUNG_ORDER[match.rung], -match.score, ka, kb, match, p, q))
    found.sort(key=lambda t: t[:4])
    for _, _, _, _, match, p, q in found:
        i, j = groups[gkeys[p]][0], groups[gkeys[q]][0]
        if uf.find(i) != uf.find(j):
            uf.union(i, j, match.reason)

    # 5. bare names across sources (see the surname rung in the docstring)
    bkeys = sorted(bare)
    bnames = [_name(names[bare[k][0]].display, "PERSON") for k in bkeys]
    comp = list(range(len(bkeys)))

    def cfind(x: int) -> int:
        while comp[x] != x:
            comp[x] = comp[comp[x]]
            x = comp[x]
        return x

    edge_of: dict[str, str] = {}  # bare key -> reason of a match that put it in its component
    for p, q in _candidate_pairs(bnames, th):
        match = _compare(bnames[p], bnames[q], th)
        if match is None:
            continue
        a, b = cfind(p), cfind(q)
        if a != b:
            comp[max(a, b)] = min(a, b)
        edge_of.setdefault(bkeys[p], match.reason)
        edge_of.setdefault(bkeys[q], match.reason)
    components: dict[int, list[int]] = defaultdict(list)
    for p in range(len(bkeys)):
        components[cfind(p)].append(p)
    for root in sorted(components):
        idx = sorted((i for p in components[root] for i in bare[bkeys[p]]), key=order)
        unresolved = [i for i in idx if i not in resolved]
        if not unresolved:
            continue
        targets = sorted({uf.find(i) for i in idx if i in resolved})
        resolved_keys = {names[i].key for i in idx if i in resolved}
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
                    f'surname: "{_flat(n.surface)}" ({ms[i].source} names no full form) → {who}, '
                    "the only person that surname resolves to in the other sources"
                )
                if n.key not in resolved_keys and n.key in edge_of:
                    reason += f"; {edge_of[n.key]}"
                if uf.union(anchor, i, reason):
                    continue
            leftovers.append(i)
        # ambiguous (or no full name anywhere): the bare uses form their own entity
        for i in leftovers[1:]:
            k0, k = names[leftovers[0]].key, names[i].key
            uf.union(leftovers[0], i, edge_of.get(k) if k != k0 else None)

    # 6. analyst merges
    for side_a, side_b, text in merge_sides:
        if not side_a or not side_b:
            continue
        i, j = min(side_a, key=order), min(side_b, key=order)
        if uf.find(i) != uf.find(j):
            uf.union(i, j, text, force=True)

    return _build(ms, names, uf, order)


def _build(ms: Sequence[Mention], names: Sequence[_Name], uf: _UF, order) -> list[Entity]:
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
        labels = Counter(ms[i].label for i in idx)
        label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        reasons = tuple(dict.fromkeys(uf.data[root].reasons))
        drafts.append(
            (
                name_key(name),
                label,
                order(idx[0]),
                name,
                tuple(ms[i] for i in idx),
                tuple(sorted(displays)),
                reasons,
            )
        )
    drafts.sort(key=lambda d: d[:3])
    used: Counter[str] = Counter()
    out = []
    for key, label, _, name, mentions, variants, reasons in drafts:
        base = f"{label.lower()}:{key or '_'}"
        used[base] += 1
        eid = base if used[base] == 1 else f"{base}#{used[base]}"
        out.append(Entity(eid, name, label, mentions, variants, reasons))
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


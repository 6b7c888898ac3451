"""The people steps of a run: a bare surname to the full name of its source
(``surname``) and across sources (``bare names``); a given name used alone to
the one person who bears it (``given names``)."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from .blocking import _candidate_pairs
from .names import _name
from .rungs import Match, _compare, _flat, _similar
from .state import _RunState
from .vote import _is_bare, _known_place, _last_alternatives


class _PeopleSteps(_RunState):
    """The people steps of a run: bare surnames, bare given names."""

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

    def given_names(self) -> None:
        """A given name used alone ("his wife, Dana") -> the one person who
        bears it: the only person of its source with that given name, or, when
        its source names none, the only one in the corpus whose name the corpus
        also uses as a person's (a surname used alone, or a title before it:
        "Dana Rowe Hill Breaks" from a headline is no person). A one-word name
        that is anyone's surname in the corpus, that the corpus also uses as a
        place's or an organisation's ("Fernwood"), or, across sources, that the
        gazetteer knows as a town, is left alone; so is one whose uses point at
        two people."""
        names, uf = self.names, self.uf
        surnames = self.surname_index()
        bearers: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        corpus: dict[str, set[int]] = defaultdict(set)
        for i, n in enumerate(names):
            if n.group == "PERSON" and len(n.tokens) >= 2 and n.given:
                bearers[n.given][self.ms[i].source].add(i)
                corpus[n.given].add(i)
        # people the corpus treats as people: a bare surname or a title joined them
        confirmed = {
            uf.find(i) for i, n in enumerate(names)
            if n.group == "PERSON" and (n.prefix or (_is_bare(n) and n.key in surnames))
        }
        other_uses = {key for group, key in self.groups if group != "PERSON"}
        roots: dict[int, list[int]] = defaultdict(list)  # bare given-name uses by cluster
        for key in sorted(self.bare):
            if key in surnames or key in self.demonyms or key not in corpus or key in other_uses:
                continue
            for i in self.bare[key]:
                if not uf.data[uf.find(i)].anchors:  # not already with a full name
                    roots[uf.find(i)].append(i)
        for root in sorted(roots):
            targets: set[int] = set()
            where = "its source"
            for i in roots[root]:
                key = names[i].key
                own = bearers[key].get(self.ms[i].source)
                if own:
                    targets |= {uf.find(j) for j in own}
                    continue
                where = "the corpus"
                if _known_place(names[i].display):
                    targets.add(-1)  # "Dallas" alone is the city as likely as anyone
                    continue
                targets |= {uf.find(j) for j in corpus[key] if uf.find(j) in confirmed}
            if len(targets) != 1 or -1 in targets:
                continue
            (target,) = targets
            i = min(roots[root], key=self.order)
            full = sorted(uf.data[target].anchors.values(), key=lambda x: x.key)
            who = f'"{full[0].display}"' if full else "the same person"
            reason = (
                f'given name: "{_flat(names[i].surface)}" → {who}, the only person with that '
                f"given name in {where}"
            )
            uf.union(target, i, Match("given name", 100.0, reason))

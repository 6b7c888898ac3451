"""The general clustering steps: ``exact``, ``ladder`` (the context-free rungs),
``short form``, ``generic words``, ``qualifier``, ``roads``, ``descriptions``
and ``analyst``."""

from __future__ import annotations

from collections import defaultdict

from .blocking import _candidate_pairs
from .keys import name_key
from .names import PLACE_LABELS, _Name, _name, _word
from .rungs import Match, _compare, _flat
from .state import _RunState
from .tables import _LEADING_HEADS, _RUNG_ORDER, AGENCY_HEADS, CIVIC_PREFIXES, CORPORATE_WORDS, SOFT_HEADS
from .vote import _known_place


class _NameSteps(_RunState):
    """The general steps of a run (one method each)."""

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

    def ladder(self) -> None:
        """Context-free rungs (alias, person, transliteration, fuzzy) on full names."""
        gkeys = sorted(self.groups)
        gnames = [self.rep[g] for g in gkeys]
        found: list[tuple[int, float, str, str, Match, int, int]] = []
        for p, q in _candidate_pairs(gnames, self.th):
            # two places (GPE / LOC) go through the place-name mode's ladder too
            places = gnames[p].label in PLACE_LABELS and gnames[q].label in PLACE_LABELS
            match = _compare(gnames[p], gnames[q], self.th, places)
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

    def generic_words(self) -> None:
        """"City of Fernwood" = "Fernwood" (a civic prefix, :data:`CIVIC_PREFIXES`,
        before a place of the corpus) and "Quillon Technologies" = "Quillon"
        (an organisation and its name without the generic words it ends with,
        :data:`CORPORATE_WORDS`, when the corpus writes that short form as an
        organisation only, and with no other such ending)."""
        long_forms: dict[str, set[tuple[str, str]]] = defaultdict(set)  # short key -> long groups
        groups_of: dict[str, set[str]] = defaultdict(set)  # key -> label groups using it
        for group, key in self.groups:
            groups_of[key].add(group)
        pairs: list[tuple[tuple[str, str], tuple[str, str], str]] = []
        for gk in sorted(self.rep):
            n = self.rep[gk]
            if n.group == "PERSON":
                continue
            words = n.display.split()
            folded = [_word(w) for w in words]
            if len(words) >= 3 and folded[0] in CIVIC_PREFIXES and folded[1] == "of":
                short = name_key(" ".join(words[2:]))
                if ("PLACE", short) in self.groups:
                    pairs.append((gk, ("PLACE", short), f'the civic prefix "{" ".join(words[:2])}"'))
                continue
            k = 0
            while k < len(words) - 1 and folded[len(words) - 1 - k] in CORPORATE_WORDS:
                k += 1
            if n.group != "ORG" or k == 0:
                continue
            short = name_key(" ".join(words[: len(words) - k]))
            others = groups_of.get(short, set()) | ({"PERSON"} if short in self.bare else set())
            if others != {"ORG"} or short in self.demonyms:
                continue  # the short form names a person or a place too
            long_forms[short].add(gk)
            pairs.append((gk, ("ORG", short), f'the generic ending "{" ".join(words[len(words) - k:])}"'))
        for gk, sk, what in pairs:
            if sk[0] == "ORG" and len(long_forms[sk[1]]) != 1:
                continue  # "Quillon Systems" and "Quillon Holdings": which one?
            i, j = self.groups[gk][0], self.groups[sk][0]
            if self.uf.find(i) == self.uf.find(j):
                continue
            n, short_n = self.rep[gk], self.rep[sk]
            reason = (
                f'generic words: "{short_n.display}" ~ "{n.display}", the same name without {what}'
            )
            self.uf.union(i, j, Match("generic words", 100.0, reason))

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

    def analyst(self) -> None:
        """Analyst merges, applied last; they never break a split ruling."""
        for side_a, side_b, text in self.merge_sides:
            if not side_a or not side_b:
                continue
            i, j = min(side_a, key=self.order), min(side_b, key=self.order)
            if self.uf.find(i) != self.uf.find(j):
                self.uf.union(i, j, Match("analyst", 100.0, text), force=True)


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

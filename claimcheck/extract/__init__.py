"""The extract stage: Source -> claims and entity mentions.

One module per claim kind (:mod:`.quantity`, :mod:`.dates`, :mod:`.roles`),
:mod:`.context` for what a claim is about, :mod:`.mentions` for the entity
mentions the link stage clusters. This module runs spaCy over a source's
segments (page noise and repeats already removed by ingest) and assembles
immutable :class:`~claimcheck.records.Claim` records with exact offsets.

Library code: returns data, never prints. Progress goes through a callback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..rules_version import EXTRACTOR_VERSION  # re-exported: bumped when a rule change alters claims
from ..records import Claim, Kind, Mention, Precision, Source, Stance
from ..thresholds import DEFAULT, Thresholds
from .context import (
    date_governs,
    event_for_date,
    has_parse,
    is_attribution,
    is_baseline,
    lemma,
    nearest,
    stance_for,
    subject_for_figure,
)
from ..normalize.dates import parse_date
from ..normalize.units import canonical
from .ages import find_ages
from .dates import find_date_mentions
from .datelines import dateline
from .counts import find_implicit_counts
from .frame import derived_measure, event_measure, measure_and_about, rate_after
from .mentions import find_mentions
from .quantity import Figure, find_figures
from .times import find_times
from .roles import find_roles, normalise_title
from ..vocab.titles import TITLE_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract", "extract_source"]

_WS = re.compile(r"\s+")
_SCOPE_LABELS = ("GPE",)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extract stage found in one source."""

    source: Source
    claims: tuple[Claim, ...]
    mentions: tuple[Mention, ...]


def extract(
    sources: Iterable[Source],
    nlp: Language,
    thresholds: Thresholds = DEFAULT,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[Extraction]:
    """Extract claims from each source, in order, streaming.

    All sources' segments flow through one ``nlp.pipe`` (with ``n_process``
    worker processes when more than 1); each source's Docs are gathered in
    chunks of about :data:`CHUNK_CHARS`, turned into claims and released. The
    output does not depend on ``n_process``.
    """
    table: dict[int, Source] = {}

    def stream() -> Iterator[tuple[str, tuple[int, int]]]:
        for si, src in enumerate(sources):
            table[si] = src
            if not src.segments:
                yield "", (si, -1)  # a source with nothing to read still completes
            for k, seg in enumerate(src.segments):
                yield src.text[seg.start : seg.end], (si, k)

    running: _Running | None = None
    # n_process=1 is spaCy's default: one process, no workers started
    for doc, (si, k) in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size, n_process=max(1, n_process)):
        if running is None or running.index != si:
            if running is not None:
                yield running.finish()
            running = _Running(si, table.pop(si), nlp, thresholds)
        if k >= 0:
            running.add(doc, k)
    if running is not None:
        yield running.finish()


def extract_source(source: Source, nlp: Language, thresholds: Thresholds = DEFAULT) -> Extraction:
    """Claims and mentions of one source."""
    return next(extract([source], nlp, thresholds))


#: Segments are parsed in chunks of about this many characters, so a huge
#: source never holds all its spaCy Docs at once. A normal article is one chunk.
CHUNK_CHARS = 1_000_000


class _Running:
    """One source in flight: Docs gathered per chunk, then turned into claims.

    Each chunk's entity mentions are collected first (they tell the claims'
    scope: the places named, the source's main places), then its claims are
    built and its Docs released.
    """

    def __init__(self, index: int, source: Source, nlp: Language, thresholds: Thresholds):
        self.index = index
        self.source = source
        self.nlp = nlp
        self.builder = _SourceClaims(source, "ner" in nlp.pipe_names, thresholds)
        self.mentions: list[Mention] = []
        self.pending: list[tuple[Doc, int]] = []
        self.size = 0

    def add(self, doc: Doc, k: int) -> None:
        seg = self.source.segments[k]
        if self.pending and self.size + (seg.end - seg.start) > CHUNK_CHARS:
            self._flush()
        self.pending.append((doc, seg.start))
        self.size += seg.end - seg.start

    def _flush(self) -> None:
        found = [m for doc, base in self.pending for m in find_mentions(doc, self.nlp, self.source.id, base)]
        self.mentions = _repair_labels([*self.mentions, *found])
        self.builder.learn_places(self.mentions)
        for doc, base in self.pending:
            self.builder.add_doc(doc, base)
        self.pending, self.size = [], 0

    def finish(self) -> Extraction:
        if self.pending:
            self._flush()
        return Extraction(self.source, tuple(self.builder.claims), tuple(self.mentions))


def _repair_labels(mentions: list[Mention]) -> list[Mention]:
    """Source-level label repairs for the small model's misfires:

    - a name keeps its most frequent label within the source ("Azerbaijan"
      tagged PERSON a few times among many GPE);
    - a non-PERSON mention that is exactly the surname of a person named in
      the same source is that person ("Pezeshkian" tagged NORP);
    - a plural of a demonym the source uses is that demonym's group
      ("Azerbaijanis" tagged ORG next to "Azerbaijani" NORP).
    """
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1}
    demonyms = {m.text for m in mentions if m.label == "NORP"}
    # one sense per discourse: a name keeps its most frequent label in a source
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(m.text, Counter())[m.label] += 1
    majority = {}
    for text, counter in votes.items():
        (top, n), *rest = counter.most_common()
        if not rest or n > rest[0][1]:
            majority[text] = top
    out = []
    for m in mentions:
        if majority.get(m.text, m.label) != m.label:
            m = replace(m, label=majority[m.text])
        if m.label in ("NORP", "ORG", "LOC") and m.text in surnames:
            m = replace(m, label="PERSON")
        elif m.label != "NORP" and m.text.endswith("s") and m.text[:-1] in demonyms:
            m = replace(m, label="NORP")
        out.append(m)
    return out


def claim_id(source: str, kind: Kind, quote: str, surface: str, occurrence: int) -> str:
    """Stable across runs, and across edits elsewhere in the source."""
    key = "\x1f".join((source, kind.value, _WS.sub(" ", quote).strip().casefold(), surface, str(occurrence)))
    return f"{kind.value[0]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def _demonym_map(names: Iterable[str]) -> Callable[[str], str | None]:
    """Map a demonym to a place named in the same source: Iranian -> Iran,
    Azerbaijani -> Azerbaijan, Chinese -> China (shared prefix of at least 4
    letters covering most of the place name)."""
    places = sorted(set(names), key=len, reverse=True)

    def to_place(word: str) -> str | None:
        w = word.casefold()
        for place in places:
            p = place.casefold()
            n = 0
            while n < min(len(w), len(p)) and w[n] == p[n]:
                n += 1
            if n >= 4 and n / len(p) >= 0.55:
                return place
        return None

    return to_place


class _SourceClaims:
    """Accumulates one source's claims, dropping repeated sentences."""

    def __init__(self, source: Source, has_ner: bool, thresholds: Thresholds):
        self.source = source
        self.has_ner = has_ner
        self._scope_size = thresholds.extract.fallback_scope_size
        self.ref = _ref_date(source.published)
        self.claims: list[Claim] = []
        self._seen_sentences: set[str] = set()
        self._seen_roles: set[tuple[str, str]] = set()
        self._occurrences: Counter[tuple[Kind, str, str]] = Counter()
        self._heading_period: str | None = None
        self._dateline_end = 0
        self._dateline_place: str | None = None
        self._default_period: str | None = None
        # date-only lines head their entries only in a chronology (two or
        # more of them): a lone date line is a byline or the page's date, and
        # a figure with no date in reach gets no period from it
        self._chronology = sum(1 for line in source.text.splitlines()
                               if 0 < len(line.strip()) < 60 and parse_date(line.strip(), self.ref)) >= 2
        self._place_of = _demonym_map(())
        self.main_places: tuple[str, ...] = ()

    def learn_places(self, mentions: list[Mention]) -> None:
        """The places the source names so far: what demonyms map to, and the
        most named ones, the fallback scope."""
        places = [m.text for m in mentions if m.label in _SCOPE_LABELS]
        self._place_of = _demonym_map(places)
        counts = Counter(places)
        for m in mentions:
            if m.label == "NORP":
                place = self._place_of(m.text)
                if place:
                    counts[place] += 1
        self.main_places = tuple(sorted(p for p, n in counts.most_common(self._scope_size) if n >= 2))

    # -- scope ------------------------------------------------------------
    def scope(self, sent: Span) -> tuple[str, ...]:
        found = set()
        for ent in sent.ents:
            if is_attribution(ent.root):
                continue
            text = _strip_det(ent.text)
            if ent.label_ in _SCOPE_LABELS:
                found.add(text)
            elif ent.label_ == "NORP":
                place = self._place_of(text)
                if place:
                    found.add(place)
        return tuple(sorted(found)) or self.main_places

    # -- sentences ----------------------------------------------------------
    def add_doc(self, doc: Doc, base: int) -> None:
        # a paragraph that is only a date heads the next one ("24 August 2016"
        # above an entry of a chronology): figures there without a date of
        # their own take it as their period
        self._default_period = self._heading_period
        heading = parse_date(doc.text.strip(), self.ref) if self._chronology and len(doc.text) < 60 else None
        self._heading_period = heading.value if heading is not None else None
        named: dict[str, str] = {}
        # an inline dateline ("HOUSTON (AP) —") is the story's place and date line:
        # nothing in it is a claim, and its place is never a subject
        found = dateline(doc.text)
        self._dateline_end, self._dateline_place = found if found is not None else (0, None)
        # noun chunks once per paragraph (spaCy rebuilds them per call)
        chunks = list(doc.noun_chunks) if has_parse(doc) else []
        c = 0
        for sent in doc.sents:
            key = _WS.sub(" ", sent.text).strip().casefold()
            if not key:
                continue
            while c < len(chunks) and chunks[c].start < sent.end:
                chunk = chunks[c]
                c += 1
                if any(t.pos_ == "PROPN" for t in chunk if t.i != chunk.root.i) and chunk.root.pos_ == "NOUN":
                    named[lemma(chunk.root)] = _strip_det(chunk.text)
            if key in self._seen_sentences:
                continue  # a repeat inside this source counts once
            self._seen_sentences.add(key)
            self._add_sentence(sent, base, named)

    def _add_sentence(self, sent: Span, base: int, named: dict[str, str]) -> None:
        first = next((t for t in sent if not t.is_space), None)
        if first is None:
            return
        q_start = base + first.idx
        q_end = base + sent.end_char
        quote = self.source.text[q_start:q_end]
        scope = self.scope(sent)
        times = find_times(sent)
        time_tokens = {i for t in times for i in range(t.start, t.end)}
        dates = [d for d in find_date_mentions(sent, self.ref) if not time_tokens.intersection(range(d.start, d.end))]
        if self._dateline_end:
            time_tokens |= {t.i for t in sent if t.idx < self._dateline_end}
            dates = [d for d in dates if not time_tokens.intersection(range(d.start, d.end))]
        figures = _merge_figures(find_ages(sent), find_figures(sent), find_implicit_counts(sent), taken=time_tokens)
        fig_tokens = {i for f in figures for i in range(f.start, f.end)}
        doc = sent.doc
        toks = list(sent)
        periods = [
            d for d in dates
            if not is_baseline(d.start, sent) and not fig_tokens.intersection(range(d.start, d.end))
        ]
        for f in figures:
            span = doc[f.start : f.end]
            subject = _resolve(subject_for_figure(span.root, sent), named)
            p = f.parsed
            candidates = [(d.start, d.end, d.parsed.value) for d in periods
                          if date_governs(doc[d.start : d.end].root, span.root)]
            rate = f.rate or rate_after(toks, f.end - sent.start)
            canon = canonical(p.value, p.value_max, f.unit, rate=rate, age=f.measure == "age")
            if canon.dimension is not None and canon.value is None:
                continue  # absurd after conversion ("1e308 dollars"): not a fact
            measure, about = measure_and_about(f, span, sent, canon.dimension)
            derived = measure is None and canon.dimension is not None
            if derived:
                measure = derived_measure(canon.dimension)
            self._emit(
                Kind.QUANTITY, quote, q_start, q_end, span, base,
                subject=subject, scope=scope, value=p.value, value_max=p.value_max,
                unit=f.unit, hedge=p.hedge, period=nearest(candidates, f.start, f.end) or self._default_period,
                stance=stance_for(span.root, sent),
                measure=measure, measure_derived=derived, **self._about(about, doc, base),
                dimension=canon.dimension, canonical=canon.value, canonical_max=canon.value_max,
                canonical_unit=canon.unit,
            )
        for t in times:
            span = doc[t.start : t.end]
            self._emit(
                Kind.TIME, quote, q_start, q_end, span, base,
                subject=_resolve(event_for_date(span.root, sent), named), scope=scope,
                value=t.value, hedge=t.hedge, stance=_date_stance(span.root, sent),
                period=nearest([(d.start, d.end, d.parsed.value) for d in dates], t.start, t.end),
                measure=event_measure(span.root, sent),
                canonical=_seconds(t.value), canonical_max=_seconds(t.value_max) if t.value_max else None,
                canonical_unit="second_of_day",
            )
        for d in dates:
            if fig_tokens.intersection(range(d.start, d.end)):
                continue
            span = doc[d.start : d.end]
            self._emit(
                Kind.DATE, quote, q_start, q_end, span, base,
                subject=_resolve(event_for_date(span.root, sent), named), scope=scope,
                value=d.parsed.value, precision=Precision(d.parsed.precision),
                resolved=d.parsed.resolved, stance=_date_stance(span.root, sent),
                measure=event_measure(span.root, sent),
            )
        for r in find_roles(sent, self.has_ner):
            name = doc[r.name_start : r.name_end]
            title = doc[r.title_start : r.title_end]
            country = self._place_of(r.country) or r.country if r.country else None
            words = title.text.split()
            if len(words) > 1 and self._place_of(words[0]) and not _is_title_word(words[0]):
                country = country or self._place_of(words[0])  # "Iranian President"
                words = words[1:]
            if country is None:
                country = next((_strip_det(e.text) for e in title.ents if e.label_ == "GPE"), None)
            norm = normalise_title(" ".join(words))
            if (name.text.casefold(), norm) in self._seen_roles:
                continue
            self._seen_roles.add((name.text.casefold(), norm))
            lo, hi = min(r.name_start, r.title_start), max(r.name_end, r.title_end)
            self._emit(
                Kind.ROLE, quote, q_start, q_end, doc[lo:hi], base,
                subject=name.text, scope=(country,) if country else scope,
                value=title.text, normalized=norm, stance=Stance.ACTUAL,
            )

    def _about(self, about: tuple[int, int] | None, doc: Doc, base: int) -> dict[str, Any]:
        if about is None:
            return {}
        span = doc[about[0] : about[1]]
        s, e = base + span.start_char, base + span.end_char
        return {"about": self.source.text[s:e], "about_start": s, "about_end": e}

    def _emit(self, kind: Kind, quote: str, q_start: int, q_end: int, span: Span, base: int, **fields: Any) -> None:
        place = self._dateline_place
        if place and kind is not Kind.ROLE and (fields.get("subject") or "").upper().startswith(place):
            fields["subject"] = None  # a dateline is never a subject
        s_start = base + span.start_char
        s_end = base + span.end_char
        surface = self.source.text[s_start:s_end]
        occ_key = (kind, quote, surface)
        n = self._occurrences[occ_key]
        self._occurrences[occ_key] += 1
        self.claims.append(
            Claim(
                id=claim_id(self.source.id, kind, quote, surface, n),
                source=self.source.id, kind=kind, quote=quote, start=q_start, end=q_end,
                surface=surface, surface_start=s_start, surface_end=s_end, **fields,
            )
        )


def _merge_figures(*groups: Iterable[Figure], taken: set[int]) -> list[Figure]:
    """Figures from several rules, earlier groups first, non-overlapping, in
    order. An implicit count (the last group: "Smith was arrested", one
    arrested) whose person is a figure already ("arrested one of the
    suspects") is that figure, not another."""
    out: list[Figure] = []
    taken = set(taken)
    *explicit, implicit = groups
    for group in explicit:
        for f in group:
            if taken.intersection(range(f.start, f.end)):
                continue
            taken.update(range(f.start, f.end))
            out.append(f)
    figure_tokens = {i for f in out for i in range(f.start, f.end)}
    for f in implicit:
        if taken.intersection(range(f.start, f.end)) or f.about and figure_tokens.intersection(range(*f.about)):
            continue
        taken.update(range(f.start, f.end))
        out.append(f)
    return sorted(out, key=lambda f: f.start)


def _seconds(hhmm: str | None) -> float | None:
    if not hhmm:
        return None
    h, m = hhmm.split(":")
    return float(int(h) * 3600 + int(m) * 60)


def _is_title_word(word: str) -> bool:
    return word.lower() in TITLE_WORDS


def _date_stance(root: Token, sent: Span) -> Stance:
    stance = stance_for(root, sent)
    return Stance.PLANNED if stance is Stance.TARGET else stance


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


def _resolve(subject: str | None, named: dict[str, str]) -> str | None:
    """Resolve a definite description to the named thing the paragraph
    introduced earlier: "the long-awaited railway" -> "Rasht-Astara railway"."""
    if not subject:
        return subject
    parts = re.split(r"( of | to | with | between )", subject)
    for i in range(0, len(parts), 2):
        words = parts[i].split()
        if words and not any(w[:1].isupper() for w in words):
            last = words[-1].lower()
            hit = named.get(last) or named.get(last[:-1] if last.endswith("s") else last)
            if hit:
                parts[i] = hit
    return "".join(parts)


def _ref_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None

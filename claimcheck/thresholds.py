"""Every threshold and tolerance claimcheck uses, in one place.

Each value has a default and a sentence saying what it means, so that a
finding's explanation can quote the number that produced it. Nothing else in
the package hard-codes a cut-off: import ``DEFAULT`` (or build your own
``Thresholds``) and pass it down.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class LinkThresholds:
    """Entity resolution (link stage): when two names are the same entity."""

    #: rapidfuzz ``ratio`` (0-100) on the Unicode-folded, space/hyphen-free keys
    #: at or above which two names of compatible type are the same entity.
    fuzzy_key: float = 92.0
    #: ``ratio`` on the transliteration skeletons (vowels folded, letters that
    #: romanisations swap mapped together) at or above which two names merge,
    #: provided the plain keys are also at least ``skeleton_key_floor`` alike.
    skeleton: float = 90.0
    #: the plain-key similarity a skeleton match must still reach, so that two
    #: different words with one consonant frame (Iran / Oran) stay apart.
    skeleton_key_floor: float = 70.0
    #: names shorter than this (in key characters) only merge on an exact key:
    #: fuzzy scores on very short strings are noise (Iran / Iraq).
    min_fuzzy_length: int = 6
    #: within ONE source, a bare surname spelt a little differently from the
    #: surname of the source's only person with a close one ("Sayed" for "Ali
    #: Syed"): rapidfuzz ``ratio`` at or above which it is that person (same
    #: first letter, four letters or more). Across sources the ladder's own
    #: thresholds apply.
    source_surname: float = 85.0
    #: place-name mode (GPE / LOC): a romanisation or unvowelled-spelling
    #: match needs at least this many consonants in the romanisation key (two
    #: consonants are too common a frame: Oran / Iran / Aran).
    place_min_consonants: int = 2
    #: place-name mode: Levenshtein similarity (0-100) of the romanisation keys
    #: at or above which two place names of ``min_fuzzy_length`` or more are
    #: one place (set on the toponym pairs' training file).
    place_roman: float = 88.0


@dataclass(frozen=True, slots=True)
class ExtractThresholds:
    """Extraction: what counts as page noise and how far to look for context."""

    #: a line with fewer words than this and no digit is a label or heading, not a claim.
    min_sentence_words: int = 4
    #: how many lines at the top of a source are searched for title, date and author.
    header_lines: int = 12
    #: at most this many of a source's most frequent places are its fallback scope.
    fallback_scope_size: int = 2


@dataclass(frozen=True, slots=True)
class AlignWeights:
    """The comparison ladder's weights (see ``compare.LADDER``).

    Two claims of different sources that share a dimension are scored level by
    level; the match score is the sum of the weights of the level each feature
    lands on, and a pair is aligned when it reaches ``threshold``. Positive
    weights are evidence that the two claims state the same fact, negative ones
    that they do not. Set on the development sets with
    ``benchmarks/tune_align.py`` (a grid search; see the README).
    """

    #: both figures are about one entity cluster (the same person's age).
    about_same: float = 4.0
    #: about two different entities (two victims' ages): strong evidence apart.
    about_different: float = -6.0
    #: an attribute of one entity (an age) whose entity is unknown on a side:
    #: "a 41-year-old woman" and "Smith, 40" may be two people.
    unanchored_attribute: float = -2.0
    #: the rarest entity both sentences name, scaled by its rarity across the
    #: compared sources (a name in every source weighs nothing).
    rare_entity: float = 3.0
    #: the same normalised measure ("killed" and "killed").
    measure_same: float = 4.0
    #: counts of one noun with nothing saying what happened ("two children" /
    #: "twelve children"): the measure is only what is counted.
    measure_same_noun: float = 2.0
    #: synonyms from the measure table ("wounded" / "injured", "turnover" / "trade").
    measure_synonym: float = 3.0
    #: related but not the same measure ("shot" / "injured"): weak evidence.
    measure_related: float = 3.0
    #: one measure is a part of the other ("shot" / "killed"): seldom one fact.
    measure_part: float = 1.0
    #: one side names no measure (or only its unit's dimension).
    measure_unknown: float = 1.0
    #: two different measures of the vocabularies ("killed" vs "injured").
    measure_different: float = -5.0
    #: different phrases, at least one of them not a known measure (a free
    #: phrase from the parse: "police responded" / "officers called").
    measure_unlike: float = 0.0
    #: the same period (quantities) or the same day named near the figure.
    time_same: float = 1.0
    #: overlapping periods ("2025" and "2025-06").
    time_overlap: float = 0.5
    #: neither claim has a period: most facts in news have none.
    time_both_undated: float = 0.0
    #: one claim has a period and the other none.
    time_one_undated: float = 0.0
    #: disjoint periods: different facts, never a contradiction (a wall).
    time_different: float = -20.0
    #: dated on two different days: the day of an event or a report the
    #: sentence names, not a period the figure is measured over.
    time_different_day: float = -1.0
    #: the same stance (actual / actual, forecast / forecast).
    stance_same: float = 0.0
    #: a target, forecast or plan against an actual figure.
    stance_mixed: float = -3.5
    #: the places are the same, or one's within the other's.
    scope_compatible: float = 0.0
    #: the claims name different places, not all of them known to the
    #: gazetteer (a venue, a street, a county): weak evidence apart.
    scope_different: float = -0.5
    #: every place is known and the two sides lie in different countries.
    scope_other_countries: float = -5.0
    #: no entity anchors the pair and a source states the measure with several
    #: values (the ages of four victims): the measure alone is ambiguous.
    ambiguity_unique: float = 1.0
    ambiguity_ambiguous: float = 0.0
    #: one count counts people in general, the other a part of them
    #: ("four people" / "three men"): perhaps a part and the whole.
    counted_general: float = -2.0
    #: counts of different things ("two men" / "two women").
    counted_different: float = -1.0
    #: the two sentences share most of their content words ("appeared in
    #: court Monday" on both sides): the same passage told twice.
    context_similar: float = 1.0
    #: the two sentences share some content words.
    context_some: float = 0.0
    #: the values agree within their tolerance.
    value_within: float = 2.0
    #: the values agree and at most ``CompareThresholds.rare_value_claims``
    #: claims of the corpus state that value: a distinctive value ("4:45
    #: a.m.", "$580 million") weighs more than a common one ("two").
    value_within_rare: float = 4.0
    #: the values differ but by less than a factor two.
    value_close: float = 0.0
    #: the same digits at a scale 1000x apart, or the same figure in two currencies.
    value_same_digits: float = 0.5
    #: the values are more than a factor two apart.
    value_far: float = -5.0
    #: the values are more than ``CompareThresholds.very_far_ratio`` apart
    #: (and not the same digits 1000x apart): two facts more likely than one.
    value_very_far: float = -4.0
    #: two dates more than ``date_close_days`` apart (or clock times more
    #: than two hours apart): more likely two events than one misdated.
    value_far_dates: float = -4.0
    #: the units have no conversion (two currencies, not the same figure).
    value_unknown: float = 0.0
    #: a pair is aligned (and given a verdict) at or above this score.
    threshold: float = 4.0
    #: pairs scoring at most this far below the threshold are near misses
    #: (``claimcheck diff --near``).
    near_margin: float = 2.0


@dataclass(frozen=True, slots=True)
class CompareThresholds:
    """Comparison: which claims meet and when two figures agree."""

    #: relative tolerance for two exact figures (rounding in reporting).
    exact: float = 0.005
    #: the smallest relative tolerance of "around", "about", "approximately":
    #: a hedged figure also covers half its rounding step ("about 120" is
    #: rounded to tens: 115-125), whichever is wider.
    approx: float = 0.02
    #: the widest relative tolerance a hedge's rounding step may give ("about
    #: 100" covers 90-110, not 50-150).
    approx_max: float = 0.10
    #: clock times: minutes either side for an exact time and for "about".
    time_exact_minutes: float = 5.0
    time_approx_minutes: float = 20.0
    #: two values more than this many times apart land on the ladder's
    #: "very far" value level.
    very_far_ratio: float = 10.0
    #: a date resolved from a relative expression ("Sunday night", "last
    #: week") against the publication date is this many days uncertain (night
    #: events straddle midnight; outlets publish in other time zones).
    relative_date_days: int = 1
    #: two dates of one event at most this many days apart are "close" on the
    #: ladder's value feature (a contradiction to report); further apart they
    #: are more likely two events (an earlier incident).
    date_close_days: int = 31
    #: every claim of one dimension is a candidate for every other when the
    #: corpus (or topic folder) has at most this many of them; above it,
    #: candidates need a shared entity or measure.
    topic_limit: int = 400
    #: a block larger than this is split by unit, period, stance and scope
    #: before pairs are scored.
    block_limit: int = 60
    #: one word of a measure ("output" of "output of the Kivu plant") is a
    #: block only while at most this many claims share it.
    word_block_limit: int = 50
    #: the ladder's weights and the alignment threshold.
    weights: AlignWeights = field(default_factory=AlignWeights)
    #: rapidfuzz ``token_sort_ratio`` on normalised subject keys at or above
    #: which two subjects are the same measure.
    subject_similarity: float = 85.0
    #: share of content words two sentences have in common (Jaccard) at or
    #: above which they land on the ladder's ``context_similar`` level, and
    #: on ``context_some`` at or above ``context_some``.
    context_similar: float = 0.35
    context_some: float = 0.2
    #: a value stated by at most this many claims (of its dimension, in the
    #: compared corpus) is distinctive (the ladder's ``value_within_rare`` level).
    rare_value_claims: int = 4
    #: ... and at most this share of its dimension's claims.
    rare_value_share: float = 0.5
    #: two quotes this alike (``ratio`` on folded text) in different sources
    #: are one origin (syndicated copy), not independent sources.
    syndicated_quote: float = 90.0
    #: a group of aligned claims larger than this (many sources on one
    #: measure) is compared as clusters of mutually agreeing claims, in
    #: O(n log n), instead of pair by pair, whose output alone is O(n^2).
    pairwise_limit: int = 40


@dataclass(frozen=True, slots=True)
class Thresholds:
    link: LinkThresholds = field(default_factory=LinkThresholds)
    extract: ExtractThresholds = field(default_factory=ExtractThresholds)
    compare: CompareThresholds = field(default_factory=CompareThresholds)


DEFAULT = Thresholds()

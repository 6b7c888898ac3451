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
class CompareThresholds:
    """Comparison: when two figures agree."""

    #: relative tolerance for two exact figures (rounding in reporting).
    exact: float = 0.005
    #: relative tolerance added by "around", "about", "approximately", ...
    approx: float = 0.05
    #: rapidfuzz ``token_sort_ratio`` on normalised subject keys at or above
    #: which two subjects are the same measure.
    subject_similarity: float = 85.0
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

"""Title words: the words that make a phrase a title or office, and the words
that name one office in several forms. Lower case.

(The linking stage keeps its own, larger list of title words in
``claimcheck.link.tables``, normalised without hyphens.)
"""

from __future__ import annotations

#: Words that make a phrase a title or office (extract's role claims).
TITLE_WORDS = frozenset(
    """president vice-president minister ambassador director chairman chairwoman chairperson chair
    head governor mayor spokesperson spokesman spokeswoman secretary deputy chief commander adviser
    advisor envoy speaker ceo founder leader king queen prince premier chancellor general professor
    expert analyst scientist editor correspondent representative judge prosecutor senator
    lawmaker mp deputy-minister counselor counsellor consul attaché attache emir sheikh
    ayatollah officer official economist researcher president-elect""".split()
)

#: Title words that name one office (a gendered or older form of the same word).
TITLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "policeman": "officer", "policewoman": "officer", "cop": "officer",
}
#: Words that qualify a title without changing the office ("acting chief").
TITLE_QUALIFIERS = frozenset("acting interim deputy former new current then".split())

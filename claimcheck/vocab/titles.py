"""Title words: the words that make a phrase a title or office, and the words
that name one office in several forms. Lower case.

Two lists, two uses: ``TITLE_WORDS`` are offices a role claim can state
("minister", "analyst"); ``NAME_TITLES`` are the words that may open a
person's name and are stripped before linking ("Dr", "Gen", "Foreign
Minister"), folded and written without dots or hyphens.
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

#: Words (folded, dots and hyphens removed) that may open a PERSON mention:
#: honorifics, ranks, offices and the words of ministries' names.
NAME_TITLES: frozenset[str] = frozenset(
    """
    president presidentelect vicepresident vice prime primeminister minister
    ministers deputy assistant foreign affairs defence defense interior economy
    economic finance trade energy health education culture agriculture transport
    justice state secretary secretarygeneral undersecretary general directorgeneral
    chancellor premier ambassador envoy special representative spokesman
    spokeswoman spokesperson speaker chairman chairwoman chairperson chair head
    chief leader supreme king queen prince princess crown emir sheikh shaikh sheik
    sultan ayatollah hojatoleslam imam mullah mufti pope cardinal archbishop
    bishop patriarch rabbi governor mayor senator sen congressman congresswoman
    rep mp judge mr mrs ms miss mx dr doctor prof professor sir dame lord lady
    first gen colonel col lieutenant lt major maj captain capt commander cmdr
    admiral adm sergeant sgt marshal field brigadier ceo director founder adviser
    advisor aide commissioner his her excellency highness majesty royal
    """.split()
)

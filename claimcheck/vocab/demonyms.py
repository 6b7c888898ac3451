"""Demonyms and demonym endings, one home for every stage that reads them.

Each stage asks a different question of a word's ending, so the endings come
in three named sets, written side by side here so that they drift visibly, if
at all. Lower case.
"""

from __future__ import annotations

import re

#: Demonyms that may open a title prefix ("Iranian President ..."); link.
DEMONYMS: frozenset[str] = frozenset(
    """
    iranian azerbaijani azeri russian turkish american armenian georgian chinese
    french british german israeli iraqi syrian afghan pakistani indian kazakh
    uzbek turkmen kyrgyz tajik ukrainian belarusian european arab saudi emirati
    qatari egyptian jordanian lebanese japanese korean italian spanish us uk un eu
    """.split()
)

#: Endings that make an unknown word a demonym inside a title prefix, when a
#: title word follows it (link: "Kyrgyzstani Minister ...").
PREFIX_DEMONYM_ENDING = re.compile(r"(?:ian|ean|ese|ish|ani|i)$")

#: Endings a word labelled NORP must have to be a demonym at all (extract:
#: without one the label is usually a misfire on a place name, "Khudafarin").
NORP_ENDING = re.compile(r"(?:an|ian|ean|ese|ish|i|ic|ch|ss|ite)s?$", re.I)

#: Key endings that turn a place name into its demonym or adjective (link's
#: guard: Armenia / Armenian, Azerbaijan / Azerbaijani, Eurasia / Eurasian are
#: not one entity).
PLACE_TO_DEMONYM_TAILS: frozenset[str] = frozenset({"n", "an", "ian", "i", "is", "ns", "ians", "ese", "ish", "ic"})

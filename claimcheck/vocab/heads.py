"""Head nouns: the last word that makes a name a facility, a venue, a street
or an institution. One home for the two stages that read them: extraction
labels a rule-found name by its head, linking keeps a head as part of a
name's identity ("Aras" is not "Aras corridor"). Lower case.
"""

from __future__ import annotations

#: head noun -> label for rule-found names.
FACILITY_HEADS: dict[str, str] = {
    **dict.fromkeys(
        "dam bridge railway railroad corridor airport port pipeline station canal highway "
        "tunnel plant terminal crossing checkpoint "
        # streets (and their abbreviations: "Remsen Ave.")
        "avenue ave street road rd boulevard blvd drive freeway fwy hwy lane parkway pkwy "
        # venues
        "apartments apartment complex motel hotel nightclub restaurant mall "
        "bar grill lounge tavern pub".split(),
        "FAC",
    ),
    **dict.fromkeys("hospital clinic center centre".split(), "ORG"),
    **dict.fromkeys("river lake sea mountains valley".split(), "LOC"),
}

#: head nouns that are part of a name's identity (singular, canonical form).
HEAD_NOUNS: frozenset[str] = frozenset(
    """
    airport bridge dam port seaport harbor station terminal street avenue road
    highway motorway boulevard square university college institute academy
    school foundation center palace corridor railway pipeline canal river sea
    lake gulf bay strait mountain mount valley plateau island peninsula desert
    reservoir plant stadium museum hospital mosque church cathedral temple tomb
    mausoleum monument park tower embassy consulate ministry bank
    fund council committee agency crossing checkpoint province region
    district city county oblast governorate zone complex hub base refinery
    factory mine tunnel
    freeway drive lane boulevard parkway expressway place court
    hall club nightclub apartment complex neighborhood store restaurant motel hotel
    bar grill clinic police sheriff
    """.split()
)

"""Vocabularies of the link stage: label groups, titles, head nouns, aliases.

Data with one home; see the package docstring for how each is used."""

from __future__ import annotations

from ..vocab.demonyms import DEMONYMS as DEMONYMS  # re-exported for the link stage
from ..vocab.demonyms import PREFIX_DEMONYM_ENDING
from ..vocab.heads import HEAD_NOUNS as HEAD_NOUNS  # re-exported for the link stage
from ..vocab.titles import NAME_TITLES


#: label -> compatibility group. Labels not listed form a group of their own.
LABEL_GROUPS: dict[str, str] = {
    "PERSON": "PERSON",
    "NORP": "NORP",
    "ORG": "ORG",
    "EVENT": "EVENT",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}

#: labels that are not names; cluster() ignores mentions carrying them.
NON_ENTITY_LABELS: frozenset[str] = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
)

#: blocking only: width of a length band (each band covers lengths within this
#: factor). Neighbouring bands are searched as far as the cut-off allows.
LENGTH_BAND_RATIO = 1.25

#: title words (folded, dots removed) that may open a PERSON mention: one
#: home with the office titles, in :mod:`claimcheck.vocab.titles`.
TITLE_WORDS = NAME_TITLES

#: modifiers that may stand in a title prefix ("the late", "former", "acting").
TITLE_MODIFIERS: frozenset[str] = frozenset(
    "former late acting interim then ex incumbent outgoing incoming newly elected "
    "current grand honorary".split()
)

#: small words allowed inside a title prefix ("Minister of Foreign Affairs").
_PREFIX_CONNECTORS = frozenset({"of", "for", "the", "and", "on", "in", "to", "at", "&"})

#: demonyms (and the endings that make one) live in :mod:`claimcheck.vocab.demonyms`
_DEMONYM_SUFFIX = PREFIX_DEMONYM_ENDING

# HEAD_NOUNS (head nouns that are part of a name's identity) lives in claimcheck.vocab.heads

#: legal forms of companies: not part of the name ("Microsoft Corp." = "Microsoft").
#: Source: the common English-language and European company-law suffixes
#: (cf. rigour's org_types).
LEGAL_FORMS: frozenset[str] = frozenset(
    """corp corporation inc incorporated co company ltd limited llc llp plc ag sa gmbh nv bv
    spa pty lp""".split()
)

#: heads whose bare stem is a usual short form of the whole name ("Promises" for
#: "Promises Treatment Center", "Red Hill" for "Red Hill Avenue", "Fernwood" for
#: "the Fernwood neighborhood"): the ``short form`` rung joins them when the
#: corpus uses that stem with no other head. Infrastructure heads (bridge, dam,
#: corridor, airport, river, foundation, ...) are not here: "Aras" is not the
#: Aras corridor. Source: the venue / street / institution nouns of US local news.
SOFT_HEADS: frozenset[str] = frozenset(
    """
    center clinic hospital hall club nightclub apartment complex neighborhood store
    restaurant motel hotel bar grill avenue street road drive boulevard highway freeway
    lane parkway expressway place court police sheriff
    """.split()
)

#: street heads: a leading compass word is not part of the street's identity
#: ("N. Kenwood Ave." = "North Kenwood Avenue" = "Kenwood Avenue").
STREET_HEADS: frozenset[str] = frozenset(
    "avenue street road drive boulevard highway freeway lane parkway expressway place "
    "court".split()
)

#: compass words and their abbreviations (leading a street name).
COMPASS: dict[str, str] = {
    "n": "north", "s": "south", "e": "east", "w": "west",
    "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest",
    "north": "north", "south": "south", "east": "east", "west": "west",
    "northeast": "northeast", "northwest": "northwest",
    "southeast": "southeast", "southwest": "southwest",
}

#: abbreviations inside place / organisation names, expanded before keys
#: ("Mt. Sinai" = "Mount Sinai", "Ft. Myers" = "Fort Myers").
LEADING_ABBREVIATIONS: dict[str, str] = {
    "mt": "mount", "ft": "fort", "st": "saint",
    # a country's initials opening an agency's name ("U.S. Geological Survey")
    "us": "united states", "uk": "united kingdom",
}

#: multi-word agency heads: the words (folded, apostrophes dropped) -> the head.
#: "Houston Police Department" = "Houston Police" = "Houston police" = "Houston PD".
AGENCY_HEADS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("police", "department"), "police"),
    (("police", "dept"), "police"),
    (("police", "force"), "police"),
    (("police", "service"), "police"),
    (("police",), "police"),
    (("pd",), "police"),
    (("sheriffs", "office"), "sheriff"),
    (("sheriffs", "department"), "sheriff"),
    (("sheriff", "office"), "sheriff"),
    (("sheriff", "department"), "sheriff"),
    (("sheriffs",), "sheriff"),
    (("sheriff",), "sheriff"),
    (("highway", "patrol"), "patrol"),
    (("state", "patrol"), "patrol"),
    (("fire", "department"), "fire"),
    (("fire", "dept"), "fire"),
    (("district", "attorneys", "office"), "district attorney"),
    (("prosecutors", "office"), "prosecutor"),
    (("coroners", "office"), "coroner"),
    (("medical", "examiners", "office"), "medical examiner"),
)
#: the letters an agency head adds to an acronym ("HPD", "HCSO").
AGENCY_INITIALS: dict[str, tuple[str, ...]] = {
    "police": ("PD", "P"), "sheriff": ("SO", "SD"), "patrol": ("HP", "SP"), "fire": ("FD",)
}
_HEAD_SYNONYMS = {
    "centre": "center",
    "harbour": "harbor",
    "railroad": "railway",
    "rail": "railway",
    "mt": "mount",
    "ave": "avenue",
    "rd": "road",
    "univ": "university",
    "mountains": "mountain",
    "islands": "island",
    "st": "street",
    "blvd": "boulevard",
    "dr": "drive",
    "hwy": "highway",
    "fwy": "freeway",
    "pkwy": "parkway",
    "ln": "lane",
    "ctr": "center",
    "apartments": "apartment",
    "apts": "apartment",
    "neighbourhood": "neighborhood",
    # venue nouns a story uses in turn for one place ("Club Blu", "Club Blu
    # nightclub", "Club Blu Bar and Grill")
    "nightclub": "club",
    "bar": "club",
    "grill": "club",
    "lounge": "club",
    "pub": "club",
    "tavern": "club",
}

#: numbered road systems (folded words) -> the system; a number with only a
#: road noun ("the 55 Freeway", "Route 55") is ``""``, a road of any system.
ROAD_SYSTEMS: dict[str, str] = {
    "interstate": "interstate", "i": "interstate", "state": "state", "sr": "state",
    "us": "us", "route": "", "highway": "", "hwy": "", "freeway": "", "fwy": "",
    "expressway": "", "tollway": "",
}
#: heads that may also precede the name ("River Aras", "Lake Urmia").
_LEADING_HEADS = frozenset({"river", "lake", "mount", "port", "fort", "cape"})
#: heads that precede the name with "of" ("University of Tehran").
_OF_HEADS = HEAD_NOUNS
#: words right before a head that do not change identity.
_HEAD_MODIFIERS = frozenset(
    {"international", "hydroelectric", "hydropower", "treatment", "recovery", "rehab",
     "rehabilitation", "medical", "detention", "shopping"}
)

#: groups of name keys that denote one place / organisation (exonyms, long forms).
ALIASES: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "turkey turkiye republicofturkiye republicofturkey",
        "iran islamicrepublicofiran",
        "azerbaijan republicofazerbaijan azerbaijanrepublic",
        "armenia republicofarmenia",
        "russia russianfederation",
        "us usa unitedstates unitedstatesofamerica",
        "uk unitedkingdom britain greatbritain",
        "uae unitedarabemirates",
        "myanmar burma",
        "ivorycoast cotedivoire",
        "czechia czechrepublic",
        "eswatini swaziland",
        "northkorea dprk democraticpeoplesrepublicofkorea",
        "southkorea republicofkorea",
        "kyiv kiev",
        "eu europeanunion",
        "un unitednations",
    )
)
_ALIAS_OF: dict[str, int] = {k: i for i, g in enumerate(ALIASES) for k in g}

_RUNG_ORDER = {
    "exact": 0,
    "title": 1,
    "person": 2,
    "nickname": 2,
    "alias": 3,
    "place words": 3,
    "romanisation": 6,
    "unvowelled place": 6,
    "place spelling": 7,
    "surname": 4,
    "acronym": 5,
    "transliteration": 6,
    "fuzzy": 7,
}


# --------------------------------------------------------------------------- #
# Place-name mode (GPE / LOC): generic words and articles of place names
# --------------------------------------------------------------------------- #

#: small words inside place names that carry no identity: articles and
#: prepositions of the languages GeoNames romanises (Arabic al-/el- and its
#: sun-letter forms ar-/as-/ash-/an-/ad-/at-/az-, the Persian ezafe -e, Romance
#: de/la/le/del, Dutch/German van/von/der). Dropped from both names.
PLACE_ARTICLES: frozenset[str] = frozenset(
    """
    al el il ul ar er as es ash esh ech at et ath eth an en ad ed adh edh az ez
    e ye i y
    de da do das dos del della dela la le les lo los l d du des di dei degli
    of the van von der den het
    """.split()
)

#: generic words of place names, folded and written without spaces -> their
#: class. ``""`` marks a settlement / administrative word (city, village,
#: county, the Japanese -shi / -mura, Chinese cun / zhen / xian, Korean -ri /
#: -dong, Russian gorod / selo, Polish dwór, Indonesian kota ...): a name is the
#: same place with or without it ("Gorod Lipetsk" = "Lipetsk"). Any other value
#: is a feature class (river, lake, mountain, cape, island, airport, station
#: ...) that is part of the place's identity: "Mys X" = "Cape X" but "X River"
#: is not "X Airport". Source: the generic terms of the romanisation tables of
#: the UN Group of Experts on Geographical Names and of GeoNames' feature
#: codes, written as the usual romanisations spell them.
PLACE_GENERICS: dict[str, str] = {
    **dict.fromkeys(
        """
        city town village hamlet municipality borough township settlement
        ville commune
        ciudad pueblo villa municipio departamento provincia comuna distrito estado aldea
        vila cidade concelho freguesia colonia barrio poblado caserio
        comune citta frazione
        stadt dorf gemeinde kreis landkreis bezirk markt gemeente
        wies gmina powiat miasto osada kolonia dwor
        gorod selo derevnya derevnia poselok posyolok poselenie khutor stanitsa rayon raion
        oblast kray krai aul sloboda pgt misto selyshche
        comuna oras orasul judet judetul municipiul satul sat
        megye varos falu obec mesto okres
        koy koyu ilce mahallesi mahalle belde kasaba kasabasi
        qaryat qarya shahrestan ostan bakhsh dehestan kalay kelay kalai goth
        kota kabupaten desa kampung kampong kecamatan kelurahan
        amphoe tambon changwat mueang muang phumi phum khum srok khett
        xa huyen tinh thon
        shi xian zhen xiang cun sheng zhuang
        cho machi mura son gun ku ken
        si eup myeon ri ni li dong gu
        sum soum somon
        """.split(),
        "",
    ),
    # compass and position words name a different part: "Southwest X" is not
    # "Southeast X", "Upper X" not "Lower X" (each its own class, never dropped)
    **{w: w for w in """north south east west northeast northwest southeast southwest
        upper lower""".split()},
    **dict.fromkeys("nord norte severnyy severnyj".split(), "north"),
    **dict.fromkeys("sud sued sur yuzhnyy yuzhnyj".split(), "south"),
    **dict.fromkeys("ost est este vostochnyy vostochnyj".split(), "east"),
    **dict.fromkeys("ouest oeste zapadnyy zapadnyj".split(), "west"),
    # administrative divisions: a county is not its seat ("X County" is not
    # the town X), so these are a class that must match, not dropped words
    **dict.fromkeys(
        """county district province region state parish prefecture canton departement
        arrondissement""".split(),
        "division",
    ),
    # water
    **dict.fromkeys(
        """river rio riviere fleuve reka nahr rud potamos joki elv elva alv fluss
        irmak irmagi nadi he jiang gol song stung sungai""".split(),
        "river",
    ),
    **dict.fromkeys(
        """stream creek brook arroyo quebrada corrego ribeirao ruisseau ruchey bach cay cayi
        huai huay nala nullah wadi ouadi oued khlong""".split(),
        "stream",
    ),
    **dict.fromkeys(
        """lake lago laguna lac ozero see sjo sjon sjoen vatn vatnet vannet jarvi limni
        golu nuur nur hu danau""".split(),
        "lake",
    ),
    **dict.fromkeys("reservoir embalse represa vodokhranilishche bogeni".split(), "reservoir"),
    **dict.fromkeys("bay bahia baia baie zaliv bukhta kolpos teluk khawr khor".split(), "bay"),
    **dict.fromkeys(
        "spring well ain ayn bir hassi chah chashmeh kolodets kolodec".split(), "well"
    ),
    # relief
    **dict.fromkeys(
        """mountain mount mont montagne monte gora oros berg fjell fjellet dag dagi tau tag
        uul shan kuh kooh kwh jabal jebel djebel gebel jbl gunung phnum doi khao pahar""".split(),
        "mountain",
    ),
    **dict.fromkeys("hill cerro tepe tepesi tall tell bukit tappeh".split(), "hill"),
    **dict.fromkeys("cape cabo cap punta mys ras akra akrotirion burnu burun tanjung".split(),
                    "cape"),
    **dict.fromkeys(
        """island isla ilha ile ostrov nisis nisos insel adasi ada saari dao pulau koh kaoh
        jazirat jezira""".split(),
        "island",
    ),
    **dict.fromkeys("valley darreh drh dolina vadi".split(), "valley"),
    # works
    **dict.fromkeys("airport aeroport aeropuerto aeroporto flughafen".split(), "airport"),
    **dict.fromkeys("station stantsiya stancija estacion estacao gare bahnhof".split(),
                    "station"),
    **dict.fromkeys("temple wat wad".split(), "temple"),
}


#: words that open a place's formal name before "of" ("City of Fernwood",
#: "Town of Fernwood"): the ``generic words`` rung joins it to the place
#: ("Fernwood"). "County of X" is not here: a county is not the town it is
#: named after. Source: the municipal forms of US / UK local government.
CIVIC_PREFIXES: frozenset[str] = frozenset("city town village borough township municipality".split())

#: generic words a company's name ends with and its short form drops
#: ("Quillon Technologies" = "Quillon"); the ``generic words`` rung joins the
#: two when the corpus writes that short form with no other such ending.
#: Legal forms (:data:`LEGAL_FORMS`) are already no part of the key. Source:
#: the common trailing words of listed companies' names.
CORPORATE_WORDS: frozenset[str] = frozenset(
    """technologies technology systems group holdings industries enterprises
    communications networks solutions software labs laboratories pharmaceuticals
    semiconductor semiconductors electronics computers computer""".split()
)

#: names of government departments that stand before an office-holder's name
#: ("Secretary of the Treasury Dana Okoro": the model's span often starts at
#: the department). Title words (:data:`TITLE_WORDS`) cover interior, defence,
#: finance, ...; these are the rest. Source: US cabinet departments and the
#: usual UK / Commonwealth ministries.
DEPARTMENT_WORDS: frozenset[str] = frozenset(
    """treasury commerce labor labour homeland security veterans housing
    transportation environment navy army exchequer""".split()
)

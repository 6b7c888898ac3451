"""What a figure measures: casualty and arrest verbs, people nouns, event nouns.

Hand-collected from English news style guides (AP) and crime and disaster
reporting; lemmas and common inflections, lower case.
"""

from __future__ import annotations

#: Verbs, participles and adjectives that say what happened to the people a
#: count counts, mapped to the measure the count carries ("three were
#: killed", "killing two", "left two dead" -> "killed"). The measure is the
#: past participle, so a count of the killed never meets a count of the hurt.
CASUALTY_WORDS: dict[str, str] = {
    # deaths
    **dict.fromkeys(
        "kill killed killing kills slay slain slew dead die died dies dying fatally fatal "
        "murder murdered murdering execute executed".split(),
        "killed",
    ),
    # injuries (wounded and hurt count as injured: outlets use them interchangeably)
    **dict.fromkeys(
        "injure injured injuring injures wound wounded wounding wounds hurt hurting "
        "hospitalize hospitalized hospitalise hospitalised".split(),
        "injured",
    ),
    # hit by gunfire, whatever the outcome
    **dict.fromkeys("shoot shot shooting shoots gun gunned".split(), "shot"),
    # arrests and custody
    **dict.fromkeys(
        "arrest arrested arresting arrests detain detained detaining custody apprehend apprehended "
        "capture captured".split(),
        "arrested",
    ),
    # hit by a bullet or a vehicle (kept apart from "shot")
    **dict.fromkeys("hit struck".split(), "hit"),
    # charges
    **dict.fromkeys("charge charged charging indict indicted".split(), "charged"),
    # rescue and evacuation
    **dict.fromkeys("rescue rescued evacuate evacuated".split(), "rescued"),
    **dict.fromkeys("missing".split(), "missing"),
}

#: Nouns of casualty and arrest written after "no"/"zero"/"none of the":
#: "no arrests have been made" is a count of 0 arrested.
NONE_NOUNS: dict[str, str] = {
    **dict.fromkeys("arrest arrests".split(), "arrested"),
    **dict.fromkeys("death deaths fatality fatalities".split(), "killed"),
    **dict.fromkeys("injury injuries".split(), "injured"),
    **dict.fromkeys("suspect suspects".split(), "suspects"),
    **dict.fromkeys("casualty casualties".split(), "casualties"),
}

#: Nouns that name people; a small count written in words ("two women",
#: "three others") is a checkable figure when it counts one of these.
PEOPLE_NOUNS: frozenset[str] = frozenset(
    """people person persons individual individuals civilian civilians man men woman women
    boy boys girl girls child children kid kids teen teens teenager teenagers adult adults
    victim victims suspect suspects shooter shooters gunman gunmen officer officers deputy
    deputies constable constables policeman policemen trooper troopers agent agents
    soldier soldiers worker workers student students driver drivers motorist motorists
    passenger passengers bystander bystanders resident residents patron patrons customer customers
    other others relative relatives brother brothers sister sisters son sons daughter daughters
    member members male males female females friend friends neighbor neighbors neighbour neighbours
    guard guards employee employees attacker attackers assailant assailants robber robbers
    survivor survivors hostage hostages protester protesters migrant migrants refugee refugees
    hiker hikers climber climbers tourist tourists visitor visitors pedestrian pedestrians""".split()
)

#: Nouns of those who act on an event rather than the event: "police
#: responded Sunday" does not say what happened on Sunday. (Stems: plural
#: forms are stripped before lookup.)
AGENT_NOUNS: frozenset[str] = frozenset(
    "police investigator detective authority official spokesman spokeswoman spokesperson "
    "sheriff witness neighbor neighbour".split()
)

#: Nouns that stand in for the counted people: "one of the victims".
COUNTABLE_THINGS: frozenset[str] = frozenset(
    """life lives time times round rounds shot shots bullet bullets casing casings hospital hospitals
    vehicle vehicles car cars home homes house houses building buildings gun guns weapon weapons
    incident incidents attack attacks""".split()
)

#: Event nouns a date or a clock time can date, normalised: "the shooting
#: occurred at 8:30 p.m." dates the "shooting". Keys are lemmas.
EVENT_NOUNS: dict[str, str] = {
    **dict.fromkeys("shooting shootings gunfire shootout rampage spree".split(), "shooting"),
    **dict.fromkeys("attack attacks assault".split(), "attack"),
    **dict.fromkeys("arrest arrests".split(), "arrest"),
    **dict.fromkeys("meeting meetings talk talks summit".split(), "meeting"),
    # gatherings and court dates, each its own event
    **{w: w for w in "vigil funeral memorial ceremony rally protest hearing trial arraignment sentencing".split()},
    **dict.fromkeys("signing".split(), "signing"),
    **dict.fromkeys("inauguration".split(), "inauguration"),
    **dict.fromkeys("election elections vote".split(), "election"),
    **dict.fromkeys("crash collision accident".split(), "crash"),
    **dict.fromkeys("explosion blast".split(), "explosion"),
    **dict.fromkeys("fire blaze".split(), "fire"),
    **dict.fromkeys("robbery carjacking burglary".split(), "robbery"),
    **dict.fromkeys("visit".split(), "visit"),
    **dict.fromkeys("incident".split(), "incident"),
}

#: Verbs that date an event the casualty words do not name: "when he fired
#: a gun Sunday", "opened fire on Monday" date a shooting.
EVENT_VERBS: dict[str, str] = {
    **dict.fromkeys("fired firing opened".split(), "shooting"),
    **dict.fromkeys("stab stabbed stabbing".split(), "stabbing"),
}

#: Verbs of occurrence whose subject is the event ("the shooting happened").
OCCURRENCE_VERBS: frozenset[str] = frozenset(
    "happen occur take begin start erupt break end unfold".split()
)

#: Coarse measures derived from a dimension when the text names none
#: (``measure_derived``): a length in km is a "length".
DIMENSION_MEASURES: dict[str, str] = {
    "length": "length", "area": "area", "volume": "volume", "mass": "mass",
    "energy": "energy", "power": "power", "time": "duration", "speed": "speed",
    "temperature": "temperature", "money": "amount", "percent": "share",
    "percentage_point": "change", "age": "age", "count": "count",
}

#: Verbs whose object figure is a known measure, and whose subject is what
#: the figure is about: "the plant will produce 5 GW" is the plant's output.
MEASURE_VERBS: dict[str, str] = {
    # production and capacity
    **dict.fromkeys("produce generate output".split(), "output"),
    **dict.fromkeys("hold store accommodate".split(), "capacity"),
    # money in and out
    "cost": "cost", "spend": "spending", "pay": "payment", "earn": "earnings",
    "invest": "investment", "borrow": "loan", "lend": "loan", "raise": "funds",
    "sell": "sales", "export": "exports", "import": "imports", "owe": "debt",
    # size
    "cover": "area", "span": "length", "stretch": "length", "weigh": "weight",
    "employ": "employees", "last": "duration",
}

#: Words that multiply an event: "a quadruple shooting" is four people shot.
MULTIPLE_WORDS: dict[str, int] = {
    "double": 2, "triple": 3, "quadruple": 4, "quintuple": 5, "sextuple": 6,
}
#: Event nouns a multiple counts, with the measure of the count.
MULTIPLE_EVENTS: dict[str, str] = {
    "shooting": "shot", "shootings": "shot", "stabbing": "stabbed", "homicide": "killed",
    "homicides": "killed", "murder": "killed", "murders": "killed", "fatality": "killed",
}
#: Ordinals before a people noun: "a second suspect" means at least two.
ORDINAL_WORDS: dict[str, int] = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}
#: Adverbs of repetition: "shot twice", "hit at least once".
REPETITION_WORDS: dict[str, int] = {"once": 1, "twice": 2, "thrice": 3}

#: Counted nouns that are themselves a casualty measure: "claimed four
#: lives" counts the killed, "three injuries" the injured. Keys are lemmas.
COUNTED_NOUN_MEASURES: dict[str, str] = {
    "life": "killed", "death": "killed", "fatality": "killed", "body": "killed",
    "injury": "injured", "arrest": "arrested", "casualty": "casualties",
}

#: The event a casualty verb names, for dating it: "was shot on Monday" dates
#: a "shooting", "was arrested on Monday" an "arrest".
CASUALTY_EVENTS: dict[str, str] = {
    "shot": "shooting", "killed": "killing", "injured": "injury", "arrested": "arrest",
    "charged": "charge", "hit": "shooting",
}


# ------------------------------------------------------------ alignment
# The compare stage's measure words: what makes two measures one measure,
# related measures, or no measure at all. Collected from news wording of
# casualties, arrests, trade and projects (AP style and the seeds' domain).

#: Words that say how a measure is reported, not what is measured.
GENERIC_WORDS = frozenset(
    """volume volumes total overall amount level levels figure figures value sum number size
    bilateral mutual two-way two way combined annual yearly current recent new the a an of in
    for to and on at by from with its their this that toll tally people person""".split()
)
#: Words that name one measure under different names (mapped to one word).
SYNONYMS = {
    # direction of change: "growth", "rise" and "increase" are one thing
    "growth": "increase", "rise": "increase", "gain": "increase", "jump": "increase", "surge": "increase",
    "decline": "decrease", "drop": "decrease", "fall": "decrease", "reduction": "decrease",
    # casualties: "people killed", "death toll", "people reported dead" are one measure
    "dead": "killed", "died": "killed", "death": "killed", "fatality": "killed", "kill": "killed",
    "fatal": "killed", "slain": "killed", "murdered": "killed", "homicide": "killed",
    "injure": "injured", "hurt": "injured", "wounded": "injured", "injury": "injured", "wound": "injured",
    "wounding": "injured",
    # arrests
    "arrest": "arrested", "detained": "arrested", "custody": "arrested", "apprehended": "arrested",
    "captured": "arrested", "capture": "arrested", "detain": "arrested",
    # the suspect / shooter
    "gunman": "shooter", "assailant": "shooter", "attacker": "shooter",
    # trade
    "turnover": "trade", "commerce": "trade", "exchange": "trade",
    "exports": "export", "imports": "import",
    "railroad": "railway", "rail": "railway",
    "completed": "completion", "complete": "completion", "finish": "completion", "finished": "completion",
    "years-old": "age", "year-old": "age", "aged": "age", "old": "age",
}
#: Measures that are related but not the same: a pair lands on the
#: ``measure_related`` level (weak evidence), not on ``different``.
#: "four people were shot" is said of the wounded and of the killed.
RELATED = frozenset(
    frozenset(p) for p in (
        ("shot", "injured"), ("shot", "victim"), ("victim", "injured"),
        ("victim", "killed"), ("arrested", "charged"), ("arrested", "suspect"), ("charged", "suspect"),
        ("hospitalized", "injured"), ("treated", "injured"),
        # the dates of one incident, named by what it did to its victims
        ("shooting", "killing"), ("shooting", "injury"), ("shooting", "incident"), ("shooting", "attack"),
        ("killing", "incident"), ("killing", "attack"), ("killing", "injury"), ("injury", "incident"),
        ("attack", "incident"), ("stabbing", "incident"), ("stabbing", "attack"),
    )
)

#: Measures one of which is a part of the other: of the people shot some
#: were killed; "five shot" and "three killed" are seldom one fact (the
#: ``measure_part`` level, weaker than ``related``).
PART_OF = frozenset(frozenset(p) for p in (("shot", "killed"), ("victim", "killed")))

#: Counted nouns that name people in general: "four people" and "four
#: victims" may count the same people; "two men" and "two women" do not.
GENERIC_COUNTED = frozenset("people person individual victim casualty other".split())

#: Measures the frame names that no table above maps to: with the tables'
#: values, the *known* measures (two different known measures are strong
#: evidence of two facts; two free phrases from the parse are not).
MEASURE_NAMES: frozenset[str] = frozenset(
    """age money count length cost loan capacity output distance trade duration price budget revenue
    investment population casualties suspects""".split()
)

#: Words that mark a date or clock time as the page's own stamp ("Updated
#: 09:56 ET", "Posted on May 2"), not the time of an event the story reports.
PAGE_STAMP_WORDS: frozenset[str] = frozenset("updated update published publish posted post modified edited".split())

#: Words of saying: a date whose event is a statement ("police said
#: Thursday", "in a statement released Friday") dates the report, not a fact
#: of the story, and two reports on different days do not disagree.
STATEMENT_WORDS: frozenset[str] = frozenset(
    "say said says saying tell told tells confirm confirmed confirms announce announced announces "
    "statement statements interview identify identified identifies release released".split()
)

#: Words too common in news sentences to say that two sentences tell one
#: passage (the ladder's ``context`` feature compares the rest).
CONTEXT_STOPWORDS: frozenset[str] = frozenset(
    """about after also among another because been before being between both could during each
    from have having here into just more most much other over said says some such than that their
    them then there these they this those through under until very were what when where which while
    will with would year years people police officials told according""".split()
)

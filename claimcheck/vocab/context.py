"""Words that tell what a figure is about: generic measure heads, change
nouns and verbs, placeholders, baselines, attribution.

Collected from the seed articles and English economic and news reporting;
lemmas, lower case (``CHANGE_FORMS`` holds inflected forms for the rule path).
"""

from __future__ import annotations

#: Heads that name a measurement rather than the thing measured: "the total
#: volume of mutual trade" is about "mutual trade".
GENERIC_MEASURES = frozenset(
    "volume total amount level figure value sum number size share quantity "
    "turnover_of scale rate".split()
)
#: Nouns of change: "a 20 percent increase" is about what increased.
CHANGE_NOUNS = frozenset(
    "increase rise growth decline decrease drop fall jump gain surge cut reduction "
    "slowdown".split()
)
#: Verbs of change, by direction. A figure they take directly or with "by"
#: ("grew 3%", "rose by $2bn") is a change; with "to" it is a level.
INCREASE_VERBS = frozenset("grow rise increase jump climb widen surge gain expand soar rebound".split())
DECREASE_VERBS = frozenset("fall drop decline decrease shrink narrow slump contract plunge slip sink".split())
#: Nouns that stand between a figure and what it measures: "a record $33 trillion".
PLACEHOLDER_NOUNS = frozenset("record high peak low level total sum figure amount value".split())
#: Verbs whose object is the measure: "increase trade to $10 billion".
CHANGE_VERBS = frozenset(
    "increase raise boost bring lift grow expand double triple reduce cut lower push take".split()
)
#: Subject modifiers that add nothing to identity ("the total volume").
DROP_MODIFIERS = frozenset("total overall entire whole current recent new".split())
#: Date phrases after these are a baseline, not the figure's period.
BASELINE_PREPS = frozenset("than compared compare since".split())
ATTRIBUTION = frozenset("according source data".split())

#: Forms of change verbs: "rose from 5 to 10 percent" and "increased by
#: $12bn to $241bn" are a change and a level, not a range.
CHANGE_FORMS = frozenset(
    """rise rises rose risen rising grow grows grew grown growing fall falls fell fallen falling
    increase increases increased increasing decrease decreases decreased decreasing jump jumps jumped
    climb climbs climbed drop drops dropped decline declines declined widen widens widened narrow
    narrowed shrink shrank shrunk surge surged soar soared slump slumped plunge plunged up down
    raise raises raised raising cut cuts cutting lower lowers lowered hike hikes hiked boost boosted
    reduce reduced slow slowed""".split()
)

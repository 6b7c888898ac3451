"""Stance cues: words that mark a figure as an aim, a plan or a forecast.

Collected from the seed articles' phrasing and business-news style ("aims
to", "is scheduled for", "is expected to"); lemmas, lower case.
"""

from __future__ import annotations

from ..records import Stance

#: Words whose presence on the path from a figure to its clause marks it as an
#: aim, a plan or a forecast rather than a reported fact. Lemmas, lower case.
STANCE_CUES: dict[str, Stance] = {
    **dict.fromkeys(
        "aim target goal seek want intend strive ambition objective aspire pledge "
        "commit vow hope".split(),
        Stance.TARGET,
    ),
    **dict.fromkeys(
        "schedule plan due slate envisage envision set earmark".split(), Stance.PLANNED
    ),
    **dict.fromkeys(
        "forecast project predict expect anticipate outlook likely projection "
        "estimate_to could would may might will poise track expectation prediction consensus".split(),
        Stance.FORECAST,
    ),
}

#: Cue verbs that mark an aim only with "to" after them: "committed to
#: raising trade" is a pledge, "committed the crime" is a deed.
PLEDGE_NEEDS_TO: frozenset[str] = frozenset({"commit"})

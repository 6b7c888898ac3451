"""Number words, shared by both normalisers (quantities and dates).

English cardinals up to ninety-nine are built from these three groups; the
scales ("hundred", "million") live with the quantity tables, ordinals with
the date grammar. Lower case.
"""

from __future__ import annotations

#: one to nine, in order
UNITS: tuple[str, ...] = tuple("one two three four five six seven eight nine".split())
#: ten to nineteen, in order
TEENS: tuple[str, ...] = tuple(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
)
#: twenty to ninety, in order
TENS: tuple[str, ...] = tuple("twenty thirty forty fifty sixty seventy eighty ninety".split())

#: Number words and their values (the building blocks; "hundred" and the scales come on top).
NUMBER_WORDS: dict[str, int] = {
    word: value for value, word in enumerate(("zero", *UNITS, *TEENS))
} | {
    word: 10 * (k + 2) for k, word in enumerate(TENS)
} | {"nought": 0, "naught": 0, "nil": 0}

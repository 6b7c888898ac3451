"""The alignment ladder on small hand-written claim sets (no spaCy, no dev
text): claims meet by what they measure and what they are about, scored
level by level, one-to-one, with conversions."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from claimcheck.compare import LADDER, align, compare, rounding_step
from claimcheck.records import Claim, Hedge, Kind, Mention, Source, Stance
from claimcheck.thresholds import AlignWeights, CompareThresholds

_n = 0


def fig(source, value, *, measure="killed", unit="person", dimension="count", hedge=Hedge.EXACT, period=None,
        about=None, canonical=None, canonical_unit=None, value_max=None, stance=Stance.ACTUAL, scope=(),
        quote=None, kind=Kind.QUANTITY):
    global _n
    _n += 1
    quote = quote or f"Report {_n}: {value} ({measure})."
    about_span = (quote.index(about), quote.index(about) + len(about)) if about and about in quote else (None, None)
    return Claim(id=f"c-{_n}", source=source, kind=kind, quote=quote, start=0, end=len(quote), surface=str(value),
                 surface_start=0, surface_end=1, subject=None, scope=tuple(scope), value=value,
                 value_max=value_max, unit=unit, hedge=hedge, period=period, stance=stance, measure=measure,
                 about=about, about_start=about_span[0], about_end=about_span[1], dimension=dimension,
                 canonical=canonical, canonical_max=None, canonical_unit=canonical_unit)


def found(claims, **kw):
    return [(f.verdict.value, f.kind) for f in compare(claims, **kw)]


def test_undated_quantities_align():
    # most facts in news have no period: "five people were killed" vs "four people were killed",
    # anchored by a rare entity both sentences name
    a = fig("a", 5.0, quote="Five people were killed at the Quarry Lane depot.")
    b = fig("b", 4.0, quote="Four people were killed at the Quarry Lane depot, police said.")
    depot = _Entity("fac:quarrylane", "Quarry Lane depot", (
        Mention("Quarry Lane depot", "FAC", "a", a.quote.index("Quarry"), a.quote.index("depot") + 5),
        Mention("Quarry Lane depot", "FAC", "b", b.quote.index("Quarry"), b.quote.index("depot") + 5),
    ))
    filler = [fig(s, 9.0, measure=f"other{i}", quote=f"Unrelated figure {i} in {s}.") for i, s in
              enumerate(["a", "b", "a", "b", "a", "b"])]
    (f,) = [x for x in compare([a, b, *filler], entities=[depot]) if set(x.claims) == {a, b}]
    assert (f.verdict.value, f.kind) == ("contradiction", "quantity")
    assert "same measure (killed)" in f.explanation and "both undated" in f.explanation
    assert "Quarry Lane depot" in f.explanation


@dataclass(frozen=True)
class _Entity:
    id: str
    name: str
    mentions: tuple


def test_same_person_same_measure_both_undated_explains_the_levels():
    a = fig("a", 35.0, measure="age", unit="year", dimension="age", about="Rico Doyle",
            quote="Police named the driver as Rico Doyle, 35.")
    b = fig("b", 36.0, measure="age", unit="year", dimension="age", about="Rico Doyle",
            quote="Rico Doyle, 36, was charged on Friday.")
    (f,) = compare([a, b])
    assert f.verdict.value == "contradiction"
    assert f.explanation.startswith("same person (Rico Doyle), same measure (age), both undated: 35 year vs 36 year")
    assert f.levels[:2] == ("anchor:about_same", "measure:same")


def test_two_people_ages_are_not_one_fact():
    a = fig("a", 19.0, measure="age", unit="year", dimension="age", about="Ann Lee", quote="Ann Lee, 19, was hurt.")
    b = fig("b", 41.0, measure="age", unit="year", dimension="age", about="Bo Park", quote="Bo Park, 41, was hurt.")
    assert compare([a, b]) == []


def test_killed_never_meets_injured():
    assert found([fig("a", 2.0, measure="killed"), fig("b", 7.0, measure="injured")],
                 thresholds=CompareThresholds(weights=AlignWeights(threshold=0.0))) == []


def test_four_ages_in_one_sentence_align_one_to_one():
    quote = "The victims were 19, 22, 35 and 41 years old."
    many = [fig("a", v, measure="age", unit="year", dimension="age", quote=quote) for v in (19.0, 22.0, 35.0, 41.0)]
    one = fig("b", 35.0, measure="age", unit="year", dimension="age", quote="One victim was 35.")
    findings = compare([*many, one])
    # each claim meets at most its best partner in each other source: 35 and 35, if anything
    assert len(findings) <= 1
    for f in findings:
        assert f.verdict.value == "agreement" and {c.value for c in f.claims} == {35.0}
    # ages whose person is unknown are weak evidence: a strong enough penalty keeps them all apart
    t = CompareThresholds(weights=AlignWeights(unanchored_attribute=-6.0))
    result = align([*many, one], thresholds=t)
    assert result.findings == ()
    assert all(n.blocker.feature == "anchor" for n in result.near_misses)


def test_same_figure_in_two_currencies_is_a_currency_contradiction():
    a = fig("a", 4e8, measure="loan", unit="EUR", dimension="money", canonical=4e8, canonical_unit="EUR",
            period="2024")
    b = fig("b", 4e8, measure="loan", unit="USD", dimension="money", canonical=4e8, canonical_unit="USD",
            period="2024")
    (f,) = compare([a, b])
    assert (f.verdict.value, f.kind) == ("contradiction", "currency")
    assert "two currencies" in f.explanation


def test_other_currencies_are_not_compared_and_say_so():
    a = fig("a", 4e8, measure="loan", unit="EUR", dimension="money", canonical=4e8, canonical_unit="EUR",
            period="2024")
    b = fig("b", 4.4e8, measure="loan", unit="USD", dimension="money", canonical=4.4e8, canonical_unit="USD",
            period="2024")
    result = align([a, b], thresholds=CompareThresholds(weights=AlignWeights(threshold=4.0)))
    assert result.findings == ()
    assert [(s.a.id, s.b.id) for s in result.not_compared] == [(a.id, b.id)]


def test_mwh_vs_gwh_is_a_scale_contradiction():
    a = fig("a", 500.0, measure="output", unit="MWh", dimension="energy", canonical=5e8, canonical_unit="watt_hour",
            period="2024")
    b = fig("b", 500.0, measure="output", unit="GWh", dimension="energy", canonical=5e11,
            canonical_unit="watt_hour", period="2024")
    (f,) = compare([a, b])
    assert (f.verdict.value, f.kind) == ("contradiction", "scale")
    assert "1,000x apart" in f.explanation


def test_converted_units_agree():
    a = fig("a", 120.0, measure="length", unit="km", dimension="length", canonical=120_000.0,
            canonical_unit="meter", period="2024")
    b = fig("b", 120_000.0, measure="length", unit="m", dimension="length", canonical=120_000.0,
            canonical_unit="meter", period="2024")
    assert found([a, b]) == [("agreement", "quantity")]


def test_a_different_period_never_contradicts():
    a = fig("a", 5.8e8, measure="trade", unit="USD", dimension="money", period="2023", about="Kivu Co",
            quote="Kivu Co trade was 580 million dollars.")
    b = fig("b", 6.5e8, measure="trade", unit="USD", dimension="money", period="2024", about="Kivu Co",
            quote="Kivu Co trade was 650 million dollars.")
    assert compare([a, b]) == []


@pytest.mark.parametrize(("a", "b", "verdict"), [
    ((120.0, Hedge.APPROX), (113.0, Hedge.EXACT), "contradiction"),  # rounded to tens: 115-125
    ((2.5e8, Hedge.APPROX), (2.54e8, Hedge.EXACT), "agreement"),  # rounded to ten millions: 245-255M
])
def test_tolerance_follows_how_round_a_hedged_figure_is(a, b, verdict):
    ca = fig("a", a[0], hedge=a[1], measure="length", unit="km", dimension="length", period="2024")
    cb = fig("b", b[0], hedge=b[1], measure="length", unit="km", dimension="length", period="2024")
    (f,) = compare([ca, cb])
    assert f.verdict.value == verdict


def test_rounding_step():
    assert rounding_step(5.8e8) == pytest.approx(1e7)
    assert rounding_step(120.0) == pytest.approx(10.0)
    assert rounding_step(1.25) == pytest.approx(0.01)
    assert rounding_step(7.0) == pytest.approx(1.0)


def test_a_decade_of_age_is_an_interval():
    forties = fig("a", 40.0, value_max=49.0, hedge=Hedge.RANGE, measure="age", unit="year", dimension="age",
                  about="Cal Ode", quote="Cal Ode, in his 40s, was hurt.")
    exact = fig("b", 44.0, measure="age", unit="year", dimension="age", about="Cal Ode", quote="Cal Ode, 44.")
    older = fig("c", 52.0, measure="age", unit="year", dimension="age", about="Cal Ode", quote="Cal Ode, 52.")
    got = {(frozenset(c.source for c in f.claims), f.verdict.value) for f in compare([forties, exact, older])}
    assert (frozenset("ab"), "agreement") in got
    assert (frozenset("ac"), "contradiction") in got


def test_later_source_is_named_and_the_finding_kept():
    a = fig("a", 15.0, measure="injured", period=None, about="Elm Street club", quote="15 hurt at Elm Street club.")
    b = fig("b", 16.0, measure="injured", period=None, about="Elm Street club", quote="16 hurt at Elm Street club.")
    sources = {"a": Source("a", "x/a.txt", "0", "", published="2016-06-01"),
               "b": Source("b", "x/b.txt", "0", "", published="2016-06-03")}
    (f,) = compare([a, b], sources=sources)
    assert f.verdict.value == "contradiction" and f.later_source == "b"
    assert "b was published later (2016-06-03 vs 2016-06-01)" in f.explanation


def test_clock_times():
    a = fig("a", "20:30", kind=Kind.TIME, measure="shooting", unit=None, dimension=None, hedge=Hedge.APPROX,
            about="Elm Street club", quote="The shooting at Elm Street club was about 8:30 p.m.")
    b = fig("b", "20:35", kind=Kind.TIME, measure="shooting", unit=None, dimension=None,
            about="Elm Street club", quote="Shots rang out at Elm Street club at 8:35 p.m.")
    c = fig("c", "23:30", kind=Kind.TIME, measure="shooting", unit=None, dimension=None,
            about="Elm Street club", quote="Elm Street club: shots at 11:30 p.m.")
    got = {(frozenset(x.source for x in f.claims), f.verdict.value, f.kind) for f in compare([a, b, c])}
    assert (frozenset("ab"), "agreement", "time") in got
    assert (frozenset("ac"), "contradiction", "time") in got


def test_near_misses_name_the_level_that_kept_a_pair_apart():
    a = fig("a", 4.0, measure="arrested", scope=("Ohio",), about="Pine Mall", quote="4 arrested at Pine Mall.")
    b = fig("b", 2.0, measure="arrested", scope=("Texas",), about="Pine Mall", quote="2 arrested at Pine Mall.")
    t = CompareThresholds(weights=AlignWeights(threshold=9.0, near_margin=3.0))
    result = align([a, b], thresholds=t)
    assert result.findings == ()
    (near,) = result.near_misses
    assert near.blocker.feature == "scope"


def test_the_ladder_is_data_with_a_description_per_level():
    weights = AlignWeights()
    for cmp in LADDER:
        assert cmp.description and cmp.levels
        for name, text in cmp.levels.items():
            assert text, (cmp.feature, name)
    assert weights.time_different < -10  # a wall: different periods never meet


def test_candidates_are_counted_and_blocked():
    claims = [fig("a", 1.0, measure="killed"), fig("b", 1.0, measure="killed"),
              fig("c", 3.0, measure="length", unit="km", dimension="length")]
    result = align(claims)
    assert result.candidates == 1  # the length has no partner of its dimension


def test_a_page_stamp_is_not_an_event_time():
    a = fig("a", "09:56", kind=Kind.TIME, measure="updated", unit=None, dimension=None,
            quote="Updated 09:56 ET, Friday.")
    b = fig("b", "11:00", kind=Kind.TIME, measure="updated", unit=None, dimension=None,
            quote="Updated 11:00 ET, Friday.")
    assert compare([a, b]) == []


def test_values_ten_times_apart_are_two_facts_but_a_zero_still_contradicts():
    loan_a = fig("a", 430.0, measure="loan", unit="USD", dimension="money", period="2024")
    loan_b = fig("b", 2e6, measure="loan", unit="USD", dimension="money", period="2024")
    assert compare([loan_a, loan_b]) == []
    none = fig("a", 0.0, measure="arrested", quote="No arrests have been made at the Pine Mall.")
    one = fig("b", 1.0, measure="arrested", quote="Police arrested one man at the Pine Mall.")
    assert found([none, one]) == [("contradiction", "quantity")]


def test_counts_of_a_noun_with_no_event_are_weak_evidence():
    plain = [fig("a", 2.0, measure="child", unit="child", quote="Two children were at the house."),
             fig("b", 3.0, measure="child", unit="child", quote="Neighbours said three children lived nearby.")]
    assert compare(plain) == []
    killed = [fig("a", 2.0, measure="killed", unit="child"), fig("b", 3.0, measure="killed", unit="child")]
    assert found(killed) == [("contradiction", "quantity")]


def _date(source, value, *, measure="shooting", subject=None, surface="Sunday", resolved=True, quote=None, start=0):
    c = fig(source, value, kind=Kind.DATE, measure=measure, unit=None, dimension=None,
            quote=quote or f"The {measure} happened {surface}.")
    at = c.quote.find(surface)
    return replace(c, subject=subject, surface=surface, surface_start=start + max(at, 0),
                   surface_end=start + max(at, 0) + len(surface), resolved=resolved, start=start,
                   end=start + len(c.quote))


def test_a_day_that_dates_a_count_is_still_an_event_date():
    # "four were shot on Sunday": the count carries the day as its period, and
    # the day still dates the shooting
    count = fig("a", 4.0, measure="shot", period="2016-03-06", quote="Four were shot on Sunday.")
    sunday = _date("a", "2016-03-06", quote="Four were shot on Sunday.")
    monday = _date("b", "2016-03-07", surface="Monday", quote="The shooting happened Monday.")
    got = [(f.verdict.value, f.kind) for f in compare([count, sunday, monday])]
    assert got == [("contradiction", "date")]


def test_a_year_that_dates_a_figure_is_no_event_date():
    figure = fig("a", 580.0, measure="trade", unit="USD", dimension="money", period="2024",
                 quote="In 2024, trade reached $580 million.")
    year = _date("a", "2024", measure="trade", surface="2024", resolved=False, quote=figure.quote)
    other = _date("b", "2023", measure="trade", surface="2023", resolved=False, quote="Trade talks began in 2023.")
    assert [f for f in compare([figure, year, other]) if f.kind == "date"] == []


def test_one_incident_dated_by_what_it_did_meets_across_wordings():
    a = _date("a", "2016-03-06", measure="killing", surface="Sunday", quote="Two were killed early Sunday.")
    b = _date("b", "2016-03-06", measure="shooting", surface="Sunday night", quote="The shooting happened Sunday night.")
    assert found([a, b]) == [("agreement", "date")]


def test_a_weekday_names_its_day_but_yesterday_may_be_off_by_one():
    a = _date("a", "2016-07-17", surface="July 17", quote="The shooting happened July 17.")
    b = _date("b", "2016-07-18", surface="July 18", quote="The shooting happened July 18.")
    assert found([a, b]) == [("contradiction", "date")]
    c = _date("c", "2016-07-17", surface="last night", quote="The shooting happened last night.")
    assert found([c, b]) == [("agreement", "date")]


def test_the_date_of_a_statement_or_an_embedded_post_is_not_compared():
    said_a = _date("a", "2016-03-10", measure="shooting", subject="police said", surface="Thursday",
                   quote="Police said Thursday the shooting was planned.")
    said_b = _date("b", "2016-03-11", measure="shooting", subject="police said", surface="Friday",
                   quote="Police said Friday the shooting was planned.")
    assert compare([said_a, said_b]) == []
    post_a = _date("a", "2016-03-10", surface="March 10, 2016",
                   quote="Scene of the shooting pic.example/x — Kim Lo (@kimlo) March 10, 2016")
    post_b = _date("b", "2016-03-12", surface="March 12, 2016",
                   quote="Shooting scene pic.example/y — Al Ro (@alro) March 12, 2016")
    assert compare([post_a, post_b]) == []


def test_a_name_in_the_measure_is_who_not_what():
    a = replace(fig("a", 1.0, measure=None, hedge=Hedge.AT_LEAST, quote="Police said Quill was arrested on Friday."),
                subject="the arrested Quill")
    b = fig("b", 0.0, measure="arrested", quote="No arrests have been made.")
    (f,) = compare([a, b])
    assert "same measure (arrested)" in f.explanation


def test_shared_wording_is_evidence_of_one_passage():
    a = fig("a", 15.0, measure="age", unit="year", dimension="age", quote="The 15-year-old appeared in court Monday in Elmwood.")
    b = fig("b", 16.0, measure="age", unit="year", dimension="age", quote="A 16-year-old boy appeared in court Monday in Elmwood.")
    c = fig("c", 40.0, measure="age", unit="year", dimension="age", quote="Her neighbour, 40, was treated for shock.")
    result = align([a, b, c])
    levels = {frozenset(x.source for x in f.claims): f.levels for f in result.findings}
    assert "context:similar" in levels[frozenset("ab")]
    assert frozenset("ac") not in levels and frozenset("bc") not in levels


def test_none_against_one_is_a_close_count():
    none = fig("a", 0.0, measure="arrested", quote="No arrests have been made, police said.")
    one = fig("b", 1.0, measure="arrested", hedge=Hedge.AT_LEAST, quote="A man was arrested late Friday.")
    (f,) = compare([none, one])
    assert f.verdict.value == "contradiction" and "value:close" in f.levels


def test_a_named_event_keeps_its_words_in_the_measure():
    from claimcheck.compare.keys import measure_key

    war = fig("a", 30.0, measure="day Border War", unit="day", dimension="time",
              quote="After the 30-day Border War, talks began in Elmwood.")
    assert "war" in measure_key(war)  # no known measure beside the name: nothing dropped
    quill = replace(fig("b", 1.0, measure=None, quote="Police said Quill was arrested on Friday."),
                    subject="the arrested Quill")
    assert measure_key(quill) == ("arrested",)


def test_killed_is_a_part_of_shot_and_seldom_one_fact():
    shot = fig("a", 5.0, measure="shot", quote="Five people were shot outside the Elm Street club.")
    killed = fig("b", 3.0, measure="killed", quote="Three people died after the Elm Street club shooting.")
    assert align([shot, killed]).findings == ()
    (f,) = align([shot, killed], thresholds=CompareThresholds(weights=AlignWeights(threshold=-50.0))).findings
    assert "measure:part" in f.levels


def test_a_distinctive_value_weighs_more_than_a_common_one():
    # 4:45 a.m. is stated once in each of two sources among many times of day:
    # the pair meets on the distinctive value; a common value does not
    times = [fig(s, f"{h:02d}:{m:02d}", kind=Kind.TIME, measure="", unit=None, dimension=None,
                 quote=f"Something happened at {h}:{m:02d} in {s}.")
             for s, h, m in [("a", 9, 0), ("b", 13, 0), ("a", 15, 30), ("b", 18, 0), ("a", 20, 10), ("b", 7, 5)]]
    a = fig("a", "04:45", kind=Kind.TIME, measure="", unit=None, dimension=None, quote="Officers were called at 4:45 a.m.")
    b = fig("b", "04:45", kind=Kind.TIME, measure="", unit=None, dimension=None, quote="The alarm rang around 4:45 a.m.")
    result = align([a, b, *times])
    (f,) = [x for x in result.findings if set(x.claims) == {a, b}]
    assert f.verdict.value == "agreement" and "value:within_rare" in f.levels
    plain = align([a, b, *times], thresholds=CompareThresholds(rare_value_claims=0))
    assert not [x for x in plain.findings if set(x.claims) == {a, b}]


def test_a_headline_and_its_story_are_one_finding_but_two_measures_are_two():
    head = fig("a", 4.0, measure="killed", quote="Four killed in Elm Street club shooting")
    body = fig("a", 4.0, measure="killed", quote="Four people were killed at the Elm Street club late Sunday.")
    other = fig("b", 5.0, measure="killed", quote="Five people were killed at the Elm Street club, police said.")
    hurt_a = fig("a", 4.0, measure="injured", quote="Four others were hurt at the Elm Street club.")
    hurt_b = fig("b", 5.0, measure="injured", quote="Five others were hurt at the Elm Street club.")
    found = [f for f in compare([head, body, other, hurt_a, hurt_b]) if f.verdict.value == "contradiction"]
    killed = [f for f in found if f.measure == "killed"]
    assert len(killed) == 1 and {head, body} <= set(killed[0].claims) and killed[0].split == 2
    assert [f.measure for f in found if f.measure == "injured"] == ["injured"]


def test_a_year_is_no_distinctive_value():
    # two different events of one year, few claims state "2024": no bonus, no agreement
    a = _date("a", "2024", measure="declaration", surface="2024", resolved=False, quote="The declaration was signed in 2024.")
    b = _date("b", "2024", measure="harvest", surface="2024", resolved=False, quote="The harvest of 2024 was poor.")
    fillers = [_date(s, f"20{10 + i}", measure=f"event{i}", surface=f"20{10 + i}", resolved=False,
                     quote=f"Event {i} happened in 20{10 + i}.") for i, s in enumerate("abababab")]
    assert not [f for f in compare([a, b, *fillers]) if set(f.claims) == {a, b}]

"""The compare stage on claims written by hand: alignment keys, tolerances,
verdicts and explanations. No spaCy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.compare import compare, finding_id, scopes_compatible, subject_key
from claimcheck.records import Claim, Hedge, Kind, Stance

_n = 0


def q(source, value, *, unit="USD", hedge=Hedge.EXACT, period="2024", subject="bilateral trade",
      scope=("Azerbaijan", "Iran"), stance=Stance.ACTUAL, value_max=None, quote=None):
    global _n
    _n += 1
    quote = quote or f"Claim number {_n} says {subject} was {value} in {period}."
    return Claim(id=f"q-{_n}", source=source, kind=Kind.QUANTITY, quote=quote, start=0, end=len(quote),
                 surface=str(value), surface_start=0, surface_end=1, subject=subject, scope=scope,
                 value=float(value), value_max=value_max, unit=unit, hedge=hedge, period=period, stance=stance)


def d(source, value, subject="completion of Rasht-Astara railway", stance=Stance.PLANNED):
    global _n
    _n += 1
    quote = f"Sentence {_n}: the {subject} is set for {value}."
    return Claim(id=f"d-{_n}", source=source, kind=Kind.DATE, quote=quote, start=0, end=len(quote), surface=value,
                 surface_start=0, surface_end=1, subject=subject, scope=("Iran",), value=value, stance=stance)


def r(source, title, person="Farzaneh Sadegh"):
    global _n
    _n += 1
    quote = f"Sentence {_n}: {person}, {title}, spoke."
    return Claim(id=f"r-{_n}", source=source, kind=Kind.ROLE, quote=quote, start=0, end=len(quote), surface=title,
                 surface_start=0, surface_end=1, subject=person, scope=("Iran",), value=title,
                 normalized=title.lower(), stance=Stance.ACTUAL)


def verdicts(claims):
    return [(f.verdict.value, f.kind) for f in compare(claims)]


def test_seed_shaped_trade_contradiction():
    a = q("s1", 5.8e8, hedge=Hedge.APPROX, subject="bilateral trade")
    b = q("s2", 6.5e8, hedge=Hedge.APPROX, subject="mutual trade")
    (f,) = compare([a, b])
    assert f.verdict.value == "contradiction"
    assert f.relative_difference == pytest.approx(0.1207, abs=1e-4)
    assert f.tolerance == pytest.approx(0.02)
    assert f.explanation == (
        "same measure (trade), same period (2024), the sentences share most words (60%): ~580M USD vs ~650M USD differ by 70,000,000 USD (12.1%), "
        "beyond ±2.0% for 'around' (rounded to 10,000,000)."
    )


@pytest.mark.parametrize(
    "other",
    [
        dict(period="2025-01/2025-10"),  # a different period
        dict(period="2020/2022", hedge=Hedge.RANGE, value_max=4e8),  # a year vs the early 2020s
        dict(stance=Stance.TARGET),  # a target against an actual: a penalty that keeps these apart
        dict(unit="hectare"),  # never USD vs hectares
        dict(unit="EUR"),  # no currency conversion (and not the same figure)
        dict(subject="oil exports"),  # another measure
        dict(scope=("Iraq",)),  # another place
    ],
)
def test_not_comparable(other):
    base = dict(hedge=Hedge.APPROX)
    a = q("s1", 5.8e8, **base)
    b = q("s2", 6.5e8, **{**base, **other})
    assert compare([a, b]) == []


def test_same_source_never_compared():
    assert compare([q("s1", 5.8e8), q("s1", 9e8)]) == []


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        (dict(value=4e5, hedge=Hedge.MORE_THAN), dict(value=4.5e5), "agreement"),
        (dict(value=4e5, hedge=Hedge.MORE_THAN), dict(value=3.5e5), "contradiction"),
        (dict(value=3e8, value_max=4e8, hedge=Hedge.RANGE), dict(value=3.5e8), "agreement"),
        (dict(value=3e8, value_max=4e8, hedge=Hedge.RANGE), dict(value=4.5e8), "contradiction"),
        (dict(value=100.0, hedge=Hedge.APPROX), dict(value=104.0), "agreement"),
        (dict(value=100.0), dict(value=100.4), "agreement"),
        (dict(value=100.0), dict(value=102.0), "contradiction"),
        (dict(value=5e8, hedge=Hedge.LESS_THAN), dict(value=4e8), "agreement"),
    ],
)
def test_tolerances(a, b, verdict):
    (f,) = compare([q("s1", a.pop("value"), **a), q("s2", b.pop("value"), **b)])
    assert f.verdict.value == verdict


def test_subject_keys_align_names_of_one_measure():
    keys = {subject_key(s) for s in ("bilateral trade", "mutual trade", "trade turnover",
                                     "the total volume of mutual trade", "Bilateral trade turnover")}
    assert keys == {("trade",)}
    assert subject_key("oil exports") != subject_key("trade")


def test_dates_agree_at_coarser_precision_and_differ_otherwise():
    from claimcheck.thresholds import AlignWeights, CompareThresholds

    # no entity anchors these events: align on the measure alone
    t = CompareThresholds(weights=AlignWeights(threshold=4.0))

    def dv(claims):
        return [(f.verdict.value, f.kind) for f in compare(claims, thresholds=t)]

    assert dv([d("s1", "2025"), d("s2", "2025-06")]) == [("agreement", "date")]
    assert dv([d("s1", "2025-01"), d("s2", "2025-03")]) == [("contradiction", "date")]
    assert dv([d("s1", "2025"), d("s2", "2025", subject="opening of Aghband bridge")]) == []


def test_roles():
    assert verdicts([r("s1", "Minister of Roads and Urban Development"),
                     r("s2", "Minister of Infrastructure and Urban Development")]) == [("contradiction", "role")]
    assert verdicts([r("s1", "President"), r("s2", "President of the Islamic Republic")]) == [("agreement", "role")]
    assert verdicts([r("s1", "Minister", person="A B"), r("s2", "Envoy", person="C D")]) == []


def test_syndicated_copy_is_labelled():
    text = "In 2024, bilateral trade reached around $580 million, officials said on Monday."
    a = q("s1", 5.8e8, hedge=Hedge.APPROX, quote=text)
    b = q("s2", 5.8e8, hedge=Hedge.APPROX, quote=text.replace("officials", "Officials").replace("Monday", "Tuesday"))
    (f,) = compare([a, b])
    assert f.verdict.value == "agreement" and f.copies
    assert "not independent" in f.explanation
    (g,) = compare([a, q("s3", 5.8e8, hedge=Hedge.APPROX)])
    assert not g.copies


def test_finding_ids_are_stable_and_order_free():
    a, b = q("s1", 1.0), q("s2", 2.0)
    assert finding_id(a, b) == finding_id(b, a)
    assert [f.id for f in compare([a, b])] == [f.id for f in compare([b, a])]


def test_finding_id_survives_an_edit_of_the_evidence_but_the_evidence_hash_does_not():
    from claimcheck.compare import evidence_hash

    a, b = q("s1", 5.8e8, hedge=Hedge.APPROX), q("s2", 6.5e8, hedge=Hedge.APPROX)
    edited = q("s2", 6.7e8, hedge=Hedge.APPROX, quote="Trade was about $670 million in 2024, officials said.")
    (f1,), (f2,) = compare([a, b]), compare([a, edited])
    assert f1.id == f2.id
    assert evidence_hash(f1.claims) != evidence_hash(f2.claims)
    (f3,) = compare([a, q("s3", 6.5e8, hedge=Hedge.APPROX)])
    assert f3.id != f1.id


def test_blocking_needs_a_shared_dimension():
    from claimcheck.compare import EntityIndex, blocks, frames

    claims = [q("s1", 1.0), q("s2", 1.0, period="2023"), q("s3", 1.0, unit="hectare"), q("s4", 1.0, unit="percent")]
    fr = frames(claims, EntityIndex(), {})
    blocked = blocks(fr)
    dims = {key[1] for key in blocked}
    assert dims == {"money"}  # hectares and percent have no partner of their dimension
    assert all({fr[i].dimension for i in members} == {"money"} for members in blocked.values())


def test_scope_rules():
    assert scopes_compatible(frozenset({"Iran"}), frozenset({"Azerbaijan", "Iran"}))
    assert not scopes_compatible(frozenset({"Iran"}), frozenset({"Iraq"}))
    assert not scopes_compatible(frozenset(), frozenset({"Iran"}))
    assert scopes_compatible(frozenset(), frozenset())


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["s1", "s2", "s3"]), st.floats(1, 1e9), st.sampled_from(list(Hedge))),
                min_size=2, max_size=6))
def test_verdicts_do_not_depend_on_input_order(items):
    claims = [q(s, v, hedge=h, value_max=v * 1.5 if h is Hedge.RANGE else None) for s, v, h in items]
    first = {(f.id, f.verdict) for f in compare(claims)}
    assert first == {(f.id, f.verdict) for f in compare(list(reversed(claims)))}


def test_many_sources_on_one_measure_are_compared_as_clusters():
    from claimcheck.thresholds import CompareThresholds

    t = CompareThresholds(pairwise_limit=10, block_limit=20, topic_limit=0)
    low = [q(f"a{i}", 5.8e8 * (1 + 0.001 * i), hedge=Hedge.APPROX) for i in range(30)]
    high = [q(f"b{i}", 6.5e8 * (1 + 0.001 * i), hedge=Hedge.APPROX) for i in range(20)]
    findings = compare([*low, *high], thresholds=t)
    agreements = [f for f in findings if f.verdict.value == "agreement"]
    contradictions = [f for f in findings if f.verdict.value == "contradiction"]
    assert len(agreements) == 2 and sorted(len(f.claims) for f in agreements) == [20, 30]
    (c,) = contradictions
    sides = {frozenset(x.source[0] for x in c.claims[: c.split]), frozenset(x.source[0] for x in c.claims[c.split :])}
    assert sides == {frozenset("a"), frozenset("b")}
    assert "30 sources report" in c.explanation and "20 sources report" in c.explanation
    # every claim of a cluster agrees with every other one
    from claimcheck.compare import interval

    for f in agreements:
        ivs = [interval(x, t) for x in f.claims]
        assert max(i.lo for i in ivs) <= min(i.hi for i in ivs)
    # the same claims in another order give the same findings
    again = compare([*reversed(high), *reversed(low)], thresholds=t)
    assert {(f.id, f.verdict) for f in again} == {(f.id, f.verdict) for f in findings}


def test_repeated_values_in_one_source_do_not_make_ids_depend_on_order():
    # found by the property above: a source stating one figure twice
    items = [("s1", 2.0, Hedge.EXACT), ("s1", 2.0, Hedge.LESS_THAN), ("s1", 2.0, Hedge.LESS_THAN),
             ("s2", 1.0, Hedge.EXACT), ("s2", 1.0, Hedge.EXACT), ("s2", 2.0, Hedge.EXACT)]
    claims = [q(s, v, hedge=h) for s, v, h in items]
    first = {(f.id, f.verdict) for f in compare(claims)}
    assert first and first == {(f.id, f.verdict) for f in compare(list(reversed(claims)))}

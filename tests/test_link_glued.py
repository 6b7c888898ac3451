"""Link stage: names the small model glues, mislabels or shortens.

A person's name after a demonym or a department word inside a non-person span,
a misspelt surname tagged as a place, a given name used alone, a civic prefix
("City of"), a generic corporate ending. All names are invented.
"""

from __future__ import annotations

from conftest import Doc, link_docs, together
from conftest import entity_of as entity

from claimcheck.link.rungs import RUNGS

run = link_docs


def rungs(entities) -> set[str]:
    return {d.rung for e in entities for d in e.decisions}


# --------------------------------------------------------------------------- #
# a person's name glued after a demonym / department word
# --------------------------------------------------------------------------- #


def test_demonym_glued_before_a_known_person_is_that_person() -> None:
    a = Doc("a").ent("Dorvan Quillby", "PERSON").say(" won the bout. ").ent("Quillby", "PERSON").say(" said.")
    b = Doc("b").say("He stopped ").ent("Freedonian Dorvan Quillby", "ORG").say(" in the first round.")
    c = Doc("c").say("The ").ent("Freedonian", "NORP").say(" fans cheered.")
    es = run(a, b, c)
    assert together(es, ("a", "Dorvan Quillby"), ("b", "Freedonian Dorvan Quillby"))
    assert entity(es, "b", "Freedonian Dorvan Quillby").label == "PERSON"


def test_department_word_glued_before_a_known_person_is_that_person() -> None:
    a = Doc("a").ent("Marla Tennick", "PERSON").say(" spoke. ")
    b = Doc("b").say("Secretary of the ").ent("Treasury Marla Tennick", "ORG").say(" spoke.")
    es = run(a, b)
    assert together(es, ("a", "Marla Tennick"), ("b", "Treasury Marla Tennick"))


def test_glued_words_need_a_person_the_corpus_names() -> None:
    """Without "Dorvan Quillby" written on its own, the span stays what it was."""
    b = Doc("b").say("He stopped ").ent("Freedonian Dorvan Quillby", "ORG").say(".")
    c = Doc("c").say("The ").ent("Freedonian", "NORP").say(" fans cheered.")
    es = run(b, c)
    assert entity(es, "b", "Freedonian Dorvan Quillby").label == "ORG"


def test_an_organisation_named_after_nobody_is_not_trimmed() -> None:
    a = Doc("a").ent("Marla Tennick", "PERSON").say(" spoke. ")
    b = Doc("b").ent("Freedonian Rail Company", "ORG").say(" runs trains.")
    es = run(a, b)
    assert not together(es, ("a", "Marla Tennick"), ("b", "Freedonian Rail Company"))


# --------------------------------------------------------------------------- #
# a misspelt surname tagged as a place
# --------------------------------------------------------------------------- #


def test_misspelt_surname_tagged_as_a_place_joins_its_person() -> None:
    a = (
        Doc("a").ent("Wendel Krastovic", "PERSON").say(" boxed. Fans chanted ")
        .ent("Krastovic", "PERSON").say("! ").ent("Krastovik", "GPE").say("!")
    )
    es = run(a)
    assert together(es, ("a", "Wendel Krastovic"), ("a", "Krastovik"))


def test_a_place_unlike_any_surname_stays_a_place() -> None:
    a = Doc("a").ent("Wendel Krastovic", "PERSON").say(" boxed in ").ent("Marbleton", "GPE").say(".")
    es = run(a)
    assert not together(es, ("a", "Wendel Krastovic"), ("a", "Marbleton"))


# --------------------------------------------------------------------------- #
# a given name used alone
# --------------------------------------------------------------------------- #


def test_given_name_alone_joins_the_only_person_of_its_source() -> None:
    a = (
        Doc("a").ent("Tavia Brennock", "PERSON").say(" and her brother. Later ")
        .ent("Tavia", "PERSON").say(" said no.")
    )
    es = run(a)
    assert together(es, ("a", "Tavia Brennock"), ("a", "Tavia"))
    assert "given name" in rungs(es) and "given name" in RUNGS


def test_given_name_alone_joins_the_only_person_of_the_corpus() -> None:
    a = Doc("a").ent("Tavia Brennock", "PERSON").say(" was hurt. ").ent("Brennock", "PERSON").say(" is 16.")
    b = Doc("b").say("A vigil for ").ent("Tavia", "PERSON").say(" was held.")
    es = run(a, b)
    assert together(es, ("a", "Tavia Brennock"), ("b", "Tavia"))


def test_given_name_shared_by_two_people_stays_apart() -> None:
    a = Doc("a").ent("Tavia Brennock", "PERSON").say(" met. ").ent("Brennock", "PERSON").say(" left.")
    b = Doc("b").ent("Tavia Osterby", "PERSON").say(" met. ").ent("Osterby", "PERSON").say(" left.")
    c = Doc("c").say("A vigil for ").ent("Tavia", "PERSON").say(" was held.")
    es = run(a, b, c)
    assert not together(es, ("a", "Tavia Brennock"), ("c", "Tavia"))
    assert not together(es, ("b", "Tavia Osterby"), ("c", "Tavia"))


def test_given_name_alone_prefers_its_own_source() -> None:
    a = Doc("a").ent("Tavia Brennock", "PERSON").say(" met. ").ent("Brennock", "PERSON").say(" left.")
    b = Doc("b").ent("Tavia Osterby", "PERSON").say(" met. ").ent("Tavia", "PERSON").say(" left.")
    es = run(a, b)
    assert together(es, ("b", "Tavia Osterby"), ("b", "Tavia"))
    assert not together(es, ("a", "Tavia Brennock"), ("b", "Tavia"))


def test_given_name_that_is_also_a_surname_is_left_to_the_surname_steps() -> None:
    a = Doc("a").ent("Corin Ashdale", "PERSON").say(" met. ").ent("Ashdale", "PERSON").say(" left.")
    b = Doc("b").ent("Pell Corin", "PERSON").say(" met. ").ent("Corin", "PERSON").say(" left.")
    es = run(a, b)
    assert not together(es, ("a", "Corin Ashdale"), ("b", "Corin"))


def test_given_name_used_for_a_place_elsewhere_is_left_alone() -> None:
    a = Doc("a").ent("Tavia Brennock", "PERSON").say(" met. ").ent("Brennock", "PERSON").say(" left.")
    b = Doc("b").say("In ").ent("Tavia", "GPE").say(" it rained.")
    c = Doc("c").ent("Tavia", "PERSON").say(" won the game.")
    es = run(a, b, c)
    assert not together(es, ("a", "Tavia Brennock"), ("c", "Tavia"))


def test_across_sources_the_person_must_be_one_the_corpus_treats_as_a_person() -> None:
    """A headline the model took for a person ("Tavia Rallies Beat") is no bearer
    of a given name across sources: no surname used alone, no title."""
    a = Doc("a").ent("Tavia Rallies", "PERSON").say(" beat the odds.")
    b = Doc("b").say("A vigil for ").ent("Tavia", "PERSON").say(" was held.")
    es = run(a, b)
    assert not together(es, ("a", "Tavia Rallies"), ("b", "Tavia"))


# --------------------------------------------------------------------------- #
# generic words: a civic prefix, a corporate ending
# --------------------------------------------------------------------------- #


def test_city_of_x_is_the_place_x() -> None:
    a = Doc("a").say("The fire in ").ent("Quellport", "GPE").say(" spread. ")
    b = Doc("b").say("According to the ").ent("City of Quellport", "FAC").say(", it was lost.")
    es = run(a, b)
    assert together(es, ("a", "Quellport"), ("b", "City of Quellport"))
    assert "generic words" in rungs(es) and "generic words" in RUNGS


def test_county_of_x_is_not_the_town_x() -> None:
    a = Doc("a").say("The fire in ").ent("Quellport", "GPE").say(" spread. ")
    b = Doc("b").say("The ").ent("County of Quellport", "GPE").say(" said so.")
    es = run(a, b)
    assert not together(es, ("a", "Quellport"), ("b", "County of Quellport"))


def test_company_and_its_name_without_a_generic_ending() -> None:
    a = Doc("a").ent("Zentrix Technologies", "ORG").say(" agreed to the deal. ")
    b = Doc("b").ent("Zentrix", "ORG").say(" shares rose.")
    es = run(a, b)
    assert together(es, ("a", "Zentrix Technologies"), ("b", "Zentrix"))


def test_two_companies_with_one_short_form_stay_apart() -> None:
    a = Doc("a").ent("Zentrix Technologies", "ORG").say(" and ").ent("Zentrix Holdings", "ORG").say(" split. ")
    b = Doc("b").ent("Zentrix", "ORG").say(" shares rose.")
    es = run(a, b)
    assert not together(es, ("a", "Zentrix Technologies"), ("b", "Zentrix"))
    assert not together(es, ("a", "Zentrix Holdings"), ("b", "Zentrix"))


def test_generic_ending_after_a_persons_name_is_not_that_person() -> None:
    a = Doc("a").ent("Orla Brisk", "PERSON").say(" spoke. ").ent("Brisk", "PERSON").say(" left. ")
    b = Doc("b").ent("Brisk Systems", "ORG").say(" was sold.")
    es = run(a, b)
    assert not together(es, ("a", "Brisk"), ("b", "Brisk Systems"))

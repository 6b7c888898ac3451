"""Extraction with the statistical model on sentences written here (not the
seeds): properties of subject, stance and period, not exact model output."""

from __future__ import annotations

import pytest

from claimcheck import api
from claimcheck.extract import extract_source
from conftest import text_source

pytestmark = pytest.mark.model


def _quantities(nlp, tmp_path, text):
    src = text_source(tmp_path, text + "\n")
    return {c.surface: c for c in extract_source(src, nlp).claims if c.kind.value == "quantity"}


def test_a_change_is_not_a_level(nlp_model, tmp_path):
    q = _quantities(nlp_model, tmp_path, "Global trade reached $33 trillion in 2024, up $1 trillion from the previous year.")
    level, change = q["$33 trillion"], q["$1 trillion"]
    assert "trade" in level.subject.lower() and "increase" not in level.subject
    assert change.subject.endswith("increase")


def test_forecast_cues(nlp_model, tmp_path):
    for text in ("Global trade is poised to hit $33 trillion in 2024.",
                 "Global trade is on track to hit $33 trillion in 2024.",
                 "Global trade is projected to reach $33 trillion in 2024."):
        (c,) = _quantities(nlp_model, tmp_path, text).values()
        assert c.stance.value == "forecast", text


def test_a_date_modifying_another_noun_is_not_the_period(nlp_model, tmp_path):
    q = _quantities(nlp_model, tmp_path, "Trade in goods has grown by 2% in 2024, remaining below its 2022 peak.")
    assert q["2%"].period == "2024"


def test_level_and_change_in_two_sources_do_not_contradict(nlp_model, tmp_path):
    a = tmp_path / "in" / "a.txt"
    b = tmp_path / "in" / "b.txt"
    a.parent.mkdir()
    a.write_text("Global trade reached an all-time high of $33 trillion in 2024, the agency said on Friday.\n", encoding="utf-8")
    b.write_text("Global trade was worth nearly $33 trillion in 2024, up $1 trillion from the previous year.\n", encoding="utf-8")
    run = api.diff([a.parent], tmp_path / "claims.yaml")
    verdicts = [(f.verdict.value, f.kind) for f in run.findings if f.kind == "quantity"]
    assert verdicts == [("agreement", "quantity")]


def test_casualty_counts_carry_what_happened(nlp_model, tmp_path):
    q = _quantities(nlp_model, tmp_path,
                    "The earthquake killed at least 617 people in the province. More than 2,400 people were injured.")
    assert q["at least 617"].subject == "people killed" and q["at least 617"].unit == "people"
    assert q["More than 2,400"].subject == "people injured"


def test_chronology_date_lines_head_their_entries(nlp_model, tmp_path):
    text = ("History of deadly earthquakes around the world\n"
            "Earthquakes have claimed many lives over the years, and technology has only slightly reduced the toll.\n"
            "3 August 2014\n"
            "Approximately 600 people are killed in an earthquake that strikes Yunnan province in China.\n"
            "16 April 2016\n"
            "A powerful earthquake strikes Ecuador's coast, killing more than 650 people.\n")
    q = _quantities(nlp_model, tmp_path, text)
    assert q["Approximately 600"].period == "2014-08-03"
    assert q["more than 650"].period == "2016-04-16"


def test_who_expects_is_not_what_is_measured_and_ties_go_forward(nlp_model, tmp_path):
    q = _quantities(nlp_model, tmp_path, "Economists had expected a decline to 9.9 percent in the statistics.")
    assert q["9.9 percent"].stance.value == "forecast" and q["9.9 percent"].subject is None
    q = _quantities(nlp_model, tmp_path, "He noted that the inflation rate is expected to reach 4.5% in 2023 and 3% in mid-2025.")
    assert q["4.5%"].period == "2023" and q["3%"].period == "2025-05/2025-08"


def test_an_aside_between_a_count_and_its_verb_keeps_the_verb(nlp_model, tmp_path):
    q = _quantities(nlp_model, tmp_path, "Six workers, thought to be cousins, were injured in a blast on Monday.")
    assert q["Six"].measure == "injured"
    q = _quantities(nlp_model, tmp_path, "Seven hikers, believed to be students, were killed in an avalanche on Sunday.")
    assert q["Seven"].measure == "killed"  # the aside parsed as an adverbial clause


def test_an_ordinal_suspect_is_not_also_one_arrest(nlp_model, tmp_path):
    q = _quantities(nlp_model, tmp_path, "Police have arrested a second murder suspect.")
    counts = [c for c in q.values() if c.measure == "arrested"]
    assert [c.value for c in counts] == [2.0]  # "a second suspect": at least two, not also "one arrested"


def test_a_guess_about_the_past_is_no_forecast(nlp_model, tmp_path):
    q = _quantities(nlp_model, tmp_path, "The deaths of three climbers on the ridge may have been caused by a rockfall.")
    assert q["three"].stance.value == "actual"
    q = _quantities(nlp_model, tmp_path, "Exports may reach $5 billion next year.")
    assert q["$5 billion"].stance.value == "forecast"


def test_a_lone_date_line_is_no_period(nlp_model, tmp_path):
    # a byline date above the story is not the period of the figures below it
    text = "March 3, 2021\nFour people were injured when a crane fell on a parked bus in Elmwood.\n"
    q = _quantities(nlp_model, tmp_path, text)
    assert q["Four"].period is None


def test_committing_a_deed_is_no_commitment(nlp_model, tmp_path):
    q = _quantities(nlp_model, tmp_path, "The gunman committed suicide after a 40-minute standoff with deputies.")
    assert q["40-minute"].stance.value == "actual"
    q = _quantities(nlp_model, tmp_path, "The government committed to raising exports to $5 billion.")
    assert q["$5 billion"].stance.value == "target"


def test_one_of_the_suspects_is_counted_once(nlp_model, tmp_path):
    q = _quantities(nlp_model, tmp_path, "Police arrested one of the suspects near the depot.")
    assert [c.value for c in q.values() if c.measure == "arrested"] == [1.0]


def test_a_count_belongs_to_its_named_owner(nlp_model, tmp_path):
    q = _quantities(nlp_model, tmp_path, "Excluding Lopez's 15.9 points, the team shot poorly.")
    assert q["15.9"].about == "Lopez"
    q = _quantities(nlp_model, tmp_path, "Garcia scored 23 points in the first half.")
    assert q["23"].about == "Garcia"

"""Seed-level outcomes of `claimcheck diff` with the statistical model."""

from __future__ import annotations

import pytest

from claimcheck import api
from conftest import SEEDS

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def run(tmp_path_factory, nlp_model):
    ledger_path = tmp_path_factory.mktemp("diff") / "claims.yaml"
    return api.diff([SEEDS], ledger_path)


def _pair(f):
    return {c.source[:3] for c in f.claims}


def test_trade_2024_contradiction_between_001_and_004(run):
    hits = [f for f in run.findings if f.verdict.value == "contradiction" and f.kind == "quantity"
            and f.period == "2024" and _pair(f) == {"001", "004"}]
    assert hits
    assert {c.value for c in hits[0].claims} == {5.8e8, 6.5e8}


def test_no_false_contradictions(run):
    for f in run.findings:
        if f.verdict.value != "contradiction" or f.kind != "quantity":
            continue
        periods = {c.period for c in f.claims}
        stances = {c.stance.value for c in f.claims}
        assert len(periods) == 1, f.explanation  # never 2024 vs Jan-Oct 2025 or the early 2020s
        assert len(stances) == 1, f.explanation  # never the $10 billion target vs an actual
        assert all(c.value != 1e10 for c in f.claims), f.explanation


def test_rasht_astara_completion_agreement(run):
    hits = [f for f in run.findings if f.verdict.value == "agreement" and f.kind == "date"
            and _pair(f) == {"000", "001"} and "Rasht-Astara" in (f.subject or "")]
    assert hits and {c.value for c in hits[0].claims} == {"2025"}


def test_khudafarin_variants_are_one_entity_and_a_naming_finding(run):
    dam = [e for e in run.entities if {"Khudafarin", "Khoda Afarin", "Khudaferin"} <= set(e.variants)]
    assert len(dam) == 1
    naming = [f for f in run.findings if f.verdict.value == "naming" and f.entity == dam[0].id]
    assert naming and {v.text for v in naming[0].variants} >= {"Khudafarin", "Khoda Afarin", "Khudaferin"}


def test_heydar_and_ilham_aliyev_stay_apart(run):
    def holder(name):
        return {e.id for e in run.entities if name in e.variants}

    heydar, ilham = holder("Heydar Aliyev"), holder("Ilham Aliyev")
    assert heydar and ilham and not heydar & ilham


def test_no_finding_within_one_source(run):
    # a source is never compared with itself: no source on both sides of a
    # finding (a side may list one source's repeated statement of its figure)
    for f in run.findings:
        if len(f.claims) > 1:
            split = f.split or 1
            left, right = {c.source for c in f.claims[:split]}, {c.source for c in f.claims[split:]}
            assert left and right and not left & right, f.explanation

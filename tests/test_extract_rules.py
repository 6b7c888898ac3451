"""Exact goldens for the rule paths: ``spacy.blank("en")`` plus our rules, so
they do not rot when the statistical model changes. Cases live in
tests/golden/extract_rules.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.extract import extract_source
from conftest import text_source

CASES = json.loads((Path(__file__).parent / "golden" / "extract_rules.json").read_text(encoding="utf-8"))


def _matches(claim, want: dict) -> bool:
    for key, expected in want.items():
        got = getattr(claim, key)
        if hasattr(got, "value") and isinstance(got.value, str):
            got = got.value
        if isinstance(got, tuple):
            got = list(got)
        if isinstance(expected, float | int) and not isinstance(expected, bool) and isinstance(got, float | int):
            if got != pytest.approx(expected, rel=1e-9):
                return False
        elif got != expected:
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_rule_golden(case, nlp_blank, tmp_path):
    src = text_source(tmp_path, case["text"] + "\n")
    claims = extract_source(src, nlp_blank).claims
    for want in case["expect"]:
        hits = [c for c in claims if _matches(c, want)]
        assert hits, f"no claim matches {want}; got {[(c.kind.value, c.surface, c.value, c.unit, c.hedge, c.period, c.stance) for c in claims]}"
    for kind in case.get("exact_kinds", []):
        got = sorted(c.surface for c in claims if c.kind.value == kind)
        want = sorted(w["surface"] for w in case["expect"] if w["kind"] == kind)
        assert got == want
    for c in claims:  # provenance holds for every claim
        assert src.text[c.start : c.end] == c.quote
        assert src.text[c.surface_start : c.surface_end] == c.surface


def test_chunked_extraction_matches_one_pass(nlp_blank, tmp_path, monkeypatch):
    import claimcheck.extract as ex

    lines = [c["text"] for c in CASES] * 3
    text = "\n".join(f"{line} This is paragraph number {i}." for i, line in enumerate(lines)) + "\n"
    src = text_source(tmp_path, text)
    whole = extract_source(src, nlp_blank).claims
    monkeypatch.setattr(ex, "CHUNK_CHARS", 300)  # many chunks
    chunked = extract_source(src, nlp_blank).claims
    assert len(whole) > 20  # repeated sentences count once
    assert [c.id for c in chunked] == [c.id for c in whole]
    for c in chunked:
        assert src.text[c.start : c.end] == c.quote


# --------------------------------------------------------------------------- #
# mention rule pass (spacy.blank("en") + our Matcher patterns): exact goldens
# --------------------------------------------------------------------------- #

_MENTION_GOLDEN = json.loads(
    (Path(__file__).parent / "golden" / "mentions.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", _MENTION_GOLDEN, ids=lambda c: c["text"][:40])
def test_mention_rule_pass_golden(case: dict) -> None:
    import spacy

    from claimcheck.extract.mentions import find_mentions

    nlp = spacy.blank("en")
    got = [[m.text, m.label, m.start, m.end] for m in find_mentions(nlp(case["text"]), nlp, "s", 0)]
    assert got == case["mentions"]
    for text, _, start, end in got:
        assert case["text"][start:end] == text
        assert not text.lower().startswith("the ") and text[:1] not in "\"'“‘"

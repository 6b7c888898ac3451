"""Analyst review: decisions persist, survive re-runs, kills and concurrent
writers; rulings on entities change clusters and findings."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import api, ledger, review
from claimcheck.cli import app
from claimcheck.ledger import files as ledger_files
from claimcheck.records import Claim, Finding, Hedge, Kind, Mention, Source, Stance, Verdict

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def _claim(sid, value, scope=("Azerbaijan", "Iran"), subject="bilateral trade"):
    quote = f"In 2024, {subject} reached around {value / 1e6:g} million USD, officials in {sid} said."
    return Claim(id=f"q-{sid}", source=sid, kind=Kind.QUANTITY, quote=quote, start=0, end=len(quote),
                 surface=quote[:7], surface_start=0, surface_end=7, subject=subject, scope=scope, value=value,
                 unit="USD", hedge=Hedge.APPROX, period="2024", stance=Stance.ACTUAL)


def make_ledger(tmp_path, specs, mentions=None):
    """specs: [(source id, value, scope)]; files exist and match their sha256."""
    results = []
    for sid, value, scope in specs:
        c = _claim(sid, value, scope)
        path = tmp_path / f"{sid}.txt"
        path.write_text(c.quote, encoding="utf-8")
        src = Source(id=sid, path=str(path), sha256=hashlib.sha256(c.quote.encode()).hexdigest(), text=c.quote)
        results.append((src, [c], (mentions or {}).get(sid, [])))
    path = tmp_path / "claims.yaml"
    ledger.write(ledger.merge(ledger.Ledger(), results, {"claimcheck": "test"}), path)
    return path


THREE = [("s1", 5.8e8, ("Azerbaijan", "Iran")), ("s2", 6.5e8, ("Azerbaijan", "Iran")), ("s3", 8e8, ("Azerbaijan", "Iran"))]


def _contradictions(path):
    return [f for f in api.diff(None, path).findings if f.verdict is Verdict.CONTRADICTION]


def test_interactive_decide_quit_rerun(tmp_path):
    path = make_ledger(tmp_path, THREE)
    queue = review.queue(_contradictions(path), {})
    assert len(queue) == 3
    first, second = queue[0], queue[1]
    result = runner.invoke(app, ["review", "-l", str(path), "--reviewer", "ana"], input="ce" + "looks wrong\n" + "dq")
    assert result.exit_code == 0, result.output
    assert "reviewed 0 of 3" in result.output and "reviewed 1 of 3" in result.output
    reviews = ledger.read(path).reviews
    assert reviews[first.id]["status"] == "confirmed" and reviews[first.id]["reviewer"] == "ana"
    assert reviews[second.id]["status"] == "dismissed" and reviews[second.id]["note"] == "looks wrong"
    assert [h["status"] for h in reviews[second.id]["history"]] == ["open", "dismissed"]
    # re-run: only the undecided one is left, and the decisions are still there
    again = runner.invoke(app, ["review", "-l", str(path)], input="q")
    assert again.exit_code == 0 and "[1/1]" in again.output
    assert ledger.read(path).reviews == reviews
    # diff hides the dismissed one by default, its exit code ignores it, CSV carries status
    out = tmp_path / "c.csv"
    d = runner.invoke(app, ["diff", "-l", str(path), "--csv", str(out)])
    assert d.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert first.id in text and second.id not in text and ",confirmed,,ana" in text
    d_all = runner.invoke(app, ["diff", "-l", str(path), "--status", "dismissed", "--csv", "-"])
    assert second.id in d_all.stdout and "looks wrong" in d_all.stdout


def test_exit_code_counts_only_contradictions_not_dismissed(tmp_path):
    path = make_ledger(tmp_path, THREE[:2])
    (f,) = _contradictions(path)
    assert runner.invoke(app, ["diff", "-l", str(path)]).exit_code == 1
    assert runner.invoke(app, ["review", f.id[:5], "--status", "dismissed", "-l", str(path)]).exit_code == 0
    assert runner.invoke(app, ["diff", "-l", str(path)]).exit_code == 0


def test_unknown_and_ambiguous_ids_list_candidates(tmp_path):
    path = make_ledger(tmp_path, THREE)
    ids = sorted(f.id for f in _contradictions(path))
    unknown = runner.invoke(app, ["review", "f-zzzz", "--status", "confirmed", "-l", str(path)])
    assert unknown.exit_code == 2 and ids[0] in unknown.stderr
    ambiguous = runner.invoke(app, ["review", "f-", "--status", "confirmed", "-l", str(path)])
    assert ambiguous.exit_code == 2 and "ambiguous" in ambiguous.stderr and ids[0] in ambiguous.stderr
    bad = runner.invoke(app, ["review", ids[0], "--status", "maybe", "-l", str(path)])
    assert bad.exit_code == 2 and "unknown status" in bad.stderr
    assert ledger.read(path).reviews == {}


def test_orphans_are_kept_and_listed(tmp_path):
    path = make_ledger(tmp_path, THREE[:2])
    (f,) = _contradictions(path)
    review.record(path, f, "confirmed", "real", "ana")
    # the finding disappears: s2's figure now speaks of another year
    from dataclasses import replace

    led = ledger.read(path)
    moved = replace(led.claims[1], period="2023")
    ledger.write(ledger.Ledger(led.sources, (led.claims[0], moved), led.generator, led.reviews, led.entities), path)
    assert f.id not in {x.id for x in api.diff(None, path).findings}
    result = runner.invoke(app, ["review", "--orphans", "-l", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and f.id in result.output
    assert ledger.read(path).reviews[f.id]["status"] == "confirmed"


def test_show_prints_claims_context_and_history(tmp_path):
    path = make_ledger(tmp_path, THREE[:2])
    (f,) = _contradictions(path)
    review.record(path, f, "needs-source", "ask the ministry", "ana")
    result = runner.invoke(app, ["show", f.id, "-l", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for text in ("s1", "s2", "580", "650", "needs-source", "ask the ministry", "ana", "Review history"):
        assert text in result.output
    claim = runner.invoke(app, ["show", "q-s1", "-l", str(path)])
    assert claim.exit_code == 0 and "In 2024, bilateral trade" in claim.output


def test_lock_held_by_another_writer_is_a_clear_error(tmp_path, monkeypatch):
    path = make_ledger(tmp_path, THREE[:2])
    before = path.read_bytes()
    monkeypatch.setattr(ledger_files, "LOCK_TIMEOUT_S", 0.2)
    with ledger.locked(path):
        with pytest.raises(ledger.LedgerError, match="another claimcheck process"):
            ledger.write(ledger.read(path), path)
    assert path.read_bytes() == before


def _fake_finding(i: int) -> Finding:
    return Finding(id=f"f-{i:04d}", verdict=Verdict.CONTRADICTION, kind="quantity", subject="x", scope=(),
                   period=None, claims=(_claim(f"s{i}", 1e6 * (i + 1)),), explanation="test")


def test_two_concurrent_writers_lose_nothing(tmp_path):
    path = make_ledger(tmp_path, THREE[:1])
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from test_review import _fake_finding
        from claimcheck import review
        start = int(sys.argv[1])
        for i in range(start, start + 15):
            review.record({str(path)!r}, _fake_finding(i), "confirmed", None, f"w{{start}}")
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(s)], cwd=ROOT) for s in (0, 100)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    reviews = ledger.read(path).reviews
    assert {f"f-{i:04d}" for i in [*range(15), *range(100, 115)]} <= set(reviews)


def test_kill_mid_review_leaves_the_ledger_intact(tmp_path):
    path = make_ledger(tmp_path, THREE)
    script = textwrap.dedent(f"""
        import os, time
        real_replace = os.replace
        def slow_replace(a, b):
            time.sleep(0.3)   # widen the window in which a kill can land mid-write
            real_replace(a, b)
        os.replace = slow_replace
        from typer.testing import CliRunner
        from claimcheck.cli import app
        CliRunner().invoke(app, ["review", "-l", {str(path)!r}, "--reviewer", "k"], input="c" * 3)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    deadline = time.time() + 60
    while time.time() < deadline and not ledger.read(path).reviews:
        time.sleep(0.05)
    time.sleep(0.15)  # now, most likely, inside the second write
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    got = ledger.read(path)  # parses: never half-written
    assert 1 <= len(got.reviews) <= 3
    assert all(r["status"] == "confirmed" for r in got.reviews.values())
    assert len(got.claims) == 3


def test_rulings_change_clusters_and_findings(tmp_path):
    mentions = {
        "s1": [Mention("Aras", "LOC", "s1", 0, 4), Mention("Iran", "GPE", "s1", 5, 9)],
        "s2": [Mention("Araz", "LOC", "s2", 0, 4), Mention("Iraq", "GPE", "s2", 5, 9)],
    }
    path = make_ledger(tmp_path, [("s1", 5.8e8, ("Iran",)), ("s2", 6.5e8, ("Iraq",))], mentions)
    run = api.diff(None, path)
    river = [e for e in run.entities if {"Aras", "Araz"} <= set(e.variants)]
    assert len(river) == 1
    assert [f for f in run.findings if f.verdict is Verdict.NAMING]
    assert not [f for f in run.findings if f.verdict is Verdict.CONTRADICTION]  # Iran vs Iraq never meet
    ids = {e.name: e.id for e in run.entities}
    assert runner.invoke(app, ["entities", "-l", str(path), "--split", river[0].id, river[0].id]).exit_code == 2
    # an analyst's rulings: the river spellings are two things, the two countries one
    res = runner.invoke(app, ["entities", "-l", str(path), "--split", "loc:aras", "loc:araz", "--reviewer", "ana"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["entities", "-l", str(path), "--merge", ids["Iran"], ids["Iraq"], "--reviewer", "ana"])
    assert res.exit_code == 0, res.output
    assert [(r["action"], r["reviewer"]) for r in ledger.read(path).entities] == [("split", "ana"), ("merge", "ana")]
    after = api.diff(None, path)
    assert not [e for e in after.entities if {"Aras", "Araz"} <= set(e.variants)]
    assert not [f for f in after.findings if f.verdict is Verdict.NAMING]
    assert len([e for e in after.entities if {"Iran", "Iraq"} <= set(e.variants)]) == 1
    assert [f for f in after.findings if f.verdict is Verdict.CONTRADICTION]  # now the scopes meet


@pytest.mark.model
def test_changed_evidence_marks_the_review_stale(tmp_path, nlp_model):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("In 2024, bilateral trade between Azerbaijan and Iran reached around $580 million.\n", encoding="utf-8")
    (folder / "b.txt").write_text("In 2024, mutual trade between Azerbaijan and Iran reached approximately 650 million USD.\n", encoding="utf-8")
    path = tmp_path / "claims.yaml"
    os.chdir(tmp_path)
    run = api.diff([folder], path)
    (f,) = [x for x in run.findings if x.verdict is Verdict.CONTRADICTION]
    review.record(path, f, "confirmed", "checked", "ana")
    assert not review.state(f, ledger.read(path).reviews).stale
    (folder / "b.txt").write_text("In 2024, mutual trade between Azerbaijan and Iran reached approximately 700 million USD.\n", encoding="utf-8")
    again = api.diff(None, path)  # re-extracts b.txt only: its sha256 changed
    assert again.refreshed.reextracted == ("b",)
    (g,) = [x for x in again.findings if x.verdict is Verdict.CONTRADICTION]
    assert g.id == f.id
    st = review.state(g, ledger.read(path).reviews)
    assert st.status == "confirmed" and st.stale
    assert review.queue(again.findings, ledger.read(path).reviews) == [g]


def test_hand_added_claims_survive_reextraction_and_are_compared(tmp_path):
    from dataclasses import replace

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("In 2024, bilateral trade reached around $580 million, officials said.\n", encoding="utf-8")
    path = tmp_path / "claims.yaml"
    api.extract_paths([folder], path, model="blank:en", jobs=1)
    led = ledger.read(path)
    (extracted,) = [c for c in led.claims if c.unit == "USD"]
    # an analyst adds one figure by hand to source "a" and one to a source "b" read elsewhere
    by_hand = dict(origin="manual", subject="bilateral trade", scope=("Azerbaijan", "Iran"), period="2024")
    m_a = replace(extracted, id="q-manual-a", **by_hand)
    m_b = replace(extracted, id="q-manual-b", source="b", value=6.5e8, **by_hand)
    src_b = replace(led.sources[0].source, id="b", path=str(folder / "a.txt"))
    ledger.write(ledger.Ledger((*led.sources, ledger.SourceEntry(src_b, 10)), (*led.claims, m_a, m_b),
                               led.generator, {}, []), path)
    api.extract_paths([folder], path, model="blank:en", jobs=1, use_cache=False)  # re-extracts "a"
    kept = {c.id: c for c in ledger.read(path).claims}
    assert kept["q-manual-a"].origin == "manual" and kept["q-manual-b"].value == 6.5e8
    (f,) = [x for x in api.diff(None, path).findings if x.verdict is Verdict.CONTRADICTION]
    assert {c.id for c in f.claims} == {"q-manual-a", "q-manual-b"}


def test_statuses_are_an_enum_in_code_and_plain_words_in_the_ledger(tmp_path):
    from claimcheck.vocab.review import ReviewStatus

    path = make_ledger(tmp_path, THREE)
    f = _contradictions(path)[0]
    review.record(path, f, ReviewStatus.NEEDS_SOURCE, None, "ana")
    text = path.read_text(encoding="utf-8")
    assert "status: needs-source" in text and "ReviewStatus" not in text
    st = review.state(f, ledger.read(path).reviews)
    assert st.status is ReviewStatus.NEEDS_SOURCE
    assert [x.id for x in review.with_status(_contradictions(path), ledger.read(path).reviews, "needs-source")] == [f.id]

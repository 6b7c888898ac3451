"""Concurrent writers, for real: an ``extract`` running while scripted
reviewers record decisions must never drop an acknowledged decision.

Each scenario runs real ``claimcheck`` processes against one ledger:

* ``extract``: a re-extraction (no cache, so it works for seconds) runs while
  the reviewers write;
* ``changed``: a source file changed on disk, so every reviewer refreshes the
  ledger (re-extracting that source with spaCy) before writing.

Every reviewer that exits 0 has printed an acknowledgement; its note must be
in the final ledger's review history. A reviewer that exits non-zero must
say why on stderr. The ledger must parse after every run.

The default suite runs a reduced version (4 reviewers, one repetition of
each scenario); ``pytest -m slow`` runs 8 reviewers and 10 repetitions.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimcheck import ledger

from conftest import SEEDS

pytestmark = pytest.mark.model

CLAIMCHECK = [sys.executable, "-m", "claimcheck"]


def _run(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLAIMCHECK, *args], cwd=cwd, capture_output=True, text=True, check=False, **kw)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A corpus of the seeds three times over (so an uncached extract takes
    seconds), its ledger and the id of one contradiction."""
    base = tmp_path_factory.mktemp("conc")
    corpus = base / "corpus"
    for copy in ("a", "b", "c"):
        shutil.copytree(SEEDS, corpus / copy)
    led = base / "claims.yaml"
    got = _run(["extract", str(corpus), "-o", str(led), "--jobs", "1"], base)
    assert got.returncode == 0, got.stderr
    out = _run(["diff", "-l", str(led), "--json", "-"], base)
    assert out.returncode == 1, out.stderr  # the seeds contradict each other
    findings = json.loads(out.stdout)["findings"]
    fid = next(f["id"] for f in findings if f["verdict"] == "contradiction")
    return base, corpus, led, fid


def _scenario(prepared, tmp_path: Path, reviewers: int, changed: bool, rep: int) -> None:
    base, corpus, led0, fid = prepared
    work = tmp_path / f"rep{rep}"
    shutil.copytree(corpus, work / "corpus")
    led = work / "claims.yaml"
    # the ledger's sources point into the prepared corpus: rewrite the copy's
    # paths so this repetition works on its own files
    text = led0.read_text(encoding="utf-8").replace(str(corpus), str(work / "corpus"))
    led.write_text(text, encoding="utf-8")
    if changed:
        victim = sorted((work / "corpus" / "a").glob("*.txt"))[0]
        with victim.open("a", encoding="utf-8") as fh:
            fh.write("\nA later note said the new bridge is 300 metres long.\n")
    procs = []
    if not changed:
        procs.append(("extract", subprocess.Popen(
            [*CLAIMCHECK, "extract", str(work / "corpus"), "-o", str(led), "--no-cache", "--jobs", "1"],
            cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
        time.sleep(0.5)
    notes = {}
    for i in range(reviewers):
        note = f"note-{rep}-{i}"
        notes[note] = subprocess.Popen(
            [*CLAIMCHECK, "review", fid, "--status", "confirmed", "--note", note, "--reviewer", f"r{i}",
             "-l", str(led)],
            cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "COLUMNS": "120"})
    acknowledged, refused = [], []
    for note, p in notes.items():
        out, err = p.communicate(timeout=600)
        if p.returncode == 0:
            assert note in out, out  # the acknowledgement names the note
            acknowledged.append(note)
        else:
            assert err.strip(), f"reviewer exited {p.returncode} without a message"
            refused.append(note)
    for name, p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode in (0, 2), (name, p.returncode, err)
        if p.returncode == 2:
            assert err.strip()
    final = ledger.read(led)  # parses
    history = [h.get("note") for h in (final.reviews.get(fid) or {}).get("history", [])]
    lost = [n for n in acknowledged if n not in history]
    assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged decisions lost: {lost}"
    assert acknowledged, f"every reviewer was refused: {refused}"


@pytest.mark.parametrize("changed", [False, True], ids=["extract", "changed-source"])
def test_concurrent_reviews_survive(prepared, tmp_path, changed):
    _scenario(prepared, tmp_path, reviewers=4, changed=changed, rep=0)


@pytest.mark.slow
@pytest.mark.parametrize("changed", [False, True], ids=["extract", "changed-source"])
def test_concurrent_reviews_survive_stress(prepared, tmp_path, changed):
    for rep in range(10):
        _scenario(prepared, tmp_path, reviewers=8, changed=changed, rep=rep)

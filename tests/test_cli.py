"""The command line: exit codes, one-line errors, light start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

runner = CliRunner()


def test_help_is_light():
    code = "import sys; from claimcheck.cli import app; from typer.testing import CliRunner; " \
           "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output; " \
           "assert 'spacy' not in sys.modules, 'spaCy imported by --help'; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_every_command_has_an_example_and_is_in_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        assert "Example: claimcheck " + name in (cmd.callback.__doc__ or ""), name
        assert f"claimcheck {name}" in readme, name


def test_missing_path_is_one_line_exit_2(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope"), "-o", str(tmp_path / "c.yaml"), "--model", "blank:en"])
    assert result.exit_code == 2
    err = result.stderr.strip()
    assert "nope" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "c.yaml").exists()


def test_missing_model_says_how_to_install(tmp_path):
    (tmp_path / "a.txt").write_text("In 2024, trade reached $5 million in total.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(tmp_path / "c.yaml"), "--model", "no_such_model_xyz"])
    assert result.exit_code == 2
    assert "pip install" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unwritable_output_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text("In 2024, trade reached $5 million in total.\n", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(blocker / "c.yaml"), "--model", "blank:en"])
    assert result.exit_code == 2
    assert "c.yaml" in result.stderr


def test_extract_writes_ledger_and_summary(tmp_path):
    (tmp_path / "a.txt").write_text("In 2024, bilateral trade reached around $580 million.\n", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "c.yaml"
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out), "--model", "blank:en"])
    assert result.exit_code == 3, result.output  # done, but a file was skipped
    assert "b.pdf" in result.stderr and "unsupported" in result.stderr
    assert "claims from 1 sources written to" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert "value: 580000000.0" in text and "hedge: approx" in text


@pytest.mark.model
def test_committed_ledger_is_fresh(tmp_path, nlp_model):
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "data" / "claims.yaml"
    import os

    # paths in the ledger are relative to its folder: data/ beside seeds/
    import shutil

    shutil.copytree(root / "seeds", tmp_path / "seeds")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(app, ["extract", "seeds", "-o", str(out)])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    committed = (root / "data" / "claims.yaml").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, (
        "data/claims.yaml is stale: run `claimcheck extract seeds` and commit it"
    )

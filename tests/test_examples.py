"""Every example in the README's command sections and in each command's
--help runs against the seeds (ids in examples are real seed ids).

The commands run in a temporary copy of ``seeds/`` and ``data/claims.yaml``;
examples that extract load the English model, so this module is marked
``model``."""

from __future__ import annotations

import re
import shlex
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.model

#: Examples that name a place on the reader's machine, not in the repo.
PLACEHOLDERS = ("~/",)
#: Keys typed into interactive commands.
INPUT = {"claimcheck review": "q"}


def readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", commands, flags=re.DOTALL):
        lines += [line.strip() for line in block.splitlines() if line.strip().startswith(("claimcheck ", "sqlite3 "))]
    return lines


def help_examples() -> list[str]:
    out = []
    for cmd in app.registered_commands:
        out += re.findall(r"Example: (claimcheck .+)", cmd.callback.__doc__ or "")
    return [line.strip() for line in out]


@pytest.fixture(scope="module")
def seeds_copy(tmp_path_factory):
    where = tmp_path_factory.mktemp("examples")
    shutil.copytree(ROOT / "seeds", where / "seeds")
    (where / "data").mkdir()
    shutil.copy(ROOT / "data" / "claims.yaml", where / "data" / "claims.yaml")
    cache = ROOT / "data" / ".claimcheck"  # made by `claimcheck diff seeds` (.ci/run's first command)
    if cache.is_dir():
        shutil.copytree(cache, where / "data" / ".claimcheck")
    return where


def run_example(line: str, where: Path) -> None:
    if line.startswith("sqlite3 "):  # the README's query over the export, run with Python's sqlite3
        _, db, sql = shlex.split(line)
        rows = sqlite3.connect(where / db).execute(sql).fetchall()
        assert rows, line
        return
    args = shlex.split(line.split(" | ")[0])[1:]
    result = CliRunner().invoke(app, args, input=INPUT.get(line), catch_exceptions=False)
    assert result.exit_code in (0, 1), f"{line}: exit {result.exit_code}\n{result.output}"
    assert "error" not in result.stderr, f"{line}: {result.stderr}"


def test_examples_are_found():
    readme, helps = readme_examples(), help_examples()
    assert len(readme) >= 15 and len(helps) == len(app.registered_commands)
    assert "claimcheck show f-ebf5088785" in readme


def test_every_example_runs_against_the_seeds(seeds_copy, monkeypatch):
    monkeypatch.chdir(seeds_copy)
    skipped = []
    seen = set()
    for line in [*help_examples(), *readme_examples()]:
        if line in seen:
            continue
        seen.add(line)
        if any(p in line for p in PLACEHOLDERS):
            skipped.append(line)
            continue
        run_example(line, seeds_copy)
    assert skipped == ["claimcheck extract ~/articles/ --model en_core_web_sm"]

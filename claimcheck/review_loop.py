"""The interactive review loop of ``claimcheck review``: terminal keys in,
one decision at a time out to the ledger (through :func:`review.record`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

import typer

from .records import Finding
from .vocab.review import ReviewStatus


def review_loop(items: Sequence[Finding], reviews: dict, sources: dict, ledger_path: Path, reviewer: str | None,
                decided: set[str], guard: Callable[[], AbstractContextManager[None]]) -> None:
    """One finding at a time, fitted to the screen, one key per action;
    every decision is written at once (so Ctrl-C loses nothing decided).
    ``guard`` turns a library error into the command line's one-line message."""
    from . import render, report, review

    keys = {"c": ReviewStatus.CONFIRMED, "d": ReviewStatus.DISMISSED, "n": ReviewStatus.NEEDS_SOURCE}
    i = 0
    redraw = True
    while 0 <= i < len(items):
        f = items[i]
        if redraw:
            record = report.finding_records([f], list(sources.values()), reviews)[0]
            render.review_card(record, header=f"[{i + 1}/{len(items)}]")
        render.review_prompt(len(decided), len(items))
        key = typer.getchar().lower()
        render.line(key if key.isprintable() else "")
        if key in ("\x03", "\x04"):
            raise KeyboardInterrupt
        redraw = True
        if key == "q":
            break
        with guard():
            if key in keys:
                reviews[f.id] = review.record(ledger_path, f, keys[key], None, reviewer)
                decided.add(f.id)
                i += 1
            elif key == "e":
                text = typer.prompt("note", default="", show_default=False)
                if text:
                    reviews[f.id] = review.record(ledger_path, f, None, text, reviewer)
            elif key == "s":
                i += 1
            elif key == "b":
                i = max(0, i - 1)
            else:  # "?" and any other key: the keys and what each status means
                render.review_help(f.id)
                redraw = False

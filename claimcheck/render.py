"""Terminal output. The only module that imports rich.

One console factory: colour off when not a TTY, width from the terminal
(``COLUMNS`` pins it in tests). Data goes to stdout, diagnostics and progress
to stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table


def console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else None
    return Console(
        file=stream,
        stderr=stderr,
        width=width,
        no_color=not stream.isatty() or "NO_COLOR" in os.environ,
        highlight=False,
        soft_wrap=False,
    )


def error(message: str) -> None:
    """One line on stderr: ``claimcheck: error: ...``."""
    console(stderr=True).print(f"[bold red]claimcheck: error:[/] {escape(_one_line(message))}", soft_wrap=True)


def note(message: str) -> None:
    console(stderr=True).print(f"[yellow]claimcheck: note:[/] {escape(_one_line(message))}", soft_wrap=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@contextmanager
def progress(label: str) -> Iterator:
    """A progress bar on stderr; yields ``update(done, total, path)``."""
    con = console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        TextColumn("{task.fields[path]}"), console=con, transient=True, disable=not con.is_terminal,
    )
    with bar:
        task = bar.add_task(label, total=None, path="")

        def update(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total, path=path[-40:])

        yield update


def table(title: str, columns: Sequence[str], rows: Sequence[dict[str, object]], stderr: bool = False) -> None:
    t = Table(title=title, title_justify="left")
    for col in columns:
        numeric = all(isinstance(r.get(col), int) for r in rows if r.get(col) != "")
        t.add_column(col, justify="right" if numeric and rows else "left", overflow="fold")
    for r in rows:
        t.add_row(*(escape(str(r.get(c, ""))) for c in columns))
    console(stderr=stderr).print(t)


def line(text: str, stderr: bool = False) -> None:
    console(stderr=stderr).print(escape(text), soft_wrap=True)

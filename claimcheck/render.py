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


# ------------------------------------------------------------------- diff

_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F]}
_CONTROL.update({c: f"\\u{c:04x}" for c in [*range(0x80, 0xA0), 0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]})


def safe(text: str) -> str:
    """Escape control, bidi and zero-width characters and rich markup, so a
    hostile article cannot move the cursor or reorder what the analyst sees."""
    return escape(text.translate(_CONTROL).replace("\n", " ").replace("\t", " "))


def _quote_cell(text: str, start: int, end: int, source: str, value: str) -> str:
    from .report import snippet

    before, fig, after = snippet(text, start, end, width=50)
    return f"[bold]{safe(source)}[/]: [cyan]{safe(value)}[/]\n{safe(before)}[reverse]{safe(fig)}[/]{safe(after)}"


def findings_report(findings, rows, *, show_agreements: bool, agreements_total: int, copies: int) -> None:
    """Contradictions table, spelling variants, agreements (count or table)."""
    from .compare import format_value

    out = console()
    by_id = {f.id: f for f in findings}
    contradictions = [r for r in rows if r["verdict"] == "contradiction"]
    if contradictions:
        t = Table(title=f"Contradictions ({len({r['finding_id'] for r in contradictions})})", title_justify="left",
                  show_lines=True, expand=True)
        for col, ratio in (("id / status", 1), ("subject / period", 2), ("source A", 4), ("source B", 4),
                           ("difference", 1), ("why", 4)):
            t.add_column(col, ratio=ratio, overflow="fold")
        for r in contradictions:
            f = by_id[r["finding_id"]]
            a, b = f.claims[0], f.claims[1]
            diff = ""
            if f.relative_difference is not None and f.kind == "quantity":
                diff = f"{f.relative_difference:.1%}"
            elif f.kind == "date" and f.difference is not None:
                diff = f"{f.difference:.0f} days"
            t.add_row(
                f"{safe(f.id)}\n[dim]{safe(str(r['status']))}[/]",
                f"{safe(f.subject or '?')}\n[dim]{safe(f.period or '')}[/]",
                _quote_cell(a.quote, a.surface_start - a.start, a.surface_end - a.start, a.source, format_value(a)),
                _quote_cell(b.quote, b.surface_start - b.start, b.surface_end - b.start, b.source, format_value(b)),
                diff,
                safe(f.explanation),
            )
        out.print(t)
    naming = [f for f in findings if f.verdict.value == "naming"]
    if naming:
        t = Table(title=f"Spelling variants ({len(naming)})", title_justify="left", expand=True)
        t.add_column("entity", ratio=1, overflow="fold")
        t.add_column("variants (source)", ratio=3, overflow="fold")
        t.add_column("why one entity", ratio=3, overflow="fold")
        for f in naming:
            variants = "\n".join(f"[cyan]{safe(v.text)}[/] ({safe(v.source)})" for v in f.variants)
            t.add_row(safe(f.subject or ""), variants, safe(f.explanation))
        out.print(t)
    agreements = [r for r in rows if r["verdict"] == "agreement"]
    if show_agreements and agreements:
        t = Table(title=f"Agreements ({agreements_total})", title_justify="left", show_lines=True, expand=True)
        for col, ratio in (("id", 1), ("subject / period", 2), ("source A", 4), ("source B", 4), ("why", 4)):
            t.add_column(col, ratio=ratio, overflow="fold")
        for r in agreements:
            f = by_id[r["finding_id"]]
            a, b = f.claims[0], f.claims[1]
            t.add_row(
                safe(f.id) + ("\n[dim]copy[/]" if f.copies else ""),
                f"{safe(f.subject or '?')}\n[dim]{safe(f.period or '')}[/]",
                _quote_cell(a.quote, a.surface_start - a.start, a.surface_end - a.start, a.source, format_value(a)),
                _quote_cell(b.quote, b.surface_start - b.start, b.surface_end - b.start, b.source, format_value(b)),
                safe(f.explanation),
            )
        out.print(t)
    elif agreements_total:
        extra = f" ({copies} from copied text, not independent)" if copies else ""
        out.print(f"{agreements_total} agreements{extra}; list them with --agreements", soft_wrap=True)

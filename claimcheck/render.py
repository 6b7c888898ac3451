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
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text
from rich.table import Table

from .terminal import visible


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
    console(stderr=True).print(f"[bold red]claimcheck: error:[/] {safe(_one_line(message))}", soft_wrap=True)


def note(message: str) -> None:
    console(stderr=True).print(f"[yellow]claimcheck: note:[/] {safe(_one_line(message))}", soft_wrap=True)


def _one_line(text: str) -> str:
    return " ".join(visible(text, newlines="\\n").split())


class _RateColumn(ProgressColumn):
    """Sources per second."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} sources/s" if speed else "… sources/s", style="dim")


@contextmanager
def progress(label: str) -> Iterator:
    """A progress bar on stderr; yields ``update(done, total, path)``."""
    con = console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _RateColumn(), TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[path]}"), console=con, transient=True, disable=not con.is_terminal,
    )
    with bar:
        task = bar.add_task(label, total=None, path="")

        def update(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total, path=safe(path[-40:]))

        yield update


def table(title: str, columns: Sequence[str], rows: Sequence[dict[str, object]], stderr: bool = False) -> None:
    t = Table(title=title, title_justify="left")
    for col in columns:
        numeric = all(isinstance(r.get(col), int) for r in rows if r.get(col) != "")
        t.add_column(col, justify="right" if numeric and rows else "left", overflow="fold")
    for r in rows:
        t.add_row(*(safe(r.get(c, "")) for c in columns))
    console(stderr=stderr).print(t)


def line(text: str, stderr: bool = False) -> None:
    """Plain text (line breaks kept; controls, bidi and markup escaped)."""
    console(stderr=stderr).print(escape(visible(text, newlines="\n")), soft_wrap=True)


# ------------------------------------------------------------------- diff

def safe(text: object) -> str:
    """Outside text made safe for the console: control, bidi and zero-width
    characters escaped by :func:`claimcheck.terminal.visible` (the one
    escaping function), then rich markup escaped."""
    return escape(visible(text))


def _quote_cell(claim: dict) -> str:
    from .report import snippet

    quote = claim["quote"]
    before, fig, after = snippet(quote, claim["surface_start"] - claim["start"], claim["surface_end"] - claim["start"], width=50)
    return f"[bold]{safe(claim['source'])}[/]: [cyan]{safe(claim['display'])}[/]\n{safe(before)}[reverse]{safe(fig)}[/]{safe(after)}"


def status_text(r: dict) -> str:
    return f"{r['status']} (stale)" if r.get("stale") else str(r["status"])


def _difference(r: dict) -> str:
    if r["kind"] == "quantity" and r["relative_difference"] is not None:
        return f"{r['relative_difference']:.1%}"
    if r["kind"] == "date" and r["difference"] is not None:
        return f"{r['difference']:.0f} days"
    return ""


def findings_report(records: list[dict], *, show_agreements: bool) -> None:
    """Contradictions table, spelling variants, agreements (count or table),
    all from :func:`claimcheck.report.finding_records`."""
    out = console()
    contradictions = [r for r in records if r["verdict"] == "contradiction"]
    if contradictions:
        t = Table(title=f"Contradictions ({len(contradictions)})", title_justify="left", show_lines=True, expand=True)
        for col, ratio in (("id / status", 1), ("subject / period", 2), ("source A", 4), ("source B", 4),
                           ("difference", 1), ("why", 4)):
            t.add_column(col, ratio=ratio, overflow="fold")
        for r in contradictions:
            a, b = r["claims"][0], r["claims"][r.get("split") or 1]
            t.add_row(
                f"{safe(r['id'])}\n[dim]{safe(status_text(r))}[/]",
                f"{safe(r['subject'] or '?')}\n[dim]{safe(r['period'] or '')}[/]",
                _quote_cell(a), _quote_cell(b), _difference(r), safe(r["explanation"]),
            )
        out.print(t)
    naming = [r for r in records if r["verdict"] == "naming"]
    if naming:
        t = Table(title=f"Spelling variants ({len(naming)})", title_justify="left", expand=True)
        t.add_column("entity", ratio=1, overflow="fold")
        t.add_column("variants (source)", ratio=3, overflow="fold")
        t.add_column("why one entity", ratio=3, overflow="fold")
        for r in naming:
            variants = "\n".join(f"[cyan]{safe(c['value'])}[/] ({safe(c['source'])})" for c in r["claims"])
            t.add_row(safe(r["subject"] or ""), variants, safe(r["explanation"]))
        out.print(t)
    agreements = [r for r in records if r["verdict"] == "agreement"]
    copies = sum(1 for r in agreements if r["copies"])
    if show_agreements and agreements:
        t = Table(title=f"Agreements ({len(agreements)})", title_justify="left", show_lines=True, expand=True)
        for col, ratio in (("id", 1), ("subject / period", 2), ("source A", 4), ("source B", 4), ("why", 4)):
            t.add_column(col, ratio=ratio, overflow="fold")
        for r in agreements:
            a, b = r["claims"][0], r["claims"][1]
            t.add_row(
                safe(r["id"]) + ("\n[dim]copy[/]" if r["copies"] else ""),
                f"{safe(r['subject'] or '?')}\n[dim]{safe(r['period'] or '')}[/]",
                _quote_cell(a), _quote_cell(b), safe(r["explanation"]),
            )
        out.print(t)
    elif agreements:
        extra = f" ({copies} from copied text, not independent)" if copies else ""
        out.print(f"{len(agreements)} agreements{extra}; list them with --agreements", soft_wrap=True)


# ------------------------------------------------------------------ review


def _context_block(claim: dict, context: tuple[str, int, int] | None) -> str:
    """The claim's sentence inside a little surrounding text, the figure
    highlighted. ``context`` is (text, surface_start, surface_end) relative
    to that text, or None to show the quote alone."""
    if context is None:
        text, s, e = claim["quote"], claim["surface_start"] - claim["start"], claim["surface_end"] - claim["start"]
    else:
        text, s, e = context
    return f"{safe(text[:s])}[reverse bold]{safe(text[s:e])}[/]{safe(text[e:])}"


def finding_card(record: dict, contexts: dict, sources: dict, header: str = "") -> None:
    """One finding in full: verdict, explanation, each side with its source's
    title and date, the figure highlighted in context."""
    out = console()
    if header:
        out.print(f"[bold]{safe(header)}[/]", soft_wrap=True)
    verdict = record["verdict"].upper()
    out.print(f"[bold]{safe(record['id'])}[/]  {verdict} · {safe(record['kind'])} · status: {safe(status_text(record))}"
              + (f" · note: {safe(record['note'])}" if record.get("note") else ""), soft_wrap=True)
    if record.get("subject"):
        out.print(f"subject: {safe(record['subject'])}   period: {safe(record.get('period') or '-')}   "
                  f"scope: {safe(', '.join(record.get('scope') or []) or '-')}", soft_wrap=True)
    shown = record["claims"][:8]
    for i, claim in enumerate(shown):
        meta = sources.get(claim["source"])
        title = f" — {meta.title}" if meta is not None and meta.title else ""
        date = f" ({meta.published})" if meta is not None and meta.published else ""
        out.print(f"\n[bold cyan]{chr(65 + i)}. {safe(claim['source'])}{safe(title)}{safe(date)}[/]", soft_wrap=True)
        out.print(f"   {safe(str(claim.get('display') or claim.get('value')))}   [dim]{safe(claim.get('path') or '')}"
                  f" [{claim['start']}:{claim['end']}][/]", soft_wrap=True)
        out.print("   " + _context_block(claim, contexts.get(claim.get("claim_id") or f"{claim['source']}:{claim['start']}")),
                  soft_wrap=True)
    if len(record["claims"]) > len(shown):
        out.print(f"\n[dim]… and {len(record['claims']) - len(shown)} more claims (see --json)[/]", soft_wrap=True)
    out.print(f"\n[italic]{safe(record['explanation'])}[/]", soft_wrap=True)


def review_prompt(done: int, total: int) -> None:
    console().print(
        f"\n[dim]reviewed {done} of {total}[/]  [bold]c[/]onfirm  [bold]d[/]ismiss  [bold]n[/]eeds-source  "
        "not[bold]e[/]  [bold]s[/]kip  [bold]b[/]ack  [bold]q[/]uit > ",
        end="", soft_wrap=True,
    )


def history(review: dict | None, rulings: list) -> None:
    out = console()
    if review:
        out.print("\n[bold]Review history[/]", soft_wrap=True)
        for h in review.get("history") or []:
            note = f" — {h['note']}" if h.get("note") else ""
            out.print(f"  {safe(str(h.get('at', '')))}  {safe(str(h.get('reviewer', '')))}: "
                      f"{safe(str(h.get('status', '')))}{safe(note)}", soft_wrap=True)
    if rulings:
        out.print("\n[bold]Entity rulings[/]", soft_wrap=True)
        for r in rulings:
            out.print(f"  {safe(r['action'])} {safe(r['a'])} {safe(r['b'])} "
                      f"[dim]({safe(str(r.get('reviewer', '')))}, {safe(str(r.get('at', '')))})[/]", soft_wrap=True)


def clusters(entities: list, sources_of_interest: set[str] | None = None) -> None:
    out = console()
    if not entities:
        return
    out.print("\n[bold]Entities involved[/]", soft_wrap=True)
    for e in entities:
        out.print(f"  [bold]{safe(e.id)}[/] {safe(e.name)} ({safe(e.label)}): {safe(' / '.join(e.variants))}", soft_wrap=True)
        for reason in e.reasons[:5]:
            out.print(f"    [dim]{safe(reason)}[/]", soft_wrap=True)

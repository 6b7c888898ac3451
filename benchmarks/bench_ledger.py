"""Ledger I/O: ``ledger.dumps``, ``ledger.write`` and ``ledger.read`` on a
synthetic ledger of 100k claims (5,000 sources with a few mentions each)."""

from __future__ import annotations

import gc
import shutil
import tempfile
from pathlib import Path

import yaml
from claimcheck import ledger

import synth_claims
from common import Row, timed, verdict

SECTION = "4. ledger I/O"
TARGET_S = 5.0


def _libyaml_in_use() -> tuple[bool, str]:
    """Whether PyYAML has libyaml, and which loader/dumper the ledger uses."""
    with_libyaml = bool(getattr(yaml, "__with_libyaml__", False))
    names = [getattr(ledger, attr, None) for attr in ("_Loader", "_Dumper")]
    used = ", ".join(cls.__name__ for cls in names if isinstance(cls, type)) or "unknown"
    return with_libyaml, used


def _best(fn, repeats: int) -> tuple[float, list[float], object]:
    """Best of ``repeats`` timed calls (a full collection before each)."""
    times, result = [], None
    for _ in range(repeats):
        gc.collect()
        seconds, result = timed(fn)
        times.append(seconds)
    return min(times), times, result


def run(quick: bool, seed: int, n: int = 100_000) -> list[Row]:
    repeats = 1 if quick else 3
    book = synth_claims.ledger_of(synth_claims.claims(n, seed))
    folder = Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    path = folder / "claims.yaml"
    try:
        t_dumps, dumps_times, text = _best(lambda: ledger.dumps(book), repeats)
        t_write, write_times, _ = _best(lambda: ledger.write(book, path), repeats)
        t_read, read_times, back = _best(lambda: ledger.read(path), repeats)
        size = path.stat().st_size
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert len(back.claims) == n, "the ledger did not round-trip"
    with_libyaml, used = _libyaml_in_use()
    shape = f"{n:,} claims, {len(book.sources):,} sources, {size / 1e6:.1f} MB"
    return [
        Row(SECTION, "ledger.dumps", f"{t_dumps:.2f} s ({shape})", f"< {TARGET_S:.0f} s",
            verdict(t_dumps < TARGET_S), {"times_s": dumps_times, "bytes": size, "chars": len(text)}),
        Row(SECTION, "ledger.write (dumps + lock + .bak + fsync)", f"{t_write:.2f} s", f"< {TARGET_S:.0f} s",
            verdict(t_write < TARGET_S), {"times_s": write_times}),
        Row(SECTION, "ledger.read (parse + validate)", f"{t_read:.2f} s", f"< {TARGET_S:.0f} s",
            verdict(t_read < TARGET_S), {"times_s": read_times}),
        Row(SECTION, "libyaml C loader/dumper", f"{'yes' if with_libyaml else 'NO'} ({used})", "yes",
            verdict(with_libyaml and "CSafe" in used), {"with_libyaml": with_libyaml, "classes": used}),
    ]

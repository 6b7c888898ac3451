"""Coverage-guided fuzzing of claimcheck's input handling (atheris/libFuzzer).

Targets, chosen by the first byte of each input:
  - ingest.decode + the HTML reader + page segmentation (bytes from the web),
  - normalize.quantities.parse_quantity (figures as written),
  - normalize.dates.parse_date / find_dates (dates as written),
  - ledger.loads (a hand-edited ledger).
Each must either return or raise its own one-line error type; anything else
is a crash that libFuzzer reports with the input that caused it.

Run (not part of CI; bounded time):
    pip install -e '.[fuzz]'
    python fuzz/fuzz_claimcheck.py -max_total_time=300 fuzz/corpus
"""

from __future__ import annotations

import datetime as dt
import math
import sys

import atheris

with atheris.instrument_imports():
    from claimcheck import ingest, ledger
    from claimcheck.normalize import dates, quantities
    from claimcheck.thresholds import DEFAULT

REF = dt.date(2025, 4, 28)


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def fuzz_ingest(data: bytes) -> None:
    try:
        text, _ = ingest.decode(data)
    except ValueError as exc:
        assert "\n" not in str(exc), str(exc)
        return
    layout = ingest.segment_text(text, "fuzz.txt", False, DEFAULT.extract)
    for seg in layout.segments:
        assert 0 <= seg.start <= seg.end <= len(text)
    page, _meta = ingest.html_to_text(text)
    assert isinstance(page, str)


def fuzz_quantity(data: bytes) -> None:
    parsed = quantities.parse_quantity(_text(data))
    if parsed is not None:
        assert math.isfinite(parsed.value)
        assert parsed.value_max is None or parsed.value <= parsed.value_max


def fuzz_dates(data: bytes) -> None:
    text = _text(data)
    parsed = dates.parse_date(text, REF)
    if parsed is not None:
        assert parsed.start <= parsed.end
    for start, end, hit in dates.find_dates(text, REF):
        assert text[start:end] and hit.start <= hit.end


def fuzz_ledger(data: bytes) -> None:
    try:
        ledger.loads(_text(data), "fuzz.yaml")
    except ledger.LedgerError as exc:
        assert "\n" not in str(exc), str(exc)


TARGETS = (fuzz_ingest, fuzz_quantity, fuzz_dates, fuzz_ledger)


def one_input(data: bytes) -> None:
    if not data:
        return
    TARGETS[data[0] % len(TARGETS)](data[1:])


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

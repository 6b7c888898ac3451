"""Bad and hostile input (issue: no crash, a clear message, nothing lost).

Every case goes through the real command line: no traceback, a one-line
message on stderr naming the file and the problem, the rest of the run
completed, and exit code 3 when something was skipped (0 when nothing was)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck import ledger
from claimcheck.cli import app

runner = CliRunner()
GOOD = "In 2024, bilateral trade reached around $580 million, officials said on Monday.\n"

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256))

BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"   \n\t\n  \r\n", "whitespace"),
    "image.txt": (PNG, "binary"),
    "report.txt": (PDF, "binary"),
    "nul.txt": (b"Trade grew\x00\x00\x00 a lot\x00 in 2024 and \x00\x01\x02 more", "binary"),
    "boilerplate.txt": ("Share on Facebook\nSubscribe to our newsletter\nTags:\nLatest\nSee also\n".encode(), "boilerplate"),
    "page.pdf": (PDF, "unsupported"),
}

TEXT_FILES = {
    "utf16-bom.txt": GOOD.encode("utf-16"),
    "utf16-le.txt": GOOD.encode("utf-16-le"),
    "cp1251.txt": ("Торговля между странами выросла в 2024 году. " + GOOD).encode("cp1251"),
    "latin1.txt": ("Le commerce a augmenté à Paris, selon l'État. " + GOOD).encode("latin-1"),
    "mixed-endings.txt": (GOOD.replace("\n", "\r\n") + GOOD.replace("officials", "experts").replace("\n", "\r") + "\n").encode(),
    "bad-utf8.txt": GOOD.encode()[:30] + b"\xff\xfe\xfa" + GOOD.encode()[30:],
    "zero width \u200bnames.txt": "President Ilham\u200b Aliyev\u202e met Masoud\u2066 Pezeshkian in Baku on Monday.\n".encode(),
    "spaced name é ü.md": ("# Trade\n\n" + GOOD).encode(),
}


def _run(folder: Path, out: Path, *extra: str):
    result = runner.invoke(app, ["extract", str(folder), "-o", str(out), "--model", "blank:en", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def test_bad_files_are_skipped_with_one_line_each_and_the_rest_is_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in BAD_FILES.items():
        (folder / name).write_bytes(data)
    for name, data in TEXT_FILES.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "claims.yaml"
    result = _run(folder, out)
    assert result.exit_code == 3, result.output
    lines = result.stderr.strip().splitlines()
    for name, (_, problem) in BAD_FILES.items():
        hits = [line for line in lines if name in line]
        assert len(hits) == 1, (name, lines)
        assert problem in hits[0].lower(), hits[0]
    led = ledger.read(out)
    read = {Path(e.source.path).name for e in led.sources}
    assert set(TEXT_FILES) | {"good.txt", "boilerplate.txt"} <= read
    by_name = {Path(e.source.path).name: e.source.id for e in led.sources}
    for name in ("good.txt", "utf16-bom.txt", "utf16-le.txt", "cp1251.txt", "latin1.txt", "bad-utf8.txt", "mixed-endings.txt"):
        values = [c.value for c in led.claims if c.source == by_name[name] and c.unit == "USD"]
        assert values == [5.8e8] or values == [5.8e8, 5.8e8], (name, values)


def test_encodings_are_detected_not_guessed(tmp_path):
    from claimcheck import ingest

    for name, data in TEXT_FILES.items():
        path = tmp_path / name
        path.write_bytes(data)
        src = ingest.read_source(path, tmp_path)
        assert not isinstance(src, ingest.Skip), (name, src)
        assert "580 million" in src.text or "\u200b" in src.text, name
    assert ingest.read_source(tmp_path / "cp1251.txt", tmp_path).text.startswith("Торговля")
    assert "l'État" in ingest.read_source(tmp_path / "latin1.txt", tmp_path).text


def test_invisible_characters_do_not_split_names():
    from claimcheck.link import match_names, name_key

    assert name_key("Ilham\u200b Aliyev\u202e") == name_key("Ilham Aliyev")
    assert match_names("Masoud\u2066 Pezeshkian", "Masoud Pezeshkian", "PERSON", "PERSON") is not None


def test_nothing_to_skip_is_exit_0(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    assert _run(folder, tmp_path / "c.yaml").exit_code == 0


def test_symlink_loop_and_vanishing_and_unreadable_files(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "gone.txt").write_text(GOOD, encoding="utf-8")
    (folder / "locked.txt").write_text(GOOD, encoding="utf-8")
    real_read = Path.read_bytes

    def flaky_read(self):
        if self.name == "gone.txt":
            raise FileNotFoundError(2, "No such file or directory")
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", flaky_read)
    real_open = open

    def flaky_open(file, *a, **k):
        name = os.path.basename(str(file))
        if name == "gone.txt":
            raise FileNotFoundError(2, "No such file or directory", str(file))
        if name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr("builtins.open", flaky_open)
    real_os_open = os.open

    def flaky_os_open(file, *a, **k):  # ingest reads sources through os.open (non-blocking)
        name = os.path.basename(str(file))
        if name == "gone.txt":
            raise FileNotFoundError(2, "No such file or directory", str(file))
        if name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(file))
        return real_os_open(file, *a, **k)

    monkeypatch.setattr(os, "open", flaky_os_open)
    out = tmp_path / "c.yaml"
    result = _run(folder, out)
    assert result.exit_code == 3, result.output
    err = result.stderr
    assert "gone.txt" in err and "locked.txt" in err and "dangling.txt" in err
    monkeypatch.undo()
    assert [Path(e.source.path).name for e in ledger.read(out).sources] == ["good.txt"]


def test_long_single_line_html_and_deep_nesting(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    para = "<p>In 2024, bilateral trade reached around $580 million, officials said.</p>"
    (folder / "minified.html").write_text("<html><body>" + para * 12_000 + "</body></html>", encoding="utf-8")
    (folder / "nested.html").write_text("<div>" * 5_000 + para + "</div>" * 5_000, encoding="utf-8")
    out = tmp_path / "c.yaml"
    result = _run(folder, out)
    assert result.exit_code == 0, result.output
    led = ledger.read(out)
    assert {Path(e.source.path).name for e in led.sources} == {"minified.html", "nested.html"}
    assert all(c.value == 5.8e8 for c in led.claims if c.unit == "USD")


@pytest.mark.slow
def test_fifty_megabyte_text_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    line = "In 2024, bilateral trade reached around $580 million, officials said on Monday in the capital. "
    with open(folder / "huge.txt", "w", encoding="utf-8") as fh:
        for i in range(50 * 1024 * 1024 // (len(line) + 12)):
            fh.write(f"{line}Item {i}.\n")
    out = tmp_path / "c.yaml"
    result = _run(folder, out)
    assert result.exit_code == 0, result.output
    assert ledger.read(out).sources[0].chars > 50_000_000


HOSTILE_NUMBERS = [
    "The fund is worth 1e308 dollars according to nobody.",
    "The balance stood at $-0 at the end of the day.",
    "They claimed 1,2,3,4 million visitors came to the fair.",
    "The model has 10^12 parameters and 10^400 dreams.",
    "Exports reached ٤٠٠ million dollars and ۴۰۰ million dollars in 2024.",
    "The number was " + "9" * 400 + " dollars exactly.",
    "It happened on February 30, 2024, or on 31/31/2031, in year 0, or in AD 99999.",
]


def test_numbers_and_dates_that_break_parsers(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "numbers.txt").write_text("\n".join(HOSTILE_NUMBERS) + "\n", encoding="utf-8")
    out = tmp_path / "c.yaml"
    result = _run(folder, out)
    assert result.exit_code == 0, result.output
    led = ledger.read(out)
    import math

    for c in led.claims:
        if isinstance(c.value, float):
            assert math.isfinite(c.value), c
    dates = {c.value for c in led.claims if c.kind.value == "date"}
    assert not dates & {"2024-02-30", "2031-31-31", "0", "99999"}
    persian = [c.value for c in led.claims if c.unit == "USD" and c.value == 4e8]
    assert len(persian) == 2  # Arabic-Indic and Persian digits


# ------------------------------------------------------------------ ledger


BILLION_LAUGHS = """version: 1
sources: []
claims: []
generator:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BILLION_LAUGHS, r"line 5: YAML anchor 'a'"),
        ("version: 1\nsources:\n- &s {id: s1, path: p, sha256: h}\n- *s\n", "YAML anchor 's'"),
        ("version: 1\nclaims: !!python/object/apply:os.system [echo pwned]\n", "invalid YAML"),
        ("version: 1\nsources: []\nclaims: []\nreviews:\n  f-1: {status: maybe}\n", r"line 5: reviews\.f-1\.status: unknown status"),
        ("version: 1\nsources: []\nclaims: []\nentities:\n- {action: glue, a: x, b: y}\n", r"entities\[0\]: expected a ruling"),
        ("version: 1\ncounts: {sources: 2, claims: 0}\nsources:\n- {id: s1, path: p, sha256: h}\nclaims: []\n", "truncated"),
    ],
)
def test_hostile_ledgers_are_refused_with_line_and_field(tmp_path, text, message):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["diff", "-l", str(path)])
    assert result.exit_code == 2
    import re

    assert re.search(message, result.stderr), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_text(encoding="utf-8") == text  # untouched


def test_truncated_ledger_keeps_reviews_and_bak(tmp_path):
    """A real ledger cut in half is refused; the .bak holds the last good one."""
    from test_review import THREE, make_ledger

    path = make_ledger(tmp_path, THREE)
    led = ledger.read(path)
    ledger.write(ledger.Ledger(led.sources, led.claims, led.generator, {"f-x": {"status": "confirmed"}}, []), path)
    good = path.read_text(encoding="utf-8")
    path.write_text(good[: len(good) // 2].rsplit("\n", 1)[0] + "\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", "-l", str(path)])
    assert result.exit_code == 2 and ("truncated" in result.stderr or "invalid YAML" in result.stderr)
    assert (tmp_path / "claims.yaml.bak").exists()
    assert "f-x" not in path.read_text(encoding="utf-8")  # never rewritten without it


# ------------------------------------------------------------------ output


def test_terminal_escapes_control_characters(tmp_path):
    from test_cli_diff import _write_ledger

    path = _write_ledger(tmp_path, quote_b="\x1b[2J\x1b[31mTrade\x07 was about 650 million USD\u202e in 2024.")
    result = runner.invoke(app, ["diff", "-l", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[2J" in result.stdout


_cell = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries({"subject": _cell, "quote_a": _cell, "note": _cell,
                                            "value_a": st.floats(allow_nan=False, allow_infinity=False)}),
                     min_size=1, max_size=5))
def test_csv_round_trip_and_formula_guard(rows):
    from claimcheck.report import CSV_COLUMNS, csv_safe, write_csv

    buf = io.StringIO()
    write_csv(rows, buf)
    back = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
    assert len(back) == len(rows)
    for row, got in zip(rows, back):
        assert list(got) == list(CSV_COLUMNS)
        for key in ("subject", "quote_a", "note"):
            assert got[key] == csv_safe(row[key]).replace("\r\n", "\n").replace("\r", "\n") or got[key] == csv_safe(row[key])
            assert not got[key].startswith(("=", "+", "-", "@", "\t", "\r"))
        assert float(got["value_a"]) == row["value_a"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400))
def test_extraction_never_raises_and_offsets_slice_exactly(text, tmp_path_factory, nlp_blank):
    from claimcheck import ingest
    from claimcheck.extract import extract_source

    folder = tmp_path_factory.mktemp("h")
    path = folder / "x.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass") if text else path.write_bytes(b"")
    src = ingest.read_source(path, folder)
    if isinstance(src, ingest.Skip):
        assert src.reason and "\n" not in src.reason
        return
    for c in extract_source(src, nlp_blank).claims:
        assert src.text[c.start : c.end] == c.quote
        assert src.text[c.surface_start : c.surface_end] == c.surface


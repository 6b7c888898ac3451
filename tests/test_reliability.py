"""Issue 15 / 13 reliability: hand-edited ledgers, hostile paths, terminal
safety, path identity, temp files, cost. Every check goes through the real
command line, on fixtures the tests write themselves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import ledger
from claimcheck.cli import app

runner = CliRunner()
A = "In 2024, bilateral trade reached around $580 million, officials said on Monday.\n"
B = "In 2024, bilateral trade reached about $720 million, officials said on Monday.\n"


def cli(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def corpus(tmp_path: Path) -> Path:
    """Two articles that contradict each other, extracted into a ledger whose
    quantity claims carry a subject (hand-marked, so no model is needed)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    led = tmp_path / "data" / "claims.yaml"
    assert cli("extract", str(folder), "-o", str(led), "--model", "blank:en").exit_code == 0
    text = led.read_text(encoding="utf-8")
    text = text.replace('  stance: actual\n', '  stance: actual\n  subject: bilateral trade\n  origin: manual\n')
    led.write_text(text, encoding="utf-8")
    return led


def review_block(fid: str = "f-1", status: str = "confirmed", note: str = "checked") -> str:
    return (f"  {fid}:\n    status: {status}\n    note: {note}\n    reviewer: alice\n    at: '2026-11-22T15:01:02Z'\n"
            f"    history:\n    - {{status: {status}, reviewer: alice, at: '2026-11-22T15:01:02Z'}}\n")


def with_reviews(led: Path, *blocks: str) -> None:
    text = led.read_text(encoding="utf-8").replace(ledger.END_MARK + "\n", "")
    led.write_text(text + "reviews:\n" + "".join(blocks) + ledger.END_MARK + "\n", encoding="utf-8")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    pos = -1
    for _ in range(nth):
        pos = text.index(needle, pos + 1)
    return text.count("\n", 0, pos) + 1


def broken(led: Path, *words: str) -> str:
    """Every command refuses the ledger with one line naming it; nothing is rewritten."""
    before = led.read_bytes()
    for args in (["diff", "-l", str(led)], ["show", "f-1", "-l", str(led)], ["review", "f-1", "--status", "open", "-l", str(led)]):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        message = result.stderr.strip()
        assert len(message.splitlines()) == 1, message
        assert str(led) in message
        for w in words:
            assert w in message, (w, message)
    assert led.read_bytes() == before
    return message


# ----------------------------------------------------------- 1. hand edits


def test_duplicate_review_key_is_an_error_with_both_lines(tmp_path):
    led = corpus(tmp_path)
    with_reviews(led, review_block(note="first analyst"), review_block(note="second analyst"))
    text = led.read_text(encoding="utf-8")
    first, second = line_of(text, "  f-1:"), line_of(text, "  f-1:", 2)
    broken(led, "duplicate key 'f-1'", f"line {second}", f"line {first}")


def test_second_value_in_a_claim_is_an_error_with_both_lines(tmp_path):
    led = corpus(tmp_path)
    text = led.read_text(encoding="utf-8").replace("  value: 580000000.0\n", "  value: 580000000.0\n  value: 1.0\n")
    led.write_text(text, encoding="utf-8")
    broken(led, "duplicate key 'value'", f"line {line_of(text, 'value: 1.0')}", f"line {line_of(text, 'value: 580')}")


@pytest.mark.parametrize("where", ["source", "review", "history"])
def test_unknown_fields_in_sources_and_reviews_are_refused(tmp_path, where):
    led = corpus(tmp_path)
    if where == "source":
        text = led.read_text(encoding="utf-8").replace("  chars: 80\n", "  chars: 80\n  language: en\n")
        led.write_text(text, encoding="utf-8")
    elif where == "review":
        with_reviews(led, review_block().replace("    reviewer: alice\n", "    reviewer: alice\n    team: blue\n", 1))
    else:
        with_reviews(led, review_block().replace("at: '2026-11-22T15:01:02Z'}", "at: '2026-11-22T15:01:02Z', mood: ok}"))
    field = {"source": "language", "review": "team", "history": "mood"}[where]
    broken(led, field, "unknown field")


def test_a_cut_last_line_is_refused_as_truncated(tmp_path):
    led = corpus(tmp_path)
    assert cli("review", "f-", "--status", "confirmed", "--note", "ok", "-l", str(led)).exit_code == 0
    full = led.read_bytes()
    assert full.rstrip().endswith(ledger.END_MARK.encode())
    for cut in (len(ledger.END_MARK) + 1, len(ledger.END_MARK) + 12):  # the marker, then the history's last line too
        led.write_bytes(full[:-cut])
        broken(led, "truncated")


def test_older_ledgers_without_the_end_marker_still_read(tmp_path):
    led = corpus(tmp_path)
    text = led.read_text(encoding="utf-8")
    old = text.replace(ledger.HEAD_MARK + "\n", "").replace(ledger.END_MARK + "\n", "")
    led.write_text(old, encoding="utf-8")
    result = cli("diff", "-l", str(led))
    assert result.exit_code == 1, result.output
    assert cli("review", "f-", "--status", "confirmed", "-l", str(led)).exit_code == 0
    assert led.read_text(encoding="utf-8").startswith(ledger.HEAD_MARK)


@pytest.mark.parametrize("edit, field", [
    (("  chars: 80\n", "  chars: lots\n"), "chars"),
    (("  title: null\n", "  title: [a, b]\n"), "title"),
    (("  mentions: []\n", "  mentions: [[1, 2, GPE]]\n"), "mentions"),
    (("generator: {", "generator: {extra: [1], "), "generator"),
])
def test_wrong_types_in_sources_are_errors_not_tracebacks(tmp_path, edit, field):
    led = corpus(tmp_path)
    text = led.read_text(encoding="utf-8").replace(*edit, 1)
    led.write_text(text, encoding="utf-8")
    broken(led, field)


def test_a_history_item_that_is_text_is_an_error(tmp_path):
    led = corpus(tmp_path)
    with_reviews(led, review_block().replace("    - {status: confirmed, reviewer: alice, at: '2026-11-22T15:01:02Z'}",
                                             "    - confirmed by alice"))
    broken(led, "history[0]", "expected a mapping")


def test_unquoted_dates_read_as_their_text_even_in_a_large_ledger(tmp_path):
    led = corpus(tmp_path)
    text = led.read_text(encoding="utf-8")
    text = text.replace("  published: null\n", "  published: 2025-05-21\n", 1)
    led.write_text(text, encoding="utf-8")
    with_reviews(led, review_block("f-0", note="long " * 120_000))  # > 512 KB: the JSON mirror is used
    assert led.stat().st_size > ledger.MIRROR_MIN_BYTES
    for _ in range(2):
        result = cli("diff", "-l", str(led))
        assert result.exit_code == 1, result.output
    assert ledger.read(led).sources[0].source.published == "2025-05-21"
    assert not list(led.parent.rglob("*.tmp"))
    assert cli("review", "f-", "--status", "confirmed", "-l", str(led)).exit_code == 0
    assert "published: \"2025-05-21\"" in led.read_text(encoding="utf-8")


def test_a_non_utf8_byte_is_reported_with_its_line(tmp_path):
    led = corpus(tmp_path)
    raw = led.read_bytes().replace(b"officials said on Monday.", b"officials said on Mon\xe9day.", 1)
    led.write_bytes(raw)
    line = raw[: raw.index(b"\xe9")].count(b"\n") + 1
    broken(led, f"line {line}", "not UTF-8")


# ----------------------------------------------------- 2. what sits at a path


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120):
    """The real program in its own process (for cases that could block or run away)."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, check=False)


@pytest.mark.parametrize("kind, command", [
    ("fifo", "diff"), ("fifo", "show"), ("fifo", "review"), ("dev-zero", "diff"), ("directory", "show"),
])
def test_rereads_take_regular_files_only(tmp_path, kind, command):
    led = corpus(tmp_path)
    target = tmp_path / "in" / "a.txt"
    target.unlink()
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dev-zero":
        target.symlink_to("/dev/zero")
    else:
        target.mkdir()
    args = {"diff": ["diff"], "show": ["show", "f-"], "review": ["review", "--orphans"]}[command]
    result = run_cli(*args, "-l", str(led), timeout=60)  # a blocking read would time out here
    assert "Traceback" not in result.stderr, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("claimcheck: note: a:")]
    reason = "is a directory" if kind == "directory" else "not a regular file"
    assert len(notes) == 1 and reason in notes[0], result.stderr


def test_rereads_respect_the_size_cap(tmp_path, monkeypatch):
    from claimcheck.ingest import files

    led = corpus(tmp_path)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 40)
    result = cli("diff", "-l", str(led))
    assert "a: file too large" in result.stderr and "b: file too large" in result.stderr, result.stderr


def test_extract_does_not_follow_a_folder_link_out_of_its_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "root").symlink_to("/")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(B, encoding="utf-8")
    (folder / "away").symlink_to(outside)
    (folder / "sub").mkdir()
    (folder / "sub" / "b.txt").write_text(B, encoding="utf-8")
    (folder / "again").symlink_to(folder / "sub")  # inside the input: followed (once)
    result = run_cli("extract", str(folder), "-o", str(tmp_path / "claims.yaml"), "--model", "blank:en", timeout=120)
    assert result.returncode == 3, result.stderr
    assert "root: skipped: symbolic link to a folder outside the input folder" in result.stderr
    assert "away: skipped: symbolic link to a folder outside the input folder" in result.stderr
    paths = sorted(Path(e.source.path).name for e in ledger.read(tmp_path / "claims.yaml").sources)
    assert paths == ["a.txt", "b.txt"]


def test_extract_never_walks_virtual_file_systems(tmp_path):
    if not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    result = run_cli("extract", "/proc", "-o", str(tmp_path / "claims.yaml"), "--model", "blank:en", timeout=120)
    assert "/proc: skipped: virtual file system" in result.stderr, result.stderr[-500:]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_in_other_scripts_is_read_not_called_binary(tmp_path, codec):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = {
        "ru.txt": "Торговля между странами выросла в 2024 году до 580 миллионов долларов, сообщили официальные лица.\n",
        "fa.txt": "تجارت دوجانبه در سال ۲۰۲۴ به حدود ۵۸۰ میلیون دلار رسید، مقامات روز دوشنبه گفتند.\n",
    }
    for name, text in texts.items():
        (folder / name).write_bytes(text.encode(codec))
    led = tmp_path / "claims.yaml"
    result = cli("extract", str(folder), "-o", str(led), "--model", "blank:en")
    assert result.exit_code == 0, result.output
    got = {Path(e.source.path).name: (e.source.encoding, e.chars) for e in ledger.read(led).sources}
    assert got == {name: (codec, len(text)) for name, text in texts.items()}


def test_hidden_html_is_not_extracted(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html><body><article>"
        f"<p>{A}</p>"
        "<p style=\"color: red; display:none\">In 2024, bilateral trade reached around $999 million, officials said.</p>"
        "<p hidden>In 2024, bilateral trade reached around $888 million, officials said.</p>"
        "<div style='VISIBILITY: hidden !important'><p>In 2024, bilateral trade reached around $777 million.</p></div>"
        "<p style=\"display: block\">In 2023, bilateral trade reached around $480 million, officials said.</p>"
        "</article></body></html>", encoding="utf-8")
    led = tmp_path / "claims.yaml"
    assert cli("extract", str(folder), "-o", str(led), "--model", "blank:en").exit_code == 0
    values = sorted(c.value for c in ledger.read(led).claims if c.unit == "USD")
    assert values == [4.8e8, 5.8e8]


# ------------------------------------------------ 3. nothing raw on a terminal

HOSTILE = "\x1b]8;;https:evil.example\x07click\x1b]8;;\x07\x1b[2J\x9b31m\u202egnp.exe"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def assert_no_raw(text: str) -> None:
    for ch in RAW:
        assert ch not in text, (ch, text[:300])


def test_file_names_are_escaped_in_the_summary_and_skip_notes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"{HOSTILE}.txt").write_text(A, encoding="utf-8")
    (folder / "forged\n│ x │ 99 │.txt").write_text(B, encoding="utf-8")
    (folder / f"{HOSTILE}.txt.pdf").write_bytes(b"%PDF-1.4")
    (folder / f"{HOSTILE}-empty.txt").write_bytes(b"")
    result = cli("extract", str(folder), "-o", str(tmp_path / "claims.yaml"), "--model", "blank:en")
    assert result.exit_code == 3, result.output
    assert_no_raw(result.stdout)
    assert_no_raw(result.stderr)
    assert "\\x1b" in result.stdout and "\\u202e" in result.stdout  # shown, as escapes
    assert not any(line.lstrip("│ ").startswith("x │") for line in result.stdout.splitlines())
    notes = result.stderr.strip().splitlines()
    assert len(notes) == 2 and all(n.startswith("claimcheck: note:") for n in notes), notes


def test_orphan_review_fields_are_escaped(tmp_path):
    led = corpus(tmp_path)
    import json

    with_reviews(led, review_block("f-gone", note=json.dumps(HOSTILE)))
    result = cli("review", "--orphans", "-l", str(led))
    assert result.exit_code == 0, result.output
    assert "f-gone" in result.stdout
    assert_no_raw(result.stdout)


def test_csv_and_json_on_stdout_are_escaped_and_files_stay_exact(tmp_path):
    import csv
    import io
    import json

    led = corpus(tmp_path)
    text = led.read_text(encoding="utf-8").replace("subject: bilateral trade", "subject: " + json.dumps("trade " + HOSTILE))
    led.write_text(text, encoding="utf-8")
    for flag in ("--csv", "--json"):
        piped = cli("diff", "-l", str(led), flag, "-")
        assert piped.exit_code == 1, piped.output
        assert_no_raw(piped.stdout)
        to_file = tmp_path / f"out{flag[2:]}"
        assert cli("diff", "-l", str(led), flag, str(to_file)).exit_code == 1
        exact = to_file.read_text(encoding="utf-8")
        if flag == "--json":
            assert json.loads(piped.stdout) == json.loads(exact)  # the same data, only escaped
            assert "\u202e" in exact and "\x9b" in exact  # the file keeps what JSON allows raw
        else:
            assert f"trade {HOSTILE}" in exact
            cells = next(csv.DictReader(io.StringIO(piped.stdout)))
            assert cells["subject"] == "trade " + HOSTILE.replace("\x1b", "\\x1b").replace("\x07", "\\x07").replace(
                "\x9b", "\\u009b").replace("\u202e", "\\u202e")


# ------------------------------------------------------ 4. paths and identity


def test_paths_are_relative_to_the_ledger_and_work_from_any_folder(tmp_path, monkeypatch):
    led = corpus(tmp_path)
    assert [e.source.path for e in ledger.read(led).sources] == ["../in/a.txt", "../in/b.txt"]
    assert cli("review", "f-", "--status", "confirmed", "-l", str(led)).exit_code == 0
    other = tmp_path / "other"
    (other / "in").mkdir(parents=True)
    (other / "in" / "a.txt").write_text("Something else entirely, about $1 billion in 2019.\n", encoding="utf-8")
    monkeypatch.chdir(other)
    before = led.read_bytes()
    result = cli("diff", "-l", str(led), "--json", "-")
    assert result.exit_code == 1, result.output
    assert '"status": "confirmed"' in result.stdout and '"stale": true' not in result.stdout
    assert led.read_bytes() == before  # nothing re-extracted from the other folder


def old_format(led: Path, base: Path) -> None:
    """The ledger as an older claimcheck wrote it: no marker lines, source
    paths relative to the directory it was run from (``base``)."""
    text = led.read_text(encoding="utf-8").replace(ledger.HEAD_MARK + "\n", "").replace(ledger.END_MARK + "\n", "")
    for e in ledger.read(led).sources:
        real = (led.parent / e.source.path).resolve()
        text = text.replace(f'path: "{e.source.path}"', f'path: "{os.path.relpath(real, base)}"')
    led.write_text(text, encoding="utf-8")


def test_an_older_ledger_read_from_another_project_is_refused(tmp_path, monkeypatch):
    led = corpus(tmp_path)
    old_format(led, tmp_path)
    assert 'path: "in/a.txt"' in led.read_text(encoding="utf-8")
    other = tmp_path / "other"
    (other / "in").mkdir(parents=True)
    (other / "in" / "a.txt").write_text("Something else entirely, about $1 billion in 2019.\n", encoding="utf-8")
    monkeypatch.chdir(other)
    message = broken(led, "resolves to", "a different file")
    assert str(other / "in" / "a.txt") in message


def test_an_older_ledger_still_works_from_its_folder_and_is_upgraded(tmp_path, monkeypatch):
    led = corpus(tmp_path)
    old_format(led, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("diff", "-l", "data/claims.yaml").exit_code == 1
    assert cli("review", "f-", "--status", "confirmed", "-l", "data/claims.yaml").exit_code == 0
    assert [e.source.path for e in ledger.read(led).sources] == ["../in/a.txt", "../in/b.txt"]
    assert led.read_text(encoding="utf-8").startswith(ledger.HEAD_MARK)


def test_a_symlinked_ledger_is_written_through_to_its_target(tmp_path):
    led = corpus(tmp_path)
    team = tmp_path / "team"
    team.mkdir()
    shared = team / "claims.yaml"
    led.rename(shared)
    led.symlink_to(os.path.relpath(shared, led.parent))
    # the paths stay right: relative to the folder of the real file
    text = shared.read_text(encoding="utf-8")
    assert "../in/a.txt" in text  # data/ and team/ are siblings
    assert cli("review", "f-", "--status", "confirmed", "--note", "shared", "-l", str(led)).exit_code == 0
    assert led.is_symlink()
    assert "note: shared" in shared.read_text(encoding="utf-8")
    assert (team / "claims.yaml.bak").exists() and not (led.parent / "claims.yaml.bak").exists()


def test_diff_says_when_the_ledger_mixes_models(tmp_path):
    led = corpus(tmp_path)
    model = ledger.read(led).sources[0].model
    assert model and model.startswith("blank:en")
    text = led.read_text(encoding="utf-8").replace(f'model: "{model}"', 'model: "en_core_web_sm==3.8.0"', 1)
    led.write_text(text, encoding="utf-8")
    result = cli("diff", "-l", str(led))
    notes = [line for line in result.stderr.splitlines() if "mixes models" in line]
    assert len(notes) == 1 and "en_core_web_sm==3.8.0: 1 sources" in notes[0], result.stderr


# ---------------------------------------------- 5. processes and temp files


def test_the_next_writer_removes_stale_temp_files_of_its_own_ledger(tmp_path):
    import time

    led = corpus(tmp_path)
    folder, mirror_dir = led.parent, led.parent / ".claimcheck"
    mirror_dir.mkdir(exist_ok=True)
    stale = [folder / ".claims.yaml.k1ll3d_a.tmp", folder / ".claims.yaml.bak.k1ll3d_b.tmp",
             mirror_dir / ".claims.yaml.json.k1ll3d_c.tmp"]
    keep = [folder / ".other.yaml.k1ll3d_d.tmp", folder / ".claims.yaml.x.k1ll3d_e.tmp", folder / "notes.tmp"]
    fresh_mirror = mirror_dir / ".claims.yaml.json.wr1t1ng_.tmp"  # a reader writing its mirror right now
    old = time.time() - 3600
    for f in (*stale, *keep, fresh_mirror):
        f.write_text("partial", encoding="utf-8")
    for f in (*stale, *keep):
        os.utime(f, (old, old))
    assert cli("review", "f-", "--status", "confirmed", "-l", str(led)).exit_code == 0
    assert [f for f in stale if f.exists()] == []
    assert all(f.exists() for f in (*keep, fresh_mirror))


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_a_forked_worker_idle_on_its_queue_dies_with_its_parent(tmp_path):
    """spaCy's ``n_process`` workers are forked processes blocked on a
    queue; such a worker outlives a parent killed with ``kill -9`` unless
    claimcheck asked for it to die with it (``nlp.load`` does, before any
    worker starts). Deterministic: a real extract is killed at a random
    moment, which hides the bug in most runs."""
    import signal
    import subprocess
    import sys
    import time

    program = (
        "import multiprocessing as mp, sys, time\n"
        "from claimcheck import nlp\n"
        "if sys.argv[1] == 'on': nlp.die_with_parent()\n"
        "q = mp.Queue()\n"
        "p = mp.Process(target=q.get)\n"
        "p.start()\n"
        "print(p.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    outcome = {}
    for mode in ("off", "on"):
        with subprocess.Popen([sys.executable, "-c", program, mode], stdout=subprocess.PIPE, text=True) as proc:
            worker = int(proc.stdout.readline())
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        deadline = time.monotonic() + (20 if mode == "on" else 1)
        while time.monotonic() < deadline and _alive(worker):
            time.sleep(0.05)
        outcome[mode] = _alive(worker)
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)
    assert outcome == {"off": True, "on": False}


# ------------------------------------------------------------------ 6. cost


def test_a_scripted_review_reuses_the_last_compare(tmp_path, monkeypatch):
    import json

    from claimcheck import compare

    led = corpus(tmp_path)
    ledger.write(ledger.read(led), led)  # as claimcheck writes it (the hand edit above reordered fields)
    assert cli("diff", "-l", str(led)).exit_code == 1  # compares, and keeps what a review needs
    calls = []
    name = "align" if hasattr(compare, "align") else "compare"  # the compare stage's entry point
    real = getattr(compare, name)
    monkeypatch.setattr(compare, name, lambda *a, **k: calls.append(1) or real(*a, **k))
    assert cli("review", "f-", "--status", "confirmed", "--note", "one", "-l", str(led)).exit_code == 0
    assert cli("review", "f-", "--status", "dismissed", "--note", "two", "-l", str(led)).exit_code == 0
    assert calls == []  # neither decision compared anything again
    assert "unknown" not in cli("review", "f-zz", "--status", "open", "-l", str(led)).stderr  # errors still resolve
    out = json.loads(cli("diff", "-l", str(led), "--status", "all", "--json", "-").stdout)
    found = [f for f in out["findings"] if f["id"].startswith("f-")]
    assert [(f["status"], f.get("stale", False)) for f in found] == [("dismissed", False)]
    calls.clear()
    (tmp_path / "in" / "b.txt").write_text(B.replace("$720", "$730"), encoding="utf-8")  # the evidence changes
    result = cli("review", "f-", "--status", "confirmed", "-l", str(led), "--model", "blank:en")
    assert calls, "a changed source must be compared again"
    assert result.exit_code in (0, 2)


def test_a_file_of_bare_numbers_gives_no_dates_and_little_memory(tmp_path):
    import random
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    rng = random.Random(7)
    (folder / "numbers.txt").write_text("\n".join(str(rng.randint(0, 999_999)) for _ in range(20_000)) + "\n",
                                        encoding="utf-8")
    (folder / "rows.txt").write_text("\n".join(" ".join(str(rng.randint(0, 99_999)) for _ in range(10))
                                               for _ in range(1_000)) + "\n", encoding="utf-8")
    out = tmp_path / "claims.yaml"
    probe = ("import resource, sys\n"
             "from claimcheck.cli import app\n"
             "try:\n    app(sys.argv[1:])\n"
             "except SystemExit:\n    pass\n"
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", probe, "extract", str(folder), "-o", str(out), "--model", "blank:en"],
                            capture_output=True, text=True, timeout=300, check=False)
    peak_mb = int(result.stderr.strip().splitlines()[-1])
    assert [c for c in ledger.read(out).claims if c.kind.value == "date"] == []
    assert peak_mb < 700, peak_mb


# --------------------------------------------- 7. unique, stable source ids


def _quotes_match_their_own_files(led: Path) -> int:
    from claimcheck import ingest

    current = ledger.read(led)
    texts = {}
    for e in current.sources:
        got = ingest.read_source(ledger.source_file(led, e.source.path))
        texts[e.source.id] = got.text
    for c in current.claims:
        assert texts[c.source][c.start:c.end] == c.quote, (c.source, c.quote)
        assert texts[c.source][c.surface_start:c.surface_end] == c.surface
    return len(current.claims)


def test_same_stem_files_get_their_own_ids_and_quotes(tmp_path):
    folder = tmp_path / "in"
    (folder / "x").mkdir(parents=True)
    (folder / "y").mkdir()
    figures = iter(range(100, 1000, 37))

    def article() -> str:
        return f"In 2024, bilateral trade reached around ${next(figures)} million, officials said on Monday.\n"

    (folder / "a.txt").write_text("Intro line for the text version.\n\n" + article(), encoding="utf-8")
    (folder / "a.html").write_text(f"<html><body><p>{article()}</p></body></html>", encoding="utf-8")
    (folder / "a.md").write_text("# Heading\n\nSome words first. " + article(), encoding="utf-8")
    (folder / "x" / "a.txt").write_text(article(), encoding="utf-8")
    (folder / "y" / "a.txt").write_text("Other words here. " + article(), encoding="utf-8")
    led = tmp_path / "data" / "claims.yaml"
    result = cli("extract", str(folder), "-o", str(led), "--model", "blank:en")
    assert result.exit_code == 0, result.output
    ids = sorted(e.source.id for e in ledger.read(led).sources)
    assert ids == ["a.html", "a.md", "a.txt", "x/a", "y/a"]
    assert _quotes_match_their_own_files(led) == 10
    # the same files given as separate paths to `diff PATH...`: one ingest, one id each
    led2 = tmp_path / "data2" / "claims.yaml"
    result = cli("diff", str(folder / "x" / "a.txt"), str(folder / "y" / "a.txt"), str(folder / "a.txt"),
                 "-l", str(led2), "--model", "blank:en")
    assert result.exit_code in (0, 1), result.output
    assert sorted(e.source.id for e in ledger.read(led2).sources) == ["in/a.txt", "x/a.txt", "y/a.txt"]
    assert _quotes_match_their_own_files(led2) == 6


def test_a_file_keeps_its_id_when_a_same_stem_file_arrives(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    led = tmp_path / "data" / "claims.yaml"
    assert cli("extract", str(folder), "-o", str(led), "--model", "blank:en").exit_code == 0
    assert [e.source.id for e in ledger.read(led).sources] == ["a"]
    (folder / "a.html").write_text(f"<html><body><p>{B}</p></body></html>", encoding="utf-8")
    assert cli("extract", str(folder), "-o", str(led), "--model", "blank:en").exit_code == 0
    got = {e.source.id: Path(e.source.path).name for e in ledger.read(led).sources}
    assert got == {"a": "a.txt", "a.html": "a.html"}
    _quotes_match_their_own_files(led)
    # another folder's a.txt extracted into the same ledger does not replace it
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text(B, encoding="utf-8")
    assert cli("extract", str(other), "-o", str(led), "--model", "blank:en").exit_code == 0
    got = {e.source.id: e.source.path for e in ledger.read(led).sources}
    assert got["a"] == "../in/a.txt" and "../other/a.txt" in got.values() and len(got) == 3
    _quotes_match_their_own_files(led)


# ------------------------------------------------------- 8. file handling


def test_the_ledger_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path):
    import stat

    old_mask = os.umask(0o027)
    try:
        led = corpus(tmp_path)  # a new ledger: 0666 & ~umask
        assert stat.S_IMODE(led.stat().st_mode) == 0o640
        os.chmod(led, 0o664)
        assert cli("review", "f-", "--status", "confirmed", "-l", str(led)).exit_code == 0
        assert stat.S_IMODE(led.stat().st_mode) == 0o664
        assert stat.S_IMODE((led.parent / "claims.yaml.bak").stat().st_mode) == 0o664
    finally:
        os.umask(old_mask)


@pytest.mark.parametrize("flag", ["--csv", "--json"])
def test_an_output_in_a_missing_folder_is_an_error_naming_it(tmp_path, flag):
    led = corpus(tmp_path)
    missing = tmp_path / "missing" / "dir"
    result = cli("diff", "-l", str(led), flag, str(missing / "out.x"))
    assert result.exit_code == 2, result.output
    assert f"folder {missing} does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_a_stale_dismissal_counts_as_open_until_reviewed_again(tmp_path):
    led = corpus(tmp_path)
    assert cli("review", "f-", "--status", "dismissed", "--note", "scopes differ", "-l", str(led)).exit_code == 0
    assert cli("diff", "-l", str(led)).exit_code == 0  # dismissed: not counted
    text = led.read_text(encoding="utf-8").replace("value: 720000000.0", "value: 730000000.0")
    led.write_text(text, encoding="utf-8")  # the evidence behind the dismissal changes
    result = cli("diff", "-l", str(led))
    assert result.exit_code == 1, result.output
    notes = [line for line in result.stderr.splitlines() if "stale" in line]
    assert len(notes) == 1 and "counted as open" in notes[0] and "f-" in notes[0]
    assert cli("review", "f-", "--status", "dismissed", "-l", str(led)).exit_code == 0  # reviewed again
    assert cli("diff", "-l", str(led)).exit_code == 0

"""The analyst's view: cards at 80 columns, a table at 160, sources named by
title and date, honest empty states. Exact text of a small hand-made ledger
(no spaCy: the ledger's sources are up to date, nothing is re-extracted)."""

from __future__ import annotations

import hashlib

from typer.testing import CliRunner

from claimcheck import ledger
from claimcheck.cli import app
from claimcheck.records import Claim, Hedge, Kind, Mention, Source, Stance

runner = CliRunner()

ARTICLES = (
    ("s1", "Trade Daily", "2025-04-28",
     ("In 2024, bilateral trade between the two neighbours reached around $580 million, "
      "a record, officials said on Monday."), "around $580 million", 5.8e8),
    ("s2", "Caspian Courier", "2025-05-02", "Customs data show that in 2024 mutual trade reached about 650 million USD.",
     "about 650 million USD", 6.5e8),
)


def view_ledger(tmp_path, articles=ARTICLES):
    """A two-source ledger with titles and dates and one contradiction."""
    results = []
    for sid, title, published, text, surface, value in articles:
        path = tmp_path / f"{sid}.txt"
        path.write_text(text, encoding="utf-8")
        src = Source(id=sid, path=str(path), sha256=hashlib.sha256(text.encode()).hexdigest(), text=text,
                     title=title, published=published)
        s = text.index(surface)
        c = Claim(id=f"q-{sid}", source=sid, kind=Kind.QUANTITY, quote=text, start=0, end=len(text),
                  surface=surface, surface_start=s, surface_end=s + len(surface), subject="bilateral trade",
                  scope=("Azerbaijan", "Iran"), value=value, unit="USD", hedge=Hedge.APPROX, period="2024",
                  stance=Stance.ACTUAL)
        results.append((src, [c], [Mention("Iran", "GPE", sid, 0, 4)]))
    path = tmp_path / "claims.yaml"
    ledger.write(ledger.merge(ledger.Ledger(), results, {"claimcheck": "test"}), path)
    return path


def _finding_id(path) -> str:
    r = runner.invoke(app, ["diff", "-l", str(path), "--csv", "-"])
    return r.stdout.splitlines()[1].split(",")[0]


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def _records(note=None):
    """One hand-made contradiction over the fixture's claims: the layout
    tests do not depend on the compare stage's wording."""
    from claimcheck import report
    from claimcheck.records import Finding, Verdict

    sources, claims = [], []
    for sid, title, published, text, surface, value in ARTICLES:
        sources.append(Source(id=sid, path=f"{sid}.txt", sha256="0", text=text, title=title, published=published))
        s = text.index(surface)
        claims.append(Claim(id=f"q-{sid}", source=sid, kind=Kind.QUANTITY, quote=text, start=0, end=len(text),
                            surface=surface, surface_start=s, surface_end=s + len(surface), subject="bilateral trade",
                            scope=("Azerbaijan", "Iran"), value=value, unit="USD", hedge=Hedge.APPROX, period="2024",
                            stance=Stance.ACTUAL))
    finding = Finding(id="f-0123456789", verdict=Verdict.CONTRADICTION, kind="quantity", subject="bilateral trade",
                      scope=("Azerbaijan", "Iran"), period="2024", claims=tuple(claims),
                      explanation="~580M USD vs ~650M USD, beyond ±5% for 'around'.", difference=7e7,
                      relative_difference=0.1207, tolerance=0.05)
    reviews = {finding.id: {"status": "confirmed", "note": note}} if note else {}
    return report.finding_records([finding], sources, reviews)


def _render(records, width, monkeypatch, capsys) -> list[str]:
    from claimcheck import render

    monkeypatch.setenv("COLUMNS", str(width))
    render.findings_report(records, show_agreements=False)
    return _lines(capsys.readouterr().out)


def test_cards_at_80_columns(monkeypatch, capsys):
    rule = "─" * 80
    assert _render(_records(), 80, monkeypatch, capsys) == [
        "Contradictions (1)",
        rule,
        "f-0123456789  open",
        "  bilateral trade · 2024 · Azerbaijan, Iran",
        "   A Trade Daily (2025-04-28)",
        "     ~580M USD  “around $580 million”",
        "     In 2024, bilateral trade between the two neighbours reached around $580",
        "     million, a record, officials said on Monday.",
        "   B Caspian Courier (2025-05-02)",
        "     ~650M USD  “about 650 million USD”",
        "     Customs data show that in 2024 mutual trade reached about 650 million USD.",
        "  differ by 12.1%: ~580M USD vs ~650M USD, beyond ±5% for 'around'.",
        rule,
    ]


def test_cards_show_status_and_note(monkeypatch, capsys):
    lines = _render(_records(note="customs data checked"), 80, monkeypatch, capsys)
    assert lines[2] == "f-0123456789  confirmed"
    assert lines[-2] == "  note: customs data checked"


def test_table_at_160_columns_keeps_ids_whole(monkeypatch, capsys):
    expected = """\
Contradictions (1)
┏━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ id / status  ┃ subject / period  ┃ source A                           ┃ source B                           ┃ difference ┃ why                                ┃
┡━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ f-0123456789 │ bilateral trade   │ Trade Daily (2025-04-28): ~580M    │ Caspian Courier (2025-05-02):      │ 12.1%      │ ~580M USD vs ~650M USD, beyond ±5% │
│ open         │ 2024              │ USD                                │ ~650M USD                          │            │ for 'around'.                      │
│              │                   │ …trade between the two neighbours  │ …data show that in 2024 mutual     │            │                                    │
│              │                   │ reached around $580 million, a     │ trade reached about 650 million    │            │                                    │
│              │                   │ record, officials said on Monday.  │ USD.                               │            │                                    │
└──────────────┴───────────────────┴────────────────────────────────────┴────────────────────────────────────┴────────────┴────────────────────────────────────┘
"""
    assert _render(_records(), 160, monkeypatch, capsys) == expected.splitlines()


# ------------------------------------------------------------ empty states


def test_no_ledger_and_no_paths_is_one_line_error(tmp_path):
    for command in (["diff"], ["entities"], ["review"], ["show", "f-1"]):
        result = runner.invoke(app, [*command, "-l", str(tmp_path / "none.yaml")])
        assert result.exit_code == 2, (command, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "run `claimcheck extract" in lines[0] and "none.yaml" in lines[0]


def test_empty_folder_is_a_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["diff", str(tmp_path / "empty"), "-l", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2
    assert "no articles in this folder" in result.stderr
    assert not (tmp_path / "c.yaml").exists()


def test_singular_counts(tmp_path):
    articles = (ARTICLES[0], ARTICLES[1][:3] + ("Customs data show that in 2024 mutual trade reached about 590 million USD.",
                                              "about 590 million USD", 5.9e8))
    path = view_ledger(tmp_path, articles)
    result = runner.invoke(app, ["diff", "-l", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "1 agreement; list them with --agreements" in result.stdout
    assert "0 contradictions, 0 spelling variants, 1 agreement across 2 sources and 2 claims" in result.stdout


def test_short_help_and_word_metavars():
    for command in ([], ["diff"], ["review"], ["report"], ["export"], ["show"], ["entities"], ["extract"]):
        r = runner.invoke(app, [*command, "-h"])
        assert r.exit_code == 0 and "Usage:" in r.stdout, (command, r.output)
    assert "[PATH]..." in runner.invoke(app, ["diff", "-h"]).stdout
    assert "--ledger FILE" in runner.invoke(app, ["diff", "-h"]).stdout
    assert "[FINDING_ID]" in runner.invoke(app, ["review", "-h"]).stdout


# ------------------------------------------------------------ exports


def test_csv_has_titles_dates_surfaces_hedges_and_text_period(tmp_path):
    import csv
    import io

    path = view_ledger(tmp_path)
    out = tmp_path / "c.csv"
    assert runner.invoke(app, ["diff", "-l", str(path), "--csv", str(out)]).exit_code == 1
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline=""))
    assert (row["title_a"], row["published_a"], row["surface_a"], row["hedge_a"]) == (
        "Trade Daily", "2025-04-28", "around $580 million", "approx")
    assert (row["title_b"], row["published_b"], row["surface_b"], row["hedge_b"]) == (
        "Caspian Courier", "2025-05-02", "about 650 million USD", "approx")
    assert row["period"] == "year 2024"  # never read back as the number 2024.0


def test_ndjson_one_finding_per_line(tmp_path):
    import json

    path = view_ledger(tmp_path)
    out = tmp_path / "f.ndjson"
    assert runner.invoke(app, ["diff", "-l", str(path), "--ndjson", str(out)]).exit_code == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    (record,) = [json.loads(line) for line in lines]
    assert record["verdict"] == "contradiction" and record["period"] == "2024"
    assert [c["title"] for c in record["claims"]] == ["Trade Daily", "Caspian Courier"]
    whole = tmp_path / "f.json"
    runner.invoke(app, ["diff", "-l", str(path), "--json", str(whole)])
    assert json.loads(whole.read_text(encoding="utf-8"))["findings"] == [record]  # the same rows


def test_sqlite_export_keys_and_join(tmp_path):
    import sqlite3

    path = view_ledger(tmp_path)
    fid = _finding_id(path)
    assert runner.invoke(app, ["review", fid, "-l", str(path), "--status", "confirmed", "--note", "checked"]).exit_code == 0
    db_path = tmp_path / "out" / "claims.db"
    result = runner.invoke(app, ["export", "-l", str(path), "--sqlite", str(db_path)])
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(db_path)
    tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
    assert tables == {"sources", "claims", "findings", "finding_claims", "entities", "mentions", "reviews"}

    def pk(table):
        return [r[1] for r in sorted(db.execute(f"pragma table_info({table})"), key=lambda r: r[5]) if r[5]]

    def fks(table):
        return {(r[3], r[2], r[4]) for r in db.execute(f"pragma foreign_key_list({table})")}

    assert pk("sources") == ["id"] and pk("claims") == ["id"] and pk("findings") == ["id"]
    assert pk("finding_claims") == ["finding_id", "position"] and pk("reviews") == ["finding_id"]
    assert fks("claims") == {("source", "sources", "id")}
    assert fks("finding_claims") == {("finding_id", "findings", "id"), ("claim_id", "claims", "id"),
                                     ("source", "sources", "id")}
    assert fks("mentions") == {("entity_id", "entities", "id"), ("source", "sources", "id")}
    assert list(db.execute("pragma foreign_key_check")) == []
    rows = db.execute(
        "select f.id, f.status, f.note, fc.side, s.title, c.surface, c.value_number, c.period from findings f "
        "join finding_claims fc on fc.finding_id = f.id join claims c on c.id = fc.claim_id "
        "join sources s on s.id = c.source where f.verdict = 'contradiction' order by fc.position").fetchall()
    assert rows == [(fid, "confirmed", "checked", "a", "Trade Daily", "around $580 million", 5.8e8, "2024"),
                    (fid, "confirmed", "checked", "b", "Caspian Courier", "about 650 million USD", 6.5e8, "2024")]
    assert db.execute("select status, note from reviews").fetchall() == [("confirmed", "checked")]
    assert db.execute("select count(*) from mentions m join entities e on e.id = m.entity_id").fetchone()[0] == 2


# ------------------------------------------------------------ review loop


def test_review_help_fit_and_ctrl_c(tmp_path):
    path = view_ledger(tmp_path)
    result = runner.invoke(app, ["review", "-l", str(path)], input="?\x03", env={"COLUMNS": "80", "LINES": "24"})
    assert result.exit_code == 130, result.output
    out = result.stdout
    card = out.split("reviewed 0 of 1")[0].splitlines()
    assert len(card) + 2 <= 24 and all(len(line) <= 80 for line in out.splitlines() if str(path) not in line)
    assert "Trade Daily (2025-04-28)" in out and "differ by 12.1%" in out
    for key, meaning in (("c", "a real discrepancy"), ("d", "not a discrepancy"),
                         ("n", "cannot decide without another source")):
        assert any(line.startswith(key + " ") and meaning in line for line in out.splitlines()), key
    assert out.rstrip().endswith("interrupted: 0 decisions saved in " + str(path))


def test_ctrl_c_after_a_decision_says_it_was_saved(tmp_path):
    from claimcheck import ledger as ledger_mod

    path = view_ledger(tmp_path)
    result = runner.invoke(app, ["review", "-l", str(path)], input="n\x03")
    assert result.exit_code == 0  # the one finding decided: the walk ended normally
    assert "reviewed 1 of 1" in result.stdout
    (review,) = ledger_mod.read(path).reviews.values()
    assert review["status"] == "needs-source"
    # needs-source items are offered again with --status needs-source; Ctrl-C reports what was saved
    again = runner.invoke(app, ["review", "-l", str(path), "--status", "needs-source"], input="e")
    assert "[1/1]" in again.stdout
    again = runner.invoke(app, ["review", "-l", str(path), "--status", "needs-source"], input="c")
    assert again.exit_code == 0 and "reviewed 1 of 1" in again.stdout
    assert next(iter(ledger_mod.read(path).reviews.values()))["status"] == "confirmed"
    none_left = runner.invoke(app, ["review", "-l", str(path), "--status", "needs-source"])
    assert "no contradiction or spelling variant is needs-source" in none_left.stdout


def test_notes_show_in_diff(tmp_path):
    path = view_ledger(tmp_path)
    fid = _finding_id(path)
    runner.invoke(app, ["review", fid, "-l", str(path), "--status", "confirmed", "--note", "customs data checked"])
    for width in ("80", "160"):
        out = runner.invoke(app, ["diff", "-l", str(path)], env={"COLUMNS": width}).stdout
        assert "note: customs data checked" in out and "confirmed" in out


def test_cards_mark_the_later_source_and_new_kinds_keep_their_difference(monkeypatch, capsys):
    records = _records()
    records[0]["later_source"] = "s2"
    records[0]["kind"] = "currency"
    lines = _render(records, 80, monkeypatch, capsys)
    assert "   B Caspian Courier (2025-05-02) · later" in lines
    assert lines[-2].startswith("  differ by 12.1%:")


def test_export_needs_a_target_and_html_needs_a_ledger(tmp_path):
    r = runner.invoke(app, ["export", "-l", str(view_ledger(tmp_path))])
    assert r.exit_code == 2 and "--sqlite" in r.stderr
    r = runner.invoke(app, ["report", "--html", str(tmp_path / "r.html"), "-l", str(tmp_path / "none.yaml")])
    assert r.exit_code == 2 and "run `claimcheck extract" in r.stderr and not (tmp_path / "r.html").exists()


def test_help_and_import_stay_light():
    import subprocess
    import sys

    code = ("import sys\nimport claimcheck\nfrom typer.testing import CliRunner\nfrom claimcheck.cli import app\n"
            "r = CliRunner().invoke(app, ['--help'])\nassert r.exit_code == 0\n"
            "r = CliRunner().invoke(app, ['diff', '--help'])\nassert r.exit_code == 0\n"
            "print(sorted(m for m in ('spacy', 'jinja2', 'sqlite_utils') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_review_card_lists_every_spelling(monkeypatch, capsys):
    from claimcheck import render

    monkeypatch.setenv("COLUMNS", "80")
    claims = [{"source": f"s{i}", "source_label": f"Paper {i} (2025-01-0{i})", "value": name, "quote": name,
               "start": 0, "end": len(name), "surface_start": 0, "surface_end": len(name)}
              for i, name in enumerate(("Khudafarin", "Khoda Afarin", "Khudaferin"), start=1)]
    record = {"id": "n-1", "verdict": "naming", "kind": "naming", "subject": "Khudafarin", "scope": [],
              "period": None, "status": "open", "stale": False, "note": None, "explanation": "one FAC entity",
              "claims": claims, "split": None, "relative_difference": None, "difference": None}
    render.review_card(record, header="[1/1]", height=24)
    lines = _lines(capsys.readouterr().out)
    assert lines[1:] == ["[1/1] n-1  naming · open", "  Khudafarin", "  Khudafarin · Paper 1 (2025-01-01)",
                         "  Khoda Afarin · Paper 2 (2025-01-02)", "  Khudaferin · Paper 3 (2025-01-03)",
                         "  one FAC entity"]

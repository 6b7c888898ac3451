"""`claimcheck diff` and `claimcheck entities` on small hand-made ledgers:
exit codes, the exact CSV, the JSON schema. No spaCy is needed: the ledger's
sources are up to date, so nothing is re-extracted."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from claimcheck import ledger
from claimcheck.cli import app
from claimcheck.records import Claim, Hedge, Kind, Mention, Source, Stance

runner = CliRunner()


def _write_ledger(tmp_path, values=(5.8e8, 6.5e8), quote_b="=HYPERLINK(\"x\") trade was about 650 million USD in 2024.",
                  stance_b=Stance.ACTUAL):
    results = []
    quotes = ["In 2024, bilateral trade reached around $580 million.", quote_b]
    for i, (v, quote) in enumerate(zip(values, quotes)):
        sid = f"s{i + 1}"
        text = quote
        path = tmp_path / f"{sid}.txt"
        path.write_text(text, encoding="utf-8")
        import hashlib

        src = Source(id=sid, path=str(path), sha256=hashlib.sha256(text.encode()).hexdigest(), text=text)
        c = Claim(id=f"q-{sid}", source=sid, kind=Kind.QUANTITY, quote=quote, start=0, end=len(quote),
                  surface=quote[:5], surface_start=0, surface_end=5, subject="bilateral trade" if i == 0 else "trade",
                  scope=("Azerbaijan", "Iran"), value=v, unit="USD", hedge=Hedge.APPROX, period="2024",
                  stance=Stance.ACTUAL if i == 0 else stance_b)
        results.append((src, [c], [Mention("Iran", "GPE", sid, 0, 4)]))
    path = tmp_path / "claims.yaml"
    ledger.write(ledger.merge(ledger.Ledger(), results, {"claimcheck": "test"}), path)
    return path


def test_diff_exit_1_and_exact_csv(tmp_path):
    path = _write_ledger(tmp_path)
    out = tmp_path / "c.csv"
    result = runner.invoke(app, ["diff", "-l", str(path), "--csv", str(out)])
    assert result.exit_code == 1, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == ["finding_id", "kind", "subject", "scope", "period", "source_a", "value_a", "unit_a", "quote_a",
                         "source_b", "value_b", "unit_b", "quote_b", "difference", "relative_difference",
                         "explanation", "status", "note", "reviewer", "title_a", "published_a", "surface_a",
                         "hedge_a", "title_b", "published_b", "surface_b", "hedge_b"]
    assert (row["kind"], row["subject"], row["scope"], row["period"]) == ("quantity", "bilateral trade", "Azerbaijan; Iran", "year 2024")
    assert (row["source_a"], row["value_a"], row["unit_a"]) == ("s1", "580000000.0", "USD")
    assert (row["source_b"], row["value_b"]) == ("s2", "650000000.0")
    assert row["quote_b"].startswith("'=HYPERLINK")  # formula neutralised
    assert float(row["difference"]) == 7e7 and row["relative_difference"] == "0.12069"
    assert row["status"] == "open"
    assert "(12.1%)" in row["explanation"]
    assert out.read_bytes().count(b"\r\n") == 2  # RFC 4180 line endings
    assert "1 contradiction," in result.stdout


def test_diff_exit_0_without_contradiction_and_json_schema(tmp_path):
    path = _write_ledger(tmp_path, values=(5.8e8, 5.9e8), quote_b="Trade was about 590 million USD in 2024, data show.")
    out = tmp_path / "f.json"
    result = runner.invoke(app, ["diff", "-l", str(path), "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"sources", "findings", "comparison"}
    assert [s["id"] for s in data["sources"]] == ["s1", "s2"] and all("path" in s for s in data["sources"])
    (f,) = data["findings"]
    assert {"id", "verdict", "kind", "subject", "scope", "period", "explanation", "claims"} <= set(f)
    assert f["verdict"] == "agreement"
    for c in f["claims"]:
        assert {"claim_id", "source", "path", "quote", "start", "end", "value", "unit"} <= set(c)
    assert "1 agreement across" in result.stdout


def test_csv_to_stdout(tmp_path):
    path = _write_ledger(tmp_path)
    result = runner.invoke(app, ["diff", "-l", str(path), "--csv", "-"])
    assert result.exit_code == 1
    assert result.stdout.startswith("finding_id,kind,subject")
    assert "1 contradiction," in result.stderr


def test_broken_ledger_is_exit_2(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("version: 1\nclaims: [\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", "-l", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.stderr and "line" in result.stderr
    assert path.read_text(encoding="utf-8") == "version: 1\nclaims: [\n"


def test_entities_json(tmp_path):
    path = _write_ledger(tmp_path)
    out = tmp_path / "e.json"
    result = runner.invoke(app, ["entities", "-l", str(path), "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    (iran,) = [e for e in data["entities"] if e["name"] == "Iran"]
    assert {"id", "name", "label", "mentions", "reasons"} <= set(iran)
    assert {m["source"] for m in iran["mentions"]} == {"s1", "s2"}
    assert {"text", "source", "path", "start", "end"} <= set(iran["mentions"][0])


def test_diff_does_not_load_spacy_on_an_up_to_date_ledger(tmp_path):
    from conftest import assert_runs_without_spacy

    path = _write_ledger(tmp_path)
    assert_runs_without_spacy(
        "from typer.testing import CliRunner\nfrom claimcheck.cli import app\n"
        f"r = CliRunner().invoke(app, ['diff', '-l', {str(path)!r}])\nassert r.exit_code == 1, r.output"
    )


def test_unwritable_csv_is_exit_2(tmp_path):
    path = _write_ledger(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["diff", "-l", str(path), "--csv", str(blocker / "out.csv")])
    assert result.exit_code == 2
    assert "out.csv" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_diff_near_lists_pairs_below_the_threshold(tmp_path):
    # same measure and period, but a target against an actual figure: scored below the threshold
    path = _write_ledger(tmp_path, stance_b=Stance.TARGET)
    result = runner.invoke(app, ["diff", "-l", str(path), "--near"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Near misses (1)" in result.output
    assert "stance: actual vs target (-3.5)" in result.output
    plain = runner.invoke(app, ["diff", "-l", str(path)], env={"COLUMNS": "200"})
    assert "Near misses" not in plain.output


def test_diff_json_reports_what_blocking_left_to_score(tmp_path):
    path = _write_ledger(tmp_path)
    result = runner.invoke(app, ["diff", "-l", str(path), "--json", "-"])
    data = json.loads(result.stdout)
    assert data["comparison"] == {"candidate_pairs": 1, "aligned_pairs": 1, "near_misses": 0, "not_compared": 0}

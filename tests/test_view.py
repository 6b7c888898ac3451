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
    ("s1", "Trade Daily", "2025-04-28", "In 2024, bilateral trade between the two neighbours reached around $580 million, "
     "a record, officials said on Monday.", "around $580 million", 5.8e8),
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


def test_cards_at_80_columns(tmp_path):
    path = view_ledger(tmp_path)
    fid = _finding_id(path)
    result = runner.invoke(app, ["diff", "-l", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 1, result.output
    rule = "─" * 80
    expected = [
        "Contradictions (1)",
        rule,
        f"{fid}  open",
        "  bilateral trade · 2024 · Azerbaijan, Iran",
        "   A Trade Daily (2025-04-28)",
        "     ~580M USD  “around $580 million”",
        "     In 2024, bilateral trade between the two neighbours reached around $580",
        "     million, a record, officials said on Monday.",
        "   B Caspian Courier (2025-05-02)",
        "     ~650M USD  “about 650 million USD”",
        "     Customs data show that in 2024 mutual trade reached about 650 million USD.",
        "  differ by 12.1%: same measure (bilateral trade), same period (2024), same",
        "  scope (Azerbaijan, Iran): ~580M USD vs ~650M USD differ by 12.1%, beyond ±5%",
        "  for 'around'.",
        rule,
        "1 contradiction, 0 spelling variants, 0 agreements across 2 sources and 2 claims",
    ]
    assert _lines(result.stdout) == expected
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_table_at_160_columns_keeps_ids_whole(tmp_path):
    path = view_ledger(tmp_path)
    fid = _finding_id(path)
    result = runner.invoke(app, ["diff", "-l", str(path)], env={"COLUMNS": "160"})
    assert result.exit_code == 1, result.output
    expected = """\
Contradictions (1)
┏━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ id / status  ┃ subject / period  ┃ source A                           ┃ source B                           ┃ difference ┃ why                                ┃
┡━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ FID │ bilateral trade   │ Trade Daily (2025-04-28): ~580M    │ Caspian Courier (2025-05-02):      │ 12.1%      │ same measure (bilateral trade),    │
│ open         │ 2024              │ USD                                │ ~650M USD                          │            │ same period (2024), same scope     │
│              │                   │ …trade between the two neighbours  │ …data show that in 2024 mutual     │            │ (Azerbaijan, Iran): ~580M USD vs   │
│              │                   │ reached around $580 million, a     │ trade reached about 650 million    │            │ ~650M USD differ by 12.1%, beyond  │
│              │                   │ record, officials said on Monday.  │ USD.                               │            │ ±5% for 'around'.                  │
└──────────────┴───────────────────┴────────────────────────────────────┴────────────────────────────────────┴────────────┴────────────────────────────────────┘
1 contradiction, 0 spelling variants, 0 agreements across 2 sources and 2 claims""".replace("FID", fid)
    assert _lines(result.stdout) == expected.splitlines()

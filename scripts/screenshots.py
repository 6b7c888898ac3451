"""Regenerate the README's screenshots from the seeds:

- ``docs/img/diff-80.svg``: ``claimcheck diff`` in a terminal 80 columns wide
  (the output with its styles, drawn as SVG by rich);
- ``docs/img/report.png``: the HTML report in headless Chromium.

    .venv/bin/python scripts/screenshots.py

Works on a copy of ``seeds/`` and ``data/claims.yaml``, so the ledger is not
touched. Needs ``chromium`` for the second picture (skipped, with a note,
without it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"


def main() -> int:
    from claimcheck import render

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "seeds", work / "seeds")
        (work / "data").mkdir()
        shutil.copy(ROOT / "data" / "claims.yaml", work / "data" / "claims.yaml")
        env = {**os.environ, "COLUMNS": "80", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
        env.pop("NO_COLOR", None)
        run = subprocess.run([sys.executable, "-m", "claimcheck", "diff"], cwd=work, env=env,
                             capture_output=True, text=True, check=False)
        ansi = run.stdout  # the report; progress and notes (stderr) are left out
        (OUT / "diff-80.svg").write_text(render.ansi_to_svg(ansi, 80, "claimcheck diff"), encoding="utf-8")
        print(f"wrote {OUT / 'diff-80.svg'}")

        html = work / "report.html"
        subprocess.run([sys.executable, "-m", "claimcheck", "report", "--html", str(html)], cwd=work, check=True,
                       capture_output=True)
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            print("no chromium: docs/img/report.png not regenerated", file=sys.stderr)
            return 0
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={work / 'profile'}", "--hide-scrollbars", "--window-size=1200,1500",
                        f"--screenshot={OUT / 'report.png'}", html.as_uri()],
                       check=True, capture_output=True, timeout=120)
        print(f"wrote {OUT / 'report.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

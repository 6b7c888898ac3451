"""How big the HTML report gets and how fast Chromium opens it, for the
seeds and for a synthetic corpus of about 100 articles built from the seeds'
paragraphs (extracted with our rules only, ``blank:en``, to keep it quick).

    python benchmarks/bench_html.py [N_ARTICLES]

Prints, per corpus: sources, findings, file size, and the time until the
page's script has run (``data-ready-ms``, from ``performance.now()`` in
headless Chromium) plus the wall time of the whole headless run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth_corpus import read_sources, write_corpus


def claimcheck(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "claimcheck", *args], check=False, capture_output=True)


def open_in_chromium(html: Path, profile: Path) -> tuple[int | None, float]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None, float("nan")
    start = time.perf_counter()
    run = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync",
                          f"--user-data-dir={profile}", "--dump-dom", html.as_uri()],
                         capture_output=True, text=True, timeout=120, check=False)
    wall = time.perf_counter() - start
    found = re.search(r'data-ready-ms="(\d+)"', run.stdout)
    return (int(found.group(1)) if found else None), wall


def measure(name: str, ledger: Path, work: Path) -> None:
    html = work / f"{name}.html"
    claimcheck("report", "--html", str(html), "-l", str(ledger))
    text = html.read_text(encoding="utf-8")
    ready, wall = open_in_chromium(html, work / f"profile-{name}")
    articles = text.count('<details class="article"')
    print(f"{name}: {text.count('data-finding ')} findings listed, {articles} articles, {html.stat().st_size / 1e6:.2f} MB; ready in {ready} ms (headless run {wall:.2f} s)")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seeds_ledger = work / "seeds.yaml"
        claimcheck("extract", str(ROOT / "seeds"), "-o", str(seeds_ledger), "--model", "blank:en")
        measure("seeds", seeds_ledger, work)
        corpus = work / "corpus"
        write_corpus(read_sources(ROOT / "seeds"), corpus, target_words=n * 1_100, seed=7)
        ledger = work / "corpus.yaml"
        claimcheck("extract", str(corpus), "-o", str(ledger), "--model", "blank:en")
        measure(f"corpus-{len(list(corpus.glob('*.txt')))}", ledger, work)


if __name__ == "__main__":
    main()

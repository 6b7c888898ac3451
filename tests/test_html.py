"""The HTML report: one self-contained file, everything from the articles
escaped, and checked in a real headless browser (Debian's chromium) when one
is installed: the DOM holds the findings and the screenshot is not blank."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib

import pytest
from test_view import ARTICLES, runner, view_ledger

from claimcheck.cli import app

HOSTILE_TITLE = "<img src=x onerror=\"document.title='pwned'\">Evil Times"
HOSTILE = (
    ("s1", "Trade Daily", "2025-04-28", ARTICLES[0][3], ARTICLES[0][4], ARTICLES[0][5]),
    ("s2", HOSTILE_TITLE, "2025-05-02",
     ("<script>document.title='pwned'</script> In 2024 mutual trade reached about 650 million USD "
      "</textarea></details><script>document.body.innerHTML=''</script>."),
     "about 650 million USD", 6.5e8),
)


def _report(tmp_path, articles=ARTICLES, *args):
    path = view_ledger(tmp_path, articles)
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--html", str(out), "-l", str(path), *args])
    assert result.exit_code == 0, result.output
    return out, out.read_text(encoding="utf-8")


def test_report_is_self_contained_and_holds_the_finding(tmp_path):
    _, html = _report(tmp_path)
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched from the network
    assert "<link " not in html
    assert "Trade Daily" in html and "Caspian Courier" in html and "2025-04-28" in html
    assert '<mark>around $580 million</mark>' in html and "differ by 12.1%" in html
    assert html.count('data-finding ') == 1
    assert 'id="t0-0"' in html and 'href="#t0-0"' in html  # link to the full text, claim marked


def test_diff_html_writes_the_same_report(tmp_path):
    path = view_ledger(tmp_path)
    out = tmp_path / "d.html"
    assert runner.invoke(app, ["diff", "-l", str(path), "--html", str(out)]).exit_code == 1
    assert "Caspian Courier" in out.read_text(encoding="utf-8")


def test_hostile_article_cannot_inject(tmp_path):
    _, html = _report(tmp_path, HOSTILE)
    assert html.count("<script") == 1  # ours, and only ours
    assert "<img" not in html and "</textarea></details><script" not in html
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp


# ------------------------------------------------------------ headless browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on this machine (apt-get install chromium; .ci/run installs it when apt-get works)")


def _chromium_run(tmp_path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False,
                          env={**os.environ, "HOME": str(tmp_path)})


def _png_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


@needs_chromium
def test_report_in_headless_chromium(tmp_path):
    out, _ = _report(tmp_path, HOSTILE)
    dom = _chromium_run(tmp_path, "--virtual-time-budget=2000", "--dump-dom", out.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    fid = re.search(r'<article class="finding" id="(f-[0-9a-f]+)"', html).group(1)
    assert fid.startswith("f-")
    assert "Trade Daily" in html and "about 650 million USD" in html
    assert re.search(r'<span id="shown-count">1</span>', html)  # our script ran
    assert "<title>claimcheck report" in html and "pwned" not in html.split("<body")[0].split("<title>")[1][:60]
    assert html.count("<script") == 1  # the article's scripts stayed text
    shot = tmp_path / "shot.png"
    run = _chromium_run(tmp_path, "--window-size=1000,800", f"--screenshot={shot}", out.as_uri())
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    width, height, raw = _png_pixels(shot.read_bytes())
    assert (width, height) == (1000, 800)
    assert len(set(raw[::7])) > 20, "the screenshot is blank"


def test_big_corpora_page_into_compact_rows():
    from test_view import _records

    from claimcheck import render, report
    from claimcheck.records import Source

    records = _records()
    sources = [Source(id=sid, path=f"{sid}.txt", sha256="0", text=text, title=title, published=published)
               for sid, title, published, text, _, _ in ARTICLES]
    texts = {s.id: s.text for s in sources}
    context = report.html_context(records, sources, texts, full_contradictions=0)
    assert context["contradictions"] == [] and len(context["contradictions_compact"]) == 1
    html = render.html_report(context)
    assert '<details id="more-contradictions">' in html and "1 more contradiction (smaller differences)" in html
    assert '<tr id="f-0123456789" data-finding' in html and 'href="#t0-0"' in html
    agreement = {**records[0], "verdict": "agreement", "id": "f-a"}
    many = [dict(agreement, id=f"f-{i:04d}") for i in range(5)]
    context = report.html_context(many, sources, texts, max_agreements=2)
    assert len(context["agreements"]) == 2 and context["agreements_hidden"] == 3
    assert "(the first 2; 3 more in --json)" in render.html_report(context)


@needs_chromium
def test_filters_hide_what_does_not_match(tmp_path):
    out, _ = _report(tmp_path)
    dom = _chromium_run(tmp_path, "--virtual-time-budget=2000", "--dump-dom", out.as_uri() + "?verdict=naming")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert re.search(r'<article class="finding" id="f-[0-9a-f]+"[^>]*hidden', dom.stdout)
    assert '<span id="shown-count">0</span>' in dom.stdout
    dom = _chromium_run(tmp_path, "--virtual-time-budget=2000", "--dump-dom", out.as_uri() + "?status=open")
    assert '<span id="shown-count">1</span>' in dom.stdout

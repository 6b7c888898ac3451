"""Tests for claimcheck.ingest: files, decoding, HTML, header metadata, segments."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import ingest as ingest_mod
from claimcheck.ingest import files as ingest_files
from claimcheck.ingest import (
    SUPPORTED_SUFFIXES,
    IngestError,
    decode,
    find_files,
    ingest,
    read_source,
    segment_text,
)
from claimcheck.records import Skip, Source

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

SEED_META = {
    "000_75e367653803b440": (None, "2025-05-20", "Lorenzo Maria Pacini"),
    "001_9d7916f68053d839": (
        "Iranian President's visit to Azerbaijan marks new phase in bilateral relations",
        "2025-04-28",
        "Elchin Alioghlu",
    ),
    "002_f57de210eee04125": (None, None, None),
    "003_b1c2033550a4211b": (None, None, None),
    "004_55de802d0c463a62": (
        "Azerbaijan - Iran: Bound by Long-Term Projects",
        None,
        "Ilgar Velizade",
    ),
}

# Generic shapes of page furniture (not seed strings): used to check properties.
CTA = re.compile(
    r"(?i)\b(join|follow|subscribe|stay up-to-date|sign up|download)\b.*"
    r"(telegram|whatsapp|twitter|facebook|newsletter|channel)"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture(scope="module")
def seeds() -> dict[str, Source]:
    skips: list[Skip] = []
    sources = {s.id: s for s in ingest([SEEDS], on_skip=skips.append)}
    assert skips == []
    return sources


def segment_texts(source: Source) -> list[str]:
    return [source.text[s.start : s.end] for s in source.segments]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------ seeds


def test_seeds_all_ingested(seeds: dict[str, Source]) -> None:
    assert sorted(seeds) == sorted(SEED_META)
    for source in seeds.values():
        assert source.format == "txt"
        assert source.encoding == "utf-8"
        assert source.path.endswith(f"seeds/{source.id}.txt")


@pytest.mark.parametrize("seed_id", sorted(SEED_META))
def test_seed_metadata(seeds: dict[str, Source], seed_id: str) -> None:
    title, published, author = SEED_META[seed_id]
    source = seeds[seed_id]
    assert source.title == title
    assert source.published == published
    assert source.author == author


@pytest.mark.parametrize("seed_id", sorted(SEED_META))
def test_seed_text_and_offsets_exact(seeds: dict[str, Source], seed_id: str) -> None:
    source = seeds[seed_id]
    raw = (SEEDS / f"{seed_id}.txt").read_bytes()
    assert source.text == raw.decode("utf-8")
    import hashlib

    assert source.sha256 == hashlib.sha256(raw).hexdigest()
    assert source.segments
    previous_end = 0
    for seg in source.segments:
        piece = source.text[seg.start : seg.end]
        assert piece == piece.strip() and piece
        assert "\n" not in piece and "\r" not in piece
        assert seg.start >= previous_end  # ordered, non-overlapping
        previous_end = seg.end
    for skip in source.skipped:
        assert skip.start is not None and skip.end is not None
        piece = source.text[skip.start : skip.end]
        assert piece == piece.strip() and piece and "\n" not in piece
        assert skip.reason and "\n" not in skip.reason


@pytest.mark.parametrize("seed_id", sorted(SEED_META))
def test_every_line_is_kept_or_skipped(seeds: dict[str, Source], seed_id: str) -> None:
    source = seeds[seed_id]
    covered = sorted(
        [(s.start, s.end) for s in source.segments] + [(k.start, k.end) for k in source.skipped]
    )
    lines = [m for m in re.finditer(r"[^\n]+", source.text) if m.group().strip()]
    assert len(covered) == len(lines)
    for (start, end), match in zip(covered, lines, strict=True):
        assert match.start() <= start < end <= match.end()


def test_repeated_body_kept_once(seeds: dict[str, Source]) -> None:
    source = seeds["000_75e367653803b440"]
    texts = segment_texts(source)
    assert sum("The recent visit by Iranian President" in t for t in texts) == 1
    assert len(texts) == len(set(texts))
    # every long paragraph of the file appears in exactly one segment
    paragraphs = {line.strip() for line in source.text.split("\n") if len(line.split()) >= 20}
    assert len(paragraphs) > 10
    for paragraph in paragraphs:
        assert texts.count(paragraph) == 1, paragraph[:60]
    assert any(k.reason.startswith("repeat of line ") for k in source.skipped)


def test_boilerplate_is_skipped_with_reasons(seeds: dict[str, Source]) -> None:
    reasons: set[str] = set()
    for source in seeds.values():
        for text in segment_texts(source):
            if len(text.split()) <= 30:
                assert not CTA.search(text), text
            assert not EMAIL.search(text), text
            assert not re.search(r"(?i)\bcontact us\b", text), text
            assert text.casefold() not in {"tags:", "latest", "see also", "read more", "world"}
        reasons |= {k.reason for k in source.skipped}
    expected = {"call to action", "contact line", "no sentence content", "byline", "dateline"}
    assert expected | {"photo credit"} <= reasons


def test_header_lines_of_001(seeds: dict[str, Source]) -> None:
    source = seeds["001_9d7916f68053d839"]
    by_text: dict[str, str] = {}
    for k in source.skipped:
        by_text.setdefault(source.text[k.start : k.end], k.reason)
    assert by_text["Politics Analytics 28 April 2025 10:48 (UTC +04:00)"] == "dateline"
    assert by_text["Elchin Alioghlu"] == "byline"
    texts = segment_texts(source)
    assert texts[0] == source.title  # the title stays in segments, once
    assert texts.count(source.title) == 1
    assert texts[1].startswith("BAKU, Azerbaijan, April 28.")


def test_trailing_byline_of_004(seeds: dict[str, Source]) -> None:
    source = seeds["004_55de802d0c463a62"]
    assert "Ilgar Velizade" not in segment_texts(source)
    assert segment_texts(source)[0] == source.title
    assert segment_texts(source)[-1].startswith("At the same time")


def test_body_only_seeds_keep_every_line(seeds: dict[str, Source]) -> None:
    for seed_id in ("002_f57de210eee04125", "003_b1c2033550a4211b"):
        source = seeds[seed_id]
        long_lines = [ln for ln in source.text.splitlines() if len(ln.split()) >= 8]
        assert all(ln.strip() in segment_texts(source) for ln in long_lines)


def test_ids_are_stable(seeds: dict[str, Source]) -> None:
    again = {s.id: s.sha256 for s in ingest([SEEDS])}
    assert again == {k: v.sha256 for k, v in seeds.items()}
    single = read_source(SEEDS / "001_9d7916f68053d839.txt")
    assert isinstance(single, Source) and single.id == "001_9d7916f68053d839"


# --------------------------------------------------------------- encodings

RUSSIAN = (
    "Президент Ирана Масуд Пезешкиан прибыл в Баку с официальным визитом.\n"
    "Стороны подписали соглашения о сотрудничестве в области энергетики и транспорта.\n"
)
FRENCH = (
    "Le président iranien est arrivé à Bakou lundi pour une visite officielle.\n"
    "Les deux pays ont signé des accords sur l'énergie, les transports et le commerce. "
    "Ça coûte très cher, où est la gare ?\n"
)
ENGLISH = "Trade reached $580 million in 2024.\r\nIt rose 20 percent.\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (FRENCH.encode("utf-8"), FRENCH, "utf-8"),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), FRENCH, "utf-8-sig"),
        (b"\xff\xfe" + ENGLISH.encode("utf-16-le"), ENGLISH, "utf-16-le"),
        (b"\xfe\xff" + ENGLISH.encode("utf-16-be"), ENGLISH, "utf-16-be"),
        (ENGLISH.encode("utf-16-le"), ENGLISH, "utf-16-le"),
        (ENGLISH.encode("utf-16-be"), ENGLISH, "utf-16-be"),
        ("\ufeff".encode("utf-32-le") + ENGLISH.encode("utf-32-le"), ENGLISH, "utf-32-le"),
        (RUSSIAN.encode("cp1251"), RUSSIAN, "cp1251"),
        (FRENCH.encode("latin-1"), FRENCH, None),
    ],
    ids=[
        "utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32-bom",
        "cp1251", "latin1",
    ],  # fmt: skip
)
def test_decode(data: bytes, text: str, encoding: str | None) -> None:
    decoded, name = decode(data)
    assert decoded == text
    if encoding is not None:
        assert name == encoding
    else:
        assert name in {"cp1252", "latin-1", "iso8859-15", "iso8859-1"}


def test_decode_keeps_line_endings_exactly() -> None:
    assert decode(ENGLISH.encode("utf-8"))[0] == ENGLISH
    assert decode(b"a\rb\r\nc  \t\n")[0] == "a\rb\r\nc  \t\n"


def test_decode_invalid_utf8_byte_in_the_middle() -> None:
    good = "Café in Baku — “quoted” text, 20 percent more. " * 4
    data = good.encode("utf-8")
    data = data[:60] + b"\xff" + data[60:]
    text, name = decode(data)
    assert name == "utf-8"
    assert text.replace("\ufffd", "", 1) == good
    assert text.count("\ufffd") == 1


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "ZIP"),
        (bytes(range(256)) * 4, "binary"),
        (b"text\x01\x02\x03\x04\x05\x06\x07\x08 more", "binary"),
    ],
    ids=["png", "pdf", "zip", "bytes", "controls"],
)
def test_decode_binary(data: bytes, needle: str) -> None:
    with pytest.raises(ValueError) as info:
        decode(data)
    message = str(info.value)
    assert "binary file" in message and needle in message and "\n" not in message


def test_read_source_encodings(tmp_path: Path) -> None:
    path = write(tmp_path / "ru.txt", RUSSIAN.encode("cp1251"))
    source = read_source(path, tmp_path)
    assert isinstance(source, Source)
    assert source.text == RUSSIAN and source.encoding == "cp1251" and source.id == "ru"
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + FRENCH.encode("utf-8"))
    source = read_source(path)
    assert isinstance(source, Source) and source.text == FRENCH
    assert not source.text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "looks like PNG"),
        ("paper.txt", b"%PDF-1.4\n1 0 obj\n", "looks like PDF"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n   \n", "whitespace-only"),
        ("blank16.txt", b"\xff\xfe" + " \n \n".encode("utf-16-le"), "whitespace-only"),
        ("nul.txt", b"abc\x00\x00\x00\x01\x02def\x00\x00\xff", "binary"),
    ],
)
def test_unusable_files_are_skipped(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = write(tmp_path / name, data)
    result = read_source(path, tmp_path)
    assert isinstance(result, Skip)
    assert reason in result.reason and "\n" not in result.reason
    assert result.path.endswith(name)
    skips: list[Skip] = []
    assert list(ingest([tmp_path], on_skip=skips.append)) == []
    assert [s.reason for s in skips] == [result.reason]


def test_vanished_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = read_source(tmp_path / "gone.txt", tmp_path)
    assert isinstance(gone, Skip) and "vanished" in gone.reason
    path = write(tmp_path / "secret.txt", "A sentence with enough words in it.\n")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingest_files.os, "open", denied)  # sources are opened with os.open (non-blocking)
    result = read_source(path, tmp_path)
    assert isinstance(result, Skip) and result.reason == "permission denied"


# ------------------------------------------------------------------- files


def test_missing_path_is_fatal(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "article.txt"
    with pytest.raises(IngestError) as info:
        find_files([tmp_path, missing])
    message = str(info.value)
    assert str(missing) in message and "no such file" in message and "\n" not in message
    with pytest.raises(IngestError):
        list(ingest([missing]))


def test_directory_walk_sorted_hidden_and_unsupported(tmp_path: Path) -> None:
    body = "Trade between the two countries reached 580 million dollars in 2024.\n"
    for rel in ["b.txt", "a/z.md", "a/b/c.html", "A.txt", "a/y.markdown", "c.htm"]:
        write(tmp_path / "in" / rel, body)
    write(tmp_path / "in" / ".hidden.txt", body)
    write(tmp_path / "in" / ".git" / "x.txt", body)
    write(tmp_path / "in" / "report.pdf", b"%PDF-1.4")
    write(tmp_path / "in" / "noext", body)
    single = write(tmp_path / "other" / "single.txt", body)
    skips: list[Skip] = []
    pairs = find_files([tmp_path / "in", single], on_skip=skips.append)
    rels = [p.relative_to(r).as_posix() for p, r in pairs]
    assert rels == ["A.txt", "a/b/c.html", "a/y.markdown", "a/z.md", "b.txt", "c.htm", "single.txt"]
    assert all(r == tmp_path / "in" for _, r in pairs[:-1]) and pairs[-1][1] == single.parent
    reasons = sorted(s.reason for s in skips)
    assert reasons == ["unsupported file type (no extension)", "unsupported file type .pdf"]
    assert all(".hidden" not in s.path and ".git" not in s.path for s in skips)
    ids = [s.id for s in ingest([tmp_path / "in", single])]
    assert ids == ["A", "a/b/c", "a/y", "a/z", "b", "c", "single"]
    assert ".txt" in SUPPORTED_SUFFIXES and ".html" in SUPPORTED_SUFFIXES


def test_duplicate_ids_made_unique(tmp_path: Path) -> None:
    body = "Trade between the two countries reached 580 million dollars in 2024.\n"
    write(tmp_path / "x" / "a.txt", body)
    write(tmp_path / "x" / "a.md", body)
    write(tmp_path / "y" / "a.txt", body)
    ids = [s.id for s in ingest([tmp_path / "x", tmp_path / "y"])]
    # files that clash move on together: the ids do not depend on input order
    assert ids == ["a.md", "x/a.txt", "y/a.txt"]
    assert sorted(s.id for s in ingest([tmp_path / "y", tmp_path / "x"])) == sorted(ids)


def test_same_file_twice_listed_once(tmp_path: Path) -> None:
    path = write(tmp_path / "d" / "a.txt", "Trade reached 580 million dollars in 2024.\n")
    assert len(find_files([tmp_path / "d", path])) == 1


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    base = tmp_path / "loop"
    write(base / "sub" / "a.txt", "Trade reached 580 million dollars in 2024.\n")
    try:
        os.symlink(base, base / "sub" / "back", target_is_directory=True)
        os.symlink(base / "sub", base / "sub" / "self", target_is_directory=True)
        os.symlink(tmp_path / "nothing", base / "broken.txt")
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not available here")
    skips: list[Skip] = []
    pairs = find_files([base], on_skip=skips.append)
    assert [p.relative_to(base).as_posix() for p, _ in pairs] == ["sub/a.txt"]
    assert [s.reason for s in skips] == ["broken symbolic link"]


def test_path_relative_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "d" / "e" / "a.txt", "Trade reached 580 million dollars in 2024.\n")
    monkeypatch.chdir(tmp_path)
    (source,) = ingest(["d"])
    assert source.path == "d/e/a.txt" and source.id == "e/a"
    (source,) = ingest([tmp_path / "d" / "e" / "a.txt"])
    assert source.path == "d/e/a.txt" and source.id == "a"


# -------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head>
<title>Site | Iran and Azerbaijan sign deals</title>
<meta property="og:title" content="Iran and Azerbaijan sign deals">
<meta property="article:published_time" content="2025-04-28T10:48:00+04:00">
<meta name="author" content="Jane Doe">
<style>p { color: red }</style>
<script>var x = "Subscribe to our newsletter";</script>
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a></nav></header>
<nav><ul><li>Politics</li><li>Economy</li></ul></nav>
<main>
<article>
<h1>Iran and Azerbaijan sign deals</h1>
<p>Trade between <b>Iran</b> and <i>Azerbaijan</i> reached $580 million in 2024,
   up 20 percent.</p>
<p>The Rasht-Astara railway is due in 2028.<br>It is 162 km long.</p>
<div>Bilateral trade &amp; transit grew by five percent last year.</div>
<ul><li>First point of the agreement covers energy.</li>
<li>Second point covers transport links.</li></ul>
<table><tr><td>Cell one has four words</td><td>Cell two has four words</td></tr></table>
<aside>Related: other stories</aside>
<form><input name="q"><button>Search</button></form>
<noscript>Enable JavaScript</noscript>
<iframe src="ad.html"></iframe><svg><text>logo</text></svg>
<template><p>Hidden template text</p></template>
</article>
</main>
<footer>Contact us: info@example.com</footer>
</body></html>
"""


def test_html_text_and_metadata(tmp_path: Path) -> None:
    source = read_source(write(tmp_path / "page.html", PAGE), tmp_path)
    assert isinstance(source, Source)
    assert source.format == "html"
    assert source.title == "Iran and Azerbaijan sign deals"
    assert source.published == "2025-04-28"
    assert source.author == "Jane Doe"
    text = source.text
    dropped_texts = (
        "color: red", "var x", "Home", "Politics", "Related:", "Search", "Enable JavaScript",
        "logo", "Hidden template", "info@example.com", "ad.html",
    )  # fmt: skip
    for dropped in dropped_texts:
        assert dropped not in text, dropped
    assert "Trade between Iran and Azerbaijan reached $580 million in 2024, up 20 percent." in text
    assert "The Rasht-Astara railway is due in 2028.\nIt is 162 km long." in text
    assert "Bilateral trade & transit grew by five percent last year." in text
    paragraphs = text.split("\n\n")
    assert "First point of the agreement covers energy." in paragraphs
    assert "Cell two has four words" in paragraphs
    kept = segment_texts(source)
    assert kept[0] == "Iran and Azerbaijan sign deals"
    assert "It is 162 km long." in kept
    for seg in source.segments:
        assert text[seg.start : seg.end] == text[seg.start : seg.end].strip()


def test_html_metadata_fallbacks(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Fallback title</title></head><body>"
        "<p>By <span>someone</span></p>"
        '<time datetime="2024-12-31">31 Dec</time>'
        "<p>The railway will open in 2028 and carry 15 million tonnes.</p></body></html>"
    )
    source = read_source(write(tmp_path / "p.htm", page))
    assert isinstance(source, Source)
    assert source.title == "Fallback title" and source.published == "2024-12-31"
    page = (
        "<html><body><h1>Heading From H1 Element</h1>"
        "<p>Trade grew by 20 percent in 2024.</p></body></html>"
    )
    source = read_source(write(tmp_path / "q.html", page))
    assert isinstance(source, Source) and source.title == "Heading From H1 Element"


def test_html_without_readable_text(tmp_path: Path) -> None:
    page = "<html><head><script>alert(1)</script></head><body><nav>Home</nav></body></html>"
    result = read_source(write(tmp_path / "empty.html", page))
    assert isinstance(result, Skip) and "no readable text" in result.reason


def test_html_huge_single_line(tmp_path: Path) -> None:
    sentence = "Trade between the countries reached {} million dollars in 2024, officials said. "
    paragraph = "<p>" + sentence * 20 + "</p>"
    count = 6_200
    body = "".join(paragraph.format(*[i] * 20) for i in range(count))
    page = f"<html><head><title>Big</title></head><body><article>{body}</article></body></html>"
    assert len(page) > 10_000_000 and "\n" not in page
    source = read_source(write(tmp_path / "big.html", page))
    assert isinstance(source, Source)
    assert source.title == "Big"
    assert len(source.segments) == count
    last = source.segments[-1]
    expected = f"Trade between the countries reached {count - 1} million"
    assert source.text[last.start : last.end].startswith(expected)
    # the same text on one line of a .txt file: split into pieces of at most ~100k characters
    flat = write(tmp_path / "flat.txt", source.text.replace("\n\n", " "))
    source = read_source(flat)
    assert isinstance(source, Source)
    assert len(source.segments) > 100
    assert all(s.end - s.start <= ingest_mod.MAX_SEGMENT_CHARS for s in source.segments)
    assert all(source.text[s.start : s.end].endswith("officials said.") for s in source.segments)


def test_html_deeply_nested(tmp_path: Path) -> None:
    depth = 10_000
    deep = "<div>" * depth + "Deep text reached 42 percent." + "</div>" * depth
    page = f"<html><body>{deep}</body></html>"
    source = read_source(write(tmp_path / "deep.html", page))
    assert isinstance(source, Source) and source.text == "Deep text reached 42 percent."
    bold = "<b><i>" * depth + "Bold claim of 7 percent." + "</i></b>" * depth
    inline = f"<p>{bold} More.</p>"
    page = f"<html><body><article><h1>{inline}</h1>{inline}</article></body></html>"
    source = read_source(write(tmp_path / "deep2.html", page))
    assert isinstance(source, Source)
    assert source.text == "Bold claim of 7 percent. More.\n\nBold claim of 7 percent. More."
    assert source.title == "Bold claim of 7 percent. More."


# ---------------------------------------------------------------- segments


def test_very_long_line_is_split_exactly() -> None:
    sentence = "The railway carried {} tonnes of cargo in the first quarter. "
    body = "".join(sentence.format(i) for i in range(4000)).rstrip()
    text = f"Headline About Cargo Volumes\n\n{body}\n"
    layout = segment_text(text)
    long_segments = layout.segments[1:]
    assert len(long_segments) >= 2
    assert all(s.end - s.start <= ingest_mod.MAX_SEGMENT_CHARS for s in layout.segments)
    joined = " ".join(text[s.start : s.end] for s in long_segments)
    assert joined == text.split("\n\n", 1)[1].strip()
    for seg in long_segments:
        piece = text[seg.start : seg.end]
        assert piece.startswith("The railway carried") and piece.endswith("quarter.")


def test_noise_rules_on_synthetic_text() -> None:
    lines = [
        "Opposition Wins the Regional Election",  # title
        "By John Smith",
        "Politics 3 March 2024",
        "Photo: Reuters",
        "The opposition won 54 percent of the vote, officials said on Sunday.",
        "Follow us on Facebook and Twitter for more updates",
        "Subscribe to our newsletter",
        "For corrections write to desk@example.org",
        "Home | World | Business | Sport | Video",
        "https://example.com/a https://example.com/b",
        "Read more",
        "© 2024 Example News. All rights reserved.",
        "The opposition won 54 percent of the vote, officials said on Sunday.",
        "Millions follow the president on Twitter, according to the ministry.",
    ]
    text = "\n".join(lines) + "\n"
    layout = segment_text(text, path="x.txt")
    kept = [text[s.start : s.end] for s in layout.segments]
    assert kept == [lines[0], lines[4], lines[13]]
    reasons = {text[k.start : k.end]: k.reason for k in layout.skipped}
    assert reasons == {
        lines[1]: "byline",
        lines[2]: "dateline",
        lines[3]: "photo credit",
        lines[5]: "call to action",
        lines[6]: "call to action",
        lines[7]: "contact line",
        lines[8]: "list of links or menu items",
        lines[9]: "list of links",
        lines[10]: "no sentence content",
        lines[11]: "copyright notice",
        lines[12]: "repeat of line 5",
    }
    assert layout.title == lines[0] and layout.author == "John Smith"
    assert all(k.path == "x.txt" for k in layout.skipped)


def test_header_with_standfirst_and_crlf() -> None:
    text = (
        "Iran and Azerbaijan open a new bridge\r\n"
        "The bridge links two border towns across the river.\r\n"
        "By Jane Doe\r\n"
        "20 May 2025\r\n\r\n"
        "The bridge cost 20 million dollars.\r\n"
        "On 3 June 2025 it opened to traffic.\r\n"
        "the bridge   COST 20 million dollars.\r\n"
    )
    layout = segment_text(text)
    assert (layout.title, layout.published, layout.author) == (
        "Iran and Azerbaijan open a new bridge",
        "2025-05-20",
        "Jane Doe",
    )
    kept = [text[s.start : s.end] for s in layout.segments]
    assert kept == [
        "Iran and Azerbaijan open a new bridge",
        "The bridge links two border towns across the river.",
        "The bridge cost 20 million dollars.",
        "On 3 June 2025 it opened to traffic.",
    ]
    reasons = [(text[k.start : k.end], k.reason) for k in layout.skipped]
    assert reasons == [
        ("By Jane Doe", "byline"),
        ("20 May 2025", "dateline"),
        ("the bridge   COST 20 million dollars.", "repeat of line 6"),
    ]


def test_text_starting_like_a_signature_is_not_binary() -> None:
    text = "MZ Holdings said revenue rose 12 percent in 2024.\n"
    assert decode(text.encode("utf-8")) == (text, "utf-8")


def test_markdown_front_matter_and_headings() -> None:
    text = (
        "---\ntitle: Iran trade report\ndate: 2025-05-20\nauthor: Jane Doe\n---\n\n"
        "# Trade grows between neighbours\n\nTrade reached $580 million in 2024, up 20 percent.\n"
    )
    layout = segment_text(text, markdown=True)
    metadata = (layout.title, layout.published, layout.author)
    assert metadata == ("Iran trade report", "2025-05-20", "Jane Doe")
    kept = [text[s.start : s.end] for s in layout.segments]
    assert kept == [
        "Trade grows between neighbours",
        "Trade reached $580 million in 2024, up 20 percent.",
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"ab .\n\r\t\u00a0Z1|@©", "\r\n", "word ", "Join us on Telegram ", "May 5, 2024"]
        )
    ).map("".join)
)
def test_segment_offsets_property(text: str) -> None:
    layout = segment_text(text)
    spans = sorted(
        [(s.start, s.end) for s in layout.segments]
        + [(k.start or 0, k.end or 0) for k in layout.skipped]
    )
    previous = 0
    for start, end in spans:
        piece = text[start:end]
        assert start >= previous and piece and piece == piece.strip(" \t\u00a0")
        assert not any(c in piece for c in "\r\n")
        previous = end


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_decode_never_crashes(data: bytes) -> None:
    try:
        text, name = decode(data)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(text, str) and name


def test_read_source_rejects_odd_inputs(tmp_path: Path) -> None:
    directory = tmp_path / "dir.txt"
    directory.mkdir()
    result = read_source(directory)
    assert isinstance(result, Skip) and result.reason == "is a directory"
    text = "Line one has five words.\rLine two has five words.\r"
    layout = segment_text(text)
    assert [text[s.start : s.end] for s in layout.segments] == [
        "Line one has five words.",
        "Line two has five words.",
    ]

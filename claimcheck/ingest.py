"""Ingest: find input files, decode them, and mark what extraction should read.

``ingest(paths)`` walks the given files and directories and yields one
:class:`~claimcheck.records.Source` per readable document, streaming (one file
in memory at a time). Files that cannot be used (binary, empty, undecodable,
unreadable, unsupported type) are reported through ``on_skip`` as
:class:`~claimcheck.records.Skip` records; a path that does not exist at all is
an :class:`IngestError`.

Decoding detects the encoding rather than guessing: byte-order marks first,
then strict UTF-8, then BOM-less UTF-16/UTF-32 (recognised from the NUL-byte
pattern of mostly-ASCII text), then ``charset_normalizer`` for legacy
single-byte encodings (cp1251, cp1252, ...). A file that is UTF-8 except for a
few damaged bytes is decoded as UTF-8 with U+FFFD in place of the damaged
bytes (charset_normalizer rejects such files outright). Line endings and
whitespace are never touched: ``Source.text`` is the exact decoded text, and
every offset (segments, skips, later claims) indexes it.

HTML is parsed with selectolax (lexbor) and turned into readable text, one
block per paragraph; that readable text is ``Source.text``.

Segments are chosen line by line (a line is a paragraph in the texts this
tool reads): repeated lines are kept once, page noise (labels, calls to
action, contact lines, link lists, photo credits, disclaimers) and the
header's dateline and byline are skipped, each with a reason an analyst can
read. See :func:`segment_text`.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimcheck.records import Precision, Segment, Skip, Source
from claimcheck.thresholds import DEFAULT, ExtractThresholds

try:  # the lexbor backend is the default; the older Modest one is a fallback
    from selectolax.lexbor import LexborHTMLParser as _HTMLParser
except ImportError:  # pragma: no cover - depends on the selectolax build
    # the installed stubs know only the lexbor parser; this branch runs on old builds
    from selectolax.parser import HTMLParser as _HTMLParser  # type: ignore[attr-defined, no-redef, unused-ignore]

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "Layout",
    "decode",
    "find_files",
    "html_to_text",
    "ingest",
    "read_bytes",
    "read_source",
    "reread",
    "sources",
    "segment_text",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

#: files larger than this are skipped rather than read into memory.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: a kept line longer than this is cut into several segments at sentence boundaries.
MAX_SEGMENT_CHARS = 100_000
#: header lines longer than this are body text (and too long to scan for dates).
_MAX_HEADER_LINE_CHARS = 1_000
#: headline-like lines have this many words.
_TITLE_WORDS = (3, 25)
#: a line with more words than this is body text even without final punctuation.
_BODY_WORDS = 25
#: noise patterns (calls to action, contact and credit lines) only apply to
#: lines this short: a long paragraph that mentions Telegram is still content.
_SHORT_LINE_WORDS = 30
#: a dateline may carry a few words besides the date ("Politics 28 April 2025 10:48").
_DATELINE_EXTRA_WORDS = 8
#: how far (in non-empty header lines) a byline may stand from the title or dateline.
_BYLINE_DISTANCE = 2


class IngestError(Exception):
    """A fatal input problem (a path that does not exist). ``str(e)`` is one line."""


# --------------------------------------------------------------------------- files


def _one_line(value: object) -> str:
    """``value`` as text on one line (line breaks shown as ``\\n``)."""
    return str(value).replace("\r", "\\r").replace("\n", "\\n")


def _display_path(path: Path) -> str:
    """The path as found: relative to the current directory when below it, POSIX."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def find_files(
    paths: Sequence[str | os.PathLike[str]],
    on_skip: Callable[[Skip], None] | None = None,
) -> list[tuple[Path, Path]]:
    """The supported files under ``paths`` as ``(file, root)`` pairs.

    Files are taken as given (their root is their directory); directories are
    walked recursively, following symbolic links but never into a directory
    already visited (so link loops end). Hidden files and directories (names
    starting with ".") inside a walked directory are passed over silently;
    files of an unsupported type, broken links and special files are reported
    through ``on_skip``. The result is ordered by the order of ``paths``, then
    by POSIX path within each; a file reached twice is listed once.

    Raises :class:`IngestError` for a path that does not exist.
    """
    roots = [Path(p) for p in paths]
    for root in roots:  # fail before doing any work
        if not os.path.lexists(root):
            raise IngestError(f"{_one_line(root)}: no such file or directory")
        if not root.exists():
            raise IngestError(f"{_one_line(root)}: broken symbolic link")

    def report(path: Path, reason: str) -> None:
        if on_skip is not None:
            on_skip(Skip(_display_path(path), reason))

    result: list[tuple[Path, Path]] = []
    seen_files: set[tuple[int, int]] = set()

    def add(path: Path, root: Path) -> None:
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            report(path, f"unsupported file type {suffix or '(no extension)'}")
            return
        try:
            st = path.stat()
        except OSError as exc:
            report(path, f"unreadable: {exc.strerror or exc}")
            return
        key = (st.st_dev, st.st_ino)
        if key in seen_files:
            return
        seen_files.add(key)
        result.append((path, root))

    for root in roots:
        if not root.is_dir():
            add(root, root.parent)
            continue
        found: list[tuple[Path, str | None]] = []  # (path, reason it can't be read)
        root_real = os.path.realpath(root)
        if _is_virtual(root_real):
            report(root, "virtual file system (not read)")
            continue
        visited: set[str] = {root_real}
        stack = [root]
        while stack:
            directory = stack.pop()
            try:
                with os.scandir(directory) as entries:
                    children = sorted(entries, key=lambda e: e.name)
            except OSError as exc:
                report(directory, f"unreadable directory: {exc.strerror or exc}")
                continue
            for entry in children:
                if _is_hidden(entry.name):
                    continue
                path = directory / entry.name
                try:
                    is_dir = entry.is_dir()  # follows links
                    is_file = entry.is_file()
                except OSError:
                    is_dir = is_file = False
                if is_dir:
                    real = os.path.realpath(path)
                    if real in visited:
                        continue  # a link back into the tree: walked already
                    if entry.is_symlink() and not _inside(real, root_real):
                        report(path, "symbolic link to a folder outside the input folder (not followed)")
                        continue
                    if _is_virtual(real):
                        report(path, "virtual file system (not read)")
                        continue
                    visited.add(real)
                    stack.append(path)
                elif is_file:
                    found.append((path, None))
                elif entry.is_symlink():
                    found.append((path, "broken symbolic link"))
                else:
                    found.append((path, "not a regular file"))
        found.sort(key=lambda item: item[0].relative_to(root).as_posix())
        for path, problem in found:
            if problem is None:
                add(path, root)
            else:
                report(path, problem)
    return result


#: kernel and device file systems: walking them never finds articles and may
#: never end (``/proc``), so folders on them are not entered.
_VIRTUAL_FS = frozenset(
    "proc sysfs devtmpfs devpts cgroup cgroup2 debugfs tracefs securityfs pstore bpf configfs "
    "fusectl mqueue hugetlbfs autofs binfmt_misc efivarfs rpc_pipefs nsfs".split()
)
_VIRTUAL_ROOTS = ("/proc", "/sys", "/dev")


def _inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def _virtual_mounts() -> tuple[str, ...]:
    """Mount points of virtual file systems (Linux ``/proc/self/mounts``)."""
    global _MOUNTS
    if _MOUNTS is None:
        points = list(_VIRTUAL_ROOTS)
        try:
            with open("/proc/self/mounts", encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    parts = line.split()
                    if len(parts) >= 3 and parts[2] in _VIRTUAL_FS:
                        points.append(parts[1].replace("\\040", " "))
        except OSError:
            pass
        _MOUNTS = tuple(sorted(set(points)))
    return _MOUNTS


_MOUNTS: tuple[str, ...] | None = None


def _is_virtual(real: str) -> bool:
    return any(_inside(real, point) for point in _virtual_mounts() if point != "/")


def _source_id(path: Path, root: Path | None) -> str:
    rel: Path | None = None
    if root is not None:
        try:
            rel = path.relative_to(root)
        except ValueError:
            rel = None
    if rel is None or rel == Path(".") or not rel.parts:
        rel = Path(path.name)
    return rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()


def read_bytes(path: Path, shown: str | None = None) -> bytes | Skip:
    """The bytes of the regular file at ``path``, or a :class:`Skip` saying
    why not: only regular files are read (a FIFO, a device such as a link to
    ``/dev/zero``, a directory are refused before anything is read), and never
    more than :data:`MAX_FILE_BYTES`. The file is opened non-blocking and
    checked again through its descriptor, so a FIFO swapped in after the
    first check cannot block the run. Every read of a source, first or
    again, goes through here."""
    shown = shown if shown is not None else _display_path(Path(path))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return Skip(shown, "file vanished before it could be read")
    except PermissionError:
        return Skip(shown, "permission denied")
    except OSError as exc:
        return Skip(shown, f"unreadable: {_one_line(exc.strerror or exc)}")
    if stat.S_ISDIR(st.st_mode):
        return Skip(shown, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        return Skip(shown, "not a regular file")
    too_large = _too_large(shown, st.st_size)
    if too_large is not None:
        return too_large
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return Skip(shown, "file vanished before it could be read")
    except PermissionError:
        return Skip(shown, "permission denied")
    except OSError as exc:
        return Skip(shown, f"unreadable: {_one_line(exc.strerror or exc)}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return Skip(shown, "not a regular file")
        too_large = _too_large(shown, st.st_size)
        if too_large is not None:
            return too_large
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return Skip(shown, f"unreadable: {_one_line(exc.strerror or exc)}")
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:  # it grew while we read
        return _too_large(shown, len(data)) or Skip(shown, "file too large")
    return data


def _too_large(shown: str, size: int) -> Skip | None:
    if size <= MAX_FILE_BYTES:
        return None
    mb = 1024 * 1024
    return Skip(shown, f"file too large ({size // mb} MB; the limit is {MAX_FILE_BYTES // mb} MB)")


def read_source(path: Path, root: Path | None = None) -> Source | Skip:
    """Read, decode and segment one file; a :class:`Skip` says why it can't be used."""
    path = Path(path)
    shown = _display_path(path)
    data = read_bytes(path, shown)
    if isinstance(data, Skip):
        return data
    return _read_data(path, shown, data, root)


def _read_data(path: Path, shown: str, data: bytes, root: Path | None) -> Source | Skip:
    if not data:
        return Skip(shown, "empty file")
    try:
        raw_text, encoding = decode(data)
    except ValueError as exc:
        return Skip(shown, _one_line(exc))
    if not raw_text.strip():
        return Skip(shown, "whitespace-only file")

    fmt = _FORMATS.get(path.suffix.lower(), "txt")
    meta: dict[str, str] = {}
    if fmt == "html":
        text, meta = html_to_text(raw_text)
        if not text.strip():
            return Skip(shown, "no readable text in the HTML page")
    else:
        text = raw_text
    layout = segment_text(text, path=shown, markdown=fmt == "md")
    return Source(
        id=_source_id(path, root),
        path=shown,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        format=fmt,
        encoding=encoding,
        title=meta.get("title") or layout.title,
        published=meta.get("published") or layout.published,
        author=meta.get("author") or layout.author,
        segments=layout.segments,
        skipped=layout.skipped,
    )


def reread(path: Path, known: Source) -> Source | Skip:
    """``known`` (a source from the ledger) read again from ``path`` with the
    same checks as a first read, keeping its id and recorded path. Unchanged
    bytes are only decoded (the text serves context and acronyms); changed
    ones are read in full, ready to be extracted again."""
    path = Path(path)
    shown = _display_path(path)
    data = read_bytes(path, shown)
    if isinstance(data, Skip):
        return data
    if hashlib.sha256(data).hexdigest() == known.sha256:
        try:
            text, _ = decode(data)
        except ValueError as exc:
            return Skip(shown, _one_line(exc))
        if known.format == "html":
            text, _ = html_to_text(text)
        return replace(known, text=text)
    got = _read_data(path, shown, data, path.parent)
    if isinstance(got, Skip):
        return got
    return replace(got, id=known.id, path=known.path)


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    on_skip: Callable[[Skip], None] | None = None,
) -> Iterator[Source]:
    """Every usable source under ``paths``, one at a time (see :func:`find_files`
    and :func:`sources`, which give the ids)."""
    for result in sources(find_files(paths, on_skip)):
        if isinstance(result, Skip):
            if on_skip is not None:
                on_skip(result)
            continue
        yield result


def sources(
    files: Sequence[tuple[Path, Path]],
    known: dict[str, str] | None = None,
    reserved: set[str] | frozenset[str] = frozenset(),
) -> Iterator[Source | Skip]:
    """The one way files become sources: each ``(file, root)`` of
    :func:`find_files` read, in order, as a :class:`Source` with a unique id,
    or a :class:`Skip`. Ids come from :func:`assign_ids` (``known`` maps a
    file's real path to the id a ledger already gives it; ``reserved`` ids
    belong to other files)."""
    ids = assign_ids(files, known or {}, reserved)
    for path, root in files:
        result = read_source(path, root)
        if isinstance(result, Source):
            result = replace(result, id=ids[path])
        yield result


def assign_ids(
    files: Sequence[tuple[Path, Path]],
    known: dict[str, str] | None = None,
    reserved: set[str] | frozenset[str] = frozenset(),
) -> dict[Path, str]:
    """A unique, stable id for each file.

    A file the ledger already knows (``known``: real path -> id) keeps its
    id. Any other file gets the first of these that no other file of the run
    and no ``reserved`` id takes: its path below its input root without the
    suffix (``a``), with the suffix (``a.txt`` beside ``a.html``), with its
    root's name in front (``x/a.txt`` and ``y/a.txt`` given as two paths),
    then with a ``~N`` counter. Files that clash move on together, so the
    result does not depend on the order of the inputs."""
    known = known or {}
    ids: dict[Path, str] = {}
    ladders: dict[Path, list[str]] = {}
    for n, (path, root) in enumerate(sorted(files, key=lambda f: f[0].as_posix())):
        real = os.path.realpath(path)
        if real in known:
            ids[path] = known[real]
            continue
        base = _source_id(path, root)
        try:
            with_suffix = path.relative_to(root).as_posix()
        except ValueError:
            with_suffix = path.name
        if with_suffix in ("", "."):
            with_suffix = path.name
        ladder = [base, with_suffix]
        if root.name:
            ladder.append(f"{root.name}/{with_suffix}")
        ladder.append(f"{with_suffix}~{n + 1}")
        ladders[path] = ladder
    taken = set(reserved) | set(ids.values())
    level = dict.fromkeys(ladders, 0)
    while True:
        wanted = {p: ladders[p][level[p]] for p in ladders}
        counts: dict[str, int] = {}
        for v in wanted.values():
            counts[v] = counts.get(v, 0) + 1
        clash = [p for p, v in wanted.items() if (counts[v] > 1 or v in taken) and level[p] < len(ladders[p]) - 1]
        if not clash:
            break
        for p in clash:
            level[p] += 1
    ids.update(wanted)
    return ids


# ------------------------------------------------------------------------ decoding

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
#: short ASCII signatures that could also start a text: binary only with a control byte nearby.
_WEAK_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "executable"),
    (b"OggS", "audio"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "font"),
    (b"wOF2", "font"),
    (b"RIFF", "audio or video"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: C0 controls other than tab, line feed, vertical tab, form feed, carriage return; DEL; C1.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: more than this share of control characters in the decoded text means binary.
_MAX_CONTROL_SHARE = 0.03
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_SAMPLE = 1 << 16


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _check_control(text: str) -> None:
    sample = text[:_SAMPLE]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise ValueError("binary file (many control characters)")


def _finish(text: str, encoding: str) -> tuple[str, str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    _check_control(text)
    return text, encoding


def _nul_pattern(data: bytes) -> str | None:
    """A BOM-less UTF-16/32 codec recognised from where the NUL bytes fall."""
    sample = data[:_SAMPLE]
    if len(data) % 4 == 0 and len(sample) >= 4:
        quads = len(sample) // 4
        high = [sample[k : quads * 4 : 4].count(0) >= 0.9 * quads for k in range(4)]
        low = [sample[k : quads * 4 : 4].count(0) < 0.1 * quads for k in range(4)]
        if low[0] and high[1] and high[2] and high[3]:
            return "utf-32-le"
        if high[0] and high[1] and high[2] and low[3]:
            return "utf-32-be"
    if len(data) % 2 == 0 and len(sample) >= 2:
        pairs = len(sample) // 2
        even = sample[0 : pairs * 2 : 2].count(0)
        odd = sample[1 : pairs * 2 : 2].count(0)
        if odd >= 0.3 * pairs and even <= 0.05 * pairs:
            return "utf-16-le"
        if even >= 0.3 * pairs and odd <= 0.05 * pairs:
            return "utf-16-be"
        # Text in a non-Latin script (Cyrillic, Persian, ...) has NULs only
        # where ASCII spaces, digits and punctuation fall: fewer, but all on
        # one side. Accept when the text decodes strictly and reads as text.
        if (odd >= 0.03 * pairs and even == 0) or (even >= 0.03 * pairs and odd == 0):
            name = "utf-16-le" if odd else "utf-16-be"
            if _reads_as_text(sample[: pairs * 2], name):
                return name
    return None


def _reads_as_text(sample: bytes, codec: str) -> bool:
    """``sample`` decodes strictly as ``codec`` into text with spaces between
    words, few control characters and no private-use or unassigned runs."""
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        return False
    if not text:
        return False
    spaces = sum(1 for ch in text if ch.isspace())
    letters = sum(1 for ch in text if ch.isalpha())
    controls = len(_CONTROL.findall(text))
    return spaces >= 0.05 * len(text) and letters >= 0.5 * len(text) and controls <= _MAX_CONTROL_SHARE * len(text)


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding name)`` for ``data``, or ``ValueError`` with a one-line reason.

    Order: binary signatures (PDF, PNG, ZIP, ...), byte-order marks, NUL-byte
    patterns (BOM-less UTF-16/32; other NULs mean binary), strict UTF-8, UTF-8
    with a few damaged bytes (replaced by U+FFFD: more valid multi-byte
    sequences than invalid bytes), then charset_normalizer. A leading BOM
    character is removed; nothing else in the text is changed.
    """
    if not data:
        return "", "utf-8"
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ValueError(f"binary file (looks like {kind})")
    for magic, kind in _WEAK_MAGIC:
        if data.startswith(magic) and _CONTROL_BYTES.search(data, 0, 1024):
            raise ValueError(f"binary file (looks like {kind})")
    for bom, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return _finish(body.decode(name), name if bom != codecs.BOM_UTF8 else "utf-8-sig")
            except UnicodeDecodeError as exc:
                if name != "utf-8":
                    reason = f"undecodable text (invalid {name} after its byte-order mark)"
                    raise ValueError(reason) from exc
                return _finish(body.decode("utf-8", errors="replace"), "utf-8-sig")
    if b"\x00" in data:
        nul_name = _nul_pattern(data)
        if nul_name is None:
            raise ValueError("binary file (contains NUL bytes)")
        try:
            return _finish(data.decode(nul_name), nul_name)
        except UnicodeDecodeError as exc:
            raise ValueError("binary file (contains NUL bytes)") from exc
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    damaged = replaced.count("\ufffd")
    non_ascii = len(replaced) - len(replaced.encode("ascii", errors="ignore"))
    multibyte = non_ascii - damaged  # characters from valid multi-byte sequences
    if multibyte > damaged:
        return _finish(replaced, "utf-8")
    import charset_normalizer  # deferred: only legacy encodings need it

    best = charset_normalizer.from_bytes(data).best()
    if best is None or not best.encoding:
        if multibyte > 0:
            return _finish(replaced, "utf-8")
        raise ValueError("undecodable text (no known encoding fits)")
    name = _codec_name(best.encoding)
    try:
        text = data.decode(name)
    except (UnicodeDecodeError, LookupError):
        text = str(best)
    return _finish(text, name)


# ---------------------------------------------------------------------------- HTML

_DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
        "iframe", "svg", "button", "select", "textarea", "object", "embed", "canvas", "audio",
        "video", "map", "dialog", "head", "title", "meta", "link",
    }
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
        "section", "article", "main", "figure", "figcaption", "address", "hr", "details",
        "summary", "fieldset", "legend", "center", "body", "html", "header", "menu", "hgroup",
    }
)  # fmt: skip
_WS = re.compile(r"\s+")
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


class _TextBuilder:
    """Collects text into lines and paragraphs (blank line between paragraphs)."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.pieces: list[str] = []

    def text(self, value: str, pre: bool) -> None:
        if not pre:
            self.pieces.append(value)
            return
        parts = value.split("\n")
        for i, part in enumerate(parts):
            if i:
                self.line_break()
            self.pieces.append(part)

    def line_break(self) -> None:
        if not self.pieces:
            return
        line = " ".join("".join(self.pieces).split())
        self.pieces.clear()
        if line:
            self.lines.append(line)

    def paragraph_break(self) -> None:
        self.line_break()
        if self.lines:
            self.paragraphs.append("\n".join(self.lines))
            self.lines.clear()

    def result(self) -> str:
        self.paragraph_break()
        return "\n\n".join(self.paragraphs)


#: A selectolax node or tree from either parser (lexbor, or the older Modest
#: fallback above): the two share no declared type, only their attributes.
_Node = Any


def _attr(node: object, name: str) -> str | None:
    attrs = getattr(node, "attributes", None) or {}
    value = attrs.get(name)
    return value if isinstance(value, str) else None


#: an inline style that hides the element from readers.
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))"
                           r"\s*(?:!\s*important\s*)?(?:;|$)",
                           re.IGNORECASE)


def _is_hidden_element(node: object) -> bool:
    """Content a reader of the page does not see: the ``hidden`` attribute,
    ``aria-hidden="true"``, or an inline ``display: none`` /
    ``visibility: hidden`` style."""
    attrs = getattr(node, "attributes", None) or {}
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = attrs.get("style")
    return isinstance(style, str) and bool(style) and _HIDDEN_STYLE.search(style) is not None


def _readable_text(container: _Node, keep_header: bool) -> str:
    """Readable text of ``container``, walked iteratively (no recursion on deep trees)."""
    out = _TextBuilder()
    drop = _DROP_TAGS - {"header"} if keep_header else _DROP_TAGS
    pre_depth = 0

    def enter(node: _Node) -> bool:
        nonlocal pre_depth
        tag = node.tag
        if tag == "-text":
            value = node.text_content
            if value:
                out.text(value, pre_depth > 0)
            return False
        if not tag or tag.startswith("-") or tag.startswith("!"):
            return False  # comments, doctype
        if tag in drop or _is_hidden_element(node):
            return False
        if tag == "br":
            out.line_break()
            return False
        if tag == "hr":
            out.paragraph_break()
            return False
        if tag in _BLOCK_TAGS:
            out.paragraph_break()
        if tag == "pre":
            pre_depth += 1
        return True

    def leave(node: _Node) -> None:
        nonlocal pre_depth
        tag = node.tag
        if tag == "pre":
            pre_depth -= 1
        if tag in _BLOCK_TAGS:
            out.paragraph_break()
        elif tag in ("td", "th"):
            out.paragraph_break()

    node = container.child
    depth = 0
    while node is not None:
        if enter(node):
            child = node.child
            if child is not None:
                node = child
                depth += 1
                continue
            leave(node)
        while node is not None:
            sibling = node.next
            if sibling is not None:
                node = sibling
                break
            if depth == 0:
                node = None
                break
            node = node.parent
            depth -= 1
            leave(node)
    return out.result()


def _node_text(node: object) -> str:
    """Whitespace-collapsed text of a (small) element such as <title> or <h1>."""
    return _WS.sub(" ", _readable_text(node, keep_header=True)).strip()


def _iso_date(value: str) -> str | None:
    """The YYYY-MM-DD date of a metadata value ("2025-04-28T10:48:00+04:00", "28 April 2025")."""
    match = _ISO_DATE.match(value)
    if match:
        try:
            return datetime.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            return None
    from claimcheck.normalize.dates import parse_date  # lazy: its patterns take 0.3 s to compile

    parsed = parse_date(value.strip()[:200])
    if parsed is not None and parsed.precision == Precision.DAY:
        return str(parsed.value)[:10]
    return None


def _json_ld(tree: _Node) -> dict[str, str]:
    """headline, datePublished and author name from JSON-LD blocks, if any."""
    found: dict[str, str] = {}
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True) or "null")
        except (ValueError, RecursionError):
            continue
        stack: list[object] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
                continue
            if not isinstance(item, dict):
                continue
            for key in ("headline", "datePublished"):
                value = item.get(key)
                if isinstance(value, str) and value.strip() and key not in found:
                    found[key] = value.strip()
            author = item.get("author")
            if "author" not in found:
                for candidate in author if isinstance(author, list) else [author]:
                    name = candidate.get("name") if isinstance(candidate, dict) else candidate
                    if isinstance(name, str) and name.strip() and not _looks_like_url(name):
                        found["author"] = name.strip()
                        break
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return found


def _looks_like_url(value: str) -> bool:
    return bool(re.match(r"\s*(?:https?://|www\.|/)", value))


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Readable text of an HTML page and its metadata (title, published, author).

    Drops scripts, styles, navigation, page header/footer, asides, forms and
    embeds; reads ``<article>`` (the one with most paragraphs) or ``<main>`` when
    present, else ``<body>``. A ``<header>`` inside the chosen ``<article>`` is
    kept: it holds the headline and byline, which line segmentation handles.
    Block elements become paragraphs separated by a blank line; ``<br>`` is a
    line break; inline text is joined with whitespace collapsed.
    """
    tree = _HTMLParser(html)
    meta: dict[str, str] = {}
    metas: dict[str, str] = {}
    for node in tree.css("meta"):
        key = _attr(node, "property") or _attr(node, "name") or _attr(node, "itemprop")
        content = _attr(node, "content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), content.strip())
    ld = _json_ld(tree)

    title = metas.get("og:title") or metas.get("twitter:title")
    if not title:
        found = tree.css_first("title")
        title = _node_text(found) if found is not None else None
    if not title:
        found = tree.css_first("h1")
        title = _node_text(found) if found is not None else None
    if not title:
        title = ld.get("headline")
    if title:
        meta["title"] = " ".join(title.split())

    published = None
    for key in ("article:published_time", "og:published_time", "date", "pubdate", "publishdate",
                "datepublished", "dc.date", "dcterms.created", "dc.date.issued"):  # fmt: skip
        if key in metas:
            published = _iso_date(metas[key])
            if published:
                break
    if not published and "datePublished" in ld:
        published = _iso_date(ld["datePublished"])
    if not published:
        for node in tree.css("time"):
            value = _attr(node, "datetime")
            if value and (published := _iso_date(value)):
                break
    if published:
        meta["published"] = published

    author = None
    for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"):
        value = metas.get(key)
        if value and not _looks_like_url(value):
            author = value
            break
    author = author or ld.get("author")
    if author:
        meta["author"] = _WS.sub(" ", author).strip()

    container = None
    articles = tree.css("article")
    if articles:
        container = articles[0]
        if len(articles) > 1:
            container = max(articles, key=lambda a: len(a.css("p")))
    keep_header = container is not None
    if container is None:
        container = tree.css_first("main") or tree.body or tree.root
    if container is None:
        return "", meta
    return _readable_text(container, keep_header=keep_header), meta


# ------------------------------------------------------------------------ segments

_BREAK = re.compile(r"[\r\n\u2028\u2029\x85]")  # "\r\n" is one break (see _lines)
_INVISIBLE = "\u200b\ufeff"  # not whitespace to str.strip(), but blank on the page
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_DIGIT = re.compile(r"\d")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)]*(?=\s+[A-Z\u00c0-\u00de\u0400-\u042f])")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
_MD_PREFIX = re.compile(r"#{1,6}\s+|>\s*|[-*+]\s+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_CONTACT = re.compile(
    r"\bcontact\s+(?:us|the\s+editors?|our\s+\w+)\b|^\s*contacts?\s*:", re.IGNORECASE
)
_CTA_VERB = re.compile(
    r"\b(?:share|subscribe|follow|join|sign\s*up|signup|download|register|like\s+us|find\s+us"
    r"|stay\s+(?:up[\s-]*to[\s-]*date|updated|tuned|informed|connected)|get\s+(?:the\s+latest|our)"
    r"|read\s+(?:us|more\s+on)|watch\s+us|listen)\b",
    re.IGNORECASE,
)
_CHANNEL_NAMES = (
    "telegram", "whatsapp", "twitter", "facebook", "instagram", "youtube", "linkedin", "tiktok",
    "newsletter", "channel", "podcast", "google news", "social media", "mailing list", "viber",
    "bluesky", "mastodon",
)  # fmt: skip
_CHANNEL_WORD = re.compile(r"\b(?:apps?|vk|x|rss|threads)\b")


def _has_channel(lower: str) -> bool:
    """Whether a casefolded line names a channel or platform (names may be glued together)."""
    if any(map(lower.__contains__, _CHANNEL_NAMES)):
        return True
    return bool(_CHANNEL_WORD.search(lower))


_CTA_START = re.compile(
    r"\W*(?:please\s+|click\s+here\s+(?:to\s+)?|don'?t\s+forget\s+to\s+"
    r"|be\s+sure\s+to\s+|make\s+sure\s+to\s+)?"
    + _CTA_VERB.pattern,
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:us|our|you|your)\b", re.IGNORECASE)
_CREDIT = re.compile(
    r"\W*(?:photos?|images?|pictures?|photograph|credits?|source\s+of\s+(?:photo|image))"
    r"\s*(?::|by\b|credit\b|courtesy\b)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\ball rights reserved\b|^\W*copyright\b", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"\bdo(?:es)?\s+not\s+necessarily\s+(?:represent|reflect)\b|\bthe\s+views\s+expressed\b",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset(
    {"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "bin", "ibn", "al", "el"}
)
#: words found in section labels and page furniture, never in a person's name.
_NOT_NAME_WORDS = frozenset(
    {
        "news", "world", "latest", "politics", "analytics", "analysis", "business", "economy",
        "opinion", "opinions", "read", "more", "see", "also", "home", "top", "stories", "story",
        "breaking", "sport", "sports", "tags", "share", "comments", "video", "videos", "photo",
        "photos", "gallery", "live", "updates", "editor", "editorial", "region", "middle", "east",
        "west", "north", "south", "central", "europe", "asia", "africa", "america", "americas",
        "culture", "science", "technology", "tech", "health", "travel", "society", "local",
        "national", "international", "global", "related", "articles", "popular", "trending",
        "menu", "search", "subscribe", "contact", "about", "privacy", "policy", "terms", "press",
        "release", "agency", "media", "staff", "desk", "team", "report", "reports", "interview",
        "column", "columns", "blog", "feature", "features", "magazine", "daily", "weekly", "times",
        "post", "herald", "tribune", "journal", "online", "today", "advertisement", "sponsored",
        "author", "authors", "print", "email", "next", "previous", "back", "foreign", "affairs",
        "defense", "defence", "security", "energy", "regions",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Layout:
    """What :func:`segment_text` found in a text."""

    segments: tuple[Segment, ...]
    skipped: tuple[Skip, ...]
    title: str | None = None
    published: str | None = None
    author: str | None = None


@dataclass(slots=True)
class _Line:
    number: int  # 1-based, counting blank lines
    start: int  # offsets of the stripped content
    end: int
    text: str  # stripped content (markdown markers removed for classification)


def _lines(text: str, markdown: bool) -> Iterator[_Line]:
    """The non-empty lines of ``text`` with exact offsets of their stripped content."""
    number = 0
    pos = 0
    size = len(text)
    plain_newlines = not any(map(text.__contains__, ("\r", "\u2028", "\u2029", "\x85")))
    while pos < size:
        if plain_newlines:  # the common case: str.find is much faster than a regex
            found = text.find("\n", pos)
            content_end, nxt = (found, found + 1) if found >= 0 else (size, size)
        else:
            brk = _BREAK.search(text, pos)
            if brk is None:
                content_end = nxt = size
            else:
                content_end = nxt = brk.start()
                nxt += 2 if text.startswith("\r\n", content_end) else 1
        number += 1
        raw = text[pos:content_end]
        a = len(raw) - len(raw.lstrip())
        b = len(raw.rstrip())
        while a < b and (raw[a] in _INVISIBLE or raw[a].isspace()):
            a += 1
        while b > a and (raw[b - 1] in _INVISIBLE or raw[b - 1].isspace()):
            b -= 1
        if a < b:
            s, e = pos + a, pos + b
            if markdown:
                prefix = _MD_PREFIX.match(text, s, e)
                if prefix and prefix.end() < e:
                    s = prefix.end()
            yield _Line(number, s, e, text[s:e])
        pos = nxt


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _word_count(line: str, cap: int = 10_000) -> int:
    if len(line) <= 4 * cap:
        return len(_WORD.findall(line))
    n = 0
    for _ in _WORD.finditer(line):
        n += 1
        if n >= cap:
            break
    return n


def _rough_word_count(line: str) -> int:
    """Whitespace-separated tokens (fast; capped for huge lines)."""
    return len(line.split()) if len(line) <= 20_000 else _word_count(line, cap=1_000)


def _is_body(line: _Line, thresholds: ExtractThresholds) -> bool:
    if len(line.text) > _MAX_HEADER_LINE_CHARS:
        return True
    n = _word_count(line.text)
    if n > _BODY_WORDS:
        return True
    return n >= thresholds.min_sentence_words and bool(_SENTENCE_END.search(line.text))


def _name_token(token: str) -> bool:
    """A capitalised word of letters ("Pacini", "O'Neil", "Al-Sayed") or an initial ("J.")."""
    if len(token) == 2 and token[0].isupper() and token[1] == ".":
        return True
    parts = re.split(r"['’-]", token)
    if not parts[0] or not token[0].isupper():
        return False
    return all(part.isalpha() for part in parts) and any(ch.islower() for ch in token)


def _name(line: str) -> str | None:
    """The person's name when ``line`` is name-shaped ("Lorenzo Maria Pacini", "By Jane Doe")."""
    value = re.sub(r"(?i)^by\s+", "", line.strip())
    tokens = value.split()
    if not 2 <= len(tokens) <= 4:
        return None
    capitalised = 0
    for i, token in enumerate(tokens):
        if _name_token(token):
            if token.casefold().strip(".") in _NOT_NAME_WORDS:
                return None
            capitalised += 1
        elif not (i and token.casefold() in _NAME_PARTICLES):
            return None
    return value if capitalised >= 2 else None


def _is_headline(line: str, thresholds: ExtractThresholds) -> bool:
    """3-25 words, no final sentence punctuation, not a name, not page noise."""
    words = _word_count(line)
    return (
        _TITLE_WORDS[0] <= words <= _TITLE_WORDS[1]
        and not _SENTENCE_END.search(line)
        and _name(line) is None
        and _noise_reason(line, words, thresholds) in (None, "no sentence content")
    )


def _noise_reason(line: str, words: int, thresholds: ExtractThresholds) -> str | None:
    """Why a (non-header) line is page noise, or None when it may carry a claim.

    ``words`` is the line's word count (it may be capped at a few hundred).
    Cheap substring tests guard each pattern: this runs on every line.
    """
    lower = line.casefold() if len(line) <= 5_000 else ""
    if words <= _SHORT_LINE_WORDS:
        if _CREDIT.match(line):
            return "photo credit"
        if "©" in line or "(c)" in lower or "copyright" in lower or "rights reserved" in lower:
            if _COPYRIGHT.search(line):
                if re.search(r"(?i)\b(?:photo|image|picture)", line):
                    return "photo credit"
                return "copyright notice"
        if ("@" in line and _EMAIL.search(line)) or ("contact" in lower and _CONTACT.search(line)):
            return "contact line"
        if _has_channel(lower) and _CTA_VERB.search(line):
            if _CTA_START.match(line) or _SECOND_PERSON.search(line):
                return "call to action"
    if lower:
        if "http" in lower or "www." in lower:
            urls = sum(len(m.group(0)) for m in _URL.finditer(line))
            if urls * 2 >= len(line.replace(" ", "")):
                return "list of links"
        if "|" in line or "•" in line or "·" in line:
            items = [item for item in re.split(r"[|•·]", line) if item.strip()]
            if len(items) >= 3 and sum(_word_count(item) for item in items) / len(items) <= 4:
                if sum(1 for item in items if _DIGIT.search(item)) <= 1:  # not a row of figures
                    return "list of links or menu items"
        if words <= 40 and ("necessarily" in lower or "views expressed" in lower):
            if _DISCLAIMER.search(line):
                return "disclaimer"
    if words < thresholds.min_sentence_words and not _DIGIT.search(line):
        return "no sentence content"
    if not _LETTER.search(line) if len(line) <= 100_000 else not _LETTER.search(line, 0, 100_000):
        return "numbers without words"  # figures with nothing to say what they are; bare integers are not dates
    return None


_LETTER = re.compile(r"[^\W\d_]")


def _is_date_only(line: str) -> bool:
    if len(line) > 80:
        return False
    found = _first_day_date(line)
    if found is None:
        return False
    _, (ds, de) = found
    return not _words(line[:ds] + " " + line[de:])


def _first_day_date(line: str) -> tuple[str, tuple[int, int]] | None:
    from claimcheck.normalize.dates import find_dates  # lazy: see _iso_date

    for start, end, parsed in find_dates(line):
        if parsed.precision == Precision.DAY:
            return str(parsed.value)[:10], (start, end)
    return None


def _key(line: str) -> bytes:
    """Hash of the line's case- and whitespace-folded text (huge lines: case only)."""
    folded = line.casefold()
    if len(folded) <= 20_000:
        folded = " ".join(folded.split())
    return hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _split_long(line: _Line, text: str) -> list[Segment]:
    """Cut a very long line at sentence boundaries (". " + uppercase) into pieces."""
    if line.end - line.start <= MAX_SEGMENT_CHARS:
        return [Segment(line.start, line.end)]
    boundaries = [m.end() for m in _SENTENCE_BREAK.finditer(text, line.start, line.end)]
    pieces: list[Segment] = []
    start = line.start
    i = 0
    while line.end - start > MAX_SEGMENT_CHARS:
        limit = start + MAX_SEGMENT_CHARS
        cut = None
        while i < len(boundaries) and boundaries[i] <= limit:
            if boundaries[i] > start:
                cut = boundaries[i]
            i += 1
        if cut is None:  # no sentence boundary: fall back to the last space, then a hard cut
            space = text.rfind(" ", start + 1, limit)
            cut = space if space > start else limit
        pieces.append(Segment(start, cut))
        start = cut
    pieces.append(Segment(start, line.end))
    result = []
    for piece in pieces:  # trim the whitespace left at the cuts
        s, e = piece.start, piece.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            result.append(Segment(s, e))
    return result


def _front_matter(lines: list[_Line]) -> tuple[int, dict[str, str]]:
    """Markdown front matter (``---`` ... ``---`` at the top): lines used and its fields."""
    if not lines or lines[0].text != "---" or lines[0].start != 0:
        return 0, {}
    fields: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.text in ("---", "..."):
            return i + 1, fields
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line.text)
        if match:
            fields[match.group(1).lower()] = match.group(2).strip().strip("\"'")
    return 0, {}


def segment_text(
    text: str,
    path: str = "",
    markdown: bool = False,
    thresholds: ExtractThresholds = DEFAULT.extract,
) -> Layout:
    """Choose the segments of ``text`` that extraction reads, and read its header.

    The header is the first ``thresholds.header_lines`` non-empty lines; the
    body starts at the first body line among them (a sentence of
    ``min_sentence_words`` words or more ending in sentence punctuation, or
    any line over 25 words; noise lines don't count). The title is the first
    headline-like line before the body (3-25 words, no final punctuation, not
    a dateline, not a name, not noise). The publication date is the first
    day-precision date (``find_dates``) on a header line before the body, or
    on a short dateline-shaped header line after it; a line that is mostly
    that date ("May 20, 2025", "Politics 28 April 2025 10:48") is skipped as
    "dateline". The author is a name-shaped line (2-4 capitalised words of
    letters, optional "By") within two header lines of the title or dateline,
    skipped as "byline"; failing that, the text's last non-empty line when it
    is name-shaped.

    Every other line is kept unless it repeats an earlier line ("repeat of
    line N"; case and whitespace ignored) or is page noise: "photo credit",
    "copyright notice", "contact line", "call to action", "list of links",
    "list of links or menu items", "disclaimer", "no sentence content" (fewer
    than ``min_sentence_words`` words and no digit). The title is kept even
    when short.
    """
    lines = list(_lines(text, markdown))
    skipped: list[Skip] = []
    title: str | None = None
    published: str | None = None
    author: str | None = None
    reasons: dict[int, str] = {}  # index in ``lines`` -> reason for skipping

    start_index = 0
    if markdown:
        used, fields = _front_matter(lines)
        if used:
            for i in range(used):
                reasons[i] = "front matter"
            start_index = used
            title = fields.get("title") or None
            if fields.get("date"):
                published = _iso_date(fields["date"])
            author = fields.get("author") or None

    # ---- header: the first lines; the title only before the body starts
    header = list(range(start_index, min(len(lines), start_index + thresholds.header_lines)))
    body_start = next(
        (
            i
            for i in header
            if _is_body(lines[i], thresholds) and not _is_noise_line(lines[i], thresholds)
        ),
        len(lines),
    )
    title_index: int | None = None
    date_index: int | None = None
    chronology = sum(1 for i in header if i >= body_start and _is_date_only(lines[i].text)) >= 2
    for i in header:
        head_line = lines[i].text
        if i >= body_start and _is_body(lines[i], thresholds):
            continue  # a sentence of the body: its dates are claims, not the dateline
        # one dateline; when several date-only lines follow the start of the
        # body, they head its entries (a chronology) and are content
        found = _first_day_date(head_line) if i < body_start or (date_index is None and not chronology) else None
        if found is not None:
            value, (ds, de) = found
            rest = _words(head_line[:ds] + " " + head_line[de:])
            if sum(1 for w in rest if not _DIGIT.search(w)) <= _DATELINE_EXTRA_WORDS and (
                date_index is None or lines[i].text.strip() == lines[date_index].text.strip()
            ):
                # one dateline: later date-only lines head entries of the text
                # (a chronology), and their dates are content
                reasons[i] = "dateline"
                date_index = i if date_index is None else date_index
                published = value if published is None else published
                continue
            if i < body_start and published is None:
                published = value
        if i < body_start and title_index is None and _is_headline(head_line, thresholds):
            title_index = i
            if title is None:
                title = re.sub(r"\s+#+$", "", head_line).strip()
    anchors = [i for i in (date_index, title_index) if i is not None]
    if title_index is not None:
        title_key = _key(lines[title_index].text)
        anchors += [i for i in header if _key(lines[i].text) == title_key]
    byline_index: int | None = None
    byline_name: str | None = None
    if anchors:
        positions = {i: pos for pos, i in enumerate(header)}
        best = _BYLINE_DISTANCE + 1
        for i in header:
            if i in reasons or i == title_index or len(lines[i].text) > 100:
                continue
            name = _name(lines[i].text)
            if name is None:
                continue
            distance = min(abs(positions[i] - positions[a]) for a in anchors)
            if distance < best:
                best, byline_index, byline_name = distance, i, name
        if byline_index is not None:
            reasons[byline_index] = "byline"
            if author is None:
                author = byline_name
    if byline_index is None and len(lines) > start_index + 1:
        last = len(lines) - 1
        name = _name(lines[last].text) if last not in reasons and last != title_index else None
        if name is not None:
            reasons[last] = "byline"
            if author is None:
                author = name

    # ---- body
    segments: list[Segment] = []
    first_seen: dict[bytes, int] = {}
    for i, line in enumerate(lines):
        key = _key(line.text)
        first = first_seen.get(key)
        if first is None:
            first_seen[key] = line.number
        reason = reasons.get(i)
        if reason is None and first is not None:
            reason = f"repeat of line {first}"
        elif reason is not None and first is not None and reason in ("byline", "dateline"):
            reason = f"repeat of line {first}"
        if reason is None and i != title_index:
            reason = _noise_reason(line.text, _rough_word_count(line.text), thresholds)
        if reason is not None:
            skipped.append(Skip(path, reason, line.start, line.end))
            continue
        segments.extend(_split_long(line, text))
    return Layout(tuple(segments), tuple(skipped), title, published, author)


def _is_noise_line(line: _Line, thresholds: ExtractThresholds) -> bool:
    if len(line.text) > _MAX_HEADER_LINE_CHARS:
        return False
    return _noise_reason(line.text, _word_count(line.text), thresholds) is not None


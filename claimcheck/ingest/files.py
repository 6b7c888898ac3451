"""Files to sources: finding the inputs, reading them safely, unique source ids."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from claimcheck.records import Skip, Source

from .encoding import decode
from .html import html_to_text
from .segment import segment_text

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

#: files larger than this are skipped rather than read into memory.
MAX_FILE_BYTES = 100 * 1024 * 1024


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

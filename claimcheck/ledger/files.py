"""The ledger on disk: paths, the lock, atomic writes that keep the file's mode, the
``.bak`` copy, stale temp files and the JSON mirror of a large ledger."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from .model import HEAD_MARK, Ledger, LedgerError
from .parse import _check_end, _parse, _validate
from .serialise import _dumps_data, to_data

LOCK_TIMEOUT_S = 5.0


def target(path: Path | str) -> Path:
    """The file a ledger path stands for: a symbolic link is followed to its
    target, so a shared ledger linked into several projects is read, locked
    and replaced in place (never turned into a private copy)."""
    path = Path(path)
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def source_file(ledger_path: Path | str, source_path: str) -> Path:
    """Where a source's recorded path points: relative to the ledger's folder."""
    p = Path(source_path)
    return p if p.is_absolute() else target(ledger_path).parent / p


def relative_source_path(ledger_path: Path | str, file: Path | str) -> str:
    """How the ledger records ``file``: relative to the ledger's (real)
    folder, POSIX, so the ledger works from any current directory and moves
    with its corpus."""
    absolute = os.path.abspath(file)
    real = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    folder = os.path.realpath(os.path.abspath(target(ledger_path).parent))
    try:
        return Path(os.path.relpath(real, folder)).as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return Path(real).as_posix()


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the ledger's lock file (``<path>.lock``). A second process waits
    up to ``timeout`` seconds, then gets a :class:`LedgerError`."""
    from filelock import FileLock, Timeout

    path = target(path)
    wait = LOCK_TIMEOUT_S if timeout is None else timeout
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path) + ".lock", timeout=wait)
        lock.acquire()
    except Timeout:
        raise LedgerError(
            f"{path}: another claimcheck process is writing this ledger (lock {path}.lock held for {wait:.0f}s); "
            "try again when it finishes"
        ) from None
    except OSError as exc:
        raise LedgerError(f"{path}: cannot lock ledger: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()


def write(ledger: Ledger, path: Path) -> None:
    """Atomically replace ``path`` with the ledger (temp file + fsync + rename),
    keeping the previous version as ``<path>.bak``.

    This overwrites whatever is on disk: callers that built ``ledger`` from an
    earlier read must use :func:`update` instead, or they drop the reviews
    other processes recorded meanwhile."""
    with locked(path):
        _write_unlocked(ledger, target(path))


def update(path: Path, change: Callable[[Ledger], Ledger], missing_ok: bool = False) -> Ledger:
    """Read, change and write the ledger under its lock, so that two
    processes never lose each other's updates (a read-modify-write).

    Every writer goes through here: long work (spaCy) happens before, and
    ``change`` receives the ledger as it is on disk *now*, so reviews, entity
    rulings and hand-added claims written meanwhile by another process are
    carried into the new file. A change that alters nothing writes nothing
    (the ledger and its ``.bak`` are left as they are).
    """
    path = target(path)
    with locked(path):
        current = read(path, missing_ok=missing_ok)
        new = change(current)
        if not path.exists() or to_data(new) != to_data(current):
            _write_unlocked(new, path)
    return new


def _write_unlocked(ledger: Ledger, path: Path) -> None:
    data = to_data(ledger)
    text = _dumps_data(data)
    remove_stale_temp_files(path)
    try:
        if path.exists():
            _atomic_copy(path, path.with_name(path.name + ".bak"))
        _atomic_write(path, text)
    except OSError as exc:
        raise LedgerError(f"{path}: cannot write ledger: {exc.strerror or exc}") from None
    raw = text.encode("utf-8")
    if len(raw) >= MIRROR_MIN_BYTES:
        _write_mirror(path, hashlib.sha256(raw).hexdigest(), data)


#: a mirror temp file older than this is left over from a killed process (a
#: reader may be writing a fresh one without the lock, for a moment).
STALE_MIRROR_TEMP_S = 60.0


def remove_stale_temp_files(path: Path) -> None:
    """Temp files that killed writes of *this* ledger left behind: its own
    ``.claims.yaml.XXXXXXXX.tmp`` and ``.claims.yaml.bak.XXXXXXXX.tmp`` (only
    the lock holder creates those, and the caller holds the lock), and mirror
    temp files in ``.claimcheck/`` older than a minute. Files of other
    ledgers in the same folder are never touched."""
    import time

    own = re.compile(rf"\.{re.escape(path.name)}\.(?:bak\.)?[A-Za-z0-9_]{{8}}\.tmp")
    mirror = _mirror_path(path)
    theirs = re.compile(rf"\.{re.escape(mirror.name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    now = time.time()
    for folder, pattern, min_age in ((path.parent, own, 0.0), (mirror.parent, theirs, STALE_MIRROR_TEMP_S)):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not pattern.fullmatch(name):
                continue
            leftover = folder / name
            try:
                if min_age and now - leftover.stat().st_mtime < min_age:
                    continue
                leftover.unlink()
            except OSError:
                pass


def file_mode(path: Path) -> int:
    """The permissions a rewrite of ``path`` keeps: the file's own, or for a
    new file what the umask gives (``0666 & ~umask``), never mkstemp's 0600
    (teammates sharing a folder must be able to read the ledger)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def _atomic_write(path: Path, text: str) -> None:
    mode = file_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _atomic_copy(src: Path, dst: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        shutil.copymode(src, tmp)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


# -------------------------------------------------------------------- read


def read(path: Path, missing_ok: bool = True) -> Ledger:
    """Read and validate a ledger. A missing file is an empty ledger when
    ``missing_ok``. Any problem raises :class:`LedgerError` naming the line.

    Source paths come back relative to the ledger's folder; a ledger written
    before that (no marker line) had them relative to the directory it was
    run from, and they are converted assuming it is the current one
    (``legacy_paths`` is then set)."""
    path = target(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if missing_ok:
            return Ledger()
        raise LedgerError(f"{path}: ledger not found") from None
    except OSError as exc:
        raise LedgerError(f"{path}: cannot read ledger: {exc.strerror or exc}") from None
    _check_end(raw, path)
    digest = hashlib.sha256(raw).hexdigest()
    legacy = not raw.startswith(HEAD_MARK.encode())
    mirrored = _read_mirror(path, digest)
    if mirrored is not None:
        return _legacy_paths(_validate(mirrored, "", path), path) if legacy else _validate(mirrored, "", path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LedgerError(
            f"{path}: line {line}, column {column}: ledger is not UTF-8 text (byte 0x{raw[exc.start]:02x} "
            f"at offset {exc.start})"
        ) from None
    data = _parse(text, path)
    led = _validate(data, text, path)
    if len(raw) >= MIRROR_MIN_BYTES:
        _write_mirror(path, digest, data)
    return _legacy_paths(led, path) if legacy else led


def _legacy_paths(led: Ledger, path: Path) -> Ledger:
    """An older ledger's cwd-relative source paths made relative to its folder."""
    if not led.sources:
        return led
    sources = tuple(
        replace(e, source=replace(e.source, path=relative_source_path(path, e.source.path)))
        if not Path(e.source.path).is_absolute() else e
        for e in led.sources
    )
    return replace(led, sources=sources, legacy_paths=True)


# A JSON copy of a large ledger's data, keyed by the sha256 of the YAML bytes
# it came from: reading it is ~20x faster than YAML. The YAML stays the one
# true ledger; a stale, corrupt or missing mirror is simply not used.
MIRROR_MIN_BYTES = 512 * 1024


def _mirror_path(path: Path) -> Path:
    return path.parent / ".claimcheck" / f"{path.name}.json"


def _read_mirror(path: Path, digest: str) -> dict[str, Any] | None:
    try:
        with open(_mirror_path(path), encoding="utf-8") as fh:
            mirror = json.load(fh)
    except (OSError, ValueError):
        return None
    if not isinstance(mirror, dict) or mirror.get("sha256") != digest or not isinstance(mirror.get("data"), dict):
        return None
    data: dict[str, Any] = mirror["data"]
    return data


def _write_mirror(path: Path, digest: str, data: dict[str, Any]) -> None:
    target = _mirror_path(path)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"sha256": digest, "data": data}, fh, ensure_ascii=False, default=str)
            os.fchmod(fh.fileno(), file_mode(path))
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):  # only slower next time; never a stray temp file
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)

"""The claims ledger, ``data/claims.yaml``: read, validate, merge, write.

Layout (documented field by field in the README)::

    version: 1
    generator: {claimcheck: 0.1.0, model: en_core_web_sm==3.8.0, rules: '1'}
    sources: [ {id, path, sha256, format, encoding, title, published, author, chars, mentions}, ... ]
    claims:  [ {id, source, kind, quote, start, end, surface, ...}, ... ]
    reviews: {...}    # analysts' verdicts (kept verbatim by every write)
    entities: [...]   # analysts' merge/split rulings (kept verbatim)

Writes are atomic (temp file in the same folder, fsync, rename), keep the
previous file as ``claims.yaml.bak``, and are serialised by a lock file.
Keys and order are deterministic: the same input gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .records import Claim, Hedge, Kind, Mention, Precision, Source, Stance

LEDGER_VERSION = 1
REVIEW_STATUSES = ("open", "confirmed", "dismissed", "needs-source")
DEFAULT_LEDGER = Path("data/claims.yaml")
LOCK_TIMEOUT_S = 5.0

try:  # libyaml when present: several times faster on large ledgers
    _BaseLoader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader, _Dumper = yaml.SafeLoader, yaml.SafeDumper


class _DuplicateKey(Exception):
    def __init__(self, key: object, first: int, second: int):
        super().__init__(key, first, second)
        self.key, self.first, self.second = key, first, second


class _Loader(_BaseLoader):
    """The safe loader, stricter: a key given twice in one mapping is an
    error (PyYAML keeps the last copy silently: a hand-merged ledger would
    lose the first review), and an unquoted date stays the text written
    (``published: 2025-05-21`` reads as ``'2025-05-21'``, never a ``date``)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        pairs = node.value
        if len(pairs) > 1:
            try:
                keys = [k.value for k, _ in pairs]
                clash = len(set(keys)) != len(keys)
            except TypeError:  # a non-scalar key (unhashable): the constructor reports it
                clash = False
            if clash:
                first: dict[Any, int] = {}
                for k, _ in pairs:
                    if isinstance(k, yaml.ScalarNode):
                        if k.value in first:
                            raise _DuplicateKey(k.value, first[k.value], k.start_mark.line + 1)
                        first[k.value] = k.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)

SOURCE_FIELDS = ("id", "path", "sha256", "format", "encoding", "title", "published", "author", "chars")
#: every key a source may have in the ledger; anything else is refused on read.
_KNOWN_SOURCE = (*SOURCE_FIELDS, "model", "mentions")
#: every key a review may have, and one entry of its history; others are refused.
_KNOWN_REVIEW = ("status", "note", "reviewer", "at", "evidence", "kind", "subject", "history")
_KNOWN_HISTORY = ("status", "note", "reviewer", "at")
_KNOWN_RULING = ("action", "a", "b", "reviewer", "at")
#: first and last line of every ledger claimcheck writes. A file that starts
#: with the first must end with the second, or it was cut short; ledgers
#: written before the marker existed (no first line) are read as before.
HEAD_MARK = "# claimcheck ledger: the last line is the end marker below; a file without it was cut short"
END_MARK = "# end of claimcheck ledger"
CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
_REQUIRED_CLAIM = ("id", "source", "kind", "quote", "start", "end")
_ENUMS: dict[str, type[Enum]] = {"kind": Kind, "hedge": Hedge, "stance": Stance, "precision": Precision}
_KNOWN_TOP = ("version", "generator", "counts", "sources", "claims", "reviews", "entities")
#: Something that may be a YAML anchor or alias: only then are events scanned.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s,\[{:])[&*][^\s,\[\]{}]")


class LedgerError(Exception):
    """The ledger cannot be read or written. ``str()`` is one line naming the
    file and, where known, the line and field."""


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """A source as the ledger records it: metadata and mentions, no text."""

    source: Source
    chars: int
    mentions: tuple[Mention, ...] = ()
    model: str | None = None  # the spaCy pipeline that extracted it (None: older ledgers)


@dataclass(frozen=True, slots=True)
class Ledger:
    sources: tuple[SourceEntry, ...] = ()
    claims: tuple[Claim, ...] = ()
    generator: Mapping[str, str] = field(default_factory=dict)
    reviews: Mapping[str, Any] = field(default_factory=dict)
    entities: Sequence[Any] = ()
    #: read from a ledger written before paths were stored relative to its
    #: folder: the paths were relative to the directory it was run from, and
    #: were converted assuming that is the current directory.
    legacy_paths: bool = False

    def source(self, source_id: str) -> SourceEntry | None:
        return next((s for s in self.sources if s.source.id == source_id), None)


# --------------------------------------------------------------------- merge


def merge(
    old: Ledger,
    results: Iterable[tuple[Source, Sequence[Claim], Sequence[Mention]]],
    generator: Mapping[str, str],
    prune: bool = False,
    chars: Mapping[str, int] | None = None,
) -> Ledger:
    """The ledger after re-extracting some sources.

    Re-extracted sources replace their old entries and extracted claims;
    hand-added claims (``origin: manual``) and every review and entity ruling
    are kept. Sources not re-extracted are kept unless ``prune``.
    """
    new_sources: dict[str, SourceEntry] = {} if prune else {s.source.id: s for s in old.sources}
    fresh_ids: set[str] = set()
    fresh_claims: list[Claim] = []
    for source, claims, mentions in results:
        fresh_ids.add(source.id)
        length = (chars or {}).get(source.id, len(source.text))
        new_sources[source.id] = SourceEntry(replace(source, text=""), length, tuple(mentions), generator.get("model"))
        fresh_claims.extend(claims)
    kept = [
        c for c in old.claims
        if (c.origin == "manual" and c.source in new_sources) or (c.source not in fresh_ids and c.source in new_sources)
    ]
    return Ledger(
        sources=tuple(sorted(new_sources.values(), key=lambda s: s.source.id)),
        claims=tuple(sort_claims([*kept, *fresh_claims])),
        generator=dict(generator),
        reviews=old.reviews,
        entities=old.entities,
    )


def sort_claims(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.source, c.start, c.surface_start, c.kind.value, c.id))


# ---------------------------------------------------------------- serialise


def claim_to_dict(c: Claim) -> dict[str, Any]:
    """A claim's ledger form: fields in a fixed order, empty ones left out
    (``scope`` always written; ``resolved`` only when true; ``origin`` only
    when not "extracted")."""
    out: dict[str, Any] = {}
    for name in CLAIM_FIELDS:
        v = getattr(c, name)
        if v is None or v is False:
            continue
        t = type(v)
        if t is tuple:
            if not v and name != "scope":
                continue
            v = list(v)
        elif isinstance(v, Enum):
            v = v._value_
        elif name == "origin" and v == "extracted":
            continue
        out[name] = v
    return out


def to_data(ledger: Ledger) -> dict[str, Any]:
    sources = []
    for entry in ledger.sources:
        s = entry.source
        d: dict[str, Any] = {name: getattr(s, name) for name in SOURCE_FIELDS if name != "chars"}
        d["chars"] = entry.chars
        if entry.model:
            d["model"] = entry.model
        d["mentions"] = [[m.start, m.end, m.label, m.text] for m in entry.mentions]
        sources.append(d)
    data: dict[str, Any] = {
        "version": LEDGER_VERSION,
        "generator": dict(ledger.generator),
        # what the file holds, so that a truncated copy is detected on read
        "counts": {"sources": len(sources), "claims": len(ledger.claims),
                   "reviews": len(ledger.reviews), "entities": len(ledger.entities)},
        "sources": sources,
        "claims": [claim_to_dict(c) for c in ledger.claims],
    }
    if ledger.reviews:
        data["reviews"] = ledger.reviews
    if ledger.entities:
        data["entities"] = list(ledger.entities)
    return data


class _NoAliasDumper(_Dumper):
    """Never write anchors or aliases: the reader rejects them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=None, width=100_000)


#: Strings written without quotes: letters, digits, space, ``_ - .``, starting
#: with a letter; YAML's words for booleans and null are quoted.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.\- ]*(?<! )")
_YAML_WORDS = frozenset("y n yes no on off true false null".split())
_INF = float("inf")
#: Characters a YAML double-quoted scalar must not hold raw (not printable in
#: YAML, or line breaks YAML 1.1 would fold): written as \uXXXX.
_ESCAPE = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\U00010000-\U0010FFFF]")


def _scalar(v: Any) -> str:
    """One scalar in YAML that PyYAML's safe loader reads back as ``v``."""
    t = type(v)
    if t is str:
        return _str_scalar(v)
    if t is float and v == v and v not in (_INF, -_INF):
        text = repr(v)
        return text.replace("e", ".0e") if "e" in text and "." not in text else text
    if v is None:
        return "null"
    if v is True or v is False:
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return {True: ".inf", False: "-.inf"}[v > 0] if v == v else ".nan"
        text = repr(v)
        if "e" in text and "." not in text:
            text = text.replace("e", ".0e")  # YAML 1.1 floats need a dot
        return text
    return _str_scalar(str(v))


@lru_cache(maxsize=1 << 14)
def _str_scalar(text: str) -> str:
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(
        lambda m: "\\u%04x" % ord(m.group()) if ord(m.group()) < 0x10000 else "\\U%08x" % ord(m.group()), quoted
    )


def _flow(items: Sequence[Any]) -> str:
    return "[" + ", ".join(_scalar(x) for x in items) + "]"


def _emit_block(items: Sequence[dict[str, Any]], out: list[str]) -> None:
    """A list of flat mappings (scalars, flat lists, lists of flat lists)."""
    for item in items:
        first = True
        for key, value in item.items():
            lead = "- " if first else "  "
            first = False
            if isinstance(value, list) and value and isinstance(value[0], list):
                out.append(f"{lead}{key}:")
                out.extend(f"  - {_flow(v)}" for v in value)
            elif isinstance(value, list):
                out.append(f"{lead}{key}: {_flow(value)}")
            else:
                out.append(f"{lead}{key}: {_scalar(value)}")


def dumps(ledger: Ledger) -> str:
    """The ledger as YAML. ``sources`` and ``claims``, the bulk, are written
    by a small emitter for their known flat shape (PyYAML's pure-Python
    representer takes half a minute for 100k claims); the rest by PyYAML.
    The round trip through :func:`loads` is lossless (a property test)."""
    return _dumps_data(to_data(ledger))


def _dumps_data(data: dict[str, Any]) -> str:
    out = [_yaml({k: data[k] for k in ("version", "generator", "counts")}).rstrip("\n")]
    for key in ("sources", "claims"):
        if data[key]:
            out.append(f"{key}:")
            _emit_block(data[key], out)
        else:
            out.append(f"{key}: []")
    rest = {k: data[k] for k in ("reviews", "entities") if k in data}
    text = HEAD_MARK + "\n" + "\n".join(out) + "\n"
    return text + (_yaml(rest) if rest else "") + END_MARK + "\n"


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


def loads(text: str, path: Path | str = "<ledger>") -> Ledger:
    _check_end(text.encode("utf-8"), path)
    return _validate(_parse(text, path), text, path)


def _check_end(raw: bytes, path: Path | str) -> None:
    """A ledger that starts with :data:`HEAD_MARK` must end with
    :data:`END_MARK` (trailing blank lines allowed): the check covers the
    whole file, including the last review's history, which ``counts:``
    cannot see."""
    if not raw.startswith(HEAD_MARK.encode()):
        return
    if raw.rstrip().endswith(b"\n" + END_MARK.encode()):
        return
    lines = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
    raise LedgerError(
        f"{path}: line {lines}: ledger looks truncated (its last line is not {END_MARK!r}); restore {path}.bak, "
        "or put that line back at the end if you edited the file by hand"
    )


def _parse(text: str, path: Path | str) -> Any:
    if not text.strip():
        raise LedgerError(f"{path}: ledger is empty; restore {path}.bak or re-run `claimcheck extract`")
    _reject_aliases(text, path)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except _DuplicateKey as exc:
        raise LedgerError(
            f"{path}: line {exc.second}: duplicate key {exc.key!r} (first at line {exc.first}); "
            "a mapping holds each key once: keep one copy (a hand-merged review? merge its history by hand)"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise LedgerError(f"{path}: {where}invalid YAML: {exc.problem or exc.context}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else "?"
        raise LedgerError(f"{path}: line {line}: invalid YAML: character #x{exc.character:04x} is not allowed "
                          "(write it as an escape inside a double-quoted string)") from None
    except yaml.YAMLError as exc:
        raise LedgerError(f"{path}: invalid YAML: {str(exc).splitlines()[0]}") from None
    return data


def _reject_aliases(text: str, path: Path | str) -> None:
    """claimcheck never writes YAML anchors or aliases; a ledger that has them
    was edited by hand or crafted (a "billion laughs" bomb) and is refused
    before anything is built from it. The full event scan runs only when a
    cheap pattern says an anchor may be there."""
    if not _MAYBE_ALIAS.search(text):
        return
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
                mark = event.start_mark
                raise LedgerError(
                    f"{path}: line {mark.line + 1 if mark is not None else '?'}: YAML {kind} {anchor!r}: "
                    "claimcheck ledgers never use anchors or "
                    "aliases; write the value out in full"
                )
    except yaml.YAMLError:
        return  # the loader reports the syntax error with its line


def _line_of(text: str, keys: Sequence[Any]) -> str:
    """'line N' of the node at ``keys`` (a path of mapping keys / list
    indices), found by composing the YAML again; '' when it can't be found."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                node = next(v for k, v in node.value if k.value == key)
            elif isinstance(node, yaml.SequenceNode):
                node = node.value[key]
        return f"line {node.start_mark.line + 1}: " if node is not None else ""
    except Exception:  # noqa: BLE001 - best effort: the message still names the field
        return ""


def _validate(data: Any, text: str, path: Path | str) -> Ledger:
    def fail(keys: Sequence[Any], msg: str) -> LedgerError:
        dotted = ".".join(str(k) if not isinstance(k, int) else f"[{k}]" for k in keys).replace(".[", "[")
        return LedgerError(f"{path}: {_line_of(text, keys)}{dotted}: {msg}")

    if not isinstance(data, dict):
        raise LedgerError(f"{path}: line 1: expected a mapping with version, sources and claims")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise fail(["version"], "missing or not an integer")
    if version > LEDGER_VERSION:
        raise LedgerError(
            f"{path}: written by a newer claimcheck (ledger version {version}, "
            f"this one reads up to {LEDGER_VERSION}); upgrade claimcheck"
        )
    for key in data:
        if key not in _KNOWN_TOP:
            raise fail([key], f"unknown top-level key (expected one of {', '.join(_KNOWN_TOP)})")
    sources = []
    raw_sources = data.get("sources") or []
    if not isinstance(raw_sources, list):
        raise fail(["sources"], "expected a list")
    seen: set[str] = set()
    for i, s in enumerate(raw_sources):
        if not isinstance(s, dict):
            raise fail(["sources", i], "expected a mapping")
        for name in s:
            if name not in _KNOWN_SOURCE:
                raise fail(["sources", i, name], f"unknown field (known: {', '.join(_KNOWN_SOURCE)})")
        for name in ("id", "path", "sha256"):
            if not isinstance(s.get(name), str) or not s[name]:
                raise fail(["sources", i, name], "missing or not text")
        for name in ("format", "encoding", "title", "published", "author", "model"):
            if s.get(name) is not None and not isinstance(s[name], str):
                raise fail(["sources", i, name], "expected text")
        chars = s.get("chars")
        if chars is not None and (not isinstance(chars, int) or isinstance(chars, bool) or chars < 0):
            raise fail(["sources", i, "chars"], "expected a non-negative integer")
        if s["id"] in seen:
            raise fail(["sources", i, "id"], f"duplicate source id {s['id']!r}")
        seen.add(s["id"])
        mentions = []
        raw_mentions = s.get("mentions") or []
        if not isinstance(raw_mentions, list):
            raise fail(["sources", i, "mentions"], "expected a list of [start, end, label, text]")
        for j, m in enumerate(raw_mentions):
            if not (isinstance(m, list) and len(m) == 4 and all(_is_int(x) for x in m[:2])
                    and all(isinstance(x, str) for x in m[2:])):
                raise fail(["sources", i, "mentions", j], "expected [start, end, label, text]")
            mentions.append(Mention(m[3], m[2], s["id"], m[0], m[1]))
        src = Source(
            id=s["id"], path=s["path"], sha256=s["sha256"], text="",
            format=s.get("format") or "txt", encoding=s.get("encoding") or "utf-8",
            title=s.get("title"), published=s.get("published"), author=s.get("author"),
        )
        sources.append(SourceEntry(src, chars or 0, tuple(mentions), s.get("model") or _generator_model(data)))
    claims = []
    raw_claims = data.get("claims") or []
    if not isinstance(raw_claims, list):
        raise fail(["claims"], "expected a list")
    claim_ids: set[str] = set()
    for i, c in enumerate(raw_claims):
        if not isinstance(c, dict):
            raise fail(["claims", i], "expected a mapping")
        claims.append(_claim_from(c, i, fail, seen, claim_ids))
    reviews = data.get("reviews") or {}
    if not isinstance(reviews, dict):
        raise fail(["reviews"], "expected a mapping of finding id to review")
    for fid, review in reviews.items():
        _check_review(fid, review, fail)
    entities = data.get("entities") or []
    if not isinstance(entities, list):
        raise fail(["entities"], "expected a list")
    for i, ruling in enumerate(entities):
        if not isinstance(ruling, dict) or ruling.get("action") not in ("merge", "split"):
            raise fail(["entities", i], "expected a ruling {action: merge|split, a: ENTITY_ID, b: ENTITY_ID}")
        for name in ruling:
            if name not in _KNOWN_RULING:
                raise fail(["entities", i, name], f"unknown field (known: {', '.join(_KNOWN_RULING)})")
        for name in ("a", "b"):
            if not isinstance(ruling.get(name), str):
                raise fail(["entities", i, name], "expected an entity id")
        for name in ("reviewer", "at"):
            if ruling.get(name) is not None and not isinstance(ruling[name], str):
                raise fail(["entities", i, name], "expected text")
    generator = data.get("generator") or {}
    if not isinstance(generator, dict) or not all(isinstance(v, (str, int, float)) for v in generator.values()):
        raise fail(["generator"], "expected a mapping of names to versions")
    _check_counts(data.get("counts"), {"sources": len(sources), "claims": len(claims),
                                      "reviews": len(reviews), "entities": len(entities)}, fail, path)
    return Ledger(tuple(sources), tuple(claims), {str(k): str(v) for k, v in generator.items()}, reviews, entities)


def _generator_model(data: dict[str, Any]) -> str | None:
    """The model named in the header: what extracted the sources of a ledger
    written before the model was recorded per source."""
    generator = data.get("generator")
    model = generator.get("model") if isinstance(generator, dict) else None
    return model if isinstance(model, str) else None


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _check_review(fid: Any, review: Any, fail: Callable[..., LedgerError]) -> None:
    """Every field of one review, and of each entry of its history."""
    if not isinstance(fid, str):
        raise fail(["reviews", fid], "expected a finding id (text) as the key")
    if not isinstance(review, dict):
        raise fail(["reviews", fid], "expected a mapping with status, note, reviewer, at")
    for name in review:
        if name not in _KNOWN_REVIEW:
            raise fail(["reviews", fid, name], f"unknown field (known: {', '.join(_KNOWN_REVIEW)})")
    if review.get("status") not in REVIEW_STATUSES:
        raise fail(["reviews", fid, "status"],
                   f"unknown status {review.get('status')!r} (expected one of {', '.join(REVIEW_STATUSES)})")
    for name in ("note", "reviewer", "at", "evidence", "kind", "subject"):
        if review.get(name) is not None and not isinstance(review[name], str):
            raise fail(["reviews", fid, name], "expected text")
    history = review.get("history") or []
    if not isinstance(history, list):
        raise fail(["reviews", fid, "history"], "expected a list")
    for j, item in enumerate(history):
        if not isinstance(item, dict):
            raise fail(["reviews", fid, "history", j], "expected a mapping {status, note, reviewer, at}")
        for name in item:
            if name not in _KNOWN_HISTORY:
                raise fail(["reviews", fid, "history", j, name], f"unknown field (known: {', '.join(_KNOWN_HISTORY)})")
        if item.get("status") is not None and item["status"] not in REVIEW_STATUSES:
            raise fail(["reviews", fid, "history", j, "status"], f"unknown status {item['status']!r}")
        for name in ("note", "reviewer", "at"):
            if item.get(name) is not None and not isinstance(item[name], str):
                raise fail(["reviews", fid, "history", j, name], "expected text")


def _check_counts(counts: Any, actual: dict[str, int], fail: Callable[..., LedgerError], path: Path | str) -> None:
    """A ledger that holds fewer items than its header says was cut short
    (a crash, a full disk, a bad copy): refuse it rather than "repair" it by
    dropping what is missing. Hand-added items (more than counted) are fine."""
    if counts is None:
        return
    if not isinstance(counts, dict) or not all(isinstance(v, int) for v in counts.values()):
        raise fail(["counts"], "expected {sources: N, claims: N, reviews: N, entities: N}")
    short = [f"{k} {actual.get(k, 0)} of {n}" for k, n in counts.items() if actual.get(k, 0) < n]
    if short:
        raise LedgerError(
            f"{path}: ledger looks truncated ({', '.join(short)} present); restore {path}.bak, "
            "or delete the counts: line if you removed items on purpose"
        )


def claim_from_dict(c: dict[str, Any], source_ids: set[str]) -> Claim:
    """A claim from its ledger form, validated (:class:`LedgerError` on a problem)."""

    def fail(keys: Sequence[Any], msg: str) -> LedgerError:
        return LedgerError(f"{'.'.join(map(str, keys))}: {msg}")

    return _claim_from(c, 0, fail, source_ids, set())


def _opt_str(v: Any) -> str | None:
    return None if v is None else str(v)


def _claim_from(
    c: dict[str, Any], i: int, fail: Callable[..., LedgerError], source_ids: set[str], claim_ids: set[str]
) -> Claim:
    for name in _REQUIRED_CLAIM:
        if name not in c:
            raise fail(["claims", i], f"missing field {name!r}")
    for name in c:
        if name not in CLAIM_FIELDS:
            raise fail(["claims", i, name], f"unknown field (known: {', '.join(CLAIM_FIELDS)})")
    if c["id"] in claim_ids:
        raise fail(["claims", i, "id"], f"duplicate claim id {c['id']!r}")
    claim_ids.add(c["id"])
    if c["source"] not in source_ids:
        raise fail(["claims", i, "source"], f"unknown source {c['source']!r}")
    kw: dict[str, Any] = {}
    for name, enum in _ENUMS.items():
        if c.get(name) is not None:
            try:
                kw[name] = enum(c[name])
            except ValueError:
                allowed = ", ".join(str(e.value) for e in enum)
                raise fail(["claims", i, name], f"unknown {name} {c[name]!r} (expected one of {allowed})") from None
    for name in ("start", "end", "surface_start", "surface_end"):
        if name in c and (not isinstance(c[name], int) or isinstance(c[name], bool) or c[name] < 0):
            raise fail(["claims", i, name], "expected a non-negative integer")
    for name in ("about_start", "about_end"):
        if c.get(name) is not None and (not isinstance(c[name], int) or isinstance(c[name], bool) or c[name] < 0):
            raise fail(["claims", i, name], "expected a non-negative integer")
    for name in ("value_max", "canonical", "canonical_max"):
        if c.get(name) is not None and (not isinstance(c[name], (int, float)) or isinstance(c[name], bool)):
            raise fail(["claims", i, name], "expected a number")
    value = c.get("value")
    if value is not None and not isinstance(value, (int, float, str)) or isinstance(value, bool):
        raise fail(["claims", i, "value"], "expected a number or text")
    scope = c.get("scope") or []
    if not isinstance(scope, list) or not all(isinstance(x, str) for x in scope):
        raise fail(["claims", i, "scope"], "expected a list of names")
    for name in ("quote", "subject", "surface", "unit", "period", "normalized", "origin", "measure", "about",
                 "dimension", "canonical_unit"):
        if c.get(name) is not None and not isinstance(c[name], str):
            raise fail(["claims", i, name], "expected text")
    return Claim(
        id=str(c["id"]), source=c["source"], kind=kw["kind"], quote=c["quote"], start=c["start"], end=c["end"],
        surface=c.get("surface", c["quote"]), surface_start=c.get("surface_start", c["start"]),
        surface_end=c.get("surface_end", c["end"]), subject=c.get("subject"), scope=tuple(scope),
        value=float(value) if isinstance(value, int) else value,
        value_max=None if c.get("value_max") is None else float(c["value_max"]),
        unit=c.get("unit"), hedge=kw.get("hedge"), period=None if c.get("period") is None else str(c["period"]),
        stance=kw.get("stance"), precision=kw.get("precision"), normalized=c.get("normalized"),
        resolved=bool(c.get("resolved", False)), origin=c.get("origin", "extracted"),
        measure=c.get("measure"), measure_derived=bool(c.get("measure_derived", False)), about=c.get("about"),
        about_start=c.get("about_start"), about_end=c.get("about_end"), dimension=c.get("dimension"),
        canonical=_opt_float(c.get("canonical")), canonical_max=_opt_float(c.get("canonical_max")),
        canonical_unit=c.get("canonical_unit"),
    )


def _opt_float(v: Any) -> float | None:
    return None if v is None else float(v)

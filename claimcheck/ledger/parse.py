"""Reading a ledger's text: YAML parsing without aliases or duplicate keys, and validation
with a line and field for every error."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from ..records import Claim, Hedge, Kind, Mention, Precision, Source, Stance
from ..vocab.review import REVIEW_STATUSES
from .model import (
    CLAIM_FIELDS,
    END_MARK,
    HEAD_MARK,
    LEDGER_VERSION,
    SOURCE_FIELDS,
    Ledger,
    LedgerError,
    SourceEntry,
)
from .serialise import _BaseLoader


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
#: every key a source may have in the ledger; anything else is refused on read.
_KNOWN_SOURCE = (*SOURCE_FIELDS, "model", "mentions")
#: every key a review may have, and one entry of its history; others are refused.
_KNOWN_REVIEW = ("status", "note", "reviewer", "at", "evidence", "kind", "subject", "history")
_KNOWN_HISTORY = ("status", "note", "reviewer", "at")
_KNOWN_RULING = ("action", "a", "b", "reviewer", "at")
_REQUIRED_CLAIM = ("id", "source", "kind", "quote", "start", "end")
_ENUMS: dict[str, type[Enum]] = {"kind": Kind, "hedge": Hedge, "stance": Stance, "precision": Precision}
_KNOWN_TOP = ("version", "generator", "counts", "sources", "claims", "reviews", "entities")
#: Something that may be a YAML anchor or alias: only then are events scanned.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s,\[{:])[&*][^\s,\[\]{}]")


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

"""Writing a ledger as text: deterministic YAML, byte-identical for the same input."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from enum import Enum
from functools import lru_cache
from typing import Any

import yaml

from ..records import Claim
from .model import CLAIM_FIELDS, END_MARK, HEAD_MARK, LEDGER_VERSION, SOURCE_FIELDS, Ledger

try:  # libyaml when present: several times faster on large ledgers
    _BaseLoader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader, _Dumper = yaml.SafeLoader, yaml.SafeDumper


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

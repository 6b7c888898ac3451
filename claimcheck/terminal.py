"""Making outside text safe to show: the one escaping function.

Every string that comes from outside claimcheck (file names, article text,
ledger fields typed by people) passes through :func:`visible` before it
reaches a terminal or a pipe: C0 and C1 control characters (ESC, CSI
U+009B, ...), DEL, bidi overrides and isolates, and zero-width characters
become visible escapes (``\\x1b``, ``\\u202e``), so a hostile article or
file name cannot move the cursor, set a window title, plant an OSC 8 link or
reorder what the analyst reads. No rich import here: ``render`` adds markup
escaping on top.

Files written with ``--csv FILE`` / ``--json FILE`` stay exact; only output
sent to stdout (``-``) is escaped, by :func:`terminal_json` and
:func:`terminal_csv`.
"""

from __future__ import annotations

import re

#: characters shown as escapes: C0 (but tab and line feed, handled by the
#: caller), DEL, C1, zero-width and direction marks, bidi embeddings,
#: overrides and isolates, the BOM and the line/paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def visible(text: object, newlines: str = " ") -> str:
    """``text`` on one terminal line with every control, bidi and zero-width
    character shown as an escape. Tabs become a space; line feeds become
    ``newlines`` (a space by default; ``"\\\\n"`` to show them)."""
    value = str(text).replace("\t", " ").replace("\n", newlines)
    return _UNSAFE.sub(_escape, value)


def terminal_json(text: str) -> str:
    """JSON text for a terminal or pipe: JSON already escapes C0 controls;
    C1 controls, bidi and zero-width characters become ``\\uXXXX`` escapes
    (they can only stand inside strings, so the JSON stays valid and equal)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_CSV_UNSAFE = re.compile(
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)


def terminal_csv(text: str) -> str:
    """CSV text for a terminal or pipe: controls, bidi and zero-width
    characters inside cells shown as visible escapes; the CRLF row ends and
    line feeds inside quoted cells stay."""
    return _CSV_UNSAFE.sub(_escape, text)


def terminal_html(text: str) -> str:
    """HTML for a terminal or pipe: the same characters as numeric character
    references (``&#x202e;``), which a browser shows as the page intends."""
    return _UNSAFE.sub(lambda m: f"&#x{ord(m.group()):x};", text)

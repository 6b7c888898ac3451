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

from claimcheck.records import Skip as Skip

from .encoding import decode
from .files import (
    MAX_FILE_BYTES as MAX_FILE_BYTES,
)
from .files import (
    SUPPORTED_SUFFIXES,
    IngestError,
    find_files,
    ingest,
    read_bytes,
    read_source,
    reread,
    sources,
)
from .html import html_to_text
from .segment import MAX_SEGMENT_CHARS as MAX_SEGMENT_CHARS
from .segment import Layout, segment_text

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

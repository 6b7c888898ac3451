"""Segments: the lines extraction reads, and the header (title, dateline, byline)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimcheck.records import Precision, Segment, Skip
from claimcheck.thresholds import DEFAULT, ExtractThresholds

from .html import _iso_date
from .noise import _DIGIT, _name, _noise_reason, _rough_word_count, _word_count, _words

#: a kept line longer than this is cut into several segments at sentence boundaries.
MAX_SEGMENT_CHARS = 100_000
#: header lines longer than this are body text (and too long to scan for dates).
_MAX_HEADER_LINE_CHARS = 1_000
#: headline-like lines have this many words.
_TITLE_WORDS = (3, 25)
#: a line with more words than this is body text even without final punctuation.
_BODY_WORDS = 25
#: a dateline may carry a few words besides the date ("Politics 28 April 2025 10:48").
_DATELINE_EXTRA_WORDS = 8
#: how far (in non-empty header lines) a byline may stand from the title or dateline.
_BYLINE_DISTANCE = 2


# ------------------------------------------------------------------------ segments

_BREAK = re.compile(r"[\r\n\u2028\u2029\x85]")  # "\r\n" is one break (see _lines)
_INVISIBLE = "\u200b\ufeff"  # not whitespace to str.strip(), but blank on the page
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)]*(?=\s+[A-Z\u00c0-\u00de\u0400-\u042f])")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
_MD_PREFIX = re.compile(r"#{1,6}\s+|>\s*|[-*+]\s+")


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


def _is_body(line: _Line, thresholds: ExtractThresholds) -> bool:
    if len(line.text) > _MAX_HEADER_LINE_CHARS:
        return True
    n = _word_count(line.text)
    if n > _BODY_WORDS:
        return True
    return n >= thresholds.min_sentence_words and bool(_SENTENCE_END.search(line.text))


def _is_headline(line: str, thresholds: ExtractThresholds) -> bool:
    """3-25 words, no final sentence punctuation, not a name, not page noise."""
    words = _word_count(line)
    return (
        _TITLE_WORDS[0] <= words <= _TITLE_WORDS[1]
        and not _SENTENCE_END.search(line)
        and _name(line) is None
        and _noise_reason(line, words, thresholds) in (None, "no sentence content")
    )


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

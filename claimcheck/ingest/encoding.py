"""Bytes to text: magic numbers, byte-order marks, UTF-8/16/32 and legacy encodings."""

from __future__ import annotations

import codecs
import re

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

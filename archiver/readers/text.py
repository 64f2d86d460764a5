"""Bytes to text for plain-text inputs: BOMs, UTF-8, a recorded cp1252/latin-1 fallback.

The decoded text is the coordinate system of the whole ledger: every removal
and repair offset is a code-point offset into it, so decoding must be
deterministic and must never drop or invent characters beyond newline
normalisation.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from archiver.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b", b"BZh", b"\xfd7zXZ",
)
# C0/C1 controls other than tab, LF, VT, FF, CR: in real text they are rare.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# The same characters in UTF-8: C0 controls and DEL are single bytes (never part of a longer sequence), C1
# controls are \xc2 and a byte from \x80 to \x9f (\xc2 only ever leads a sequence).
_C0_AND_DEL = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_MAX_CONTROL_SHARE = 0.01
_MAX_NUL_SHARE = 0.01  # UTF-16 without a BOM has a NUL every other byte, binary formats every few
_FEW_STRAYS = 8         # ... while a scraper that copied a page's stray NULs or controls left a few
_NEWLINES = re.compile(r"\r\n?")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_text(data: bytes) -> Decoded:
    """Decode raw bytes, or raise InputError with a one-line reason."""
    if not data.strip():
        raise InputError("empty file" if not data else "empty file (whitespace only)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"undecodable bytes: {encoding} BOM but invalid {encoding} "
                                 f"at byte {err.start + len(bom)}") from None
            return _finish(text, "utf-8-sig" if encoding == "utf-8" else encoding)
    if data.startswith(_BINARY_MAGIC) or _mostly_nul(data[:8192]):
        raise InputError("binary file, not text (NUL bytes or a known binary signature)")
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return _finish(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return _finish(data.decode("latin-1"), "latin-1")


def _mostly_nul(head: bytes) -> bool:
    """More NUL bytes than a text file picks up by accident. A scraper that copied a page's stray NULs into
    its text leaves a few (the whitespace stage removes them, on the record); UTF-16 without a BOM, or any
    binary format, has them every few bytes."""
    nuls = head.count(b"\x00")
    return nuls > max(_FEW_STRAYS, _MAX_NUL_SHARE * len(head))


def _finish(text: str, encoding: str) -> Decoded:
    text = _NEWLINES.sub("\n", text)
    if not text.strip():
        raise InputError("empty file (whitespace only)")
    controls = control_count(text)
    if controls > max(_FEW_STRAYS, _MAX_CONTROL_SHARE * len(text)):  # a few stray ones in a short file are text
        raise InputError(f"undecodable bytes: {controls} control characters in "
                         f"{len(text)} as {encoding}; not a text file in a known encoding")
    return Decoded(text, encoding)


def control_count(text: str) -> int:
    """How many ``_CONTROL`` characters the text holds, counted in its UTF-8 bytes: a byte-table deletion and
    a search for one literal byte, where the regex tests a character class at every character (about
    seven times the cost on a 10 KB document). Lone surrogates, which UTF-8 cannot hold, take the regex."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return len(_CONTROL.findall(text))
    return len(data) - len(data.translate(None, _C0_AND_DEL)) + len(_C1_UTF8.findall(data))

"""Readers turn raw bytes into text; they know nothing of stages or records.

The text a reader returns is the document's coordinate system: every offset
in a record's ledger points into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archiver.readers.gzipped import GZIP_MAGIC, gunzip_limited
from archiver.readers.html import looks_like_html, read_html
from archiver.readers.text import decode_text

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ReadResult:
    text: str
    encoding: str
    media_type: str
    metadata: dict[str, Any] = field(default_factory=dict)  # what the reader knows (HTML head)
    extractor: str | None = None  # for HTML: which extraction gave the text


def read_document(raw: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Pick the reader for ``raw`` (by name and content) and decode it."""
    data = gunzip_limited(raw, max_bytes) if raw.startswith(GZIP_MAGIC) else raw
    name = path[:-3] if path.lower().endswith(".gz") else path
    if looks_like_html(data, name):
        page = read_html(data)
        return ReadResult(page.text, page.encoding, "text/html", page.metadata, page.extractor)
    decoded = decode_text(data)
    return ReadResult(decoded.text, decoded.encoding, "text/plain")


__all__ = ["DEFAULT_MAX_BYTES", "ReadResult", "read_document"]

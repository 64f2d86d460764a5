"""Readers turn raw bytes into decoded text; they know nothing of stages or records."""

from __future__ import annotations

from dataclasses import dataclass

from archiver.readers.text import decode_text


@dataclass(frozen=True)
class ReadResult:
    text: str
    encoding: str
    media_type: str


def read_document(raw: bytes, path: str) -> ReadResult:
    """Pick the reader for ``raw`` (by name and content) and decode it."""
    decoded = decode_text(raw)
    return ReadResult(decoded.text, decoded.encoding, "text/plain")


__all__ = ["ReadResult", "read_document"]

"""Inflate gzip input in bounded steps, so a decompression bomb is refused, never inflated whole."""

from __future__ import annotations

import zlib

from archiver.errors import InputError

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16


def gunzip_limited(data: bytes, max_bytes: int) -> bytes:
    """The inflated bytes, or InputError as soon as they would pass ``max_bytes``."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    pending = data
    try:
        while pending:
            out += inflater.decompress(pending, _CHUNK)
            if len(out) > max_bytes:
                raise InputError(f"gzip input inflates past the limit of {max_bytes} bytes (--max-bytes)")
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
        out += inflater.flush()
    except zlib.error as err:
        raise InputError(f"corrupt gzip data: {err}") from None
    if len(out) > max_bytes:
        raise InputError(f"gzip input inflates past the limit of {max_bytes} bytes (--max-bytes)")
    if not inflater.eof:
        raise InputError("truncated gzip data")
    return bytes(out)

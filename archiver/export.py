"""Export records as JSON Lines for corpus toolkits (id / text / source / metadata).

The shape follows what Dolma, datatrove and Hugging Face datasets read: one
JSON object per line with ``id``, ``text`` and ``source``; everything else
archiver knows goes under ``metadata``. Output is deterministic: records in
sorted path order, canonical key order, and a gzip header without a time stamp.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from archiver.archive import atomic_write, canonical_json
from archiver.record import Record
from archiver.validate import record_files


def export_line(record: Record) -> dict[str, Any]:
    data = record.to_dict()
    return {
        "id": data.pop("id"),
        "text": data.pop("text"),
        "source": data["source"]["path"],
        "metadata": {**data.pop("metadata"), "language": data.pop("language"), "archiver": data},
    }


def write_jsonl(records: Iterable[Record], out: Path) -> int:
    """Write ``records`` to ``out`` (gzip when it ends in .gz), atomically; returns the count."""
    buffer = io.BytesIO()
    count = 0
    gzipped = out.name.endswith(".gz")
    sink: IO[bytes] = gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) if gzipped else buffer
    for record in records:
        sink.write(canonical_json(export_line(record)) + b"\n")
        count += 1
    if sink is not buffer:
        sink.close()
    atomic_write(out, buffer.getvalue())
    return count


def export(paths: list[Path], out: Path, *, verify: bool = True) -> int:
    from archiver.api import load

    return write_jsonl((load(p, verify=verify) for p in record_files(paths)), out)

"""Export records as JSON Lines for corpus toolkits (id / text / source / metadata).

The shape follows what Dolma, datatrove and Hugging Face datasets read: one
JSON object per line with ``id``, ``text`` and ``source``; everything else
archiver knows goes under ``metadata``, with the document's quality signals
(``archiver/quality.py``) under ``metadata.quality``. Filters (language, size,
share removed) leave documents out of the export, never out of the archive.
Output is deterministic: records in sorted path order, canonical key order,
and a gzip header without a time stamp.
"""

from __future__ import annotations

import gzip
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from archiver.archive import atomic_write, canonical_json
from archiver.quality import quality_signals
from archiver.record import Record
from archiver.validate import record_files


@dataclass(frozen=True)
class Filters:
    """Which documents an export keeps; the defaults keep all."""

    languages: frozenset[str] = frozenset()   # record languages to keep ("und" only when listed); empty: any
    min_chars: int = 0                        # clean text at least this long
    max_removed_share: float = 1.0            # at most this share of the document removed

    def reason(self, record: dict[str, Any], quality: dict[str, Any]) -> str | None:
        """Why the document is left out (the filter's name), or None to keep it."""
        if self.languages and record["language"] not in self.languages:
            return "language"
        if quality["chars"] < self.min_chars:
            return "min-chars"
        if quality["removed_share"] > self.max_removed_share:
            return "max-removed-share"
        return None


@dataclass
class ExportSummary:
    exported: int = 0
    left_out: Counter[str] = field(default_factory=Counter)


def export_line(record: Record, quality: dict[str, Any] | None = None) -> dict[str, Any]:
    data = record.to_dict()
    quality = quality if quality is not None else quality_signals(data)
    return {
        "id": data.pop("id"),
        "text": data.pop("text"),
        "source": data["source"]["path"],
        "metadata": {**data.pop("metadata"), "language": data.pop("language"), "quality": quality,
                     "archiver": data},
    }


def write_jsonl(records: Iterable[Record], out: Path, filters: Filters = Filters()) -> ExportSummary:
    """Write the ``records`` the filters keep to ``out`` (gzip when it ends in .gz), atomically."""
    buffer = io.BytesIO()
    summary = ExportSummary()
    gzipped = out.name.endswith(".gz")
    sink: IO[bytes] = gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) if gzipped else buffer
    for record in records:
        data = record.to_dict()
        quality = quality_signals(data)
        reason = filters.reason(data, quality)
        if reason is not None:
            summary.left_out[reason] += 1
            continue
        sink.write(canonical_json(export_line(record, quality)) + b"\n")
        summary.exported += 1
    if sink is not buffer:
        sink.close()
    atomic_write(out, buffer.getvalue())
    return summary


def export(paths: list[Path], out: Path, *, verify: bool = True, filters: Filters = Filters(),
           dedup: bool = False) -> ExportSummary:
    """Export the records under ``paths``; with ``dedup``, each folder's duplicates index (``archiver
    dedup``) leaves out every duplicate but its cluster's representative."""
    from archiver.api import load

    files = list(record_files(paths))
    duplicates: set[Path] = set()
    if dedup:
        from archiver.dedup import left_out_by_dedup

        for folder in (p for p in paths if p.is_dir()):
            duplicates |= {folder / rel for rel in left_out_by_dedup(folder)}
    summary = write_jsonl((load(p, verify=verify) for p in files if p not in duplicates), out, filters)
    if dedup:
        summary.left_out["dedup"] = sum(1 for p in files if p in duplicates)
    return summary

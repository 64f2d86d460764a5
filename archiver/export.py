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
from typing import Any

from archiver.archive import atomic_write, canonical_json
from archiver.batch_files import record_files
from archiver.core.roles import markdown
from archiver.errors import DocumentError
from archiver.quality import quality_signals
from archiver.record import Record


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
    files: list[str] = field(default_factory=list)


def export_line(data: dict[str, Any], quality: dict[str, Any] | None = None, text_format: str = "plain"
                ) -> dict[str, Any]:
    """One exported document. The ledger stays in the archive: the export carries its size (``removals``,
    ``repairs``, ``removed_chars``), which keeps every line's shape the same. An empty ledger list in one
    shard and a list of entries in the next is a type a columnar reader cannot reconcile (Hugging Face
    ``datasets`` refused the shards when the ledger was exported whole). ``data``: ``Record.to_dict()``,
    made once per record by the caller, which also reads it for the filters (it is consumed here)."""
    quality = quality if quality is not None else quality_signals(data)
    removed = data.pop("removed")
    if text_format == "markdown":
        data["text"] = markdown(data["text"], data.get("roles") or [])
    archiver = {**data, "removals": len(removed), "repairs": len(data["repairs"]),
                "removed_chars": sum(len(r["text"]) for r in removed)}
    return {
        "id": archiver.pop("id"),
        "text": archiver.pop("text"),
        "source": data["source"]["path"],
        "metadata": {**archiver.pop("metadata"), "language": archiver.pop("language"), "quality": quality,
                     "archiver": archiver},
    }


class _Shard:
    """One output file's lines, encoded when the shard is full (JSON Lines, optionally gzip, or Parquet)."""

    def __init__(self, fmt: str, gzipped: bool) -> None:
        self.fmt = fmt
        self.gzipped = gzipped
        self.lines: list[dict[str, Any]] = []

    def encode(self) -> bytes:
        if self.fmt == "parquet":
            return _parquet_bytes(self.lines)
        body = b"".join(canonical_json(line) + b"\n" for line in self.lines)
        if not self.gzipped:
            return body
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as sink:
            sink.write(body)
        return buffer.getvalue()


def _parquet_bytes(lines: list[dict[str, Any]]) -> bytes:
    """A Parquet table: ``id``, ``text``, ``source``, ``language``, the headline fields as columns, and
    the whole ``metadata`` as a JSON string (its keys differ from record to record)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise DocumentError("Parquet export needs pyarrow: pip install 'archiver[parquet]'") from None
    columns: dict[str, list[Any]] = {"id": [], "text": [], "source": [], "language": [], "title": [],
                                     "date": [], "url": [], "metadata": []}
    for line in lines:
        metadata = line["metadata"]
        columns["id"].append(line["id"])
        columns["text"].append(line["text"])
        columns["source"].append(line["source"])
        columns["language"].append(metadata.get("language"))
        for name in ("title", "date", "url"):
            value = metadata.get(name)
            columns[name].append(value if isinstance(value, str) else None)
        columns["metadata"].append(canonical_json(metadata).decode("utf-8"))
    table = pa.table({name: pa.array(values, type=pa.string()) for name, values in columns.items()})
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def _shard_paths(out: Path, count: int) -> list[Path]:
    """``corpus.jsonl.gz`` -> ``corpus-00000-of-00003.jsonl.gz`` ... (the names Hugging Face datasets uses)."""
    name = out.name
    suffix = "".join(s for s in (".jsonl", ".parquet", ".gz") if s in name)
    stem = name[: len(name) - len(suffix)] if suffix and name.endswith(suffix) else name
    return [out.with_name(f"{stem}-{i:05d}-of-{count:05d}{suffix}") for i in range(count)]


def write_records(records: Iterable[Record], out: Path, filters: Filters = Filters(), *, fmt: str | None = None,
                  shard_size: int = 0, text_format: str = "plain") -> ExportSummary:
    """Write the ``records`` the filters keep to ``out`` (JSON Lines, gzip when it ends in .gz, or Parquet),
    or to shards of ``shard_size`` documents each; every file is written atomically, in record order."""
    fmt = fmt or ("parquet" if out.name.endswith(".parquet") else "jsonl")
    gzipped = out.name.endswith(".gz")
    summary = ExportSummary()
    shards = [_Shard(fmt, gzipped)]
    for record in records:
        data = record.to_dict()
        quality = quality_signals(data)
        reason = filters.reason(data, quality)
        if reason is not None:
            summary.left_out[reason] += 1
            continue
        if shard_size and len(shards[-1].lines) == shard_size:
            shards.append(_Shard(fmt, gzipped))
        shards[-1].lines.append(export_line(data, quality, text_format))
        summary.exported += 1
    if fmt == "parquet":
        _parquet_bytes([])  # pyarrow is checked before anything is written
    paths = _shard_paths(out, len(shards)) if shard_size else [out]
    for path, shard in zip(paths, shards, strict=True):
        atomic_write(path, shard.encode())
    summary.files = [str(p) for p in paths]
    return summary


def export(paths: list[Path], out: Path, *, verify: bool = True, filters: Filters = Filters(),
           dedup: bool = False, fmt: str | None = None, shard_size: int = 0, text_format: str = "plain"
           ) -> ExportSummary:
    """Export the records under ``paths``; with ``dedup``, each folder's duplicates index (``archiver
    dedup``) leaves out every duplicate but its cluster's representative."""
    from archiver.api import load

    files = list(record_files(paths))
    duplicates: set[Path] = set()
    if dedup:
        from archiver.dedup import left_out_by_dedup

        for folder in (p for p in paths if p.is_dir()):
            duplicates |= {folder / rel for rel in left_out_by_dedup(folder)}
    summary = write_records((load(p, verify=verify) for p in files if p not in duplicates), out, filters,
                            fmt=fmt, shard_size=shard_size, text_format=text_format)
    if dedup:
        summary.left_out["dedup"] = sum(1 for p in files if p in duplicates)
    return summary

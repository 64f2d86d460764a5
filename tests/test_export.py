"""Export for corpus toolkits: one line per document (id, text, source, metadata), filters, shards, Parquet."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from archiver.api import load
from archiver.export import Filters, export, write_records

CLEAN = Path(__file__).resolve().parent.parent / "clean"


def records() -> list:
    return [load(path) for path in sorted(CLEAN.glob("*.json"))]


def test_a_line_carries_the_text_and_the_ledgers_size_not_the_ledger(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    summary = write_records(records(), out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert summary.exported == len(lines) == len(records())
    first, record = lines[0], records()[0].to_dict()
    assert first["id"] == record["id"] and first["text"] == record["text"]
    assert first["source"] == record["source"]["path"]
    archived = first["metadata"]["archiver"]
    assert "removed" not in archived and archived["removals"] == len(record["removed"])
    assert archived["removed_chars"] == sum(len(r["text"]) for r in record["removed"])
    assert first["metadata"]["language"] == record["language"] and "chars" in first["metadata"]["quality"]


def test_filters_leave_documents_out_of_the_export_and_say_why(tmp_path: Path) -> None:
    summary = write_records(records(), tmp_path / "x.jsonl", Filters(languages=frozenset({"fa"}), min_chars=10))
    assert summary.exported + sum(summary.left_out.values()) == len(records())
    assert summary.left_out["language"] >= 1
    everything = write_records(records(), tmp_path / "y.jsonl", Filters(min_chars=10**9))
    assert everything.exported == 0 and everything.left_out["min-chars"] == len(records())


def test_shards_and_gzip_are_deterministic(tmp_path: Path) -> None:
    first = write_records(records(), tmp_path / "a" / "corpus.jsonl.gz", shard_size=2)
    second = write_records(records(), tmp_path / "b" / "corpus.jsonl.gz", shard_size=2)
    assert len(first.files) == (len(records()) + 1) // 2
    for one, two in zip(first.files, second.files, strict=True):
        assert Path(one).read_bytes() == Path(two).read_bytes()
    lines = [line for f in first.files for line in gzip.decompress(Path(f).read_bytes()).splitlines()]
    assert len(lines) == len(records())


def test_export_reads_a_folder_and_verifies_its_records(tmp_path: Path) -> None:
    summary = export([CLEAN], tmp_path / "all.jsonl")
    assert summary.exported == len(records())


def test_parquet_holds_the_same_documents(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    write_records(records(), tmp_path / "corpus.parquet")
    table = pq.read_table(tmp_path / "corpus.parquet")
    assert table.num_rows == len(records()) and table.column("id").to_pylist() == [r.id for r in records()]

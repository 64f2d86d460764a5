"""The Python API and the JSON Lines export, read back by a real consumer (pandas)."""

import gzip
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import archiver
from archiver.cli import cli
from archiver.errors import RecordError

DATA = Path(__file__).parent / "data"


def test_load_and_iter_records(root: Path) -> None:
    records = list(archiver.iter_records(root / "clean"))
    assert [r.source.path for r in records] == sorted(p.name for p in (root / "raw").iterdir())
    one = archiver.load(root / "clean" / "000_69536b1d3cf66309.json")
    assert isinstance(one, archiver.Record) and one.metadata["dateline"] == "WASHINGTON"
    assert one.hashes.raw_sha256 == one.source.sha256


def test_load_verifies_unless_told_not_to(tmp_path: Path, root: Path) -> None:
    path = tmp_path / "r.json"
    data = json.loads((root / "clean" / "000_69536b1d3cf66309.json").read_text())
    data["text"] += "tampered"
    path.write_text(json.dumps(data))
    with pytest.raises(RecordError, match="text_sha256 does not match"):
        archiver.load(path)
    assert archiver.load(path, verify=False).text.endswith("tampered")


def test_clean_text_in_memory() -> None:
    record = archiver.clean_text("Headline Of The Story Today\n\nBy Jane Doe\n\n" + "A body sentence here. " * 12)
    assert record.metadata["authors"] == ["Jane Doe"] and record.text.startswith("A body sentence")


def test_records_of_every_schema_version_still_load() -> None:
    """Frozen records of each released format: a new version must keep reading them."""
    frozen = sorted((DATA / "records").glob("*.json"))
    assert frozen
    for path in frozen:
        record = archiver.load(path)
        assert record.schema_version.split(".")[0] == path.name.split(".")[0].removeprefix("v")


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_export_is_read_back_by_pandas(tmp_path: Path, root: Path, name: str) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["export", str(root / "clean"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_json(out, lines=True, compression="gzip" if name.endswith(".gz") else None)
    records = list(archiver.iter_records(root / "clean"))
    assert list(frame["id"]) == [r.id for r in records]
    assert list(frame["text"]) == [r.text for r in records]
    assert {"id", "text", "source", "metadata"} == set(frame.columns)
    again = tmp_path / ("again-" + name)
    CliRunner().invoke(cli, ["export", str(root / "clean"), "--out", str(again)])
    assert out.read_bytes() == again.read_bytes()  # deterministic, gzip included
    if name.endswith(".gz"):
        with gzip.open(out) as handle:
            first = json.loads(handle.readline())
        assert first["metadata"]["archiver"]["hashes"]["raw_sha256"] == records[0].source.sha256


def test_export_refuses_a_tampered_record(tmp_path: Path, root: Path) -> None:
    shutil.copytree(root / "clean", tmp_path / "clean")
    path = tmp_path / "clean" / "000_69536b1d3cf66309.json"
    path.write_text(path.read_text().replace("Khalilzad", "Khalilzaf", 1))
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "clean"), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1 and "does not match" in result.output

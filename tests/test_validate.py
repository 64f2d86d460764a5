"""archiver validate: schema, fixity, staleness, hostile records; one line per problem."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import cli
from archiver.validate import parse_record, validate


@pytest.fixture
def archive(tmp_path: Path, root: Path) -> Path:
    """A copy of the sample archive: raw/ and clean/."""
    shutil.copytree(root / "raw", tmp_path / "raw")
    shutil.copytree(root / "clean", tmp_path / "clean")
    return tmp_path


def messages(report) -> list[str]:
    return [p.line() for p in report.problems]


def test_sample_archive_is_valid(archive: Path) -> None:
    report = validate([archive / "clean"], archive / "raw")
    assert report.records == 5 and report.problems == []


def test_one_changed_character_is_caught(archive: Path) -> None:
    path = archive / "clean" / "000_69536b1d3cf66309.json"
    record = json.loads(path.read_text())
    record["text"] = record["text"].replace("Khalilzad", "Khalilzaf", 1)
    path.write_text(json.dumps(record))
    lines = messages(validate([path], archive / "raw"))
    assert lines == [f"{path}: text_sha256 does not match the text", f"{path}: record_sha256 does not match the record",
                     f"{path}: the text is not the raw text less its removals with its repairs applied",
                     f"{path}: manifest: record changed since the manifest was written"]


def test_schema_break_and_staleness(archive: Path) -> None:
    clean, raw = archive / "clean", archive / "raw"
    broken = clean / "001_4814d4cb36451429.json"
    record = json.loads(broken.read_text())
    del record["hashes"]
    broken.write_text(json.dumps(record))
    (raw / "002_bbfa1784b879b3b7.txt").write_text("changed\n")
    (raw / "new.txt").write_text("A raw file without a record.\n")
    lines = messages(validate([clean], raw))
    assert any(line.startswith(f"{broken}: schema: (record): \"hashes\" is a required property") for line in lines)
    assert any("002_bbfa1784b879b3b7.json: stale: raw file" in line and "changed" in line for line in lines)
    assert any(line.startswith(f"{raw / 'new.txt'}: stale: no record") for line in lines)


@pytest.mark.parametrize(("content", "message"), [
    (b'{"a": 1', "invalid JSON"),
    (b'{"a": 1, "a": 2}', "duplicate key 'a'"),
    (b"[" * 100000 + b"]" * 100000, "JSON nested too deeply"),
    (b'{"a": NaN}', "NaN is not valid JSON"),
    (b"\xff\xfe", "not UTF-8"),
    (b"[]", "record is not a JSON object"),
])
def test_hostile_json_gives_one_line(content: bytes, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_record(content)
    assert str(info.value).startswith(message) and "\n" not in str(info.value)


def test_escaping_source_path_is_reported_not_opened(archive: Path) -> None:
    path = archive / "clean" / "000_69536b1d3cf66309.json"
    record = json.loads(path.read_text())
    record["source"]["path"] = "../../etc/passwd"
    from archiver.archive import seal
    path.write_text(json.dumps(seal(record)))
    lines = messages(validate([path], archive / "raw"))
    assert lines == [f"{path}: source.path '../../etc/passwd' is absolute or leaves the raw folder; not opened",
                     f"{path}: manifest: record changed since the manifest was written"]


def test_cli_exit_codes_and_json(archive: Path, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate"])
    assert ok.exit_code == 0 and ok.output.strip() == "5 records checked: 5 valid, 0 problems"
    (archive / "raw" / "000_69536b1d3cf66309.txt").write_text("edited\n")
    bad = runner.invoke(cli, ["validate", "--format", "json"])
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["problems"][0]["problem"].startswith("stale:")
    assert runner.invoke(cli, ["validate", "--stale-ok"]).exit_code == 0


def test_fast_validator_agrees_with_the_reference(root: Path) -> None:
    """jsonschema-rs (used) and jsonschema (reference) agree on valid and broken records."""
    from jsonschema import Draft202012Validator

    from archiver.schema import schema_for, schema_problems

    reference = Draft202012Validator(schema_for("1"))
    record = json.loads((root / "clean" / "003_20ec6a3e19d9ba96.json").read_text())
    variants = [record, {**record, "language": 42}, {**record, "id": "x"}, {**record, "extra": 1},
                {**record, "removed": [{"stage": "Bad Stage", "rule": "r", "raw_start": 0, "raw_end": 1, "text": "x"}]},
                {k: v for k, v in record.items() if k != "pipeline"}]
    for variant in variants:
        assert (schema_problems(variant) == []) == reference.is_valid(variant)

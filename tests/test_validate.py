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


def test_every_shipped_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The package no longer checks its schemas at run time: this is where they are checked."""
    from importlib import resources

    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    from archiver.schema import schema_for

    shipped = sorted(p.name for p in (resources.files("archiver") / "schemas").iterdir() if p.name.endswith(".json"))
    assert shipped, "no schema shipped"
    for name in shipped:
        Draft202012Validator.check_schema(schema_for(name.split(".")[1][1:]))
    with pytest.raises(SchemaError):
        Draft202012Validator.check_schema({"type": "no such type"})


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


# --- fixity that means something (issue 28) -------------------------------------------------------------------

def _reseal(path: Path, change) -> None:
    """Edit a record and recompute its hashes, as anyone can: the forger's move."""
    from archiver.archive import render, seal

    record = json.loads(path.read_text())
    change(record)
    path.write_bytes(render(seal(record)))


def _forge_text(record: dict) -> None:
    record["text"] = record["text"].replace("Khalilzad", "Khalilzaf", 1)


def test_a_resealed_record_named_alone_is_caught_by_its_raw_file_and_its_manifest(archive: Path) -> None:
    path = archive / "clean" / "000_69536b1d3cf66309.json"
    _reseal(path, _forge_text)
    assert messages(validate([path])) == [
        f"{path}: the text is not the raw text less its removals with its repairs applied",
        f"{path}: manifest: record changed since the manifest was written"]


def test_a_forged_removal_or_segment_is_caught_by_the_raw_file(archive: Path) -> None:
    from archiver.manifest import write_manifest

    path = archive / "clean" / "000_69536b1d3cf66309.json"

    def forge(record: dict) -> None:
        record["removed"][0]["text"] = "Something the page never said"
        record["segments"][0]["end"] = len(record["text"]) + 10

    _reseal(path, forge)
    write_manifest(archive / "clean")  # the forger regenerates the plain manifest too
    assert messages(validate([archive / "clean"])) == [
        f"{path}: removed[0] is not the raw text at 0:73",
        f"{path}: segments[0] (0:{len(json.loads(path.read_text())['text']) + 10}) is out of order or outside "
        f"the text ({len(json.loads(path.read_text())['text'])} characters)"]


def test_recompute_catches_what_the_ledger_cannot(archive: Path) -> None:
    """Metadata resealed and the manifest regenerated: only a fresh cleaning (or a signature) tells."""
    from archiver.manifest import write_manifest

    path = archive / "clean" / "001_4814d4cb36451429.json"
    _reseal(path, lambda r: r["metadata"].update(title="A title the page never had"))
    write_manifest(archive / "clean")
    assert messages(validate([archive / "clean"])) == []
    assert messages(validate([archive / "clean"], recompute=True)) == [
        f"{path}: recompute: the record differs from a fresh cleaning of its raw file"]
    assert messages(validate([archive / "clean" / "000_69536b1d3cf66309.json"], recompute=True)) == []


def test_a_signed_manifest_cannot_be_regenerated_without_the_key(archive: Path, monkeypatch) -> None:
    from archiver.manifest import KEY_VARIABLE, SIGNATURE, write_manifest

    monkeypatch.setenv(KEY_VARIABLE, "the archive's key")
    write_manifest(archive / "clean")
    assert messages(validate([archive / "clean"])) == []
    path = archive / "clean" / "001_4814d4cb36451429.json"
    _reseal(path, lambda r: r["metadata"].update(title="A title the page never had"))
    monkeypatch.delenv(KEY_VARIABLE)
    write_manifest(archive / "clean")  # without the key: the old signature stays and no longer fits
    sig = archive / "clean" / SIGNATURE
    assert messages(validate([archive / "clean"])) == [f"{sig}: the manifest is signed; set {KEY_VARIABLE} to verify it"]
    monkeypatch.setenv(KEY_VARIABLE, "the archive's key")
    assert messages(validate([archive / "clean"])) == [
        f"{sig}: signature does not verify: the manifest or bag-info.txt changed since it was signed, or another "
        "key signed it"]
    sig.unlink()
    assert messages(validate([archive / "clean"])) == [
        f"{archive / 'clean' / 'manifest-sha256.txt'}: manifest is not signed, and {KEY_VARIABLE} is set"]


def test_a_deleted_manifest_is_a_problem_for_every_record(archive: Path) -> None:
    (archive / "clean" / "manifest-sha256.txt").unlink()
    lines = messages(validate([archive / "clean"], archive / "raw"))
    assert len(lines) == 5 and all("no batch manifest" in line for line in lines)
    assert messages(validate([archive / "clean"], archive / "raw", require_manifest=False)) == []


def test_pipes_devices_links_and_folders_named_like_records_give_one_line_each(archive: Path) -> None:
    import os

    clean = archive / "clean"
    os.mkfifo(clean / "pipe.json")
    (clean / "zero.json").symlink_to("/dev/zero")
    (clean / "outside.json").symlink_to(archive / "raw" / "000_69536b1d3cf66309.txt")
    (clean / "folder.json").mkdir()
    lines = [line for line in messages(validate([clean])) if "manifest" not in line]
    assert lines == [f"{clean / 'folder.json'}: record is not a regular file (a folder); not read",
                     f"{clean / 'outside.json'}: record is a symbolic link; not followed",
                     f"{clean / 'pipe.json'}: record is not a regular file (a named pipe); not read",
                     f"{clean / 'zero.json'}: record is a symbolic link; not followed"]


def test_an_unreadable_manifest_is_one_line(archive: Path) -> None:
    manifest = archive / "clean" / "manifest-sha256.txt"
    manifest.write_bytes(manifest.read_bytes() + b"\xff\xfe\n")
    assert messages(validate([archive / "clean"])) == [
        f"{manifest}: cannot read the manifest: manifest-sha256.txt is not UTF-8 (byte {manifest.stat().st_size - 3})"]


def test_strange_names_give_a_valid_batch_and_one_line_per_problem(tmp_path: Path) -> None:
    import os

    from archiver.ingest import ingest

    raw = tmp_path / "raw"
    raw.mkdir()
    text = "A sentence of the article that is long enough to keep.\n"
    (raw / "a\nb.txt").write_text(text)
    (raw / "50%.txt").write_text(text)
    (raw / ("x" * 240 + ".txt")).write_text(text)
    (Path(os.fsdecode(bytes(raw) + b"/\xffbad.txt"))).write_text(text)
    outcomes = list(ingest([raw], tmp_path / "clean"))
    assert [o.status for o in outcomes] == ["written"] * 4
    report = validate([tmp_path / "clean"], recompute=True)
    assert (report.records, messages(report)) == (4, [])
    record = tmp_path / "clean" / "a\nb.json"
    record.write_text(record.read_text().replace('"schema_version"', '"schema_version\\u001b[31m"'))
    lines = messages(validate([record]))
    assert lines and all("\n" not in line and "\x1b" not in line for line in lines)
    assert lines[0].startswith(f"{tmp_path}/clean/a\\nb.json: ")


def test_json_output_is_valid_utf8_whatever_the_names(archive: Path, monkeypatch) -> None:
    import os

    bad = Path(os.fsdecode(bytes(archive / "clean") + b"/\xfe.json"))
    bad.write_bytes(b"{}")
    monkeypatch.chdir(archive)
    result = CliRunner().invoke(cli, ["validate", "clean", "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout_bytes.decode("utf-8"))["problems"]
    assert any(p["path"].endswith("\\xfe.json") for p in problems)

"""archiver bag: a BagIt bag (RFC 8493) the bagit package accepts, and validate checks."""

import shutil
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner

from archiver.bag import BagError, make_bag
from archiver.cli import cli
from archiver.validate import validate


@pytest.fixture
def archive(tmp_path: Path, root: Path) -> Path:
    shutil.copytree(root / "raw", tmp_path / "raw")
    shutil.copytree(root / "clean", tmp_path / "clean")
    return tmp_path


def test_a_bag_with_its_raw_files_is_valid_to_bagit_and_to_validate(archive: Path) -> None:
    summary = make_bag(archive / "clean", archive / "bag", with_raw=True)
    assert (summary.records, summary.raw_files) == (5, 5)
    bagit.Bag(str(archive / "bag")).validate()  # raises on any problem
    info = (archive / "bag" / "bag-info.txt").read_text()
    assert "Bag-Software-Agent: archiver " in info and "Record-Count: 5" in info
    assert sorted(p.name for p in (archive / "bag" / "data" / "raw").iterdir()) == sorted(
        p.name for p in (archive / "raw").iterdir())
    report = validate([archive / "bag"], recompute=True)
    assert (report.records, report.problems) == (5, [])


def test_the_same_records_give_the_same_bag(archive: Path) -> None:
    make_bag(archive / "clean", archive / "one")
    make_bag(archive / "clean", archive / "two")
    for name in ("bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt"):
        assert (archive / "one" / name).read_bytes() == (archive / "two" / name).read_bytes()


def test_a_changed_or_added_payload_file_is_caught_by_bagit_and_by_validate(archive: Path) -> None:
    make_bag(archive / "clean", archive / "bag", with_raw=True)
    raw = archive / "bag" / "data" / "raw" / "000_69536b1d3cf66309.txt"
    raw.write_bytes(raw.read_bytes().replace(b"Iran", b"Irak", 1))
    (archive / "bag" / "data" / "records" / "extra.txt").write_text("not listed")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(archive / "bag")).validate()
    messages = [p.message for p in validate([archive / "bag"]).problems]
    assert "bag: file changed since the bag was made" in messages
    assert "bag: file not in the manifest" in messages
    assert any(m.startswith("stale: raw file of 000_69536b1d3cf66309.txt changed") for m in messages), messages


def test_an_existing_output_or_a_missing_raw_file_is_one_line(archive: Path) -> None:
    (archive / "taken").mkdir()
    with pytest.raises(BagError, match="exists; a bag is written to a new folder"):
        make_bag(archive / "clean", archive / "taken")
    (archive / "raw" / "002_bbfa1784b879b3b7.txt").unlink()
    result = CliRunner().invoke(cli, ["bag", str(archive / "clean"), "--out", str(archive / "bag"), "--with-raw"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "its raw file '002_bbfa1784b879b3b7.txt' is not under" in result.stderr
    assert not (archive / "bag").exists() and not list(archive.glob(".bag*"))  # no half bag left


def test_the_command_line_makes_a_bag(archive: Path) -> None:
    result = CliRunner().invoke(cli, ["bag", str(archive / "clean"), "--out", str(archive / "bag")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{archive / 'bag'}: 5 records, 0 raw files")
    bagit.Bag(str(archive / "bag")).validate()

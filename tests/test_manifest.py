"""The batch manifest: one sha256 line per record, names that survive any byte, and the problems it finds."""

from __future__ import annotations

import shutil
from pathlib import Path

from archiver.manifest import (
    BAG_INFO,
    MANIFEST,
    SIGNATURE,
    bag_info,
    decode_name,
    encode_name,
    manifest_problems,
    write_manifest,
)

CLEAN = Path(__file__).resolve().parent.parent / "clean"


def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "clean"
    folder.mkdir()
    for path in sorted(CLEAN.glob("*.json"))[:3]:
        shutil.copy(path, folder / path.name)
    return folder


def test_names_with_any_byte_round_trip_and_stay_one_field() -> None:
    for name in ["a/b.json", "50% off.json", "line\nbreak.json", "cr\r.json", "caf\udce9.json", "ünï.json"]:
        field = encode_name(name)
        assert "\n" not in field and "\r" not in field
        assert decode_name(field) == name


def test_a_written_manifest_finds_a_changed_a_missing_and_an_added_record(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("ARCHIVER_MANIFEST_KEY", raising=False)
    folder = batch(tmp_path)
    assert write_manifest(folder) == 3
    assert manifest_problems(folder) == []
    assert bag_info(folder)["Record-Count"] == "3" and (folder / MANIFEST).is_file() and (folder / BAG_INFO).is_file()
    first, second, _ = sorted(folder.glob("*.json"))
    first.write_bytes(first.read_bytes().replace(b'"text"', b'"text" ', 1))
    second.unlink()
    (folder / "extra.json").write_bytes(b"{}")
    problems = {Path(path).name: problem for path, problem in manifest_problems(folder)}
    assert problems == {first.name: "manifest: record changed since the manifest was written",
                        second.name: "manifest: record listed but missing",
                        "extra.json": "manifest: record not in the manifest"}


def test_a_signed_manifest_fails_under_another_key(tmp_path: Path, monkeypatch) -> None:
    folder = batch(tmp_path)
    monkeypatch.setenv("ARCHIVER_MANIFEST_KEY", "first key")
    write_manifest(folder)
    assert (folder / SIGNATURE).is_file() and manifest_problems(folder) == []
    monkeypatch.setenv("ARCHIVER_MANIFEST_KEY", "another key")
    assert any("signature" in problem for _, problem in manifest_problems(folder))

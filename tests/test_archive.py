import itertools
import json
import os
from pathlib import Path

import pytest

import archiver.archive as archive_module
from archiver.archive import (
    TEMP_PREFIX,
    atomic_write,
    atomic_write_many,
    canonical_json,
    fixity_problems,
    record_id,
    render,
    seal,
    sha256_hex,
)


def minimal_record() -> dict:
    raw_sha = sha256_hex(b"raw")
    return seal({
        "id": record_id(raw_sha), "text": "Body.\n", "source": {"sha256": raw_sha},
        "hashes": {"raw_sha256": raw_sha, "text_sha256": "", "record_sha256": ""},
    })


def test_canonical_json_is_sorted_compact_utf8() -> None:
    assert canonical_json({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()


def test_sealed_record_verifies_and_any_edit_is_caught() -> None:
    record = minimal_record()
    assert fixity_problems(record) == []
    assert fixity_problems({**record, "text": "Body!\n"}) == [
        "text_sha256 does not match the text", "record_sha256 does not match the record"]
    assert "id is not derived from source.sha256" in fixity_problems({**record, "id": "sha256:0"})


def test_render_is_deterministic_and_round_trips() -> None:
    record = minimal_record()
    assert render(record) == render(json.loads(render(record)))
    assert render(record).endswith(b"}\n")


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "r.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["r.json"]


def test_a_record_gets_the_mode_open_would_give_it(tmp_path: Path) -> None:
    # An archive others read must get 0666 less the umask, like open() gives (mkstemp's 0600 would not).
    atomic_write(tmp_path / "r.json", b"x")
    with open(tmp_path / "plain", "wb"):
        pass
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == (tmp_path / "plain").stat().st_mode & 0o777


def test_a_temp_name_left_by_a_killed_process_is_skipped_not_reused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(archive_module, "_temp_names", itertools.count())
    stale = tmp_path / f"{TEMP_PREFIX}r.json.{os.getpid()}.0"
    stale.write_bytes(b"left by a killed run")
    atomic_write(tmp_path / "r.json", b"new")
    assert (tmp_path / "r.json").read_bytes() == b"new"
    assert stale.read_bytes() == b"left by a killed run"
    assert list(tmp_path.glob(TEMP_PREFIX + "*")) == [stale]


def test_failed_write_keeps_old_version_and_removes_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "r.json"
    atomic_write(target, b"old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert not list(tmp_path.glob(TEMP_PREFIX + "*"))


def test_a_group_commit_writes_each_file_or_reports_its_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "b.json").write_bytes(b"old b")
    real_fsync = os.fsync
    calls = []

    def fsync_fails_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_fails_second)
    errors = atomic_write_many([(tmp_path / "a.json", b"a"), (tmp_path / "b.json", b"new b"),
                                (tmp_path / "sub" / "c.json", b"c")])
    assert errors[0] is None and errors[2] is None and isinstance(errors[1], OSError)
    assert (tmp_path / "a.json").read_bytes() == b"a" and (tmp_path / "sub" / "c.json").read_bytes() == b"c"
    assert (tmp_path / "b.json").read_bytes() == b"old b"  # the failed one keeps its old version
    assert not list(tmp_path.rglob(TEMP_PREFIX + "*"))


def test_an_interrupted_group_commit_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_many([(tmp_path / "a.json", b"a"), (tmp_path / "b.json", b"b")])
    assert list(tmp_path.iterdir()) == []

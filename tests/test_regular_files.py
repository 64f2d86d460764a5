"""Only regular files are read, never past a limit, and a link is followed only when asked."""

import os
from pathlib import Path

import pytest

from archiver.errors import InputError
from archiver.regular_files import read_regular


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 100_000)
    assert read_regular(tmp_path / "a", 100_000) == b"x" * 100_000


def test_a_larger_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 101)
    with pytest.raises(InputError, match="file is 101 bytes, over the limit of 100"):
        read_regular(tmp_path / "a", 100)


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p")
    with pytest.raises(InputError, match=r"not a regular file \(a named pipe\)"):
        read_regular(tmp_path / "p", 100)


def test_a_device_behind_a_link_is_refused_though_stat_says_zero_bytes(tmp_path: Path) -> None:
    (tmp_path / "z").symlink_to("/dev/zero")
    with pytest.raises(InputError, match=r"not a regular file \(a device\)"):
        read_regular(tmp_path / "z", 100)
    with pytest.raises(InputError, match="record is a symbolic link; not followed"):
        read_regular(tmp_path / "z", 100, what="record", follow_symlinks=False)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"not a regular file \(a folder\)"):
        read_regular(tmp_path, 100)

"""Reading a file the tool was pointed at: regular files only, never more than a limit.

A FIFO opened for reading blocks until a writer comes (a pipe named ``raw/x.txt`` held a batch for its
whole timeout, forever with none); a symlink to ``/dev/zero`` has a size of 0 by ``stat`` and no end; a
record symlinked out of its folder would be read wherever it points. So a file is opened without blocking
and without following a final symlink when asked, its kind checked on the open descriptor (no race with a
swap), and read to at most the limit plus one byte.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from archiver.errors import InputError

_READ_CHUNK = 1 << 16  # the reads after the first, for a file that grew since its size was taken


def read_regular(path: Path, max_bytes: int, *, what: str = "file", follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file, refused (InputError, one line) when it is something else or larger
    than ``max_bytes``; OSError when it cannot be opened.

    One call for the size ``fstat`` gives and one that finds the end: a buffered ``open`` adds a stat, an
    ioctl and a seek, and a read of ``max_bytes + 1`` maps a buffer of that size for every document."""
    flags = os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | (0 if follow_symlinks else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if not follow_symlinks and path.is_symlink():
            raise InputError(f"{what} is a symbolic link; not followed") from None
        raise err
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{what} is not a regular file ({_kind(info.st_mode)}); not read")
        size = info.st_size
        if size > max_bytes:
            raise InputError(f"{what} is {size} bytes, over the limit of {max_bytes}")
        chunks: list[bytes] = []
        total, want = 0, size + 1  # the whole file; any more means it grew
        while total <= max_bytes:
            chunk = os.read(fd, min(want, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = _READ_CHUNK
    finally:
        os.close(fd)
    if total > max_bytes:
        raise InputError(f"{what} grew past the limit of {max_bytes} bytes")
    return b"".join(chunks)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"

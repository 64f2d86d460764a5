"""Which files a batch reads: folders walked in sorted order, never the tool's own output.

An output folder inside an input folder (``cd scrapes && archiver ingest .`` writes ``./clean``) would
otherwise be read back as input on the next run, its records and manifest "cleaned" as articles. So the
walk leaves out the folders it is told to (the run's output) and any folder that is an archiver batch
(it holds the batch manifest and a ``bag-info.txt`` this tool wrote), plus files it is told to (a report).
A ``.json`` file beside a document of the same name is that document's sidecar (``naming.sidecars``):
found, and marked, so the batch can say it skipped it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from archiver.manifest import is_batch_folder
from archiver.naming import sidecars
from archiver.readers.warc import is_warc


def discover(arg: Path, follow_symlinks: bool = False, skip: Iterable[Path] = ()
             ) -> Iterator[tuple[Path, PurePosixPath]]:
    """Yield (file, path relative to the argument's folder); folders are walked in sorted order.

    Hidden entries are skipped, and so are the paths in ``skip``, archiver's own batch folders and sidecars.
    Symlinked folders are entered only with ``follow_symlinks`` (and never twice: loops end); a symlinked
    file is yielded so that a broken, looping or escaping link is reported.
    """
    for found in discover_files(arg, follow_symlinks, skip_set(skip)):
        if not found.sidecar:
            yield found.path, found.rel


def skip_set(paths: Iterable[Path]) -> frozenset[str]:
    return frozenset(os.path.realpath(p) for p in paths)


class Found(NamedTuple):
    """A file under an input: whether it is a symbolic link (the folder scan already knows, where asking
    again is a system call per file), and whether it is a sidecar of a document beside it."""

    path: Path
    rel: PurePosixPath
    is_link: bool
    sidecar: bool = False


def discover_files(arg: Path, follow_symlinks: bool, skip: frozenset[str] = frozenset()) -> Iterator[Found]:
    """Every file ``discover`` walks, sidecars included and marked. A file named on its own is never a
    sidecar here: the planner compares it with the other files named (``glued/*``)."""
    if arg.is_dir() and not arg.is_symlink():
        for path, is_link, sidecar in _walk(arg, follow_symlinks, {os.path.realpath(arg)}, skip):
            yield Found(path, PurePosixPath(path.relative_to(arg).as_posix()), is_link, sidecar)
    else:
        yield Found(arg, PurePosixPath(arg.name), arg.is_symlink())


def named_sidecars(inputs: Iterable[Path]) -> frozenset[Path]:
    """The files named on their own (``glued/*``) that are sidecars of another file named in their folder."""
    by_folder: dict[Path, list[str]] = {}
    for arg in inputs:
        if not arg.is_dir():
            by_folder.setdefault(arg.parent, []).append(arg.name)
    return frozenset(folder / name for folder, names in by_folder.items() for name in sidecars(names))


def count_documents(args: Iterable[Path], follow_symlinks: bool = False, skip: Iterable[Path] = ()) -> int | None:
    """How many documents ``args`` hold, for a progress total; None when a WARC is among them (its records
    are counted only by reading it)."""
    skipped = skip_set(skip)
    args = list(args)
    named = named_sidecars(args)
    total = 0
    for arg in args:
        for found in discover_files(arg, follow_symlinks, skipped):
            if is_warc(found.path):
                return None
            total += not (found.sidecar or found.path in named)
    return total


def _walk(folder: Path, follow_symlinks: bool, seen: set[str], skip: frozenset[str]
          ) -> Iterator[tuple[Path, bool, bool]]:
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    names = {e.name for e in entries}
    if is_batch_folder(folder, names):
        return  # an archiver batch: records, never inputs
    side = sidecars(e.name for e in entries if not e.name.startswith(".") and not e.is_dir(follow_symlinks=False))
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if skip and os.path.realpath(path) in skip:
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, follow_symlinks, seen, skip)
        elif entry.is_symlink() and path.is_dir():
            real = os.path.realpath(path)
            if follow_symlinks and real not in seen:
                seen.add(real)
                yield from _walk(path, follow_symlinks, seen, skip)
        else:
            yield path, entry.is_symlink(), entry.name in side

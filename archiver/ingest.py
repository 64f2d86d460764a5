"""A batch: find inputs, clean each one, write its record safely, report every failure.

One document's failure never stops the batch; it becomes an Outcome with a
one-line reason, and the caller turns any failure into a non-zero exit.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from archiver._version import __version__
from archiver.archive import atomic_write, remove_stale_temps, render, sha256_hex
from archiver.document import clean_bytes
from archiver.errors import DocumentError, InputError
from archiver.readers import DEFAULT_MAX_BYTES
from archiver.stages import pipeline_ids

_COMPOUND_SUFFIXES = (".html.gz", ".htm.gz", ".txt.gz", ".warc.gz")


@dataclass(frozen=True)
class Job:
    """One input file, the path its record cites, and where the record goes."""

    path: Path
    rel: str
    out: Path


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str  # "written" | "unchanged" | "failed"
    reason: str = ""


@dataclass
class Summary:
    written: int = 0
    unchanged: int = 0
    failed: int = 0

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)

    def line(self) -> str:
        total = self.written + self.unchanged + self.failed
        return (f"{total} documents: {self.written} written, {self.unchanged} unchanged, "
                f"{self.failed} failed")


def record_name(rel: PurePosixPath) -> PurePosixPath:
    """``a/b.html.gz`` -> ``a/b.json``: the input's extension replaced by ``.json``."""
    name = rel.name
    for suffix in _COMPOUND_SUFFIXES:
        if name.lower().endswith(suffix):
            return rel.with_name(name[: -len(suffix)] + ".json")
    return rel.with_suffix(".json") if rel.suffix else rel.with_name(name + ".json")


def discover(arg: Path) -> Iterator[tuple[Path, PurePosixPath]]:
    """Yield (file, path relative to the argument's folder); folders are walked in sorted order.

    Hidden entries are skipped and symlinked folders are not entered; a
    symlinked file is yielded so that a broken or looping link is reported.
    """
    if arg.is_dir() and not arg.is_symlink():
        for path in _walk(arg):
            yield path, PurePosixPath(path.relative_to(arg).as_posix())
    else:
        yield arg, PurePosixPath(arg.name)


def _walk(folder: Path) -> Iterator[Path]:
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_symlink() and path.is_dir():
            continue
        else:
            yield path


def plan_jobs(inputs: Iterable[Path], out_dir: Path) -> Iterator[Job | Outcome]:
    """Jobs in input order; an output collision is a failed Outcome, not a silent overwrite."""
    claimed: dict[Path, Path] = {}
    for arg in inputs:
        found = False
        for path, rel in discover(arg):
            found = True
            job = Job(path, rel.as_posix(), out_dir / record_name(rel))
            if job.out in claimed:
                yield Outcome(job, "failed", f"its record {job.out} would overwrite that of "
                                             f"{claimed[job.out]}")
                continue
            claimed[job.out] = path
            yield job
        if not found:
            yield Outcome(Job(arg, str(arg), out_dir), "failed", "no input files in this folder")


def process(job: Job, *, force: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Clean one input and write its record, unless an up-to-date record is already there."""
    try:
        raw = _read_limited(job.path, max_bytes)
        if not force and _is_current(job, sha256_hex(raw)):
            return Outcome(job, "unchanged")
        record = clean_bytes(raw, job.rel, max_bytes)
        try:
            atomic_write(job.out, render(record))
        except OSError as err:
            return Outcome(job, "failed", f"cannot write {job.out}: {err.strerror or err}")
        return Outcome(job, "written")
    except DocumentError as err:
        return Outcome(job, "failed", str(err))
    except OSError as err:
        return Outcome(job, "failed", f"cannot read: {err.strerror or err}")
    except Exception as err:  # a bug must not take the batch down; it is reported, not hidden
        return Outcome(job, "failed", f"internal error: {type(err).__name__}: {err}")


def _read_limited(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"file is {size} bytes, over the limit of {max_bytes} (--max-bytes)")
    with path.open("rb") as handle:
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputError(f"file grew past the limit of {max_bytes} bytes (--max-bytes)")
    return raw


def _is_current(job: Job, raw_sha: str) -> bool:
    """A record exists for these very bytes, made by this very pipeline."""
    try:
        existing = json.loads(job.out.read_bytes())
        return (existing["hashes"]["raw_sha256"] == raw_sha
                and existing["source"]["path"] == job.rel
                and existing["pipeline"]["version"] == __version__
                and tuple(existing["pipeline"]["stages"]) == pipeline_ids())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def ingest(inputs: Iterable[Path], out_dir: Path, *, force: bool = False,
           max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    """Run a batch, yielding each document's outcome as it finishes."""
    remove_stale_temps(out_dir)
    for item in plan_jobs(inputs, out_dir):
        if isinstance(item, Outcome):
            yield item
        else:
            yield process(item, force=force, max_bytes=max_bytes)

"""A batch: find inputs, clean each one, write its record safely, report every failure.

One document's failure never stops the batch; it becomes an Outcome with a
one-line reason, and the caller turns any failure into a non-zero exit.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from archiver._version import __version__
from archiver.archive import atomic_write, remove_stale_temps, render, sha256_hex, sync_folders
from archiver.document import clean_bytes
from archiver.errors import DocumentError, InputError
from archiver.readers import DEFAULT_MAX_BYTES
from archiver.stages import pipeline_ids

if TYPE_CHECKING:
    from archiver.engines import Engine

_COMPOUND_SUFFIXES = (".html.gz", ".htm.gz", ".txt.gz", ".warc.gz")


@dataclass(frozen=True)
class Job:
    """One input file, the path its record cites, and where the record goes."""

    path: Path
    rel: str
    out: Path


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know, picklable for a process pool or a cluster."""

    force: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str  # "written" | "unchanged" | "failed"
    reason: str = ""
    counts: tuple[tuple[str, int], ...] = ()  # ("removed:<stage>" | "repairs:<stage>", n)


@dataclass
class Summary:
    written: int = 0
    unchanged: int = 0
    failed: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.counts.update(dict(outcome.counts))
        if outcome.status == "failed":
            self.failures.append((str(outcome.job.path), outcome.reason))

    def report(self, elapsed: float) -> dict[str, object]:
        """The --report JSON: counts, per-stage removals and repairs, failures, elapsed seconds."""
        by_kind: dict[str, dict[str, int]] = {"removed": {}, "repairs": {}}
        for key, value in sorted(self.counts.items()):
            kind, stage = key.split(":", 1)
            by_kind[kind][stage] = value
        return {"documents": self.written + self.unchanged + self.failed, "written": self.written,
                "unchanged": self.unchanged, "failed": self.failed, "elapsed_seconds": round(elapsed, 3),
                "removed_by_stage": by_kind["removed"], "repairs_by_stage": by_kind["repairs"],
                "failures": [{"path": path, "reason": reason} for path, reason in self.failures]}

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


def process(job: Job, settings: Settings = Settings()) -> Outcome:
    """Clean one input and write its record, unless an up-to-date record is already there."""
    try:
        raw = _read_limited(job.path, settings.max_bytes)
        if not settings.force and _is_current(job, sha256_hex(raw)):
            return Outcome(job, "unchanged")
        record = clean_bytes(raw, job.rel, settings.max_bytes)
        try:
            atomic_write(job.out, render(record), sync_dir=False)  # folders are synced once, at the end
        except OSError as err:
            return Outcome(job, "failed", f"cannot write {job.out}: {err.strerror or err}")
        return Outcome(job, "written", counts=_counts(record))
    except DocumentError as err:
        return Outcome(job, "failed", str(err))
    except OSError as err:
        return Outcome(job, "failed", f"cannot read: {err.strerror or err}")
    except Exception as err:  # a bug must not take the batch down; it is reported, not hidden
        return Outcome(job, "failed", f"internal error: {type(err).__name__}: {err}")


def process_batch(jobs: list[Job], settings: Settings) -> list[Outcome]:
    """Several documents in one task: a cluster's per-task cost is paid once per batch."""
    return [process(job, settings) for job in jobs]


def _counts(record: dict) -> tuple[tuple[str, int], ...]:
    counts = Counter(f"removed:{r['stage']}" for r in record["removed"])
    counts.update(f"repairs:{r['stage']}" for r in record["repairs"])
    return tuple(sorted(counts.items()))


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


def ingest(inputs: Iterable[Path], out_dir: Path, settings: Settings = Settings(), *,
           engine: Engine | None = None) -> Iterator[Outcome]:
    """Run a batch, yielding each document's outcome (in input order) as it finishes."""
    from archiver.engines import SerialEngine  # engines build on this module's process()

    remove_stale_temps(out_dir)
    yield from (engine or SerialEngine()).run(plan_jobs(inputs, out_dir), settings)
    sync_folders(out_dir)

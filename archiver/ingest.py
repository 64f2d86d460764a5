"""A batch: find inputs, clean each one, write its record safely, report every failure.

The parts: ``planning`` turns inputs into jobs, an engine (``engines``) runs ``worker.process_batch`` on
them, and this module holds the output folder's lock and writes its manifest when the batch ends.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from archiver.archive import remove_stale_temps, sync_folders
from archiver.errors import EngineError
from archiver.jobs import Job, Outcome, Settings, Summary, display_name
from archiver.manifest import write_manifest
from archiver.naming import printable, record_name, unicode_name
from archiver.planning import plan_jobs, real_path, warc_jobs
from archiver.readers import DEFAULT_MAX_BYTES
from archiver.timelimit import document_timer
from archiver.worker import process, process_batch

if TYPE_CHECKING:
    from archiver.engines import Engine

# The names a caller of the batch API uses, importable from here as before the split.
__all__ = ["DEFAULT_MAX_BYTES", "LOCK_NAME", "Job", "Outcome", "Settings", "Summary", "display_name",
           "document_timer", "ingest", "output_lock", "plan_jobs", "printable", "process", "process_batch",
           "real_path", "record_name", "unicode_name", "warc_jobs"]

LOCK_NAME = ".archiver.lock"


def ingest(inputs: Iterable[Path], out_dir: Path, settings: Settings = Settings(), *,
           engine: Engine | None = None, skip: Iterable[Path] = ()) -> Iterator[Outcome]:
    """Run a batch, yielding each document's outcome (in input order) as it finishes. ``skip``: paths that
    are never inputs (the output folder never is)."""
    from archiver.engines import SerialEngine  # the default engine: the documents in this process

    inputs = list(inputs)
    raw_root = inputs[0] if len(inputs) == 1 and inputs[0].is_dir() else None
    with output_lock(out_dir):
        remove_stale_temps(out_dir)
        jobs = plan_jobs(inputs, out_dir, settings.follow_symlinks, skip, settings.max_bytes)
        yield from (engine or SerialEngine()).run(jobs, settings)
        if out_dir.is_dir():
            try:
                write_manifest(out_dir, raw_root)
            except OSError as err:
                raise EngineError(printable(f"cannot write the manifest of {out_dir}: {err.strerror or err}; "
                                            "the records written stand, and the next run writes it")) from None
        sync_folders(out_dir)


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """One ingest at a time per output folder: a second run waits, then finds the work done.

    The lock file goes when the run ends (it is no part of the archive). A run that waited on a lock file
    that was removed meanwhile holds a lock on nothing, so it checks, once it has the lock, that the file
    at the path is still the one it locked, and otherwise locks anew."""
    path = out_dir / LOCK_NAME
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        yield  # an unwritable folder: every document will report it
        return
    while True:
        try:
            handle = open(path, "a+b")  # noqa: SIM115 (held for the whole batch)
        except OSError:
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            same = os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()
    with handle:
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
            fcntl.flock(handle, fcntl.LOCK_UN)

"""One task's work: clean each document, write the records as one group, turn every failure into an outcome.

One document's failure never stops the batch; it becomes an Outcome with a one-line reason, and the caller
turns any failure into a non-zero exit. The engines (``engines.py``) run this in a process, a pool or a
cluster.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from archiver.archive import atomic_write_many, read_record_file, render
from archiver.document import clean_bytes
from archiver.errors import DocumentError, InputError
from archiver.jobs import Job, Outcome, Settings
from archiver.naming import printable
from archiver.readers.warc import WarcProblem, read_payload
from archiver.regular_files import read_regular
from archiver.timelimit import DocumentTimeout, document_timer


def process(job: Job, settings: Settings = Settings()) -> Outcome:
    """Clean one input and write its record, unless an up-to-date record is already there."""
    return process_batch([job], settings)[0]


def process_batch(jobs: list[Job], settings: Settings) -> list[Outcome]:
    """Several documents in one task (a cluster's per-task cost is paid once per batch).

    Each is cleaned in turn; their records are then written as one group commit (``atomic_write_many``):
    one journal commit for the batch instead of one per record. A writer thread that overlapped writes
    with cleaning cost more CPU in GIL hand-overs than it hid (2,000 documents: 24.7-27.0 s against
    20.5-23.2 s).
    """
    with document_timer(settings.timeout, settings.cpu_backstop) as time_limit:
        cleaned = [_clean(job, settings, time_limit) for job in jobs]
    written = iter(_write([c for c in cleaned if not isinstance(c, Outcome)]))
    return [c if isinstance(c, Outcome) else next(written) for c in cleaned]


def _clean(job: Job, settings: Settings, time_limit: Callable[[], AbstractContextManager[None]]
           ) -> Outcome | tuple[Job, bytes, tuple[tuple[str, int], ...]]:
    """The record's bytes and counts, ready to write; or the document's outcome when there is nothing to
    write (unchanged, failed).

    A record already at the output path is called unchanged only when a fresh cleaning gives its very
    bytes: a record edited and resealed (anyone can recompute a sha256) is written over, never blessed.
    A file there that is no archiver record is never written over."""
    try:
        with time_limit():
            existing = _existing_record(job.out)
            if existing is _NOT_A_RECORD:
                return Outcome(job, "failed", f"{job.out} exists and is not an archiver record; not written over")
            raw = _read_input(job, settings.max_bytes)
            record = clean_bytes(raw, job.rel, settings.max_bytes, name_hint=job.name_hint,
                                 provenance=job.provenance, config=settings.pipeline)
            data = render(record)
            if existing == data and not settings.force:
                return Outcome(job, "unchanged")
            return job, data, _counts(record)
    except DocumentTimeout:
        return Outcome(job, "failed", f"timed out after {settings.timeout:g} s (--timeout)")
    except DocumentError as err:
        return Outcome(job, "failed", str(err))
    except OSError as err:
        return Outcome(job, "failed", f"cannot read: {err.strerror or err}")
    except RecursionError:
        return Outcome(job, "failed", "document structure nested too deeply")
    except MemoryError:
        return Outcome(job, "failed", "out of memory on this document")
    except Exception as err:  # a bug must not take the batch down; it is reported, not hidden
        return Outcome(job, "failed", _internal_error(err))


_NOT_A_RECORD = b"\0not a record"


def _existing_record(path: Path) -> bytes | None:
    """The bytes of the record at ``path``; None when there is none (or it cannot be read, and will be
    replaced); ``_NOT_A_RECORD`` for a file this tool did not write (a raw ``notes.json``, a pipe)."""
    try:
        data = read_record_file(path)
    except FileNotFoundError:
        return None
    except (OSError, DocumentError):
        return _NOT_A_RECORD if path.exists() or path.is_symlink() else None
    try:
        record = json.loads(data)
        written = record["pipeline"]["tool"] == "archiver" and "record_sha256" in record["hashes"]
    except (ValueError, KeyError, TypeError):
        written = False
    return data if written else _NOT_A_RECORD


def _read_input(job: Job, max_bytes: int) -> bytes:
    if job.warc_offset is None:
        return _read_limited(job.path, max_bytes)
    item = read_payload(job.path, job.warc_offset, max_bytes)
    if isinstance(item, WarcProblem):
        raise InputError(item.reason)
    return item.payload


def _internal_error(err: Exception) -> str:
    """A bug's one-line reason: the document fails, the batch goes on."""
    return printable(f"internal error: {type(err).__name__}: {err}")[:300]


def _write(ready: list[tuple[Job, bytes, tuple[tuple[str, int], ...]]]) -> list[Outcome]:
    """Write the batch's records (folders are synced once, at the end); a failure is that document's."""
    errors = atomic_write_many([(job.out, data) for job, data, _ in ready])  # each file's error, never raises
    outcomes = []
    for (job, _, counts), error in zip(ready, errors, strict=True):
        if error is None:
            outcomes.append(Outcome(job, "written", counts=counts))
        elif isinstance(error, OSError):
            outcomes.append(Outcome(job, "failed", f"cannot write {job.out}: {error.strerror or error}"))
        else:
            outcomes.append(Outcome(job, "failed", _internal_error(error)))
    return outcomes


def _counts(record: dict) -> tuple[tuple[str, int], ...]:
    counts = Counter(f"removed:{r['stage']}" for r in record["removed"])
    counts.update(f"repairs:{r['stage']}" for r in record["repairs"])
    return tuple(sorted(counts.items()))


def _read_limited(path: Path, max_bytes: int) -> bytes:
    try:
        return read_regular(path, max_bytes)
    except InputError as err:
        reason = str(err)
        raise InputError(reason + " (--max-bytes)" if "limit" in reason else reason) from None

"""A batch: find inputs, clean each one, write its record safely, report every failure.

One document's failure never stops the batch; it becomes an Outcome with a
one-line reason, and the caller turns any failure into a non-zero exit.
"""

from __future__ import annotations

import fcntl
import json
import math
import os
import resource
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from archiver.archive import (
    atomic_write_many,
    read_record_file,
    remove_stale_temps,
    render,
    sync_folders,
)
from archiver.config import PipelineConfig
from archiver.discovery import discover_files, skip_set
from archiver.document import clean_bytes
from archiver.errors import DocumentError, EngineError, InputError
from archiver.manifest import write_manifest
from archiver.readers import DEFAULT_MAX_BYTES
from archiver.readers.warc import WarcProblem, is_warc, iter_warc, read_payload, record_file_name, warc_stem
from archiver.regular_files import read_regular
from archiver.wording import plural

if TYPE_CHECKING:
    from archiver.engines import Engine

LOCK_NAME = ".archiver.lock"
_COMPOUND_SUFFIXES = (".html.gz", ".htm.gz", ".txt.gz", ".warc.gz", ".arc.gz")


@dataclass(frozen=True)
class Job:
    """One input file, the path its record cites, and where the record goes."""

    path: Path
    rel: str
    out: Path
    warc_offset: int | None = None        # a WARC record's offset (path is then the WARC file)
    name_hint: str | None = None          # which reader the payload needs
    provenance: dict[str, Any] | None = None


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know, picklable for a process pool or a cluster."""

    force: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 60.0          # seconds per document, enforced where the document runs
    follow_symlinks: bool = False  # follow links that leave the input folder
    cpu_backstop: bool = False     # in a pool worker: the kernel stops a document the timer could not
    pipeline: PipelineConfig = field(default_factory=PipelineConfig)  # stages off, stage settings (config.py)


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str  # "written" | "unchanged" | "failed" | "skipped" (a WARC record that is no document)
    reason: str = ""
    counts: tuple[tuple[str, int], ...] = ()  # ("removed:<stage>" | "repairs:<stage>", n)


@dataclass
class Summary:
    written: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.counts.update(dict(outcome.counts))
        if outcome.status == "failed":
            self.failures.append((display_name(outcome.job), outcome.reason))

    def report(self, elapsed: float) -> dict[str, object]:
        """The --report JSON: counts, per-stage removals and repairs, failures, elapsed seconds."""
        by_kind: dict[str, dict[str, int]] = {"removed": {}, "repairs": {}}
        for key, value in sorted(self.counts.items()):
            kind, stage = key.split(":", 1)
            by_kind[kind][stage] = value
        return {"documents": self.written + self.unchanged + self.failed, "written": self.written,
                "unchanged": self.unchanged, "failed": self.failed, "skipped": self.skipped,
                "elapsed_seconds": round(elapsed, 3),
                "removed_by_stage": by_kind["removed"], "repairs_by_stage": by_kind["repairs"],
                "failures": [{"path": path, "reason": reason} for path, reason in self.failures]}

    def line(self) -> str:
        total = self.written + self.unchanged + self.failed
        line = f"{plural(total, 'document')}: {self.written} written, {self.unchanged} unchanged, {self.failed} failed"
        return line + (f", {plural(self.skipped, 'WARC record')} skipped" if self.skipped else "")


def record_name(rel: PurePosixPath) -> PurePosixPath:
    """``a/b.html.gz`` -> ``a/b.json``: the input's extension replaced by ``.json``."""
    name = rel.name
    for suffix in _COMPOUND_SUFFIXES:
        if name.lower().endswith(suffix):
            return rel.with_name(name[: -len(suffix)] + ".json")
    return rel.with_suffix(".json") if rel.suffix else rel.with_name(name + ".json")


def escapes(path: Path, root: Path, is_link: bool) -> bool:
    """A symlink under ``root`` whose target lies outside it (``is_link``: as the folder scan found it)."""
    if not is_link:
        return False
    return not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def real_path(path: Path, real_folders: dict[Path, str]) -> Path:
    """``os.path.realpath(path)``, with the resolution of its folder remembered: resolving costs a system call
    per component of the path, and a corpus's records share a few folders."""
    folder = real_folders.get(path.parent)
    if folder is None:
        folder = real_folders[path.parent] = os.path.realpath(path.parent)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return Path(folder, path.name)


def unicode_name(name: str) -> str:
    """A file name as valid Unicode: bytes that were not UTF-8 written as \\xNN escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def printable(name: str) -> str:
    """A path as one safe line for messages: control characters and undecodable bytes escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in unicode_name(name))


def plan_jobs(inputs: Iterable[Path], out_dir: Path, follow_symlinks: bool = False, skip: Iterable[Path] = (),
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Job | Outcome]:
    """Jobs in input order; collisions (a WARC's records included), escaping links and bad names are failed
    Outcomes. The output folder and the paths in ``skip`` (a report file) are never inputs; an output folder
    that is an input folder is refused (its records would be read, or written over its files)."""
    claims = _Claims(out_dir)
    skipped = skip_set([out_dir, *skip])
    for arg in inputs:
        if arg.is_dir() and os.path.realpath(arg) == claims.out_root:
            yield Outcome(Job(arg, str(arg), out_dir), "failed",
                          "the output folder is this input folder; give another --out")
            continue
        found = False
        guard_links = not follow_symlinks and arg.is_dir()
        for path, rel, is_link in discover_files(arg, follow_symlinks, skipped):
            found = True
            rel_text = unicode_name(rel.as_posix())
            job = Job(path, rel_text, out_dir / record_name(PurePosixPath(rel_text)))
            escaping = guard_links and escapes(path, arg, is_link)
            if escaping:
                yield Outcome(job, "failed", "symlink points outside the input folder; not followed "
                                             "(--follow-symlinks)")
            elif is_warc(path):
                yield from (claims.check(item) for item in warc_jobs(job, out_dir, max_bytes))
            else:
                yield claims.check(job)
        if not found:
            yield Outcome(Job(arg, str(arg), out_dir), "failed", "no input files in this folder")


class _Claims:
    """Which input has claimed each record path: two inputs never write one record, and no record lands
    outside the output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.out_root = os.path.realpath(out_dir)
        self.claimed: dict[Path, str] = {}
        self.real_folders: dict[Path, str] = {}

    def check(self, item: Job | Outcome) -> Job | Outcome:
        if isinstance(item, Outcome):
            return item
        if not real_path(item.out, self.real_folders).is_relative_to(self.out_root):
            return Outcome(item, "failed", f"its record would land outside {self.out_dir}; refused")
        if item.out in self.claimed:
            return Outcome(item, "failed", f"its record {item.out} would overwrite that of "
                                           f"{self.claimed[item.out]}")
        self.claimed[item.out] = display_name(item)
        return item


def display_name(job: Job) -> str:
    """The input as messages name it: the file, and for a WARC record the file and its offset."""
    return printable(f"{job.path}#{job.rel.rsplit('#', 1)[1]}" if "#" in job.rel and is_warc(job.path)
                     else str(job.path))


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


class _Timeout(Exception):
    pass


@contextmanager
def document_timer(seconds: float, cpu_backstop: bool = False) -> Iterator[Callable[[], AbstractContextManager[None]]]:
    """For a batch, a context factory that raises inside one document's work after ``seconds`` (a real-time
    timer; main thread only, else no limit).

    Python runs a signal handler only between its own steps, so a document stuck in one long C call (a
    regular expression backtracking) overruns the timer. With ``cpu_backstop`` (a pool worker, which the
    pool replaces) the kernel ends the process once the document has used ``CPU_BACKSTOP`` times its
    time in CPU seconds (RLIMIT_CPU's SIGXCPU, whose default action ends the process whatever it runs).

    The SIGALRM handler is installed once for the batch: each ``signal.signal`` is a system call, which cost
    30-40 µs a document on this project's virtual machines; arming and disarming the timer cost 10."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield nullcontext
        return

    def expire(signum: int, frame: object) -> None:
        raise _Timeout

    @contextmanager
    def time_limit() -> Iterator[None]:
        limits = _cpu_backstop(seconds) if cpu_backstop else None
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            if limits is not None:
                resource.setrlimit(resource.RLIMIT_CPU, limits)

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        yield time_limit
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


CPU_BACKSTOP = 1.25


def _cpu_backstop(seconds: float) -> tuple[int, int]:
    """Lower this process's CPU-time limit to what it has used plus ``CPU_BACKSTOP`` x ``seconds`` (whole
    seconds, as the kernel counts); returns the limits to restore."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    limit = math.ceil(usage.ru_utime + usage.ru_stime + CPU_BACKSTOP * seconds) + 1
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))
    return soft, hard


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
    except _Timeout:
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


def warc_jobs(job: Job, out_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Job | Outcome]:
    """One job per document record of a WARC file, streamed (offsets, not payloads); skips and bad records
    as Outcomes named ``file#offset``."""
    folder = out_dir / PurePosixPath(job.rel).parent / warc_folder_name(job.path)
    try:
        for item in iter_warc(job.path, max_bytes, keep_payloads=False):
            if isinstance(item, WarcProblem) and item.offset < 0:  # the file is damaged: one line for it
                yield Outcome(job, item.status, item.reason)
                continue
            rel = f"{job.rel}#{item.offset if isinstance(item, WarcProblem) else item.provenance['offset']}"
            if isinstance(item, WarcProblem):
                name = record_file_name(item.record_id) if item.record_id else "unreadable.json"
                yield Outcome(Job(job.path, rel, folder / name), item.status, item.reason)
            else:
                out = folder / record_file_name(item.provenance["record_id"])
                yield Job(job.path, rel, out, item.provenance["offset"], item.name_hint, item.provenance)
    except OSError as err:
        yield Outcome(job, "failed", f"cannot read: {err.strerror or err}")


def warc_folder_name(path: Path) -> str:
    """The folder of a WARC's records: the WARC's name without its suffix, made safe (``...warc`` would give
    ``..``, and a hidden name is no record folder)."""
    stem = warc_stem(path)
    return stem if stem.strip(".") and not stem.startswith(".") else f"warc-{stem.replace('.', '_')}"


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


def ingest(inputs: Iterable[Path], out_dir: Path, settings: Settings = Settings(), *,
           engine: Engine | None = None, skip: Iterable[Path] = ()) -> Iterator[Outcome]:
    """Run a batch, yielding each document's outcome (in input order) as it finishes. ``skip``: paths that
    are never inputs (the output folder never is)."""
    from archiver.engines import SerialEngine  # engines build on this module's process()

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

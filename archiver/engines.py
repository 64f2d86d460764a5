"""Where documents are processed: in this process, in a local process pool, or on a Dask cluster.

Every engine runs the same ``process`` per document and yields outcomes in
input order, so records, messages and exit status do not depend on the
engine or the number of workers. Work is handed out through a bounded window:
inputs are discovered lazily and memory does not grow with the corpus.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import resource
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any

from archiver.errors import EngineError
from archiver.jobs import Job, Outcome, Settings
from archiver.worker import process_batch

# Outcomes are yielded in input order, so a slow batch at the head (an HTML page) holds the others back: a
# deep window keeps every worker busy meanwhile. On 2 cores, 3,000 documents: scaling 1.64-1.77 with 4 x 4,
# 1.79-1.88 with 16 x 8 (benchmarks/speed.py measures it).
WINDOW_PER_WORKER = 16  # batches in flight per worker
POOL_BATCH = 8
SERIAL_BATCH = 8


# Cleaning a page allocates many short-lived containers (a row of cues per line) while the models keep tens of
# thousands of tree nodes alive: at the default threshold (700 allocations) the cyclic collector ran a young
# collection every few lines, and an old one walked every node, about 6 % of a batch's cycles. Refcounting
# frees the rows; little of what a document leaves is cyclic. A batch raises the young threshold
# (instructions a page -1.4 %, callgrind; a higher one saved nothing more), and once its first documents have
# loaded the models and lexicons it freezes them out of the collector's walks (`perf`: the collector 3.5 % ->
# 0.6 % of cycles); it puts the caller's settings back when it ends.
BATCH_GC_THRESHOLD = (20_000, 20, 20)


@contextlib.contextmanager
def batch_collection() -> Iterator[Callable[[], None]]:
    """The batch's collector thresholds while it runs, the caller's again after; yields ``settle``, to call
    once the first documents are cleaned (it freezes what is alive then, unless the caller froze objects of
    its own, and the freeze is undone at the end)."""
    previous = gc.get_threshold()
    froze = False

    def settle() -> None:
        nonlocal froze
        froze = froze or freeze_what_is_loaded()

    gc.set_threshold(*BATCH_GC_THRESHOLD)
    try:
        yield settle
    finally:
        gc.set_threshold(*previous)
        if froze:
            gc.unfreeze()


def freeze_what_is_loaded() -> bool:
    """Freeze every object alive now (the models, lexicons and memos a batch's first documents loaded) out of
    the collector's walks, unless the process froze objects already; True when this call froze them."""
    if gc.get_freeze_count():
        return False
    gc.freeze()
    return True


class Engine(ABC):
    @abstractmethod
    def run(self, items: Iterable[Job | Outcome], settings: Settings) -> Iterator[Outcome]:
        """Outcomes for ``items`` (a planned Outcome passes through), in input order."""


class SerialEngine(Engine):
    """This process, a few documents at a time: each batch's records are written as one group commit
    (process_batch)."""

    def __init__(self, batch_size: int = SERIAL_BATCH) -> None:
        self.batch_size = batch_size

    def run(self, items: Iterable[Job | Outcome], settings: Settings) -> Iterator[Outcome]:
        iterator = iter(items)
        with batch_collection() as settle:
            while chunk := list(itertools.islice(iterator, self.batch_size)):
                jobs = [x for x in chunk if isinstance(x, Job)]
                done = process_batch(jobs, settings) if jobs else None
                if done:
                    settle()
                yield from _merge(chunk, done)


class PoolEngine(Engine):
    """A local process pool; heavy resources load once per worker process, not per document.

    Documents go to the workers in small batches: one task per document would spend a noticeable share
    of the main process (which also plans the inputs) on pickling and bookkeeping.

    A worker that dies (the kernel ended a document over its time, or memory ran out) breaks the pool:
    a new pool takes over, and each batch that was in flight is run again one document at a time, so
    the document that killed its worker fails with one line and every other one is cleaned.
    """

    STOPPED = ("the worker process stopped on this document (over the --timeout in CPU time, or out of "
               "memory); a new worker went on with the others")

    def __init__(self, workers: int | None = None, batch_size: int = POOL_BATCH) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.batch_size = batch_size
        self._pool: ProcessPoolExecutor | None = None
        self._generation = 0

    def run(self, items: Iterable[Job | Outcome], settings: Settings) -> Iterator[Outcome]:
        settings = replace(settings, cpu_backstop=True)
        self._new_pool()
        try:
            window: deque[tuple[list[Job | Outcome], Future[list[Outcome]] | None, int]] = deque()
            iterator = iter(items)
            while chunk := list(itertools.islice(iterator, self.batch_size)):
                jobs = [x for x in chunk if isinstance(x, Job)]
                window.append((chunk, self._submit(jobs, settings) if jobs else None, self._generation))
                while len(window) > self.workers * WINDOW_PER_WORKER:
                    yield from self._finish(*window.popleft(), settings)
            while window:
                yield from self._finish(*window.popleft(), settings)
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)

    def _new_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        context = multiprocessing.get_context("forkserver")
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_worker_start,
                                         initargs=(os.getpid(),))
        self._generation += 1

    def _submit(self, jobs: list[Job], settings: Settings) -> Future[list[Outcome]]:
        """The batch's future; a pool found broken on submit (a worker died since) is replaced once."""
        assert self._pool is not None
        try:
            return self._pool.submit(_worker_batch, jobs, settings)
        except BrokenProcessPool:
            self._new_pool()
        try:
            return self._pool.submit(_worker_batch, jobs, settings)
        except BrokenProcessPool as err:
            raise EngineError(f"the worker processes cannot start: {err}") from None

    def _finish(self, chunk: list[Job | Outcome], future: Future[list[Outcome]] | None, generation: int,
                settings: Settings) -> Iterator[Outcome]:
        try:
            results = future.result() if future is not None else []
        except BrokenProcessPool:
            if generation == self._generation:  # the current pool broke: replace it, once
                self._new_pool()
            results = [self._alone(job, settings) for job in chunk if isinstance(job, Job)]
        yield from _merge(chunk, results)

    def _alone(self, job: Job, settings: Settings) -> Outcome:
        """One document in a task of its own; if its worker dies, it is the culprit."""
        try:
            return self._submit([job], settings).result()[0]
        except BrokenProcessPool:
            self._new_pool()
            return Outcome(job, "failed", self.STOPPED)


PARENT_POLL_SECONDS = 0.5


def _worker_start(parent: int) -> None:
    """A pool worker's set-up: the batch's collector thresholds (the process is the batch's), no core file
    when the kernel ends it over a document's time, and an exit when the ingest process is gone."""
    gc.set_threshold(*BATCH_GC_THRESHOLD)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    _exit_with(parent)


def _worker_batch(jobs: list[Job], settings: Settings) -> list[Outcome]:
    """A pool worker's batch; after its first, what the worker loaded lives as long as it does: frozen out of
    the collector's walks."""
    outcomes = process_batch(jobs, settings)
    freeze_what_is_loaded()
    return outcomes


def _exit_with(parent: int) -> None:
    """In a pool worker: exit when the ingest process is gone (kill -9 leaves no orphan workers behind).

    The workers' parent is multiprocessing's fork server, which itself lives as long as they do, so
    the kernel's parent-death signal cannot tell them; a daemon thread looks for the ingest process.
    """
    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass  # alive, under another user (cannot happen for our own parent; harmless)

    threading.Thread(target=watch, name="archiver-parent-watch", daemon=True).start()


class DaskEngine(Engine):
    """A Dask distributed cluster (``pip install 'archiver[dask]'``), in batches of documents.

    With no scheduler address a LocalCluster is started for the run. Workers need
    archiver installed and the input and output paths visible at the same names.
    """

    CONNECT_SECONDS = 10.0

    def __init__(self, scheduler: str | None = None, batch_size: int = 64, workers: int | None = None) -> None:
        try:
            import dask.distributed  # noqa: F401 (checked here, so a missing extra fails before any work)
        except ImportError:
            raise EngineError("the dask engine needs Dask: pip install 'archiver[dask]'") from None
        self.scheduler = scheduler
        self.batch_size = batch_size
        self.workers = workers or os.cpu_count() or 1

    def run(self, items: Iterable[Job | Outcome], settings: Settings) -> Iterator[Outcome]:
        from dask.distributed import Client, LocalCluster

        cluster: Any = None
        if self.scheduler is None:
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        try:
            client = Client(self.scheduler or cluster, timeout=self.CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as err:
            if cluster is not None:
                cluster.close()
            reason = " ".join(str(err).split())[:200] or type(err).__name__
            raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler}: {reason}") from None
        try:
            yield from self._run(client, items, settings)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _run(self, client: Any, items: Iterable[Job | Outcome], settings: Settings) -> Iterator[Outcome]:
        window: deque[tuple[list[Job | Outcome], Any]] = deque()
        limit = max(2, 2 * len(client.scheduler_info().get("workers", {})))
        iterator = iter(items)
        while chunk := list(itertools.islice(iterator, self.batch_size)):
            jobs = [_absolute(x) for x in chunk if isinstance(x, Job)]
            window.append((chunk, client.submit(process_batch, jobs, settings, pure=False) if jobs else None))
            while len(window) > limit:
                yield from _merge(*window.popleft())
        while window:
            yield from _merge(*window.popleft())


def _absolute(job: Job) -> Job:
    return replace(job, path=job.path.absolute(), out=job.out.absolute())


def _merge(chunk: list[Job | Outcome], done: Any) -> Iterator[Outcome]:
    """Planned outcomes and the batch's results (a list, or a future of one), in input order, with the
    caller's own paths."""
    if done is None:
        done = []
    results = iter(done if isinstance(done, list) else done.result())
    for item in chunk:
        yield item if isinstance(item, Outcome) else replace(next(results), job=item)


def make_engine(kind: str, jobs: int | None, scheduler: str | None, batch_size: int) -> Engine:
    """The engine the command line asked for; a scheduler address means Dask. One job is a pool of one
    worker too: a document runs in a process that can be ended and replaced when it overruns its time."""
    if kind == "dask" or scheduler is not None:
        return DaskEngine(scheduler, batch_size, jobs)
    workers = jobs or os.cpu_count() or 1
    return PoolEngine(workers)

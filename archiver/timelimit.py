"""A time limit per document: a real-time timer, and in a pool worker a CPU-time backstop the kernel enforces."""

from __future__ import annotations

import math
import resource
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext


class DocumentTimeout(Exception):
    """A document ran out of its time (``--timeout``)."""


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
        raise DocumentTimeout

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

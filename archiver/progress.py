"""A progress bar on a terminal (documents, total, docs/s, ETA, failures); nothing when piped or quiet."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any


class _Bar:
    def __init__(self, bar: Any | None) -> None:
        self._bar = bar
        self.total: int | None = None  # set by the counting thread once discovery has ended

    @property
    def active(self) -> bool:
        return self._bar is not None

    def __call__(self, summary: Any) -> None:
        if self._bar is not None:
            if self.total is not None and self._bar.total is None:
                self._bar.total = max(self.total, self._bar.n + 1)
            self._bar.update(1)
            self._bar.set_postfix(failed=summary.failed, refresh=False)


@contextmanager
def progress(quiet: bool, count: Callable[[], int | None] | None = None) -> Iterator[_Bar]:
    """tqdm on stderr when stdout is a terminal and not quiet.

    Inputs are streamed to the workers as they are found, so the total is counted beside the run (``count``,
    in a daemon thread: a folder walk, no reading); the bar shows it, and an ETA, once it is known. A WARC
    file's records are known only by reading it, so a batch with one has no total."""
    if quiet or not sys.stdout.isatty():
        yield _Bar(None)
        return
    from tqdm import tqdm

    with tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True) as bar:
        shown = _Bar(bar)
        if count is not None:
            def set_total() -> None:
                with suppress(OSError):  # the run itself reports unreadable inputs
                    shown.total = count()
            threading.Thread(target=set_total, name="archiver-count", daemon=True).start()
        yield shown

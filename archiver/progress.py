"""A progress bar on a terminal (documents, docs/s, ETA, failures); nothing when piped or quiet."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class _Bar:
    def __init__(self, bar: Any | None) -> None:
        self._bar = bar

    @property
    def active(self) -> bool:
        return self._bar is not None

    def __call__(self, summary: Any) -> None:
        if self._bar is not None:
            self._bar.update(1)
            self._bar.set_postfix(failed=summary.failed, refresh=False)


@contextmanager
def progress(quiet: bool) -> Iterator[_Bar]:
    """tqdm on stderr when stdout is a terminal and not quiet (the total is unknown: inputs stream)."""
    if quiet or not sys.stdout.isatty():
        yield _Bar(None)
        return
    from tqdm import tqdm

    with tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True) as bar:
        yield _Bar(bar)

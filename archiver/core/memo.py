"""How the per-line helpers remember their answers.

``features``, ``norm``, ``skeleton``, ``dominant_script`` and their kin are
remembered per distinct line: the stages ask about the same line many times
(``features`` about eight times a line), and a site's boilerplate lines recur
from page to page. A document holds about seventy lines, so a few thousand
entries hold the working set of the current batch and the boilerplate that
keeps recurring; more only grows memory with the corpus (8,192 and 16,384
entries made peak RSS 1.24x higher after 20,000 documents than after 200).

A memo is a plain dict read with one ``get``: ``functools.lru_cache`` costs
about 100 ns more per answer in the compiled build (its wrapper is called
through a tuple of arguments and keeps a linked list in recency order), and
a document asks about 1,300 times. When a memo is full, its oldest quarter
goes (insertion order); a line asked again is simply worked out again.
"""

from __future__ import annotations

from itertools import islice
from typing import Any, Final, TypeVar

LINE_CACHE_SIZE: Final = 4096

K = TypeVar("K")
V = TypeVar("V")

_MEMOS: Final[list[dict[Any, Any]]] = []


def line_memo() -> dict[Any, Any]:
    """A new, empty memo for one helper, registered so that ``forget_lines`` can empty it."""
    memo: dict[Any, Any] = {}
    _MEMOS.append(memo)
    return memo


def remember(memo: dict[K, V], key: K, value: V) -> V:
    """Store ``value`` for ``key`` and return it; a full memo first loses its oldest quarter."""
    if len(memo) >= LINE_CACHE_SIZE:
        for old in list(islice(memo, LINE_CACHE_SIZE // 4)):
            memo.pop(old, None)
    memo[key] = value
    return value


def forget_lines() -> None:
    """Empty every line memo: for a benchmark of cold cleaning, or a test of the uncached work."""
    for memo in _MEMOS:
        memo.clear()

"""One regex scan of a whole document instead of one search per line.

Most lines of an article hold none of what a stage looks for (a glued joint,
a copyright key). Python's ``re`` pays a call's overhead per line, so a stage
first scans the joined lines once and judges only the lines that matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def lines_matching(pattern: re.Pattern[str], texts: Sequence[str], *, casefold: bool = False) -> set[int]:
    """Indices of the lines in which ``pattern`` finds a match that starts there.

    The lines are joined with newlines, so a pattern that can match a newline may list a line that holds
    no match of its own (a superset; callers judge the listed lines again). ``casefold`` scans the
    case-folded text, which can change a line's length but never its number of newlines.
    """
    joined = "\n".join(texts)
    if casefold:
        joined = joined.casefold()
    if joined.count("\n") != len(texts) - 1:  # a line holding a newline itself: search line by line
        return {i for i, t in enumerate(texts) if pattern.search(t.casefold() if casefold else t)}
    found: set[int] = set()
    line, counted_to = 0, 0
    for match in pattern.finditer(joined):  # matches come in order: count newlines incrementally
        line += joined.count("\n", counted_to, match.start())
        counted_to = match.start()
        found.add(line)
    return found

"""The gold main text of a ``../shared/train`` page, as its README defines it.

Dragnet's annotators pasted the article, then the reader comments after a separator line
(``!@#$%^&*()  COMMENTS``); the gold is the text before it. Eighteen gold files keep a misspelt separator
(``@#$%^&*() COMMENTS``, ``!@#$%^&**()  COMMNENTS``, a bare ``!@#$%^&*()``) and the comments under it, which
the data's own cut missed: read as gold they teach a model that comments are article text. The boilerplate
trainer and the benchmarks that score against the gold read it through ``gold_text``; the repair sets take the
files as clean text, which the comments are too.
"""

from __future__ import annotations

import re
from pathlib import Path

# The keyboard's run of marks ("!@#$%^&*()", however typed: "#$%^&*()", "!@#$%^&**()") on a line of its own,
# alone or with one capitalised word ("COMMENTS", "COMMNENTS", "CORRECTED"): every spelling of the separator in
# the data. A run of asterisks (a section break) is not one: the run must hold "$%^" or "%^&".
COMMENTS_SEPARATOR = re.compile(r"^[ \t]*(?=[!@#$%^&*()]*(?:\$%\^|%\^&))[!@#$%^&*()]{4,}(?:[ \t]*[A-Z]+)?[ \t]*$",
                                re.MULTILINE)


def cut_comments(text: str) -> str:
    """The text before a Dragnet comment separator (all of it without one), trailing blanks stripped."""
    found = COMMENTS_SEPARATOR.search(text)
    return text if found is None else text[:found.start()].rstrip() + "\n"


def gold_text(train: Path, page: str) -> str:
    return cut_comments((train / "gold" / f"{page}.txt").read_text(encoding="utf-8"))

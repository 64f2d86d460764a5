"""Drop a reader-comment thread under the article.

A comment system stamps every comment with its full date and clock time
("Cherie McCluney August 17, 2019 - 2:19 pm", "August 8, 2018 at 3:17 pm"),
on a short line of its own. An article states its own date and time once, in
its head; a live blog stamps times without a year. So two or more such stamps
in the document's second half, after the article's prose, open a comment
thread: it runs from the first stamp (with a "Jane says:" line above it) to
the end, where the comment form and the site's sidebar follow.
"""

from __future__ import annotations

import re

from archiver.lexicon import lexicon
from archiver.model import Block
from archiver.pipeline import Context, Stage

MAX_STAMP_CHARS = 90
MIN_STAMPS = 2
MIN_WORDS_BEFORE = 100  # the article's prose comes first
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?!\d)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_SAYS = re.compile(r"^\S.{0,50}\b(?:says|said|wrote|schreibt|dit|dice|diz|пишет)\s*:?$", re.IGNORECASE)


def is_stamp(text: str) -> bool:
    """A short unpunctuated line with a calendar date (with its year) and a clock time."""
    return (len(text) <= MAX_STAMP_CHARS and ":" in text and bool(_CLOCK.search(text)) and bool(_YEAR.search(text))
            and not _SENTENCE_END.search(text) and lexicon().has_date(text))


def thread_start(blocks: list[Block]) -> int | None:
    """Index of the block that opens a comment thread, or None."""
    kept = [i for i, b in enumerate(blocks) if b.kept]
    half = len(kept) // 2
    stamps = [i for i in kept[half:] if is_stamp(blocks[i].text)]
    if len(stamps) < MIN_STAMPS:
        return None
    first = stamps[0]
    if sum(len(blocks[i].text.split()) for i in kept if i < first) < MIN_WORDS_BEFORE:
        return None
    before = [i for i in kept if i < first]
    if before and _SAYS.match(blocks[before[-1]].text):
        return before[-1]
    return first


class CommentsStage(Stage):
    name = "comments"
    version = 1
    description = "Drop a reader-comment thread: from the first of two or more date-and-time stamps in the second half."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        start = thread_start(blocks)
        if start is None:
            return blocks
        return [*blocks[:start], *(b.dropped(self.id, "thread") if b.kept else b for b in blocks[start:])]

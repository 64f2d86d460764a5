"""Drop a reader-comment thread under the article.

A comment system stamps every comment with its full date and clock time
("Cherie McCluney August 17, 2019 - 2:19 pm", "August 8, 2018 at 3:17 pm"),
on a short line of its own. An article states its own date and time once, in
its head; a live blog stamps times without a year. So two or more such stamps
in the document's second half, after the article's prose, apart from each
other (an article's "published" and "updated" times stand together) but no
more than a comment's length apart, open a comment thread: it runs from the
first such stamp (with a "Jane says:" line or a user name above it) to the
end, where the comment form and the site's sidebar follow. A comment system
may date relatively ("2 days ago at 08:51 am"); with its clock time that is
a stamp too.
"""

from __future__ import annotations

import re
from itertools import pairwise

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.text.lexicon import lexicon
from archiver.core.text.textfeatures import features

MAX_STAMP_CHARS = 90
MIN_STAMPS = 2
MAX_COMMENT_LINES = 25  # kept lines from one comment's stamp to the next's
SAME_STAMP_GAP = 1  # stamps on adjacent kept lines date one thing (an article's published and updated times)
MIN_WORDS_BEFORE = 100  # the article's prose comes first
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?!\d)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# "2 days ago at 08:51 am": a comment system's relative date (with its clock time, unlike a teaser's "2 hours ago").
_AGO = re.compile(r"\b\d{1,3}\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b"
                  r"|\bvor\s+\d{1,3}\s+(?:Minuten|Stunden|Tagen|Wochen|Monaten)\b"
                  r"|\bil y a\s+\d{1,3}\s+(?:minutes?|heures?|jours?|semaines?|mois)\b"
                  r"|\bhace\s+\d{1,3}\s+(?:minutos?|horas?|días?|semanas?|meses)\b"
                  r"|\bhá\s+\d{1,3}\s+(?:minutos?|horas?|dias?|semanas?|meses)\b", re.IGNORECASE)
_HANDLE = re.compile(r"^@?[\w.-]{2,30}$")  # a user name on a line of its own, above its comment's stamp
_SAYS = re.compile(r"^\S.{0,50}\b(?:says|said|wrote|schreibt|dit|dice|diz|пишет)\s*:?$", re.IGNORECASE)


def is_stamp(text: str) -> bool:
    """A short unpunctuated line with a date (a calendar date with its year, or "2 days ago") and a clock time."""
    if len(text) > MAX_STAMP_CHARS or ":" not in text or not _CLOCK.search(text) or features(text).terminal:
        return False
    return bool(_AGO.search(text)) or (bool(_YEAR.search(text)) and lexicon().has_date(text))


def thread_start(blocks: list[Block]) -> int | None:
    """Index of the block that opens a comment thread, or None."""
    kept = [i for i, b in enumerate(blocks) if b.kept]
    half = len(kept) // 2
    at = [k for k in range(half, len(kept)) if is_stamp(blocks[kept[k]].text)]
    # Stamps on adjacent lines are one article's "published" and "updated" pair, not two comments.
    groups = [k for n, k in enumerate(at) if n == 0 or k - at[n - 1] > SAME_STAMP_GAP]
    # The thread opens at a stamp whose next comment's stamp follows within a comment's length: an article
    # dated in the second half of a long page is followed by its paragraphs, not by another stamp.
    opening = next((k for k, after in pairwise(groups) if after - k <= MAX_COMMENT_LINES), None)
    if opening is None:
        return None
    first = kept[opening]
    if sum(len(blocks[i].text.split()) for i in kept if i < first) < MIN_WORDS_BEFORE:
        return None
    before = [i for i in kept if i < first]
    if before and (_SAYS.match(blocks[before[-1]].text) or _HANDLE.match(blocks[before[-1]].text)):
        return before[-1]
    return first


class CommentsStage(Stage):
    name = rules.COMMENTS
    version = 2
    description = ("Drop a reader-comment thread: from the first of two or more date-and-time stamps, a comment's "
                   "length apart, in the second half.")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        start = thread_start(blocks)
        if start is None:
            return blocks
        return [*blocks[:start], *(b.dropped(self.id, "thread") if b.kept else b for b in blocks[start:])]

"""Find the article's main run of prose and drop the page furniture before and after it.

Every kept line gets a score: positive for prose (long, punctuated, rich in
function words), negative for furniture (short, unpunctuated). The main region
is the contiguous run of lines with the largest total (Finn et al.'s body text
extraction, on lines instead of tokens). Lines outside it go, as ``head`` or
``tail``; a later prose run separated from the region by little furniture is
taken in too, so an article split by an embed is not cut in half.
"""

from __future__ import annotations

from archiver.lexicon import lexicon
from archiver.model import Block
from archiver.pipeline import Context, Stage
from archiver.textfeatures import LineFeatures, features, is_prose

BARRIER_SCORE = -40.0
DROPPED_SCORE = -2.0
DATE_LINE_SCORE = -3.0
DATE_LINE_WORDS = 14
SHORT_PENALTY = 2.0
TITLE_CASE = 0.6
LIST_ITEM_WEIGHT = 0.2


def line_score(f: LineFeatures) -> float:
    """Positive for prose-like lines, negative for furniture-like ones, near 0 for list items."""
    if is_prose(f):
        return float(f.words)
    if f.terminal:
        return f.words * 0.5 if f.words >= 5 else -1.0
    if f.words <= 3:
        return -(SHORT_PENALTY + f.words * 0.5)
    if f.numeric >= 0.3:
        return 0.0  # a table row or a list of figures
    if f.capitalised < TITLE_CASE:
        return f.words * LIST_ITEM_WEIGHT  # a list item or a sentence without its full stop
    if f.words > 20:
        return f.words * 0.3
    return -(1.0 + f.words * 0.3)  # a headline: a link to another page


def best_run(scores: list[float]) -> tuple[int, int]:
    """Indices [start, end) of the contiguous run with the largest sum (Kadane)."""
    best, best_span = float("-inf"), (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


class RegionStage(Stage):
    name = "region"
    version = 1
    description = "Keep the main run of prose; drop page furniture before (head) and after (tail) it."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        # Kept lines, plus the headers of other-story blocks as barriers: a region
        # crosses one only when much prose lies beyond it.
        seen = list(range(len(blocks)))
        scores = [block_score(b) for b in blocks]
        if not scores or max(scores) <= 0:
            return blocks  # no prose at all: nothing to anchor a region on, keep everything
        start, end = best_run(scores)
        out = list(blocks)
        for position, index in enumerate(seen):
            if not blocks[index].kept:
                continue
            if position < start:
                out[index] = blocks[index].dropped(self.id, "head")
            elif position >= end:
                out[index] = blocks[index].dropped(self.id, "tail")
        return out


def block_score(block: Block) -> float:
    """Kept lines by their shape; dropped furniture still counts as evidence of a boundary."""
    if block.dropped_by is None:
        if lexicon().has_date(block.text) and features(block.text).words <= DATE_LINE_WORDS \
                and not is_prose(features(block.text)):
            return DATE_LINE_SCORE
        return line_score(features(block.text))
    return BARRIER_SCORE if block.dropped_by[1] == "header" else DROPPED_SCORE

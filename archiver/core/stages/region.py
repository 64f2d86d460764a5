"""Find the article's main run of prose and drop the page furniture before and after it.

Every kept line gets a score: positive for prose (long, punctuated, rich in
function words), negative for furniture (short, unpunctuated). The main region
is the contiguous run of lines with the largest total (Finn et al.'s body text
extraction, on lines instead of tokens). Lines outside it go, as ``head`` or
``tail``; a later prose run separated from the region by little furniture is
taken in too, so an article split by an embed is not cut in half.

On text an extractor chose from the markup (HTML), the extractor has already found the article, and a run
of prose it kept outside the best run is more likely the article than furniture (a blog's one-line "about
me" blurb above a post of short lines outscores the post): there, a head or tail that holds a prose line
is left alone, and only one of short lines goes.
"""

from __future__ import annotations

from archiver.core import rules
from archiver.core.cues import is_date_line
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.text.lexicon import lexicon
from archiver.core.text.textfeatures import LineFeatures, features, is_prose
from archiver.core.text.textfeatures import skeleton as punctuation_skeleton

BARRIER_SCORE = -40.0
LIST_SCORE = 1.0
MIN_LIST_RUN = 3
FURNITURE_STAGES = frozenset({rules.RELATED, rules.WIDGETS, rules.CAPTIONS, rules.TRAILER, rules.HEAD, rules.CARDS})
DROPPED_SCORE = -2.0
DATE_LINE_SCORE = -3.0
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
    name = rules.REGION
    version = 3
    description = ("Keep the main run of prose; drop page furniture before (head) and after (tail) it (on an "
                   "extractor's text, a head or tail with prose in it stays).")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        # Dropped furniture stays in the sequence as evidence of a boundary: a
        # region crosses an other-stories header only when much prose lies beyond it.
        scores = [block_score(b) for b in blocks]
        for i in template_list_lines(blocks):
            scores[i] = max(scores[i], LIST_SCORE)
        if not scores or max(scores) <= 0:
            return blocks  # no prose at all: nothing to anchor a region on, keep everything
        start, end = best_run(scores)
        end = extend_over_signoffs(blocks, end)
        out = list(blocks)
        extracted = ctx is not None and ctx.extracted
        for span, rule in ((range(0, start), "head"), (range(end, len(blocks)), "tail")):
            if not any(is_furniture_evidence(blocks[i]) for i in span):
                continue  # a clean article's own first or last lines: nothing says they are furniture
            if extracted and _holds_prose(blocks, span):
                continue  # the extractor kept prose here from the markup: trust it over the line shapes
            for i in span:
                if blocks[i].kept:
                    out[i] = blocks[i].dropped(self.id, rule)
        return out


def _holds_prose(blocks: list[Block], span: range) -> bool:
    return any(blocks[i].kept and _reads_as_prose(blocks[i].text) for i in span)


def _reads_as_prose(text: str) -> bool:
    """A prose line, or a table row with a prose cell: an extractor writes a table's rows as "| a | b |",
    and a row of sentences ends in a bar, not a full stop."""
    if is_prose(features(text)):
        return True
    row = text.strip()
    return row.startswith("|") and any(is_prose(features(cell.strip())) for cell in row.strip("|").split("|"))


def extend_over_signoffs(blocks: list[Block], end: int) -> int:
    """Take in the contributor notes and attributions that close the region ("(Reporting by ...)")."""
    lex = lexicon()
    while end < len(blocks) and (not blocks[end].kept or lex.is_signoff(blocks[end].text)):
        if blocks[end].kept:
            end += 1
            continue
        following = next((i for i in range(end, len(blocks)) if blocks[i].kept), None)
        if following is None or not lex.is_signoff(blocks[following].text):
            break
        end = following + 1
    return end


def is_furniture_evidence(block: Block) -> bool:
    """A line some stage judged furniture, or a timestamp line (not an attribution that holds a date)."""
    if block.dropped_by is not None:
        return rules.dropped_stage(block) in FURNITURE_STAGES
    return is_date_line(block.text) and not lexicon().is_signoff(block.text)


def block_score(block: Block) -> float:
    """Kept lines by their shape; dropped furniture still counts as evidence of a boundary."""
    if block.dropped_by is None:
        if lexicon().is_signoff(block.text):
            return 0.0
        return DATE_LINE_SCORE if is_date_line(block.text) else line_score(features(block.text))
    if rules.dropped_stage(block) not in FURNITURE_STAGES:
        return 0.0
    return BARRIER_SCORE if rules.dropped_rule(block) == rules.RELATED_HEADER else DROPPED_SCORE


def template_list_lines(blocks: list[Block]) -> set[int]:
    """Kept lines in a run of three or more that share one punctuation skeleton: a list."""
    found: set[int] = set()
    run: list[int] = []
    skeleton = None
    for i, block in enumerate(blocks):
        if not block.kept:
            continue
        current = punctuation_skeleton(block.text)
        if current and current == skeleton:
            run.append(i)
        else:
            if len(run) >= MIN_LIST_RUN:
                found.update(run)
            run, skeleton = [i], current
    if len(run) >= MIN_LIST_RUN:
        found.update(run)
    return found

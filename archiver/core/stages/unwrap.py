"""Join the lines of each paragraph in a hard-wrapped document, and find paragraph ends again.

Only a document detected as hard-wrapped is touched. Greedy word wrap never
breaks a line early: in a greedily wrapped document a line that the next word
(or, in CJK text, the next character) would have fitted on ends where the
writer ended it — a paragraph, a list item, an address line — whatever case
the next line starts in. Only a line ending in a hyphen (a compound broken
after its own hyphen) goes on. A full line goes on unless it ends a sentence
before a capital (below), or is a byline or a timestamp. Text that is not
hard-wrapped comes through untouched.

A block between blank lines that holds such a hand-made break is a list (or
an address, or verse): there a line that ends neither a sentence nor
mid-phrase, followed by a capital, ends its item.

In a loosely wrapped document (lines broken well before the width, as in
seed 004) line length says little, so two lines are joined when the second
goes on in lower case or the first ends mid-phrase (a comma, a function word)
or reads as an unfinished sentence.

A full line that ends a sentence, followed by a capital, is ambiguous: the
paragraph may go on, or its last line may have filled the width by chance.
When blank lines mark the document's paragraphs, such a line goes on (the
blank line would have said otherwise). When nothing marks paragraphs, it ends
one when the next run of lines stops without ending a sentence (a heading or
a label, unless the line ends in a colon), or when the document's own odds
(``paragraph_odds``) put a paragraph end there above a quarter.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Final

from archiver.core import rules
from archiver.core.model import Block, Repair
from archiver.core.pipeline import Context, Stage
from archiver.core.text.lexicon import lexicon
from archiver.core.text.paragraph_odds import ParagraphOdds
from archiver.core.text.sentences import ends_mid_phrase, ends_sentence
from archiver.core.text.textfeatures import features
from archiver.core.text.wrapping import (
    display_width,
    document_wrap_width,
    first_word,
    is_cjk,
    is_full,
    is_loosely_wrapped,
)
from archiver.core.trees import TreeEnsemble

SHORT_LINE = 40
_LIST_ITEM = re.compile(r"^(?:[-•*·▪●]\s|\d{1,3}[.)]\s)")
UNFINISHED_MIN_WORDS = 4
UNFINISHED_MAX_CAPITALISED = 0.5  # more capitals: a heading, a title or a list label
# A wrong join loses two paragraphs, a wrong break one: break above 1/3. The estimate runs low on the dev
# split (lines it puts at 0.25-0.35 were paragraph ends 37 % of the time), hence a quarter.
HIDDEN_END_PROBABILITY = 0.25
BLANK_SEPARATED_SHARE = 0.03  # blank lines per kept line above which blank lines mark paragraphs


def is_head_line(line: str) -> bool:
    """A byline or a short timestamp line: a paragraph of its own."""
    lex = lexicon()
    return lex.is_byline(line) or (len(line) < SHORT_LINE and lex.has_date(line))


def reads_unfinished(line: str) -> bool:
    """Prose cut mid-sentence, not a heading or a label: enough words, mostly lower case."""
    f = features(line)
    return f.words >= UNFINISHED_MIN_WORDS and f.capitalised < UNFINISHED_MAX_CAPITALISED


def continues(a: str, b: str, width: int, after: str | None = None, blank_separated: bool = True,
              loose: bool = False, hidden_end: Callable[[str, str], bool] | None = None) -> bool:
    """Does line ``b`` continue the paragraph of line ``a``? (``after`` is the line after ``b``.)

    ``hidden_end(a, b)`` judges a full line that ends a sentence before a capital when no blank lines mark
    paragraphs; without it such a line ends its paragraph.
    """
    if is_cjk(a[-1:]) and is_cjk(b[:1]):
        return _cjk_continues(a, b, width, loose)
    if not loose and not is_full(a, b, width) and not a.endswith("-"):
        return False  # the next word would have fitted: the writer broke the line
    if b[:1].islower():
        return True
    if is_head_line(a) or is_head_line(b):
        return False
    if _opens_paragraph_going_on_below(a, b, after, width):
        return False
    full = is_full(a, b, width)
    if full and (blank_separated or not ends_sentence(a)):
        return True
    if _LIST_ITEM.match(b):
        return False
    if ends_sentence(a):
        return full and hidden_end is not None and not hidden_end(a, b)
    if ends_mid_phrase(a):
        return True
    return loose and reads_unfinished(a)


def _cjk_continues(a: str, b: str, width: int, loose: bool) -> bool:
    """Text wrapped between CJK characters: only a short line, or a sentence end in loose text, stops."""
    return is_full(a, b, width) or (loose and not ends_sentence(a))


def _opens_paragraph_going_on_below(a: str, b: str, after: str | None, width: int) -> bool:
    """``a`` ends a sentence and ``b`` is a short line that the line after it continues in lower case: ``b``
    is the first line of a paragraph, not the end of ``a``'s."""
    return ends_sentence(a) and after is not None and after[:1].islower() and not is_full(b, after, width)


def is_blank_separated(blocks: list[Block]) -> bool:
    """Do blank lines mark this document's paragraphs? (Wrapped text with none has 0 per line.)"""
    kept = [b for b in blocks if b.kept]
    gaps = sum(b.gap_before for b in kept[1:])
    return gaps > 0 and gaps >= BLANK_SEPARATED_SHARE * len(kept)


def _last_raw_line(block: Block, ctx: Context) -> str:
    """The block's last line as the raw text has it (a dehyphenated block spans two lines)."""
    return ctx.decoded[block.raw_start:block.raw_end].rsplit("\n", 1)[-1].strip()


def list_blocks(blocks: list[Block], ctx: Context, width: int) -> set[int]:
    """Lines of the blank-line-separated blocks that hold a break the wrap did not make (a line the next
    word would have fitted on): lists, addresses, verse. In such a block a capital starts a new line."""
    found: set[int] = set()
    group: list[int] = []
    for i in range(len(blocks) + 1):
        if i == len(blocks) or blocks[i].gap_before or not blocks[i].kept:
            lines = [_last_raw_line(blocks[j], ctx) for j in group]
            if any(not is_full(a, blocks[j].text, width) and not a.endswith("-")
                   for a, j in zip(lines, group[1:], strict=False)):
                found.update(group[1:])
            group = []
        if i < len(blocks) and blocks[i].kept:
            group.append(i)
    return found


# A speaker's or a field's label opening a line: one or two capitalised words and a colon ("Q:", "Mr Smith:").
_LABEL = re.compile(r"([A-Z][\w.'’-]{0,20}(?: [A-Z][\w.'’-]{0,20})?):\s")
MIN_LABEL_LINES: Final = 3


def labelled_lines(blocks: list[Block]) -> set[int]:
    """Lines that open with a label the document opens three or more lines with (an interview's "Q:" and "A:",
    a transcript's speakers): a wrap puts a word at a line's start by chance, not the same label again and
    again, so each such line starts a paragraph."""
    found = {i: _LABEL.match(b.text) for i, b in enumerate(blocks) if b.kept}
    labels = {i: m.group(1) for i, m in found.items() if m is not None}
    counts = Counter(labels.values())
    return {i for i, label in labels.items() if counts[label] >= MIN_LABEL_LINES}


def _raw_lines(blocks: list[Block], ctx: Context) -> list[str]:
    return [line.strip() for b in blocks if b.kept for line in ctx.decoded[b.raw_start:b.raw_end].split("\n")]


def run_ends_unfinished(blocks: list[Block], i: int, ctx: Context, width: int) -> bool:
    """Does the run of full lines that starts at block ``i`` stop without ending a sentence? Then it is a
    heading or a label ("DICOM", "Exclusive recipe for ...") and its own paragraph."""
    j = i
    line = _last_raw_line(blocks[j], ctx)
    while (j + 1 < len(blocks) and blocks[j + 1].kept and not blocks[j + 1].gap_before
           and is_full(line, blocks[j + 1].text, width) and not ends_sentence(line)):
        j += 1
        line = _last_raw_line(blocks[j], ctx)
    return not ends_sentence(line)


# Where nothing marks paragraphs (no blank lines, greedy wrap), each line end is judged by a small model
# learned from wrapped gold bodies (``tools/train_paragraphs.py``; ``docs/paragraph-model.md``): the rules'
# own verdict is one of its cues, with the line's fill, how far the next word was from fitting, how the line
# ends and the next begins, and the document's own odds of a hidden paragraph end.
BOUNDARY_CUES: Final = (
    "rules_continue", "full", "over", "fill", "ends_sentence", "ends_mid_phrase", "ends_colon", "ends_hyphen",
    "next_lower", "next_upper", "next_digit", "next_mark", "next_list_item", "head_line", "next_head_line",
    "words_log", "capitalised", "unfinished", "next_words_log", "next_capitalised", "after_lower",
    "next_full", "no_after", "run_unfinished", "odds", "end_share", "next_word_share", "width",
    "next_fill", "next_ends_sentence", "previous_full", "lines_since_shown_end",
)
PARAGRAPH_MODEL: Final = "paragraph_model.v1.json"


_FULL, _NEXT_LOWER = BOUNDARY_CUES.index("full"), BOUNDARY_CUES.index("next_lower")


def model_judges(full: bool, next_lower: bool) -> bool:
    """Where the rules guess: a full line before a line that does not go on in lower case. A line the next
    word would have fitted on ends its paragraph, and a lower-case start goes on, as the rules say."""
    return full and not next_lower


def judged_by_model(row: list[float]) -> bool:
    """``model_judges``, read from a line end's cues (training reads every line end's)."""
    return model_judges(row[_FULL] > 0.5, row[_NEXT_LOWER] > 0.5)


class ParagraphModel:
    def __init__(self, trees: TreeEnsemble, threshold: float) -> None:
        self.trees = trees
        self.threshold = threshold

    def ends(self, row: list[float]) -> bool:
        """Does a paragraph end at this line end?"""
        return self.trees.probability(row) >= self.threshold


@cache
def paragraph_model() -> ParagraphModel | None:
    """The shipped boundary model, or None where the package has none (the rules then decide alone)."""
    path = resources.files("archiver").joinpath("data", PARAGRAPH_MODEL)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != BOUNDARY_CUES:
        raise RuntimeError(f"{PARAGRAPH_MODEL} was trained on other cues than archiver/core/stages/unwrap.py computes")
    return ParagraphModel(TreeEnsemble.from_json(data["trees"]), float(data["threshold"]))


def boundary_cues(a: str, b: str, after: str | None, width: int, odds: ParagraphOdds, rules_continue: bool,
                  run_unfinished: bool, previous_full: bool, since_shown_end: int) -> list[float]:
    """The cues of the line end between raw line ``a`` and the next line ``b`` (``after``: the line after
    ``b``, None at a paragraph mark or the end; ``previous_full``: the line before ``a`` was a wrap point;
    ``since_shown_end``: lines since the last line the next word would have fitted on), in ``BOUNDARY_CUES``
    order."""
    head = first_word(b)
    fa, fb = features(a), features(b)
    mark = b[:1]
    return [
        float(rules_continue), float(is_full(a, b, width)),
        (display_width(a) + 1 + display_width(head) - width) / width, display_width(a) / width,
        float(ends_sentence(a)), float(ends_mid_phrase(a)), float(a.endswith(":")), float(a.endswith("-")),
        float(mark.islower()), float(mark.isupper()), float(mark.isdigit()), float(bool(mark) and not mark.isalnum()),
        float(_LIST_ITEM.match(b) is not None), float(is_head_line(a)), float(is_head_line(b)),
        math.log1p(fa.words), fa.capitalised, float(reads_unfinished(a)), math.log1p(fb.words), fb.capitalised,
        float(after is not None and after[:1].islower()), float(after is not None and is_full(b, after, width)),
        float(after is None), float(run_unfinished), odds.end_probability(b), odds.end_share,
        (display_width(head) + 1) / width, width / 100.0,
        display_width(b) / width, float(ends_sentence(b)), float(previous_full), math.log1p(since_shown_end),
    ]


def hides_an_end(a: str, b: str, run_unfinished: bool, odds: ParagraphOdds) -> bool:
    """The rules' judgement of a full line ``a`` that ends a sentence before a capital, where nothing marks
    paragraphs: a paragraph ends when the run of lines from ``b`` stops unfinished (a heading; after a colon
    it completes the sentence: "discussed: the patient record"), or the document's odds say so."""
    return (not a.endswith(":") and run_unfinished) or odds.end_probability(b) > HIDDEN_END_PROBABILITY


def runs_unfinished(blocks: list[Block], ctx: Context, width: int) -> list[bool]:
    """``run_ends_unfinished`` for every block at once, from the end backwards (linear, where asking it of
    each line of a long unpunctuated run would walk the run again and again)."""
    out = [False] * len(blocks)
    for j in range(len(blocks) - 1, -1, -1):
        if not blocks[j].kept:
            continue
        line = _last_raw_line(blocks[j], ctx)
        goes_on = (j + 1 < len(blocks) and blocks[j + 1].kept and not blocks[j + 1].gap_before
                   and is_full(line, blocks[j + 1].text, width) and not ends_sentence(line))
        out[j] = out[j + 1] if goes_on else not ends_sentence(line)
    return out


def boundary_rows(blocks: list[Block], ctx: Context, width: int, odds: ParagraphOdds,
                  only_judged: bool = True) -> dict[int, list[float]]:
    """The cues of line ends, by the index of the block after each: between two kept blocks with no blank line
    between them, outside CJK text (wrapped between characters: the rules), and with ``only_judged`` only
    where the model judges (``judged_by_model``; training reads them all, for the rules' verdicts)."""
    unfinished = runs_unfinished(blocks, ctx, width)
    rows: dict[int, list[float]] = {}
    previous_full = False  # was the line before ``a`` a wrap point
    since = 0  # lines since the last line the next word would have fitted on
    for i in range(1, len(blocks)):
        block, previous = blocks[i], blocks[i - 1]
        if not (block.kept and previous.kept) or block.gap_before:
            previous_full, since = False, 0
            continue
        a = _last_raw_line(previous, ctx)
        if not a or (is_cjk(a[-1:]) and is_cjk(block.text[:1])):
            previous_full, since = False, 0
            continue
        full = is_full(a, block.text, width)
        if only_judged and not model_judges(full, block.text[:1].islower()):
            previous_full, since = full, (since + 1 if full else 0)
            continue
        after = blocks[i + 1].text if i + 1 < len(blocks) and not blocks[i + 1].gap_before else None

        def judge(a: str, b: str, run_unfinished: bool = unfinished[i]) -> bool:
            return hides_an_end(a, b, run_unfinished, odds)

        rule = continues(a, block.text, width, after, False, False, judge)
        rows[i] = boundary_cues(a, block.text, after, width, odds, rule, unfinished[i], previous_full, since)
        previous_full, since = full, (since + 1 if full else 0)
    return rows



class UnwrapStage(Stage):
    name = rules.UNWRAP
    version = 8
    description = ("In hard-wrapped text, join each paragraph's lines and find paragraph ends again (where nothing "
                   "marks them, a learned model judges the full lines; its joins are `join:model`).")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        width = document_wrap_width(blocks, ctx)
        if not width:
            return blocks
        blank_separated = is_blank_separated(blocks)
        loose = is_loosely_wrapped(blocks, width, own_line=is_head_line)
        listed = list_blocks(blocks, ctx, width) if blank_separated and not loose else set()
        labelled = labelled_lines(blocks) if not blank_separated else set()  # blank lines mark paragraphs there
        odds = None if blank_separated or loose else ParagraphOdds.count(_raw_lines(blocks, ctx), width)
        model = paragraph_model() if odds is not None else None
        learned = boundary_rows(blocks, ctx, width, odds) if model is not None and odds is not None else {}
        out: list[Block] = []
        paragraph: list[Block] = []  # the blocks of the paragraph being read, joined once it ends
        last_line = ""  # the last raw line of the paragraph so far: joins are judged line by line
        joined_by_model: set[int] = set()  # raw starts of the lines the model joined to the line above
        for i, block in enumerate(blocks):
            after = blocks[i + 1].text if i + 1 < len(blocks) and not blocks[i + 1].gap_before else None
            if (i in listed and block.text[:1].isupper() and not ends_mid_phrase(last_line)
                    and not ends_sentence(last_line)):
                self._end(paragraph, out, ctx, joined_by_model)  # a new item of a list the writer broke line by line
                paragraph = [block]
            elif i in labelled and not last_line.endswith("-"):
                self._end(paragraph, out, ctx, joined_by_model)  # a speaker's or a field's recurring label
                paragraph = [block]
            elif paragraph and paragraph[0].kept and i in learned and model is not None:
                # the model judges where the rules would guess; its row carries the rules' verdict
                if model.ends(learned[i]):
                    self._end(paragraph, out, ctx, joined_by_model)
                    paragraph = [block]
                else:
                    paragraph.append(block)
                    joined_by_model.add(block.raw_start)
            elif (paragraph and paragraph[0].kept and block.kept and not block.gap_before
                    and continues(last_line, block.text, width, after, blank_separated, loose,
                                  self._judge(blocks, i, ctx, width, odds))):
                paragraph.append(block)
            else:
                self._end(paragraph, out, ctx, joined_by_model)
                paragraph = [block]
            last_line = _last_raw_line(block, ctx)
        self._end(paragraph, out, ctx, joined_by_model)
        return out

    def _end(self, paragraph: list[Block], out: list[Block], ctx: Context, joined_by_model: set[int]) -> None:
        """The paragraph's lines as one block, built once: joining line by line copied the growing text and
        ledger at every line (quadratic; 125,000 short lines took minutes)."""
        if len(paragraph) == 1:
            out.append(paragraph[0])
        elif paragraph:
            out.append(self._join(paragraph, ctx, joined_by_model))

    @staticmethod
    def _judge(blocks: list[Block], i: int, ctx: Context, width: int,
               odds: ParagraphOdds | None) -> Callable[[str, str], bool] | None:
        """Where nothing marks paragraphs: does a paragraph end hide before block ``i``?"""
        if odds is None:
            return None
        return lambda a, b: hides_an_end(a, b, run_ends_unfinished(blocks, i, ctx, width), odds)

    def _join(self, lines: list[Block], ctx: Context, joined_by_model: set[int]) -> Block:
        """One block of the paragraph's lines; a join the model decided says so (``join:model``)."""
        texts: list[str] = [lines[0].text]
        repairs: list[Repair] = list(lines[0].repairs)
        for a, b in itertools.pairwise(lines):
            glue = "" if is_cjk(a.text[-1:]) and is_cjk(b.text[:1]) else " "
            texts += (glue, b.text)
            rule = "join:model" if b.raw_start in joined_by_model else "join"
            repairs.append(Repair(self.id, rule, a.raw_end, b.raw_start, ctx.decoded[a.raw_end:b.raw_start], glue))
            repairs += b.repairs
        return lines[0].edited("".join(texts), tuple(repairs), raw_end=lines[-1].raw_end)

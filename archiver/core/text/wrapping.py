"""Is a document hard-wrapped, and at what width? Decided once per document from its lines.

Greedy word wrap at width W leaves a tell: inside a paragraph, a line plus the
next line's first word would not fit in W. A text whose line pairs mostly
show that tell, at a width a person would wrap at, is hard-wrapped; a text of
one paragraph per line almost never shows it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any

from archiver.core.model import Block
from archiver.core.text.sentences import ends_a_list_line
from archiver.core.text.textfeatures import ascii_stand_in, ends_sentence

# East Asian Wide and Fullwidth blocks (Hangul Jamo, CJK, kana, Hangul syllables, full-width forms).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
MIN_PAIRS = 3
MAX_WIDTH = 160
MIN_FULL_SHARE = 0.4
LONG_SHARE = 0.5  # only lines at least this share of the width vote


def display_width(text: str) -> int:
    """Columns on a terminal: East Asian wide and full-width characters take two."""
    if ascii_stand_in(text) is not None:  # ASCII, or typographic marks, which are narrow
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def is_full(line: str, next_line: str, width: int) -> bool:
    """The next line's first word would not have fit on this line: a greedy wrap point."""
    head = first_word(next_line)
    if is_cjk(head[:1]):  # wrapped between characters: one character would not have fit
        head = head[:1]
        return display_width(line) + display_width(head) > width
    return display_width(line) + 1 + display_width(head) > width


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_WIDE.match(ch))


def wrap_width(blocks: Sequence[Block]) -> int | None:
    """The wrap width of a hard-wrapped document, or None when it is not hard-wrapped."""
    lines = [b for b in blocks if b.kept]
    # The widest line the wrap could have broken: one with a space, or with CJK text (broken between characters).
    # An unbreakable URL may stick out.
    width = max((display_width(b.text) for b in lines if " " in b.text or _WIDE.search(b.text)), default=0)
    if not width or width > MAX_WIDTH:
        return None
    pairs = full = 0
    for a, b in itertools.pairwise(lines):
        if b.gap_before or display_width(a.text) < LONG_SHARE * width:
            continue
        pairs += 1
        full += is_full(a.text, b.text, width)
    if pairs < MIN_PAIRS or full < MIN_FULL_SHARE * pairs:
        return None
    return width


LOOSE_SHARE = 0.15
MIN_LOOSE = 2  # one early break is an accident (a byline, a caption), not the text's way of wrapping


def is_loosely_wrapped(blocks: Sequence[Block], width: int,
                       own_line: Callable[[str], bool] | None = None) -> bool:
    """Are lines broken well before the width, as a narrow column or a scrape of linked text is?

    Greedy wrap fills every line: a line that goes on in lower case below it
    is full. When many such lines are not, breaks say little about where
    sentences stop, and an unfinished line goes on even before a capital.
    (Dev split: at most 7 % of greedy-wrapped documents' continuations; 33 % in seed 004.)
    A line ``own_line`` calls a paragraph of its own (a byline, "by Jane Doe") says nothing either way.
    """
    lines = [b for b in blocks if b.kept]
    pairs = loose = 0
    for a, b in itertools.pairwise(lines):
        if b.gap_before or not b.text[:1].islower() or (own_line is not None and own_line(b.text)):
            continue
        pairs += 1
        # A short line that ends a sentence, before a lower-case line, is a paragraph end of a writer who
        # starts paragraphs in lower case, not a break made before the width; so is a list's lead-in or
        # item ("the prize:" / "two tickets ...;"): only a line cut mid-sentence says the text is loosely
        # wrapped.
        end = a.text.rstrip()
        loose += not is_full(a.text, b.text, width) and not ends_sentence(end) and not ends_a_list_line(end)
    return pairs >= MIN_PAIRS and loose >= max(MIN_LOOSE, LOOSE_SHARE * pairs)


def document_wrap_width(blocks: Sequence[Block], ctx: Any) -> int:
    """The document's wrap width (0: not hard-wrapped), decided once and kept in the context."""
    if ctx.wrap_width is None:
        ctx.wrap_width = wrap_width(blocks) or 0
    return ctx.wrap_width

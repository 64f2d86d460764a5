"""Space normalisation, the whitespace stage's rules: odd spaces to plain ones, stray byte-order marks and NUL
bytes out, runs collapsed.

Two stages apply them: whitespace to every line, and mojibake to a line it repaired (a repaired "Â " is a
no-break space, which cleaning the clean text would otherwise turn into a space on the second pass). Both
record the repairs under the whitespace stage's name (``SPACING_STAGE_ID``), as records always have.

Format characters that are not whitespace in Unicode stay as the source wrote them: joiners (ZWJ/ZWNJ,
which Persian and Indic scripts need), the zero-width space and the word joiner (a line holding only a
zero-width space is a paragraph of the page, kept like any other). Only U+FEFF, a byte-order mark left
inside the text by concatenated files, goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context
from archiver.core.text.textfeatures import ascii_stand_in
from archiver.core.textedit import substitute

SPACING_VERSION: Final = 3
SPACING_STAGE_ID: Final = f"{rules.WHITESPACE}.v{SPACING_VERSION}"

# Each rule with a test of whether its pattern can match, on the string (no regex scan): most lines that need
# work need one rule (an indented line's "edge_space").
_RULES: tuple[tuple[str, Callable[[str], bool], re.Pattern[str], str], ...] = (
    ("odd_space", lambda t: not t.isascii() or "\t" in t or "\x0b" in t or "\x0c" in t,
     re.compile(r"[\t\x0b\x0c\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"), " "),
    ("stray_bom", lambda t: "\ufeff" in t, re.compile(r"\ufeff+"), ""),
    ("nul", lambda t: "\x00" in t, re.compile(r"\x00+"), ""),  # NUL bytes a scraper copied from the page: no text
    ("space_run", lambda t: "  " in t, re.compile(r" {2,}"), " "),
    ("edge_space", lambda t: t[:1] == " " or t[-1:] == " " or t[-2:] == " \n", re.compile(r"^ +| +$"), ""),
)


_EXOTIC = re.compile(r"[\x00\t\x0b\x0c\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]")


def _needs_work(text: str) -> bool:
    """Cheap tests first: most lines have no double space, no edge space and only plain spaces. (Per line:
    a scan of the whole document for these, an alternation with anchors, costs three times as much.) An
    ASCII line (three in four; Python knows it without a scan), or its ASCII stand-in, can hold only the three
    ASCII ones."""
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return True
    plain = ascii_stand_in(text)  # typographic marks are no spaces
    if plain is not None:
        return "\t" in plain or "\x0b" in plain or "\x0c" in plain or "\x00" in plain
    return bool(_EXOTIC.search(text))


def tidy_spaces(block: Block, ctx: Context) -> Block:
    """The block with its spaces normalised (dropped when nothing is left), the repairs recorded under
    ``SPACING_STAGE_ID``."""
    if not _needs_work(block.text):
        return block
    for rule, may_match, pattern, replacement in _RULES:
        if may_match(block.text):
            block = substitute(block, ctx, SPACING_STAGE_ID, rule, pattern, replacement)
    return block if block.text else block.dropped(SPACING_STAGE_ID, "empty")

"""Normalise odd spaces inside a block: exotic space characters, stray byte-order marks and NUL bytes, runs
of spaces.

Format characters that are not whitespace in Unicode stay as the source wrote them: joiners (ZWJ/ZWNJ,
which Persian and Indic scripts need), the zero-width space and the word joiner (a line holding only a
zero-width space is a paragraph of the page, kept like any other). Only U+FEFF, a byte-order mark left
inside the text by concatenated files, goes.
"""

from __future__ import annotations

import re

from archiver.model import Block
from archiver.pipeline import Context, Stage
from archiver.stages.textedit import substitute
from archiver.textfeatures import ascii_stand_in

_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("odd_space", re.compile(r"[\t\x0b\x0c\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"),
     " "),
    ("stray_bom", re.compile(r"\ufeff+"), ""),
    ("nul", re.compile(r"\x00+"), ""),  # NUL bytes a scraper copied from the page: no text
    ("space_run", re.compile(r" {2,}"), " "),
    ("edge_space", re.compile(r"^ +| +$"), ""),
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



class WhitespaceStage(Stage):
    name = "whitespace"
    version = 3
    description = ("NBSP and other odd spaces to plain spaces, drop stray byte-order marks and NUL bytes, "
                   "collapse runs.")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        return [self.tidy(block, ctx) if block.kept else block for block in blocks]

    def tidy(self, block: Block, ctx: Context) -> Block:
        """The block with its spaces normalised (dropped when nothing is left). The mojibake stage calls it
        too: a repaired "Â " is a no-break space, which cleaning the clean text would otherwise turn into a
        space on the second pass."""
        if not _needs_work(block.text):
            return block
        for rule, pattern, replacement in _RULES:
            block = substitute(block, ctx, self.id, rule, pattern, replacement)
        return block if block.text else block.dropped(self.id, "empty")

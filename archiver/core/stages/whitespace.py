"""Normalise odd spaces inside a block: exotic space characters, stray byte-order marks and NUL bytes, runs
of spaces (the rules are ``archiver.core.spacing``'s, which mojibake applies to a line it repaired too).
"""

from __future__ import annotations

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.spacing import SPACING_VERSION, tidy_spaces


class WhitespaceStage(Stage):
    name = rules.WHITESPACE
    version = SPACING_VERSION
    description = ("NBSP and other odd spaces to plain spaces, drop stray byte-order marks and NUL bytes, "
                   "collapse runs.")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        return [tidy_spaces(block, ctx) if block.kept else block for block in blocks]

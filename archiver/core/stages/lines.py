"""Split decoded text into line blocks with raw offsets.

Leading and trailing whitespace of a line and the newlines between lines are
layout, not content: a block's span covers the stripped line only, and a blank
line sets ``gap_before`` on the next block (a cue later stages read).
"""

from __future__ import annotations

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage


class LinesStage(Stage):
    name = rules.LINES
    version = 1
    description = "Split the decoded text into one block per non-blank line, with raw offsets."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        text = ctx.decoded
        out = list(blocks)
        gap = False
        pos = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped:
                start = pos + (len(line) - len(line.lstrip()))
                out.append(Block(start, start + len(stripped), stripped, gap_before=gap))
                gap = False
            else:
                gap = True
            pos += len(line) + 1
        return out

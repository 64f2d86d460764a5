"""Drop trailer lines: copyright notices, "Write to ..." contacts, print-edition notes, citations.

Their facts belong to metadata (the metadata stage reads them first); the
lines themselves are not article text. Patterns are data in the lexicon.
"""

from __future__ import annotations

from archiver.lexicon import lexicon
from archiver.model import Block
from archiver.pipeline import Context, Stage, map_kept
from archiver.textfeatures import features

MAX_WORDS = 60


class TrailerStage(Stage):
    name = "trailer"
    version = 1
    description = "Drop copyright, contact ('Write to ... at'), print-edition note and citation lines."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        return map_kept(blocks, self._judge)

    def _judge(self, block: Block) -> Block:
        if features(block.text).words > MAX_WORDS:
            return block
        category = lexicon().trailer_category(block.text)
        return block.dropped(self.id, category) if category else block

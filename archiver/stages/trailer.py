"""Drop trailer lines: copyright notices, "Write to ..." contacts, print-edition notes, citations.

Their facts belong to metadata (the metadata stage reads them first); the
lines themselves are not article text. Patterns are data in the lexicon. A
copyright notice right under the last paragraph (a wire agency's) is the
article's own closing line and stays.
"""

from __future__ import annotations

from archiver.lexicon import lexicon
from archiver.model import Block
from archiver.pipeline import Context, Stage
from archiver.stages.position import ArticleEnd
from archiver.textfeatures import features

MAX_WORDS = 60


class TrailerStage(Stage):
    name = "trailer"
    version = 2
    description = "Drop copyright, contact ('Write to ... at'), print-edition note and citation lines."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        out = list(blocks)
        end = ArticleEnd(blocks)
        for i, block in enumerate(blocks):
            if not block.kept or features(block.text).words > MAX_WORDS:
                continue
            category = lexicon().trailer_category(block.text)
            if category and not (category == "copyright" and end.closes(i)):
                out[i] = block.dropped(self.id, category)
        return out

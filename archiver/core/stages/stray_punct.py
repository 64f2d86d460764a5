"""Remove punctuation stranded at a paragraph start when a caption before it was cut.

".In the smoldering feud" -> "In the smoldering feud": one stray mark glued to
a capital. An ellipsis ("...and then") or a quotation mark is never touched.
"""

from __future__ import annotations

import re

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.textedit import substitute

STRAY = re.compile(r"^[.,;:|](?=[A-Z])")


class StrayPunctuationStage(Stage):
    name = rules.STRAY_PUNCT
    version = 1
    description = "Drop one stray '.', ',', ';', ':' or '|' glued to a capital at a paragraph start."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        return [substitute(b, ctx, self.id, "leading", STRAY, "") if b.kept and b.text[:1] in ".,;:|" else b
                for b in blocks]

"""Put back a hyphen lost in extraction: "alAssad" -> "al-Assad", when the document writes "al-Assad".

Only the document's own spelling is evidence: a lowercase particle glued to a
capitalised name is rewritten to the hyphenated form the same document uses.
"""

from __future__ import annotations

import re

from archiver.model import Block
from archiver.pipeline import Context, Stage
from archiver.stages.textedit import substitute

CANDIDATE = re.compile(r"(?<![\w-])([a-z]{1,4})([A-Z][a-z]{2,})(?![\w-])")
_HYPHENATED = re.compile(r"(?<![\w-])([a-z]{1,4})-([A-Z][a-z]{2,})(?![\w-])")
_JOINT = re.compile(r"[a-z]-[A-Z]")
PARTICLE_MAX = 4  # a quick scan first: most documents hold no "al-Assad" at all


class LostHyphenStage(Stage):
    name = "lost_hyphen"
    version = 1
    description = "Restore a lost hyphen after a name particle (alAssad -> al-Assad) the document spells so."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        text = "\n".join(b.text for b in blocks)
        if not _JOINT.search(text):
            return blocks
        spelled = set()
        for joint in _JOINT.finditer(text):  # back to the particle's start, then the full pattern there
            start = joint.start()
            while start > 0 and joint.start() - start < PARTICLE_MAX - 1 and "a" <= text[start - 1] <= "z":
                start -= 1
            found = _HYPHENATED.match(text, start)
            if found:
                spelled.add(found.group(1) + found.group(2))
        if not spelled:
            return blocks

        def restore(match: re.Match[str]) -> str:
            if match.group(0) in spelled:
                return f"{match.group(1)}-{match.group(2)}"
            return match.group(0)

        return [substitute(b, ctx, self.id, "restore", CANDIDATE, restore)
                if b.kept and any(form in b.text for form in spelled) else b for b in blocks]

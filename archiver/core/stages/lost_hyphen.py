"""Put back a hyphen lost in extraction: "alAssad" -> "al-Assad", when the document writes "al-Assad".

Only the document's own spelling is evidence: a lowercase particle glued to a
capitalised name is rewritten to the hyphenated form the same document uses.
"""

from __future__ import annotations

import re

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.textedit import substitute

CANDIDATE = re.compile(r"(?<![\w-])([a-z]{1,4})([A-Z][a-z]{2,})(?![\w-])")
_HYPHENATED = re.compile(r"(?<![\w-])([a-z]{1,4})-([A-Z][a-z]{2,})(?![\w-])")
_JOINT = re.compile(r"[a-z]-[A-Z]")
PARTICLE_MAX = 4  # a quick scan first: most documents hold no "al-Assad" at all


def hyphen_joints(text: str) -> list[int]:
    """Where ``_JOINT`` matches ("l-A" of "al-Assad"): ``str.find`` jumps from hyphen to hyphen, where the
    regex would try every position of the document."""
    joints = []
    at = text.find("-", 1)
    while at >= 0:
        if "a" <= text[at - 1] <= "z" and "A" <= text[at + 1:at + 2] <= "Z":
            joints.append(at - 1)
        at = text.find("-", at + 1)
    return joints


class LostHyphenStage(Stage):
    name = rules.LOST_HYPHEN
    version = 1
    description = "Restore a lost hyphen after a name particle (alAssad -> al-Assad) the document spells so."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        text = "\n".join(b.text for b in blocks)
        spelled = set()
        for joint in hyphen_joints(text):  # back to the particle's start, then the full pattern there
            start = joint
            while start > 0 and joint - start < PARTICLE_MAX - 1 and "a" <= text[start - 1] <= "z":
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

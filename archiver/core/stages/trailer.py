"""Drop trailer lines: copyright notices, "Write to ..." contacts, print-edition notes, citations, author boxes.

Their facts belong to metadata (the metadata stage reads them first); the
lines themselves are not article text. Patterns are data in the lexicon. A
copyright notice right under the last paragraph (a wire agency's) is the
article's own closing line and stays.
"""

from __future__ import annotations

import re

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.position import ArticleEnd
from archiver.core.text.lexicon import lexicon
from archiver.core.text.metadata_text import is_person_name
from archiver.core.text.textfeatures import features, is_prose

MAX_WORDS = 60
# "Phil Helsel is a reporter for NBC News.": a sentence that opens with a name and says who that is.
# A name's words are matched possessively ("++"): what follows a word is a space, which no word holds, so giving
# characters back could never help; a capitalised sentence that is no bio then fails without backtracking.
_INTRODUCES = re.compile(r"^(?P<name>[A-Z][\w'’.-]++(?: [A-Z][\w'’.-]++){1,3})(?: \(@\w+\))? "
                         r"(?:is|was|has been|joined|covers|writes)\b")
ROLE_MAX_WORDS = 6  # "CBS Sports Writer" between the name and the bio
BOX_FROM = 0.5  # an author box sits in the second half of the page
BODY_WORDS = 30


def introduced_box(blocks: list[Block], kept: list[int], k: int) -> tuple[int, int] | None:
    """A box a heading introduces in any language: "About Jane Doe" / "Über Anna Schmidt" / "À propos de
    ...", a person's name after the lead, then the bio, on the same line after a colon ("About Jane Doe:
    Jane writes ...") or on the next kept line, which names her again. (first, last) positions in ``kept``."""
    lead = lexicon().author_box_lead.match(blocks[kept[k]].text.strip())
    if lead is None:
        return None
    name, colon, bio = lead.group("rest").partition(":")
    name = name.strip()
    if not is_person_name(name):
        return None
    if colon:
        return (k, k) if bio.strip() else None
    if k + 1 < len(kept) and name.split()[-1] in blocks[kept[k + 1]].text:
        return (k, k + 1)
    return None


def author_box(blocks: list[Block]) -> list[int]:
    """An author box under the article: a line with just the author's name, a role line or two, and a bio
    that opens with the same name ("Phil Helsel" / "Phil Helsel is a reporter for NBC News.").

    Structure, not a list of job titles: the name stands alone, then opens the bio. Only one such box, in
    the second half, with no article prose after it: a listicle of people repeats the pattern.
    """
    kept = [i for i, b in enumerate(blocks) if b.kept]
    boxes = []
    for k, i in enumerate(kept):
        introduced = introduced_box(blocks, kept, k)
        if introduced is not None:
            boxes.append(introduced)
            continue
        match = _INTRODUCES.match(blocks[i].text)
        if not match:
            continue
        for j in range(k - 1, max(k - 4, -1), -1):
            text = blocks[kept[j]].text
            if text == match.group("name"):
                boxes.append((j, k))
                break
            f = features(text)
            if f.words > ROLE_MAX_WORDS or f.terminal:
                break
    if len(set(boxes)) != 1:
        return []
    first, last = boxes[0]
    if first < BOX_FROM * len(kept):
        return []
    if any(is_prose(f) and f.words >= BODY_WORDS for f in (features(blocks[i].text) for i in kept[last + 1:])):
        return []
    return kept[first:last + 1]


class TrailerStage(Stage):
    name = rules.TRAILER
    version = 4
    description = "Drop copyright, contact ('Write to ... at'), print-edition note, citation lines and author boxes."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        out = list(blocks)
        end = ArticleEnd(blocks)
        for i, block in enumerate(blocks):
            if not block.kept or features(block.text).words > MAX_WORDS:
                continue
            category = lexicon().trailer_category(block.text)
            if category and not (category == "copyright" and end.closes(i)):
                out[i] = block.dropped(self.id, category)
        for i in author_box(out):
            out[i] = out[i].dropped(self.id, "author_box")
        return out

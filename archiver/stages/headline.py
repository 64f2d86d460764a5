"""Find the headline of a whole page when the head of the text gave none.

A whole page rendered to text starts with its menus, so the ``metadata`` stage, which reads the lines at the
top, finds no title there. Once the other stages have found where the article begins (its first kept paragraph
of prose), the headline is near above it: a title-like line (3 to 25 words, no sentence end, no link, list or
furniture marks, not a byline or a timestamp) among the few lines before the first paragraph, whatever verdict
they got. A candidate that the page's first lines repeat (a rendered ``<title>``, "Headline | Site") is taken
first; else the nearest one above the paragraph, past at most a byline, a date or a dek, and only below page
furniture (a clean body's short first line is no headline). Only ``metadata.title`` is set; the body is left
as it is. A title the head gave stands when its line is near the article; one taken from far above it (a whole
page's "Accessibility links" or site name) is replaced when a headline is found, and its line is left out as
``not_the_headline``.
"""

from __future__ import annotations

import re
from typing import Final

from archiver.lexicon import lexicon, norm, phrases_in
from archiver.model import Block
from archiver.pipeline import Context, Stage
from archiver.textfeatures import features, is_prose, words_of

WINDOW: Final = 8          # blocks above the first paragraph where the headline may stand
NEAREST: Final = 3         # without the page's title to confirm it, the headline stands this close
MIN_WORDS: Final = 3
MAX_WORDS: Final = 25
TITLE_OVERLAP: Final = 0.6  # share of a candidate's words that one of the page's first lines holds
FIRST_LINES: Final = 3
_MARKS: Final = re.compile(r"https?://|www\.|\]\(|\|")
_HEADING_MARK: Final = re.compile(r"^\s*#{1,6}\s+")
_FINAL_STAGES: Final = ("widgets", "trailer", "captions")  # near-certain furniture, never a headline


def is_title_like(text: str) -> bool:
    f = features(text)
    stripped = text.strip()
    if not MIN_WORDS <= f.words <= MAX_WORDS or _MARKS.search(stripped):
        return False
    if f.terminal and not stripped.endswith(("?", "!")):
        return False
    lex = lexicon()
    normed = norm(stripped)
    return not (lex.is_byline(stripped) or lex.has_date(stripped) or normed in lex.lines
                or phrases_in(normed) or lex.is_signoff(stripped))


def _furniture(block: Block) -> bool:
    """Dropped by a near-certain rule: never a headline."""
    verdict = block.dropped_by
    return verdict is not None and verdict[0].split(".")[0] in _FINAL_STAGES


def _overlap(candidate: str, line: str) -> float:
    words = {w.lower() for w in words_of(candidate)}
    if not words:
        return 0.0
    return len(words & {w.lower() for w in words_of(line)}) / len(words)


class HeadlineStage(Stage):
    name = "headline"
    version = 1
    description = ("On a whole page whose head gave no title: the title-like line just above the article's "
                   "first paragraph, preferring one the page's first lines repeat (its rendered <title>).")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        if ctx.extracted:
            return blocks
        first = next((i for i, b in enumerate(blocks) if b.kept and is_prose(features(b.text))), None)
        if first is None or first == 0:
            return blocks
        title = ctx.metadata.get("title")
        claimed = None  # the block the head's title came from, when it stands far above the article
        if title:
            claimed = next((i for i, b in enumerate(blocks) if not b.kept and title in b.text), None)
            if claimed is None or claimed >= first - WINDOW:
                return blocks  # a title right above the article, as the head of an article has it
        chosen = self._headline(blocks, first, claimed)
        if chosen is None:
            return blocks
        ctx.metadata["title"] = _HEADING_MARK.sub("", blocks[chosen].text.strip())
        if claimed is None:
            return blocks
        out = list(blocks)  # the line the head took for a title is page furniture far above the article
        out[claimed] = blocks[claimed].dropped(self.id, "not_the_headline")
        return out

    @staticmethod
    def _headline(blocks: list[Block], first: int, claimed: int | None) -> int | None:
        candidates = [i for i in range(max(0, first - WINDOW), first)
                      if i != claimed and is_title_like(blocks[i].text) and not _furniture(blocks[i])]
        if not candidates:
            return None
        page_lines = [b.text for b in blocks[:FIRST_LINES]]
        confirmed = [i for i in candidates
                     if any(_overlap(blocks[i].text, line) >= TITLE_OVERLAP for j, line in enumerate(page_lines)
                            if j != i)]
        if confirmed:
            return confirmed[-1]
        nearest = candidates[-1]
        furniture_above = any(not b.kept for b in blocks[:nearest])  # a page's head, not a clean body's subhead
        return nearest if nearest >= first - NEAREST and furniture_above else None

"""Find the headline, byline and date of a whole page when the head of the text gave none.

A whole page rendered to text starts with its menus, so the ``metadata`` stage, which reads the lines at the
top, finds no title there. Once the other stages have found where the article begins (its first kept paragraph
of prose), the headline is near above it: a title-like line (3 to 25 words, no sentence end, no link, list or
furniture marks, not a byline or a timestamp) among the few lines before the first paragraph, whatever verdict
they got. A candidate that the page's first lines repeat (a rendered ``<title>``, "Headline | Site") is taken
first; else the nearest one above the paragraph, past at most a byline, a date or a dek, and only below page
furniture (a clean body's short first line is no headline). A title the head gave stands when its line is
near the article; one taken from far above it (a whole page's "Accessibility links" or site name) is replaced
when a headline is found, and its line is left out as ``not_the_headline``.

The byline and the date are read from the short lines around the article's start in the same way, when the
head gave none; the body is left as it is, but for a byline read into ``metadata.authors``.
"""

from __future__ import annotations

import re
from typing import Final

from archiver.lexicon import lexicon, norm, phrases_in
from archiver.metadata_text import parse_authors, parse_date
from archiver.model import Block
from archiver.pipeline import Context, Stage
from archiver.textfeatures import features, is_prose, words_of

WINDOW: Final = 8          # blocks above the first paragraph where the headline may stand
NEAREST: Final = 3         # without the page's title to confirm it, the headline stands this close
MIN_WORDS: Final = 3
MAX_WORDS: Final = 25
TITLE_OVERLAP: Final = 0.6  # share of a candidate's words that one of the page's first lines holds
FIRST_LINES: Final = 3
AFTER: Final = 3            # a byline or date may stand under the lede, as well as above it
SHORT_LINE_WORDS: Final = 16
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
    version = 2
    description = ("On a whole page whose head gave no title, byline or date: the title-like line just above "
                   "the article's first paragraph (preferring one the page's first lines repeat, its rendered "
                   "<title>), and the byline and date among the short lines around the article's start.")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        if ctx.extracted:
            return blocks
        first = next((i for i, b in enumerate(blocks) if b.kept and is_prose(features(b.text))), None)
        if first is None or first == 0:
            return blocks
        out = list(blocks)
        self._title(out, first, ctx.metadata)
        self._byline_and_date(out, first, ctx.metadata)
        return out

    def _title(self, blocks: list[Block], first: int, md: dict) -> None:
        title = md.get("title")
        claimed = None  # the block the head's title came from, when it stands far above the article
        if title:
            claimed = next((i for i, b in enumerate(blocks) if not b.kept and title in b.text), None)
            if claimed is None or claimed >= first - WINDOW:
                return  # a title right above the article, as the head of an article has it
        chosen = self._headline(blocks, first, claimed)
        if chosen is None:
            return
        md["title"] = _HEADING_MARK.sub("", blocks[chosen].text.strip())
        if claimed is not None:  # the line the head took for a title is page furniture far above the article
            blocks[claimed] = blocks[claimed].dropped(self.id, "not_the_headline")

    def _byline_and_date(self, blocks: list[Block], first: int, md: dict) -> None:
        """The byline and the date the head did not give, from the short lines around the article's start
        (a whole page's head is its menu). A byline read is a line gone to ``metadata``: a kept one leaves
        the body, a dropped one's verdict says where it went (``metadata.authors``); a date line is only
        read (a kept one may be the article's own "Updated" note)."""
        lex = lexicon()
        for index in range(max(0, first - WINDOW), min(len(blocks), first + AFTER)):
            block = blocks[index]
            text = _HEADING_MARK.sub("", block.text.strip())
            f = features(text)
            if f.words > SHORT_LINE_WORDS or (is_prose(f) and index >= first):
                continue
            if not md.get("authors") and lex.is_byline(text):
                authors = parse_authors(text)  # the byline ends at "|", a date or a section: parse_byline
                if authors:
                    md["authors"] = authors
                    blocks[index] = block.dropped(self.id, "metadata.authors")
            if not md.get("date") and (lex.has_date(text) or lex.is_byline(text)):
                fact = parse_date(text)
                if fact and fact.iso:
                    md["date"], md["date_text"] = fact.iso, md.get("date_text") or fact.text

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

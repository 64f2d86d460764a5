"""Drop the page head above the article: everything up to the last byline or timestamp line.

News pages put title, dek, section links, share bars and the lead photo above
a byline ("By Jane Doe") or a timestamp, and the article starts after it. Only
lines before the body are searched: the search stops at the first long prose
paragraph (a single long dek right above the byline or timestamp is passed
over: it is head) or at the third line of prose (a headline that reads as a
sentence and a dek may come first), so a byline or date at the foot of an
article, or a reader comment's date below a post of short paragraphs, never
cuts into its body. A marker counts only when prose follows it soon: a post
that closes with "by Name at 09:53" has no head to drop.
"""

from __future__ import annotations

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.position import between_prose, next_kept
from archiver.core.text.lexicon import lexicon, norm, phrases_in
from archiver.core.text.textfeatures import features, is_prose

MARKER_MAX_WORDS = 20
BODY_START_WORDS = 30
DEK_LINES = 2  # prose lines the head may hold (a headline that reads as a sentence, a dek); a third starts the body
ARTICLE_WITHIN = 8  # kept lines after a marker within which the article's first prose line must come


def marker_kind(text: str) -> str | None:
    """'byline' or 'date' for a short head line that marks where the article begins."""
    f = features(text)
    if f.words > MARKER_MAX_WORDS or is_prose(f):
        return None
    lex = lexicon()
    if lex.is_signoff(text):
        return None  # "— Name (@handle) October 9, 2018" attributes a post quoted in the body
    if lex.is_byline(text):
        return "byline"
    if lex.has_date(text):
        return "date"
    return None


class HeadStage(Stage):
    name = rules.HEAD
    version = 5
    description = "Drop title, dek, section links and lead-photo lines above the last byline/date line."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        last_marker: int | None = None
        dek_seen = False
        prose_seen = 0
        for index, block in enumerate(blocks):
            if block.kept:
                f = features(block.text)
                if is_prose(f) and not _is_notice(block.text):
                    prose_seen += 1
                    if prose_seen > DEK_LINES:
                        break  # the body has begun: a byline or date below it is the article's foot
                    if f.words >= BODY_START_WORDS:
                        # A dek (one long summary line) may sit above the byline or date: the first such line
                        # right above a marker that opens the article is still the page head.
                        following = next_kept(blocks, index)
                        if dek_seen or following is None or not _opens_article(blocks, following):
                            break
                        dek_seen = True
                    continue
                if _opens_article(blocks, index):
                    last_marker = index
            elif _read_as_byline_or_date(block) and _article_follows(blocks, index):
                last_marker = index
        if last_marker is None:
            return blocks
        out = list(blocks)
        for index in range(last_marker + 1):
            if blocks[index].kept:
                rule = marker_kind(blocks[index].text) or "above_byline"
                out[index] = blocks[index].dropped(self.id, rule)
        return out


def _opens_article(blocks: list[Block], index: int) -> bool:
    """A kept byline or timestamp line that the article follows."""
    return _is_marker(blocks, index) and _article_follows(blocks, index)


def _article_follows(blocks: list[Block], index: int) -> bool:
    """A line of prose comes soon after the marker: the article starts below it. A byline or timestamp
    followed by nothing but short lines closes a post (a blog's "by X at 09:53", a comment's date)."""
    seen = 0
    for k in range(index + 1, len(blocks)):
        if not blocks[k].kept:
            continue
        if is_prose(features(blocks[k].text)):
            return True
        seen += 1
        if seen >= ARTICLE_WITHIN:
            return False
    return False


def _is_notice(text: str) -> bool:
    """A cookie, consent or newsletter notice: long prose, but the site's, not the article's first paragraph."""
    return bool(phrases_in(norm(text)))


def _is_marker(blocks: list[Block], index: int) -> bool:
    """A byline, or a timestamp that does not head a timeline entry between two paragraphs."""
    kind = marker_kind(blocks[index].text)
    return kind == "byline" or (kind == "date" and not between_prose(blocks, index))


def _read_as_byline_or_date(block: Block) -> bool:
    """The metadata stage already lifted this line as a byline or a timestamp."""
    fields = rules.metadata_fields(block)
    return bool({"authors", "date"} & set(fields)) and "title" not in fields

"""Where a line stands in the article: shared judgements of position for the boilerplate stages."""

from __future__ import annotations

from archiver.core.model import Block
from archiver.core.text.lexicon import lexicon
from archiver.core.text.textfeatures import features, is_prose


class ArticleEnd:
    """Whether a line directly follows the article's last paragraph (or its sign-off).

    A wire agency's notice or a picture credit right under the last paragraph
    ("© 2019 Associated Press. All Rights Reserved.", "© Reuters") is part of
    the article as published; the same line among the page's footer furniture,
    after a print note or a contact line, is not. "Last" means no later prose
    in the language of that paragraph (a foreign tail or a teaser list may follow).
    Made once per stage run: where each language's prose ends is found once, on
    first use, so asking about every line of a page stays linear.
    """

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._last_prose: dict[str, int] | None = None

    def last_prose(self, language: str) -> int:
        """Index of the last kept prose line whose function words are ``language``'s (-1: none)."""
        if self._last_prose is None:
            self._last_prose = {}
            for index, block in enumerate(self.blocks):
                if block.kept:
                    f = features(block.text)
                    if is_prose(f):
                        self._last_prose[f.stop_language] = index
        return self._last_prose.get(language, -1)

    def closes(self, i: int) -> bool:
        blocks = self.blocks
        if i == 0 or not blocks[i - 1].kept:
            return False
        lex = lexicon()
        k = i - 1
        attributed_post = False
        while k >= 0 and blocks[k].kept and lex.is_signoff(blocks[k].text):
            attributed_post = attributed_post or blocks[k].text[:1] in "—–―"
            k -= 1
        if attributed_post and k >= 0 and blocks[k].kept and not is_prose(features(blocks[k].text)):
            k -= 1  # "— Name (@handle) date" signs the embedded post above it: the article's paragraph is above
        if k < 0 or not blocks[k].kept:
            return False
        paragraph = features(blocks[k].text)
        return is_prose(paragraph) and self.last_prose(paragraph.stop_language) <= i  # none after i


def previous_kept(blocks: list[Block], i: int) -> int | None:
    """Index of the nearest kept line above line ``i`` (no list copies: asked per line)."""
    return next((k for k in range(i - 1, -1, -1) if blocks[k].kept), None)


def next_kept(blocks: list[Block], i: int) -> int | None:
    """Index of the nearest kept line below line ``i``."""
    return next((k for k in range(i + 1, len(blocks)) if blocks[k].kept), None)


def between_prose(blocks: list[Block], i: int) -> bool:
    """The kept lines on both sides of line ``i`` are prose: a date there heads a timeline entry of the body,
    not the article (a page head's timestamp sits among a title, a byline and short lines)."""
    before, after = previous_kept(blocks, i), next_kept(blocks, i)
    return (before is not None and after is not None
            and is_prose(features(blocks[before].text)) and is_prose(features(blocks[after].text)))

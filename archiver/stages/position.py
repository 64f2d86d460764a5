"""Where a line stands in the article: shared judgements of position for the boilerplate stages."""

from __future__ import annotations

from archiver.lexicon import lexicon
from archiver.model import Block
from archiver.textfeatures import features, is_prose


def closes_article(blocks: list[Block], i: int) -> bool:
    """Does line ``i`` directly follow the article's last paragraph (or its sign-off)?

    A wire agency's notice or a picture credit right under the last paragraph
    ("© 2019 Associated Press. All Rights Reserved.", "© Reuters") is part of
    the article as published; the same line among the page's footer furniture,
    after a print note or a contact line, is not. "Last" means no later prose
    in the language of that paragraph (a foreign tail or a teaser list may follow).
    """
    if i == 0 or not blocks[i - 1].kept:
        return False
    lex = lexicon()
    k = i - 1
    attributed_post = False
    while k >= 0 and blocks[k].kept and lex.is_signoff(blocks[k].text):
        attributed_post = attributed_post or blocks[k].text[:1] in "—–―"
        k -= 1
    if attributed_post and k >= 0 and blocks[k].kept and not is_prose(features(blocks[k].text)):
        k -= 1  # "— Name (@handle) date" signs the embedded post above it: the article's paragraph is above that
    if k < 0 or not blocks[k].kept:
        return False
    paragraph = features(blocks[k].text)
    if not is_prose(paragraph):
        return False
    for later in blocks[i + 1:]:
        if later.kept:
            f = features(later.text)
            if is_prose(f) and f.stop_language == paragraph.stop_language:
                return False
    return True

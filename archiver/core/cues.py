"""The cues stages share: a test of a line or a document that more than one stage reads.

A stage keeps to itself what only it decides. What two stages ask of the same line (is it a short timestamp,
a picture credit, a caption carrying one; which language holds most of the document; the marker the
placeholder repair writes) lives here, so a stage never imports another stage and changing one stage cannot
silently change another (``tests/test_layout.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

from archiver.core.memo import line_memo, remember
from archiver.core.model import Block
from archiver.core.text.lexicon import lexicon, norm
from archiver.core.text.textfeatures import features, is_prose

# The placeholders stage writes this where a page hid an address ("[email protected]"); widgets knows it as
# the page's own text, not a widget.
EMAIL_MARKER: Final = "[email]"

# A date line: a short timestamp, not prose (region and cards read it).
DATE_LINE_WORDS: Final = 14
_DATE_LINE_MEMO: Final[dict[str, bool]] = line_memo()


def is_date_line(text: str) -> bool:
    """A short timestamp line; asked of every line by region (twice) and cards, so remembered."""
    found = _DATE_LINE_MEMO.get(text)
    return found if found is not None else remember(_DATE_LINE_MEMO, text, _is_date_line(text))


def _is_date_line(text: str) -> bool:
    f = features(text)
    return f.words <= DATE_LINE_WORDS and not is_prose(f) and lexicon().has_date(text)


# Picture credits and the captions that carry one (captions drops them; metadata keeps them out of a title).
CREDIT_MAX_WORDS = 14
CAPTION_MAX_WORDS = 60
SOURCE_NOTE_CAPS = 0.6
_LABELLED = re.compile(r"^\(?\s*[\w ]{1,24}?:\s*\S")
_PAREN_LINE = re.compile(r"^\(([^()]{2,160})\)$")
_TRAILING_CREDIT = re.compile(
    r"(?:\((?:image|photo|picture|credit|foto|source|fonte|fuente|quelle|фото)s?\b[^()]{0,120}\)"
    r"|\b(?:credit|photo|image|photograph)s?\s*(?::|\.\.\.|…)\s*[^.!?]{2,100}\.?)\s*$",
    re.IGNORECASE,
)
TAIL_CHARS = 240  # longer than any match of the two trailing patterns below
_TRAILING_PAREN = re.compile(r"\(([^()]{2,120})\)\s*$")
_SOURCE_SEPARATORS = re.compile(r"\s?[/|]\s?")
_CAPTION_LEAD = re.compile(r"^(?:above|below|pictured|top|left|right|main image|inset)\s*:", re.IGNORECASE)
_ENDS_WITH_IMAGES = re.compile(r"Images$")
# The last sentence end that a capitalised word follows (greedy: the last one), and what comes after it.
_LAST_SENTENCE_END = re.compile(r".*\w{2}[.!?][\"”’)]?\s?(?P<credit>[A-Z].*)$")


def is_credit(text: str) -> bool:
    f = features(text)
    if f.words > CREDIT_MAX_WORDS or f.words == 0:
        return False
    normed = norm(text)
    lex = lexicon()
    if lex.prefix_category(normed) == "credit" and _LABELLED.match(text):
        return True
    paren = _PAREN_LINE.match(text)
    if paren:
        return is_source_note(paren.group(1))
    if f.terminal:
        return False
    if _ENDS_WITH_IMAGES.search(text) and f.words <= 6:
        return True
    return lex.names_credit(text) and (bool(_SOURCE_SEPARATORS.search(text)) or f.capitalised >= 0.6)


def is_source_note(inner: str) -> bool:
    """The inside of "(Max Becherer for The Washington Post)" or "(NASA/JPL/Space Science Institute)"."""
    if lexicon().names_credit(inner):
        return True
    return ("/" in inner or " for " in inner) and features(inner).capitalised >= SOURCE_NOTE_CAPS


def ends_in_credit(text: str) -> bool:
    """A caption whose credit follows its last sentence, often with the space lost: "... on July 25,
    2019.J. Scott Applewhite / AP file", "... earnings. Photograph by Robyn Beck/AFP/Getty Images"."""
    if features(text).terminal:
        return False  # a credit has no full stop: most lines end here
    tail = text[-TAIL_CHARS:]
    if "." not in tail and "!" not in tail and "?" not in tail:
        return False  # no sentence end for a credit to follow (the regex would try every position to learn it)
    boundary = _LAST_SENTENCE_END.match(tail)
    return boundary is not None and features(boundary.group("credit")).words >= 2 \
        and is_credit(boundary.group("credit"))


def is_captioned_line(text: str) -> bool:
    """A caption that carries its own credit at the end, or opens with 'Above:'."""
    if features(text).words > CAPTION_MAX_WORDS:
        return False
    if ":" in text and _CAPTION_LEAD.match(text):  # the lead ends in a colon: most lines hold none
        return True
    if ends_in_credit(text):
        return True
    tail = text[-TAIL_CHARS:]  # both patterns end the line and are shorter: the same answer, far less scanning
    ends_in_parenthesis = tail.rstrip().endswith(")")
    if not ends_in_parenthesis:
        lowered = tail.lower()
        if "credit" not in lowered and "photo" not in lowered and "image" not in lowered:
            return False  # neither trailing form can match
    if _TRAILING_CREDIT.search(tail):
        return True
    paren = _TRAILING_PAREN.search(tail)
    return paren is not None and is_source_note(paren.group(1))


def majority_language(blocks: list[Block]) -> str:
    """The language of most characters among kept, determined blocks ('und' if none)."""
    chars: Counter[str] = Counter()
    for block in blocks:
        if block.kept and block.lang and block.lang.language != "und":
            chars[block.lang.language] += len(block.text)
    if not chars:
        return "und"
    return max(chars.items(), key=lambda kv: (kv[1], kv[0]))[0]


_HEADING_MARK: Final = re.compile(r"^\s*#{1,6}\s+")


def title_text(text: str) -> str:
    """A line as its words: without a markdown heading mark ("## "), as html2text renders <h1>-<h6>."""
    return _HEADING_MARK.sub("", text.strip())

"""Drop photo and video credits, and the captions they sit under.

A credit is a short line that names a picture source: "Photo: Reuters",
"Jane Doe/Getty Images", "(Max Becherer for The Washington Post)", or a
caption ending in one ("... last week. (Image: GETTY)", "... earnings.
Photograph by Robyn Beck/AFP/Getty Images"). A line glued to a
credit with no blank line between them is that picture's caption. A credit
right under the article's last paragraph is the article's own closing line
and stays (see ``position.ArticleEnd``).

A video's credit is its presenter: "Dow Jones's Benoit Faucon analyzes the
tensions." (a newsroom's reporter and a present-tense reporting verb, which
a news article's own sentences, in the past tense or with "says", do not
use). That blurb goes, and so do the one or two short lines of the same video
module above it when they open with a headline (a line with no sentence end)
set in the body: the module's title and teaser.
"""

from __future__ import annotations

import re

from archiver.lexicon import lexicon, norm
from archiver.model import Block
from archiver.pipeline import Context, Stage
from archiver.stages.position import ArticleEnd, previous_kept
from archiver.textfeatures import features, is_prose

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
# "Above, officials attend ...": a caption's pointer to its picture, at a sentence start.
_PICTURE_POINTER = re.compile(r"(?:^|[.!?]\s+)(?:Above|Below|Pictured|Left|Right|From left|Top|Bottom)[,:]\s")
_ENDS_WITH_IMAGES = re.compile(r"Images$")
# The last sentence end that a capitalised word follows (greedy: the last one), and what comes after it.
_LAST_SENTENCE_END = re.compile(r".*\w{2}[.!?][\"”’)]?\s?(?P<credit>[A-Z].*)$")
VIDEO_MODULE_LINES = 2  # lines above a video's blurb that may be its title and teaser
VIDEO_LINE_MAX_WORDS = 40
# A headline quoting its source ends on the closing quote ('... "will not remain open for ever"'); a sentence's
# full stop would come before it.
_QUOTE_WITHOUT_STOP = re.compile(r"[^\W\d_][\"”’»]$")


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


class CaptionsStage(Stage):
    name = "captions"
    version = 3
    description = ("Drop photo/video credits and captions (lines glued to a credit or ending in one), and video "
                   "blurbs (a newsroom reporter presents) with their module's title.")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        end = ArticleEnd(blocks)
        out = list(blocks)
        previous: int | None = None
        after_credit = False
        for i, block in enumerate(blocks):
            if not block.kept:
                continue
            if after_credit and features(block.text).words <= CAPTION_MAX_WORDS \
                    and _PICTURE_POINTER.search(block.text):
                out[i] = block.dropped(self.id, "caption")
                after_credit = False
                previous = i
                continue
            after_credit = is_credit(block.text) and not end.closes(i)
            if after_credit:
                out[i] = block.dropped(self.id, "credit")
                if previous is not None and not block.gap_before and out[previous].kept \
                        and features(out[previous].text).words <= CAPTION_MAX_WORDS \
                        and not lexicon().is_signoff(out[previous].text):
                    out[previous] = out[previous].dropped(self.id, "caption")
            elif is_captioned_line(block.text) and not (features(block.text).words <= CREDIT_MAX_WORDS
                                                         and end.closes(i)):
                out[i] = block.dropped(self.id, "caption")
            previous = i
        return self._drop_video_modules(out)

    def _drop_video_modules(self, blocks: list[Block]) -> list[Block]:
        lex = lexicon()
        out = blocks
        for i, block in enumerate(blocks):
            if not block.kept or features(block.text).words > CAPTION_MAX_WORDS \
                    or not lex.presents_video(block.text):
                continue
            if out is blocks:
                out = list(blocks)
            start = video_module_start(blocks, i)
            for k in range(start, i + 1):
                if blocks[k].kept:
                    out[k] = blocks[k].dropped(self.id, "video_blurb")
        return out


def video_module_start(blocks: list[Block], blurb: int) -> int:
    """The first line of the video module that ends in the blurb at ``blurb``: the topmost of up to
    VIDEO_MODULE_LINES short lines right above it that is a headline set below a paragraph; else the blurb."""
    above: list[int] = []
    k = previous_kept(blocks, blurb)
    while k is not None and len(above) < VIDEO_MODULE_LINES \
            and features(blocks[k].text).words <= VIDEO_LINE_MAX_WORDS:
        above.append(k)
        k = previous_kept(blocks, k)
    for k in reversed(above):  # topmost first
        before = previous_kept(blocks, k)
        if has_no_sentence_end(blocks[k].text) and before is not None and is_prose(features(blocks[before].text)):
            return k
    return blurb


def has_no_sentence_end(text: str) -> bool:
    return not features(text).terminal or bool(_QUOTE_WITHOUT_STOP.search(text))

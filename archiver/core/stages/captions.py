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

from archiver.core import rules
from archiver.core.cues import CAPTION_MAX_WORDS, CREDIT_MAX_WORDS, is_captioned_line, is_credit
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.position import ArticleEnd, previous_kept
from archiver.core.text.lexicon import lexicon
from archiver.core.text.textfeatures import features, is_prose

# "Above, officials attend ...": a caption's pointer to its picture, at a sentence start.
_PICTURE_POINTER = re.compile(r"(?:^|[.!?]\s+)(?:Above|Below|Pictured|Left|Right|From left|Top|Bottom)[,:]\s")
VIDEO_MODULE_LINES = 2  # lines above a video's blurb that may be its title and teaser
VIDEO_LINE_MAX_WORDS = 40
# A headline quoting its source ends on the closing quote ('... "will not remain open for ever"'); a sentence's
# full stop would come before it.
_QUOTE_WITHOUT_STOP = re.compile(r"[^\W\d_][\"”’»]$")



class CaptionsStage(Stage):
    name = rules.CAPTIONS
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

"""Drop a trailing run of lines in another language or script, or of hashtags and handles.

Scrapes often end with a slogan, a promo line or hashtags in another
language (a Persian slogan under an English article). Such a run at the very
end leaves the body, recorded with its language. A foreign line inside the
body (a quotation, a bilingual caption) is not a tail and stays, as its own
language segment; so does anything in a document's own language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from archiver.core import rules
from archiver.core.cues import majority_language
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.text.langid import family, identify, probability_of
from archiver.core.text.scripts import dominant_script
from archiver.core.text.textfeatures import features

MAX_TAIL_SHARE = 0.8      # a "tail" that is nearly the whole text is not a tail
MAX_OWN_LANGUAGE = 0.05   # a Latin line is foreign when the model gives the document's language less
MIN_LETTERS = 20
_TOKEN = re.compile(r"\S+")


def _is_tag(token: str) -> bool:
    """#tag, @handle, or a tag written right-to-left (word#). Plain string tests: linear time."""
    if token[:1] in "#@":
        return len(token) > 1 and (token[1].isalnum() or token[1] == "_")
    return token.endswith("#") and len(token) > 1 and (token[-2].isalnum() or token[-2] == "_")


def is_hashtag_line(text: str) -> bool:
    """Most of the line's tokens are hashtags or @handles."""
    tokens = [t for t in _TOKEN.findall(text) if t not in {"#", "@", "،", ",", "|", "·"}]
    if not tokens:
        return False
    tags = sum(1 for t in tokens if _is_tag(t))
    return tags * 2 >= len(tokens)


class ForeignTailStage(Stage):
    name = rules.FOREIGN_TAIL
    version = 2
    description = "Drop trailing lines in another language or script than the document's, or hashtag lines."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        kept = [i for i, b in enumerate(blocks) if b.kept]
        document = lead_language(blocks[i] for i in kept)
        body_script = _main_script(blocks)
        tail: list[tuple[int, str]] = []
        pending: int | None = None  # an undecided line, part of the tail if a tail line stands above it
        for index in reversed(kept):
            block = blocks[index]
            if is_hashtag_line(block.text):
                rule = "hashtags"
            elif block.lang and self._is_foreign(block, document, body_script):
                rule = "foreign_language"
            elif pending is None and tail and _is_undecided(block.text, document):
                pending = index
                continue
            else:
                break
            if pending is not None:
                tail.append((pending, "foreign_language"))
                pending = None
            tail.append((index, rule))
        if not tail:
            return blocks
        tail_chars = sum(len(blocks[i].text) for i, _ in tail)
        body_chars = sum(len(blocks[i].text) for i in kept)
        if tail_chars > MAX_TAIL_SHARE * body_chars:
            return blocks
        out = list(blocks)
        for index, rule in tail:
            out[index] = blocks[index].dropped(self.id, rule)
        return out

    @staticmethod
    def _is_foreign(block: Block, document: str | None, body_script: str) -> bool:
        tag = block.lang
        assert tag is not None
        if tag.script not in (body_script, "Zyyy") and tag.language != document:
            return True
        if tag.language == "und" and tag.script == body_script:
            tag = identify(block.text, min_letters=MIN_LETTERS)  # a short line at the very end: look closer
        if not document or document == "und" or tag.language == "und" or tag.language in family(document):
            return False
        if dominant_script(block.text).letters < MIN_LETTERS:
            return False
        return probability_of(block.text, document) < MAX_OWN_LANGUAGE


UNDECIDED_MAX_CHARS = 80


def _is_undecided(text: str, document: str | None) -> bool:
    """A short line with none of the document's function words ("in § 630f BGB – Arztakte"): too little
    text for the model either way. Between two tail lines (one above it, one below) it is the tail's."""
    f = features(text)
    return len(text) <= UNDECIDED_MAX_CHARS and f.stop_language != document


def lead_language(blocks: Iterable[Block]) -> str:
    """The language of the first half of the body: what a tail is foreign to.

    Not the majority language: a long foreign tail under a short article must
    not turn the article itself into the foreign part.
    """
    chosen = [b for b in blocks if b.lang]
    half = sum(len(b.text) for b in chosen) / 2
    lead: list[Block] = []
    size = 0
    for block in chosen:
        if size >= half:
            break
        lead.append(block)
        size += len(block.text)
    return majority_language(lead)


def _main_script(blocks: list[Block]) -> str:
    chars: dict[str, int] = {}
    for block in blocks:
        if block.kept and block.lang:
            chars[block.lang.script] = chars.get(block.lang.script, 0) + len(block.text)
    return max(chars.items(), key=lambda kv: (kv[1], kv[0]))[0] if chars else "Zyyy"

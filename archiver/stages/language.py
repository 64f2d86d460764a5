"""Tag every kept block with its language and script; set the document's language.

Scripts decide first (Hangul is Korean, a Persian letter makes Arabic script
Persian). The statistical model runs once on a sample of the document, then
only on blocks that may differ from it: a block whose function words point to
the document's language and whose script is the document's inherits the
document's tag without a model call ("language ID only where it can change a
decision"). Short interface lines are ``und``.
"""

from __future__ import annotations

from collections import Counter

from archiver.langid import MIN_LETTERS, family, identify
from archiver.model import Block, LanguageTag
from archiver.pipeline import Context, Stage
from archiver.scripts import dominant_script
from archiver.textfeatures import features

SAMPLE_CHARS = 400
SHORTCUT_DENSITY = 0.2
LONG_SHORTCUT_DENSITY = 0.1  # a longer line needs fewer function words to show its language
LONG_SHORTCUT_WORDS = 10


class LanguageStage(Stage):
    name = "language"
    version = 2
    description = "Tag kept blocks with language (ISO 639-1 or und) and script; set the document language."

    def __init__(self, shortcut: bool = True) -> None:
        self.shortcut = shortcut

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        kept = [b for b in blocks if b.kept]
        if not kept:
            ctx.language = "und"
            return blocks
        document = self._document_tag(kept)
        out = [b.tagged(self._tag(b.text, document)) if b.kept else b for b in blocks]
        ctx.language = majority_language(out)
        return out

    @staticmethod
    def _document_tag(kept: list[Block]) -> LanguageTag:
        """One model call on the longest blocks: the language most of the text is in."""
        sample: list[str] = []
        size = 0
        for block in sorted(kept, key=lambda b: (-len(b.text), b.raw_start)):
            sample.append(block.text)
            size += len(block.text)
            if size >= SAMPLE_CHARS:
                break
        return identify("\n".join(sample)[:SAMPLE_CHARS])  # the model's cost grows with its input

    def _tag(self, text: str, document: LanguageTag) -> LanguageTag:
        if self.shortcut and document.language != "und":
            script = dominant_script(text)
            f = features(text)
            if script.script == document.script and script.letters >= MIN_LETTERS \
                    and f.stop_language == document.language and (
                        f.stop_density >= SHORTCUT_DENSITY
                        or (f.stop_density >= LONG_SHORTCUT_DENSITY and f.words >= LONG_SHORTCUT_WORDS)):
                return document
        tag = identify(text)
        if tag.language != document.language and tag.language in family(document.language):
            # A sister language of the document's (Malay in an Indonesian text): the document's.
            return LanguageTag(document.language, tag.script, tag.confidence)
        return tag


def majority_language(blocks: list[Block]) -> str:
    """The language of most characters among kept, determined blocks ('und' if none)."""
    chars: Counter[str] = Counter()
    for block in blocks:
        if block.kept and block.lang and block.lang.language != "und":
            chars[block.lang.language] += len(block.text)
    if not chars:
        return "und"
    return max(chars.items(), key=lambda kv: (kv[1], kv[0]))[0]

"""Tag every kept block with its language and script; set the document's language.

Scripts decide first (Hangul is Korean, a Persian letter makes Arabic script
Persian). The statistical model runs once on a sample of the document, then
only on blocks that may differ from it: a block whose function words point to
the document's language and whose script is the document's inherits the
document's tag without a model call ("language ID only where it can change a
decision"). Short interface lines are ``und``.
"""

from __future__ import annotations

import bisect

from archiver.core import rules
from archiver.core.cues import majority_language
from archiver.core.model import Block, LanguageTag
from archiver.core.pipeline import Context, Stage
from archiver.core.text.langid import MIN_LETTERS, by_function_words, family, identify
from archiver.core.text.scripts import SCRIPT_LANGUAGE, dominant_script
from archiver.core.text.textfeatures import features

SAMPLE_CHARS = 400
SHORTCUT_DENSITY = 0.2
LONG_SHORTCUT_DENSITY = 0.1  # a longer line needs fewer function words to show its language
LONG_SHORTCUT_WORDS = 10
INHERIT_MAX_CHARS = 120
OTHER_WORDS = 2


class LanguageStage(Stage):
    name = rules.LANGUAGE
    version = 3
    description = "Tag kept blocks with language (ISO 639-1 or und) and script; set the document language."

    def __init__(self, shortcut: bool = True) -> None:
        self.shortcut = shortcut

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        kept = [i for i, b in enumerate(blocks) if b.kept]
        if not kept:
            ctx.language = "und"
            return blocks
        document = self._document_tag([blocks[i] for i in kept])
        tags = {i: self._quick_tag(blocks[i].text, document) for i in kept}
        if self.shortcut:
            self._inherit_between(blocks, kept, tags, document)
        out = list(blocks)
        for i in kept:
            out[i] = blocks[i].tagged(tags[i] or self._model_tag(blocks[i].text, document))
        ctx.language = majority_language(out)
        return out

    def _quick_tag(self, text: str, document: LanguageTag) -> LanguageTag | None:
        """The tag when no model call is needed (script, too few letters, the shortcut); else None."""
        script = dominant_script(text)
        if script.letters < MIN_LETTERS or script.script in SCRIPT_LANGUAGE or script.script == "Arab":
            return identify(text)  # decided by the script, or too short to decide: no model call
        if self.shortcut and document.language != "und" and script.script == document.script:
            f = features(text)
            if f.stop_language == document.language and (
                    f.stop_density >= SHORTCUT_DENSITY
                    or (f.stop_density >= LONG_SHORTCUT_DENSITY and f.words >= LONG_SHORTCUT_WORDS)):
                return document
        return None

    @staticmethod
    def _inherit_between(blocks: list[Block], kept: list[int], tags: dict[int, LanguageTag | None],
                         document: LanguageTag) -> None:
        """A short line with at most one function word of another language, between lines of the document's,
        is in that language: a list item or heading is too little text for the model (which calls a list
        of country names Welsh)."""
        decided = [i for i in kept if (tag := tags[i]) is not None and tag.language != "und"]
        for i in kept:
            if tags[i] is not None or len(blocks[i].text) > INHERIT_MAX_CHARS:
                continue
            f = features(blocks[i].text)
            if f.stop_language not in ("", document.language) and f.stop_density * f.words >= OTHER_WORDS:
                continue  # two function words of another language: let the model judge
            at = bisect.bisect_left(decided, i)  # i itself is undecided, so decided[at] comes after it
            if 0 < at < len(decided) and tags[decided[at - 1]] is document and tags[decided[at]] is document:
                tags[i] = document

    @staticmethod
    def _document_tag(kept: list[Block]) -> LanguageTag:
        """The language of the longest blocks: by their function words when those leave no doubt, else one
        model call."""
        sample: list[str] = []
        size = 0
        for block in sorted(kept, key=lambda b: (-len(b.text), b.raw_start)):
            sample.append(block.text)
            size += len(block.text)
            if size >= SAMPLE_CHARS:
                break
        text = "\n".join(sample)[:SAMPLE_CHARS]  # the model's cost grows with its input
        return by_function_words(text) or identify(text)

    @staticmethod
    def _model_tag(text: str, document: LanguageTag) -> LanguageTag:
        tag = identify(text)
        if tag.language != document.language and tag.language in family(document.language):
            # A sister language of the document's (Malay in an Indonesian text): the document's.
            return LanguageTag(document.language, tag.script, tag.confidence)
        return tag

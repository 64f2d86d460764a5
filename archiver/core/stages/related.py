"""Drop blocks of other stories: a header ("Related", "Most read", ...) and the teasers under it.

Teasers are headline lines, headline plus a teaser ending in an ellipsis, or
headlines with a date in parentheses. The block ends at the first line that
reads as the article again: prose that is long, or followed by more prose.

Without a header:
- three or more dated, ellipsis or glued teasers in a run are a block, and a
  short title right above a teaser belongs to the run (a card);
- headlines glued to their teasers (the space between them lost) go wherever
  they stand when a page holds two or more;
- four or more headline lines are a block when they do not share one template
  (a list in the article repeats a pattern: "England (Group A): 10th"), are
  not introduced by a line ending in a colon, and are capitalised like
  headlines (title case or names; six or more sentence-case headlines need a
  capital or two each, where a bullet list has only its first word's).
"""

from __future__ import annotations

import re
from collections import Counter

from archiver.core import rules
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.text.lexicon import lexicon, norm
from archiver.core.text.linescan import lines_matching
from archiver.core.text.textfeatures import LineFeatures, features, is_prose
from archiver.core.text.textfeatures import skeleton as punctuation_skeleton

HEADER_MAX_WORDS = 8
LONG_PROSE_WORDS = 25
MIN_HEADERLESS_RUN = 3
MIN_GLUED_CARDS = 2
MIN_HEADLINE_RUN = 4
HEADLINE_WORDS = (4, 16)
HEADLINE_CAPS = 0.35  # headlines are title case or full of names; bullet points are not
LONG_HEADLINE_RUN = 6
HEADLINE_CAPS_LONG = 0.2  # a long run needs less: sentence-case headlines have a capital or two each
_URL = re.compile(r"https?://|www\.")
# A lower-case letter, a digit ("250,000The") or a closing mark, then a capitalised word the space before which
# was lost.
_GLUED_JOINT = re.compile(r"[a-z0-9?!'’\")](?=[A-Z][a-z]*\s)")
# The same joints, found from the capital: capitals are rarer than lower-case letters, so the look-behind
# runs about a third as often (0.14 against 0.39 ms on a 10 KB document).
_GLUED_CAPITAL = re.compile(r"[A-Z](?<=[a-z0-9?!'’\")][A-Z])(?=[a-z]*\s)")
_HEAD_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'’-")
GLUED_HEAD_LETTERS = 5  # the headline's last word before the joint: not "Mc", "Mac", "Air"
GLUED_TEASER_MAX_CHARS = 600
GLUED_HEAD_WORDS = 4
HEADLINE_CAPS_GLUED = 0.8
GLUED_TEASER_WORDS = 8
GLUED_TEASER_DENSITY = 0.2
_DATED = re.compile(  # "(March 15)", "(Feb. 29, 2016)", "(15 March)", "(15.03.2016)" at the line end
    r"\((?:\w{3,9}\.? \d{1,2}(?:, \d{4})?|\d{1,2} \w{3,9}\.?(?: \d{4})?"
    r"|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)\)$"
)


def is_header(text: str) -> bool:
    f = features(text)
    return 0 < f.words <= HEADER_MAX_WORDS and not f.terminal and lexicon().is_header(norm(text))


def is_teaser(text: str, f: LineFeatures) -> bool:
    """A line that looks like a link to another story by its end: a date in parentheses or an ellipsis
    (a headline glued to its teaser is found apart, with one scan of the document)."""
    dated = text.endswith(")") and bool(_DATED.search(text))
    return dated or (f.ellipsis and f.words <= 40)


def is_glued_teaser(text: str) -> bool:
    """A title-cased headline glued to its teaser sentence, the space lost between them
    ("Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left ...")."""
    if len(text) > GLUED_TEASER_MAX_CHARS:
        return False  # a teaser is short; and every check below stays linear in the line
    for joint in _GLUED_CAPITAL.finditer(text):  # _GLUED_JOINT's joints, each found from its capital
        end = joint.start()  # where the capital starts
        if text[end - 1].islower():
            start = end
            while start > 0 and end - start < GLUED_HEAD_LETTERS and text[start - 1] in _HEAD_WORD_CHARS:
                start -= 1
            if end - start < GLUED_HEAD_LETTERS:
                continue  # "McPherson", "MacBook", "AirPods": too short a word before the joint
        words = text[:end].split()
        if len(words) < GLUED_HEAD_WORDS:
            continue
        if sum(w[:1].isupper() or w[:1].isdigit() for w in words) < HEADLINE_CAPS_GLUED * len(words):
            continue
        teaser = features(text[end:])
        if teaser.words >= GLUED_TEASER_WORDS and teaser.stop_density >= GLUED_TEASER_DENSITY:
            return True
    return False


def is_card_title(f: LineFeatures) -> bool:
    """A short unpunctuated line right above a teaser: that teaser's headline ("Bonuses of May")."""
    return not f.terminal and 0 < f.words <= HEADLINE_WORDS[1]


def is_headline(text: str, f: LineFeatures) -> bool:
    return (not f.terminal and HEADLINE_WORDS[0] <= f.words <= HEADLINE_WORDS[1] and f.numeric < 0.3
            and not (("://" in text or "www." in text) and _URL.search(text)))  # the regex only on a candidate


def is_template_list(texts: list[str]) -> bool:
    """Most lines share one non-empty punctuation skeleton: a list of like items, not links."""
    skeletons = Counter(punctuation_skeleton(t) for t in texts)
    skeleton, count = skeletons.most_common(1)[0]
    return bool(skeleton) and count * 2 >= len(texts)


class _Lines:
    """The kept lines and their flags, each line judged once (a line is in up to three candidate runs; the
    runs only count flags)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.kept = [i for i, b in enumerate(blocks) if b.kept]
        self.texts = [blocks[i].text for i in self.kept]
        self.feats = [features(t) for t in self.texts]
        self.header = [is_header(t) for t in self.texts]
        short = [i for i, t in enumerate(self.texts) if len(t) <= GLUED_TEASER_MAX_CHARS]
        joints = {short[k] for k in lines_matching(_GLUED_CAPITAL, [self.texts[i] for i in short])}  # one scan
        self.glued = [i in joints and is_glued_teaser(t) for i, t in enumerate(self.texts)]
        self.teaser = [g or is_teaser(t, f) for g, t, f in zip(self.glued, self.texts, self.feats, strict=True)]
        self.headline = [is_headline(t, f) for t, f in zip(self.texts, self.feats, strict=True)]


def header_block_end(lines: _Lines, pos: int) -> int:
    """A "Related" header at ``pos`` heads the lines under it until the article resumes: where they end
    (``pos`` when no header stands there)."""
    if not lines.header[pos]:
        return pos
    end = pos + 1
    while end < len(lines.kept) and not RelatedStage._article_resumes(lines.feats, end):
        end += 1
    return end


def teaser_run_end(lines: _Lines, pos: int) -> int:
    """A run of teasers with no header (a card's title may stand above its teaser): where it ends, when it
    holds enough teasers (``pos`` otherwise)."""
    run, teasers = pos, 0
    n = len(lines.kept)
    while run < n and (lines.teaser[run] or (run + 1 < n and lines.teaser[run + 1]
                                             and is_card_title(lines.feats[run]))):
        teasers += lines.teaser[run]
        run += 1
    return run if teasers >= MIN_HEADERLESS_RUN else pos


def headlines_end(lines: _Lines, pos: int) -> int:
    """Where the run of headline-like lines from ``pos`` ends."""
    run = pos
    while run < len(lines.kept) and lines.headline[run]:
        run += 1
    return run


class RelatedStage(Stage):
    name = rules.RELATED
    version = 5
    description = ("Drop 'Related'/'Most read' headers with their teasers, headerless teaser runs and headlines "
                   "glued to their teasers.")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        out = list(blocks)
        lines = _Lines(blocks)
        pos = 0
        while pos < len(lines.kept):
            end = header_block_end(lines, pos)
            if end > pos:
                self._drop(out, lines, pos, pos + 1, rules.RELATED_HEADER)
                self._drop(out, lines, pos + 1, end, "teaser")
                pos = end
                continue
            end = teaser_run_end(lines, pos)
            if end > pos:
                self._drop(out, lines, pos, end, "teaser_run")
                pos = end
                continue
            end = headlines_end(lines, pos)
            if end - pos >= MIN_HEADLINE_RUN and self._is_headline_run(lines.texts, lines.feats, pos, end):
                self._drop(out, lines, pos, end, "headline_run")
                pos = end
            else:
                pos = max(end, pos + 1)
        # Headlines glued to their teasers, two or more in a page, are link cards even apart: article text does
        # not run a title-cased headline into a sentence without a space. One alone may be a sentence opening
        # with capitalised words and a glued name ("6A: Wichita North's MiguelBernal took home first").
        if sum(lines.glued) >= MIN_GLUED_CARDS:
            for p, is_glued in enumerate(lines.glued):
                if is_glued and out[lines.kept[p]].kept:
                    out[lines.kept[p]] = out[lines.kept[p]].dropped(self.id, "glued_teaser")
        return out

    def _drop(self, out: list[Block], lines: _Lines, start: int, end: int, rule: str) -> None:
        for p in range(start, end):
            out[lines.kept[p]] = out[lines.kept[p]].dropped(self.id, rule)

    @staticmethod
    def _is_headline_run(texts: list[str], feats: list[LineFeatures], start: int, end: int) -> bool:
        # "Here is what to do:" above (or as the first line of) the run introduces a list of the article.
        if (start > 0 and texts[start - 1].endswith(":")) or texts[start].endswith(":"):
            return False
        if is_template_list(texts[start:end]):
            return False
        caps = HEADLINE_CAPS if end - start < LONG_HEADLINE_RUN else HEADLINE_CAPS_LONG
        return sum(feats[p].capitalised for p in range(start, end)) >= caps * (end - start)

    @staticmethod
    def _article_resumes(feats: list[LineFeatures], pos: int) -> bool:
        f = feats[pos]
        if not is_prose(f):
            return False
        return f.words >= LONG_PROSE_WORDS or pos + 1 >= len(feats) or is_prose(feats[pos + 1])

"""Drop interface lines: buttons, share bars, paywall and newsletter prompts, comment forms, section links
and breadcrumbs.

A whole line that is a known widget label goes on the lexicon alone (such
lines carry no prose). A line that only *contains* a prompt phrase goes only
when it does not read as prose, or holds two prompt phrases: a body sentence
that mentions a newsletter or a privacy policy stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from archiver.core import rules
from archiver.core.cues import EMAIL_MARKER
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage, map_kept
from archiver.core.position import ArticleEnd
from archiver.core.text.lexicon import lexicon, norm, phrases_in
from archiver.core.text.textfeatures import LineFeatures, features, is_prose

MARKERS = frozenset({EMAIL_MARKER})


def _marker_line(text: str) -> bool:
    """A line that is one of archiver's markers with at most punctuation around it (":[email]"). The first
    pass judged the placeholder the marker replaced ("[email protected]"), which is no widget; judging the
    marker again would drop the line on a second pass (the fuzz run found it)."""
    rest = text
    for marker in MARKERS:
        rest = rest.replace(marker, "")
    return len(rest) < len(text) and not any(ch.isalnum() for ch in rest)
NAV_MAX_WORDS = 12
CRUMB_MAX_WORDS = 4
_NAV_GLYPHS = "»›"
_TRAIL_CHARS = _NAV_GLYPHS + ">"
_CRUMB_SEPARATOR = re.compile(r"\s+[»›]\s*|\s*[»›]\s+|\s+>\s+")
PREFIX_MAX_WORDS = 12
PHRASE_MAX_WORDS = 40
CLOSING_RULES = frozenset({rules.WIDGET_PREFIX, rules.AFFILIATE})
# "Akhlaq (47)", "Show more comments (20)", "商標 (32)": a label and its count, as category and archive lists,
# tag clouds and comment counters show them. Five in a row are a widget (a shorter run may be an article's list).
_COUNTED_LABEL = re.compile(r"^[^()\d][^()]{0,40}\s?\(\d{1,6}\)$")
MIN_COUNTED_RUN = 5
# "chevron_left Browse All Posts", "facebook_url", "dp3_1_en": an icon font's ligature name or a template's
# field name leaked into the text. Prose never opens a line with a snake_case identifier.
_IDENTIFIER_LEAD = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\s|$)")
IDENTIFIER_MAX_WORDS = 6
MIN_PROMPT_RUN = 2
PROMPT_RUN_MAX_WORDS = 60
CLOSING_MIN_WORDS = 5


def navigation_kind(text: str, f: LineFeatures) -> str | None:
    """'nav' for a section link led or closed by "»" ("» Columns", "More news »"), 'breadcrumb' for a trail
    ("Home » News » World", "Blog > Nutrition > Meal plans"); None for anything else.

    Structure only: the glyphs are a site's, not a sentence's. A "b > a" comparison holds one ">" and
    needs two to be a trail; "|" and "/" are left alone (a date range "May 2018 | June 2019" is text)."""
    if f.words > NAV_MAX_WORDS or is_prose(f) or not any(g in text for g in _TRAIL_CHARS):
        return None  # most lines: no glyph, no regex
    if text[:1] in _NAV_GLYPHS:
        return "nav"
    parts = [p for p in _CRUMB_SEPARATOR.split(text) if p.strip()]
    separators = len(_CRUMB_SEPARATOR.findall(text))
    glyph = any(g in text for g in _NAV_GLYPHS)
    if separators >= (1 if glyph else 2) and not features(text.rstrip(" " + _NAV_GLYPHS)).terminal \
            and all(len(p.split()) <= CRUMB_MAX_WORDS for p in parts):
        return "breadcrumb" if len(parts) >= 2 else "nav"
    return None


def holds_prompt(text: str) -> bool:
    """A line short enough to be a form's that holds a prompt phrase (one of a prompt run's lines)."""
    return features(text).words <= PROMPT_RUN_MAX_WORDS and bool(phrases_in(norm(text)))


def is_closing_sentence(f: LineFeatures) -> bool:
    return f.terminal and f.words >= CLOSING_MIN_WORDS


class WidgetsStage(Stage):
    name = rules.WIDGETS
    version = 5
    description = ("Drop buttons, share bars, paywall/newsletter/cookie prompts (and runs of prompt sentences), "
                   "comment-form lines and counted lists.")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        out = map_kept(blocks, self._judge)
        out = self._drop_counted_runs(out)
        out = self._drop_prompt_runs(out)
        # A publisher's sentence right under the last paragraph ("Follow NBC Latino on Facebook, Twitter
        # and Instagram.", an affiliate-link disclosure) closes the article as published: it stays.
        end = ArticleEnd(blocks)
        return [blocks[i] if block.dropped_by and block.dropped_by[1] in CLOSING_RULES
                and is_closing_sentence(features(block.text)) and end.closes(i) else block
                for i, block in enumerate(out)]

    def _drop_counted_runs(self, blocks: list[Block]) -> list[Block]:
        """Runs of "label (count)" lines: a category list or a comment counter, never prose."""
        return self._drop_runs(blocks, lambda text: text.endswith(")") and bool(_COUNTED_LABEL.match(text)),
                               MIN_COUNTED_RUN, "counted_list")

    def _drop_prompt_runs(self, blocks: list[Block]) -> list[Block]:
        """Two or more lines in a row that each hold a prompt phrase are a form (a sign-up box, a consent
        notice), even where each reads as a sentence: an article does not mention a newsletter, an opt-in or a
        privacy policy in two paragraphs running (no gold text of the dev split does)."""
        return self._drop_runs(blocks, holds_prompt, MIN_PROMPT_RUN, "prompt_run")

    def _drop_runs(self, blocks: list[Block], flagged: Callable[[str], bool], min_run: int,
                   rule: str) -> list[Block]:
        """Drop every run of at least ``min_run`` consecutive kept lines that are all ``flagged``."""
        kept = [i for i, b in enumerate(blocks) if b.kept]
        hits = [i for i in kept if flagged(blocks[i].text)]
        if len(hits) < min_run:
            return blocks
        position = {i: k for k, i in enumerate(kept)}
        out = list(blocks)
        run: list[int] = []
        for i in [*hits, None]:
            if i is not None and run and position[i] == position[run[-1]] + 1:
                run.append(i)
                continue
            if len(run) >= min_run:
                for j in run:
                    out[j] = blocks[j].dropped(self.id, rule)
            run = [i] if i is not None else []
        return out

    def _judge(self, block: Block) -> Block:
        if _marker_line(block.text):
            return block  # archiver's own placeholder markers: cleaning clean text changes nothing
        lex = lexicon()
        normed = norm(block.text)
        category = lex.line_category(normed)
        if category:
            return block.dropped(self.id, category)
        f = features(block.text)
        if "_" in block.text and f.words <= IDENTIFIER_MAX_WORDS and _IDENTIFIER_LEAD.match(block.text):
            return block.dropped(self.id, "identifier")
        navigation = navigation_kind(block.text, f)
        if navigation:
            return block.dropped(self.id, navigation)
        if f.words <= PREFIX_MAX_WORDS and not is_prose(f) and lex.prefix_category(normed) == "widget":
            return block.dropped(self.id, rules.WIDGET_PREFIX)
        found = phrases_in(normed) if f.words <= PHRASE_MAX_WORDS else ()
        if found and (not is_prose(f) or len(set(found)) >= 2):  # a sentence must hold two distinct phrases
            return block.dropped(self.id, lex.categories_of(found)[0])
        return block

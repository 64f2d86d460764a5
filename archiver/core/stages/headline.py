"""Find the headline, byline and date of a whole page when the head of the text gave none.

A whole page rendered to text starts with its menus, so the ``metadata`` stage, which reads the lines at the
top, finds no title there. Once the other stages have found where the article begins (its first kept paragraph
of prose), a learned model ranks the page's title-like lines (``archiver/core/headline_cues.py``: where a line
stands against the article's prose, whether the page's first lines or other lines repeat its words, whether
the lede shares them, a byline or date beside it, its shape; ``tools/train_headline.py``,
``docs/headline-model.md``) and the best one is the title when its score reaches the model's threshold. A title
the head gave stands when its line is near the article; one taken from far above it (a whole page's
"Accessibility links" or site name) is replaced when a headline is found, and its line is left out as
``not_the_headline``.

The byline and the date are read from the short lines around the article's start in the same way, when the
head gave none; the body is left as it is, but for a byline read into ``metadata.authors``. With no date
there (v4), the nearest dated short line above the article (a page's date line may stand over its kicker and
menus), and last a line anywhere that labels its date as the page's ("First published on ...", "Stand: ...").
A relative date ("2 hours ago") is read only when the record knows when the page was fetched (a WARC-Date).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Final

from archiver.core import rules
from archiver.core.cues import title_text
from archiver.core.headline_cues import HEADLINE_FEATURES, candidates, headline_rows
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.text.lexicon import lexicon
from archiver.core.text.metadata_text import (
    DATE_LABEL,
    DateFact,
    byline_authors,
    labelled_date,
    may_label_a_date,
    name_alone,
    parse_date,
    relative_date,
)
from archiver.core.text.textfeatures import features, is_prose
from archiver.core.trees import TreeEnsemble

MODEL_FILE: Final = "headline_model.v1.json"
WINDOW: Final = 8          # a head's title this close above the first paragraph is the article's own
AFTER: Final = 3            # a byline or date may stand under the lede, as well as above it
BEFORE_HEADLINE: Final = 3  # a dateline or kicker may stand above the headline
AFTER_HEADLINE: Final = 8   # the dek, byline and date stand under it, before the lede
NAME_AFTER_HEADLINE: Final = 3  # a name alone this close under the headline is its byline
PAGE_HEAD: Final = 3        # lines above the first paragraph that make a page's head even with none dropped
SHORT_LINE_WORDS: Final = 16
FOOTER_REACH: Final = 3      # a post's byline under it stands this close under its last paragraph
BYLINE_LINE_WORDS: Final = 30  # a line that opens as a byline may carry its dates ("by A Published ... Updated ...")
LABEL_LEAD_WORDS: Final = 8   # a date label opening a long line is read in its first words
LABEL_REACH_WORDS: Final = 12  # ... and one later in it with the words after it ("Posted by A on May 2, 2005")
DATE_LEAD_CHARS: Final = 40   # an article's opening date fits in its first characters
DATE_REACH: Final = 15      # with no byline or date beside the headline, the nearest this far above the article
AUTHORS_RULE: Final = rules.metadata_rule(["authors"])
_FINAL_STAGES: Final = (rules.WIDGETS, rules.TRAILER, rules.CAPTIONS)  # near-certain furniture, never a headline


class HeadlineModel:
    def __init__(self, trees: TreeEnsemble, threshold: float) -> None:
        self.trees = trees
        self.threshold = threshold

    def pick(self, blocks: list[Block], excluded: int | None) -> int | None:
        """The index of the best-ranked candidate line, when its score reaches the threshold."""
        found = candidates(blocks)  # scored as in training, all of them: their number is a cue
        rows = headline_rows(blocks, found)
        allowed = [k for k, i in enumerate(found) if i != excluded and not _furniture(blocks[i])]
        if not allowed:
            return None
        scores = {k: self.trees.margin(rows[k]) for k in allowed}
        best = max(allowed, key=lambda k: (scores[k], -k))
        return found[best] if scores[best] >= self.threshold else None


@cache
def headline_model() -> HeadlineModel:
    data = json.loads(resources.files("archiver").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    if tuple(data["features"]) != HEADLINE_FEATURES:
        raise RuntimeError(f"{MODEL_FILE} was trained on other cues than archiver/core/headline_cues.py computes")
    return HeadlineModel(TreeEnsemble.from_json(data["trees"]), float(data["threshold"]))


def _dropped_by(block: Block, stages: tuple[str, ...]) -> bool:
    """Dropped by one of ``stages`` (by name, any version)."""
    return rules.dropped_stage(block) in stages


def _furniture(block: Block) -> bool:
    """Dropped by a near-certain rule: never a headline."""
    return _dropped_by(block, _FINAL_STAGES)


def _after_paragraphs(blocks: list[Block], first: int, count: int) -> int:
    """The index just past the ``count``-th kept paragraph of prose from ``first``: a byline or date further
    down belongs to the comments, not to the article's head."""
    seen = 0
    for index in range(first, len(blocks)):
        if blocks[index].kept and is_prose(features(blocks[index].text)):
            seen += 1
            if seen == count:
                return index + 1
    return len(blocks)


class HeadlineStage(Stage):
    name = rules.HEADLINE
    version = 5
    description = ("On a whole page whose head gave no title, byline or date: the title-like line a learned "
                   "model ranks first (where it stands against the article's prose, what repeats its words, "
                   "its shape), and the byline and date among the short lines around the article's start "
                   "(else the nearest dated line above it, or a labelled date anywhere).")

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        if ctx.extracted:
            return blocks
        first = next((i for i, b in enumerate(blocks) if b.kept and is_prose(features(b.text))), None)
        if first is None or first == 0:
            return blocks
        out = list(blocks)
        headline = self._title(out, first, ctx.metadata)
        self._byline_and_date(out, first, headline, ctx.metadata, ctx.reference_date)
        return out

    def _title(self, blocks: list[Block], first: int, md: dict) -> int | None:
        """Find the title when the head gave none near the article; the headline's index, when known."""
        title = md.get("title")
        claimed = None  # the block the head's title came from, when it stands far above the article
        if title:
            claimed = next((i for i, b in enumerate(blocks) if not b.kept and title in b.text), None)
            if claimed is None or claimed >= first - WINDOW:
                return claimed  # a title right above the article, as the head of an article has it
        if first < PAGE_HEAD and all(b.kept for b in blocks[:first]):
            return None  # a clean body's short first line (a subhead), no page's head
        chosen = headline_model().pick(blocks, claimed)
        if chosen is None:
            return None
        md["title"] = title_text(blocks[chosen].text)
        if claimed is not None:  # the line the head took for a title is page furniture far above the article
            blocks[claimed] = blocks[claimed].dropped(self.id, "not_the_headline")
        return chosen

    def _byline_and_date(self, blocks: list[Block], first: int, headline: int | None, md: dict,
                         reference: str | None) -> None:
        """The byline and the date the head did not give, in three passes, each only for what is still
        missing: around the headline, above the article, and (the date) a labelled line anywhere, or else the
        date the article's first paragraph opens with ("Jan. 9, 2005 12:00 AM COLOMBO - ..."). A byline
        read is a line gone to ``metadata``: a kept one leaves the body, a dropped one's verdict says where it
        went (``metadata.authors``); a date line is only read (a kept one may be the article's own "Updated"
        note)."""
        anchor = first if headline is None else headline
        self._near_headline(blocks, first, headline, anchor, md, reference)
        self._above_article(blocks, first, anchor, md)
        footer, signed = _post_footer(blocks, first) if not (md.get("date") and md.get("authors")) else (None, [])
        if not md.get("date"):
            _record_date(md, _labelled_date_anywhere(blocks, first, footer)
                         or _date_opening_the_article(blocks, first))
        if not md.get("authors") and footer is not None:
            md["authors"] = signed
            blocks[footer] = blocks[footer].dropped(self.id, AUTHORS_RULE)

    def _near_headline(self, blocks: list[Block], first: int, headline: int | None, anchor: int, md: dict,
                       reference: str | None) -> None:
        """The short lines around the headline and the article's start (a whole page's head is its menu),
        the nearest to the headline first; a name alone just under the headline is its byline; "2 hours
        ago" is dated from when the page was fetched, when the record knows it (a WARC-Date)."""
        near = set(range(max(0, first - WINDOW), min(len(blocks), first + AFTER)))
        if headline is not None:
            # never past the lede: the third paragraph after the article's start, which is the headline when
            # the ranker found it below a stray paragraph of the page's head
            start = max(first, headline)
            end = min(len(blocks), headline + AFTER_HEADLINE + 1, _after_paragraphs(blocks, start, AFTER))
            near |= set(range(max(0, headline - BEFORE_HEADLINE), end))
            near.discard(headline)
        lines = []
        for index in sorted(near, key=lambda i: (abs(i - anchor), i < anchor)):
            text = title_text(blocks[index].text)
            f = features(text)
            if _short_or_byline(text, f.words) and not (is_prose(f) and index >= first):
                lines.append((index, text))
        if not md.get("authors"):
            self._byline_near(blocks, lines, headline, md)
        for _, text in lines:
            # parse_date reads more forms than the lexicon's test ("JANUARY 13TH, 2005")
            if not md.get("date") and not _record_date(md, parse_date(text)):
                _record_date(md, relative_date(text, reference))

    def _byline_near(self, blocks: list[Block], lines: list[tuple[int, str]], headline: int | None,
                     md: dict) -> None:
        """The nearest line that says it is a byline ("By A", the byline ends at "|", a date or a section);
        only when none does, a name alone just under the headline (a byline without "By"): a photo's
        "Name/ Agency" credit nearer the headline is no author when the byline stands below it."""
        for index, text in lines:
            authors = byline_authors(text)
            if authors:
                md["authors"] = authors
                blocks[index] = blocks[index].dropped(self.id, AUTHORS_RULE)
                return
        if headline is None:
            return
        for index, text in lines:
            alone = name_alone(text) if 0 < index - headline <= NAME_AFTER_HEADLINE else None
            if alone:
                md["authors"] = [alone]
                blocks[index] = blocks[index].dropped(self.id, AUTHORS_RULE)
                return

    def _above_article(self, blocks: list[Block], first: int, anchor: int, md: dict) -> None:
        """A page's byline and date lines may stand above a headline the ranker took from lower down (a
        video's caption repeating it) or above the page's kicker: the nearest ones above the article, never
        inside it; a byline only where it says it is one ("By A", "Autor: A")."""
        top = max(0, min(anchor, first) - DATE_REACH)
        for index in sorted(range(top, first), key=lambda i: abs(i - anchor)):
            if md.get("authors") and md.get("date"):
                return
            text = title_text(blocks[index].text)
            if not _short_or_byline(text, features(text).words):
                continue
            if not md.get("authors"):
                authors = byline_authors(text)
                if authors:
                    md["authors"] = authors
                    blocks[index] = blocks[index].dropped(self.id, AUTHORS_RULE)
            if not md.get("date"):
                _record_date(md, parse_date(text))


def _short_or_byline(text: str, words: int) -> bool:
    """A short line, or a longer one that opens as a byline: where a page's byline and date stand."""
    return words <= SHORT_LINE_WORDS or (words <= BYLINE_LINE_WORDS and lexicon().is_byline(text.strip()))


def _post_footer(blocks: list[Block], first: int) -> tuple[int | None, list[str]]:
    """A blog post's byline under it ("Posted by A at 11:00 AM", "Posted by A on May 2, 2005") and the
    authors it names: the first byline below the article's start, when it stands right under a paragraph of
    prose and above any comment. Further down, or after the comments began, a byline heads another post or a
    comment: (None, [])."""
    last_prose = first
    for index in range(first + 1, len(blocks)):
        block = blocks[index]
        if _COUNTER.match(block.text):
            return None, []  # "2 comments:", "5 Antworten": the comments begin
        text = title_text(block.text)
        f = features(text)
        if block.kept and is_prose(f):
            last_prose = index
            continue
        authors = byline_authors(text) if _short_or_byline(text, f.words) else []
        if authors:
            return (index, authors) if index - last_prose <= FOOTER_REACH else (None, [])
    return None, []


def _labelled_date_anywhere(blocks: list[Block], first: int, footer: int | None) -> DateFact | None:
    """A line anywhere that labels its date as the page's ("First published on May 2, 2005", "File last
    modified: September 9, 1999" at the foot of the page). Under the article a dated byline dates the page
    only as the post's footer (``_post_footer``); the others head comments."""
    for index, block in enumerate(blocks):
        if _dropped_by(block, (rules.COMMENTS,)) or not may_label_a_date(block.text):
            continue  # every cell a label could date is part of the line
        for text in _cells(title_text(block.text)):
            if features(text).words > SHORT_LINE_WORDS or (index > first and index != footer
                                                            and byline_authors(text)):
                continue
            fact = labelled_date(text)
            if fact and fact.iso:
                return fact
    return None


_COUNTER = re.compile(r"^\W*\d+\s+[^\W\d]+\W*$")
_CELL_BREAK = re.compile(r"\s+\|\s+")


def _cells(text: str) -> list[str]:
    """A line; when a renderer joined a table row's cells with "|", each cell alone ("Last Updated: Monday, 6
    September, 2004, 14:41 GMT | E-mail this to a friend | Printable"); and a long line's first words, where a
    label may open a paragraph ("Last updated: 27 September 2006 Contributors share ...")."""
    parts = [text, *(_CELL_BREAK.split(text) if " | " in text else [])]
    words = text.split()
    if len(words) > SHORT_LINE_WORDS:
        parts.append(" ".join(words[:LABEL_LEAD_WORDS]))
        # a label later in a paragraph ("This was written by A. Posted on Wednesday, July 4, 2012, at ..."):
        # the words from it on
        parts += [" ".join(text[label.start():].split()[:LABEL_REACH_WORDS])
                  for label in DATE_LABEL.finditer(text) if label.start() > 0]
    return parts


def _date_opening_the_article(blocks: list[Block], first: int) -> DateFact | None:
    """The date the article's first paragraph opens with, as a wire story's does ("April 25, 1997 At the
    Labour Relations Board ...", "March 7, 2005: ..."): the paragraph's very first words are the date."""
    block = blocks[first]
    fact = parse_date(block.text[:DATE_LEAD_CHARS])
    if fact is None or not fact.iso or not block.text.lstrip(" |*").startswith(fact.text):
        return None
    return fact


def _record_date(md: dict, fact: DateFact | None) -> bool:
    """Take ``fact`` as the page's date (keeping a date text the head read); whether there was one."""
    if fact is None or not fact.iso:
        return False
    md["date"], md["date_text"] = fact.iso, md.get("date_text") or fact.text
    return True

"""Drop runs of cards: listings of other stories and comment threads.

A card is a short line or two (a headline, an author, a user name, a vote
count), a timestamp line, then a little text. Three or more cards in a row,
with the same shapes before each timestamp and little text between one
timestamp and the next card, are a listing of other stories ("headline /
author / date / teaser") or a comment thread ("votes / user / 2 days ago /
comment"). An article has one head (title, byline, date) followed by its
whole body, and a timeline in it has the previous entry's prose before each
date, not a name: neither repeats as a card. An article right under a
listing looks like one more card, but more prose follows its "card text":
that last card stays.
"""

from __future__ import annotations

import itertools
import statistics
from typing import NamedTuple

from archiver.core import rules
from archiver.core.cues import is_date_line
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.text.textfeatures import LineFeatures, features, is_prose

MIN_CARDS = 3
MAX_CARD_LINES = 8  # from one timestamp to the next card's first line
MAX_CARD_WORDS = 200  # of text between one timestamp and the next card
MAX_PREFIX = 2
SHORT_WORDS = 4
HEADLINE_WORDS = 16
MIN_WORDS_LEFT = 50  # a page that is nothing but cards keeps them: there is no article to set them apart from


def prefix_shape(f: LineFeatures) -> str | None:
    """'S' for a name, handle or count, 'H' for a headline; None for a line of text (a sentence)."""
    if not 0 < f.words <= HEADLINE_WORDS or is_prose(f):
        return None
    if f.words <= SHORT_WORDS:
        return "S"  # "mike...", "Rating: 12 Votes"
    return None if f.terminal else "H"


class Card(NamedTuple):
    start: int   # its first line (kept-line position)
    anchor: int  # its timestamp line
    shape: str   # shape of the line right above the timestamp


class CardsStage(Stage):
    name = rules.CARDS
    version = 1
    description = "Drop runs of three or more cards (other stories' teasers, comments): short lines, a timestamp, text."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        kept = [i for i, b in enumerate(blocks) if b.kept]
        texts = [blocks[i].text for i in kept]
        feats = [features(t) for t in texts]
        anchors = [p for p, t in enumerate(texts) if is_date_line(t)]
        anchor_set = set(anchors)
        cards = [card for card in (self._card(p, feats, anchor_set) for p in anchors) if card]
        out = list(blocks)
        for start, end in self._runs(cards, feats):
            if sum(f.words for f in feats[:start]) + sum(f.words for f in feats[end:]) < MIN_WORDS_LEFT:
                continue
            for p in range(start, end):
                out[kept[p]] = blocks[kept[p]].dropped(self.id, "card_run")
        return out

    @staticmethod
    def _card(anchor: int, feats: list[LineFeatures], anchors: set[int]) -> Card | None:
        """The card whose timestamp is ``anchor``, or None when no short line heads it. Cards of one run may
        differ in how many short lines head them (a user name, then a vote count not every comment has), so
        only the nearest one must match."""
        start = anchor
        while anchor - start < MAX_PREFIX and start > 0 and (start - 1) not in anchors \
                and prefix_shape(feats[start - 1]) is not None:
            start -= 1
        shape = prefix_shape(feats[anchor - 1]) if start < anchor else None
        return Card(start, anchor, shape) if shape else None

    @staticmethod
    def _runs(cards: list[Card], feats: list[LineFeatures]) -> list[tuple[int, int]]:
        """[start, end) of each run of MIN_CARDS or more like cards, the last card's text included."""
        runs: list[tuple[int, int]] = []
        group: list[Card] = []
        for card in [*cards, None]:
            if card is not None and group:
                last = group[-1]
                between = range(last.anchor + 1, card.start)
                if (card.shape == last.shape and last.anchor < card.start <= last.anchor + MAX_CARD_LINES
                        and sum(feats[p].words for p in between) <= MAX_CARD_WORDS):
                    group.append(card)
                    continue
            if len(group) >= MIN_CARDS:
                bodies = [b.start - a.anchor - 1 for a, b in itertools.pairwise(group)]
                body = round(statistics.median(bodies))
                end = group[-1].anchor + 1 + body
                if end < len(feats) and is_prose(feats[end]):
                    # More prose after the last card's text: it was the article's own head (title, byline,
                    # date) under a listing, and its body follows. The run ends before it.
                    group.pop()
                    end = group[-1].anchor + 1 + body
                if len(group) >= MIN_CARDS:
                    runs.append((group[0].start, min(end, len(feats))))
            group = [card] if card is not None else []
        return runs

"""Lift the facts a text states about itself into ``metadata``, and the lines that state them out of the body.

The head of a scraped article (before its first long paragraph) holds the
title, a dek, bylines, timestamps and mastheads; its tail may hold a print-edition
note, a copyright line or "Write to ..." contacts. Each line read this way is
dropped with rule ``metadata.<field>`` so the ledger keeps its raw span. A
dateline ("WASHINGTON —") is recorded but stays at the start of the paragraph.
A title is taken only with corroboration (a dek, byline, date or masthead
under it, or headline casing), so a clean body's short first line survives.
"""

from __future__ import annotations

import re

from archiver.core import rules
from archiver.core.cues import is_captioned_line, is_credit, title_text
from archiver.core.model import Block
from archiver.core.pipeline import Context, Stage
from archiver.core.position import ArticleEnd, between_prose
from archiver.core.text.lexicon import lexicon, norm
from archiver.core.text.metadata_text import (
    ATTRIBUTION,
    COPYRIGHT,
    GLUED_BYLINE,
    MAIL_HEADER,
    PRINT_NOTE,
    SUBJECT,
    dateline,
    is_masthead,
    parse_authors,
    parse_byline,
    parse_contact_authors,
    parse_date,
)
from archiver.core.text.textfeatures import LineFeatures, features, is_prose

HEAD_BLOCKS = 10
BODY_WORDS = 25
TITLE_MAX_WORDS = 30
SUBTITLE_MAX_WORDS = 45
DATE_LINE_WORDS = 14
TAIL_BLOCKS = 12
DATELINE_BLOCKS = 4
MAX_TRAILER_CHARS = 600
HEADLINE_CASE = 0.6
TITLE_WITHIN = 3  # a title is among the first lines of the head
LEDE_BLOCKS = 2
STEM = 5  # words of a title and its lede compared by their first letters ("Radweg", "Radwegs")
_WORD = re.compile(r"[^\W\d_]{5,}")


def _content_words(text: str) -> list[str]:
    """The longer words of a line, lower-cased: short function words and numbers say nothing of its topic."""
    return [w.lower() for w in _WORD.findall(text)]
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){1,3}$")
_LINKED = re.compile(r"https?://|www\.|\]\(|^\s*[*•-]\s")  # a link or a list item: a menu's, not a headline


def is_attribution(text: str) -> bool:
    """An aggregator's "New York Times: ..." or "AFP: ..." teaser line."""
    match = ATTRIBUTION.match(text)
    if not match:
        return False
    source = match.group("source")
    return is_masthead(source) or is_masthead("The " + source) or lexicon().names_credit(source)


class MetadataStage(Stage):
    name = rules.METADATA
    version = 5
    description = "Lift title, dek, authors, date, dateline and publication out of the text into metadata."

    def apply(self, blocks: list[Block], ctx: Context) -> list[Block]:
        out = list(blocks)
        kept = [i for i, b in enumerate(out) if b.kept]
        claims: dict[int, list[str]] = {}
        head = self._head_zone(out, kept)
        self._read_head(out, head, ctx.metadata, claims)
        self._read_tail(out, kept, ctx.metadata, claims)
        body = [i for i in kept if i not in claims]
        for index in body[:DATELINE_BLOCKS]:  # the first paragraph, past any leftover head lines
            place = dateline(out[index].text)
            if place:
                ctx.metadata["dateline"] = ctx.metadata["dateline"] or place
                break
        for index, fields in claims.items():
            out[index] = out[index].dropped(self.id, rules.metadata_rule(fields))
        return out

    @staticmethod
    def _head_zone(blocks: list[Block], kept: list[int]) -> list[int]:
        head = []
        for index in kept[:HEAD_BLOCKS]:
            text = blocks[index].text
            f = features(text)
            if ((is_prose(f) and f.words >= BODY_WORDS) or dateline(text)) and not is_attribution(text):
                break
            head.append(index)
        return head

    def _read_head(self, blocks: list[Block], head: list[int], md: dict, claims: dict[int, list[str]]) -> None:
        reading = _HeadReading(self, blocks, head, md, self._echoed_titles(blocks, head))
        for position, index in enumerate(head):
            fields = reading.fields_of(position, index)
            if fields:
                claims[index] = fields

    def _echoed_titles(self, blocks: list[Block], head: list[int]) -> set[int]:
        """Positions of the head's title candidates whose words the lede repeats (its first two paragraphs
        after the head). A headline names what the article is about; a navigation line above it ("Zurück zur
        Übersicht") or a section's name does not. Empty when no candidate is echoed: then the first one that
        the head corroborates is the title, as before."""
        after = head[-1] + 1 if head else 0
        lede = [b.text for b in blocks[after:] if b.kept][:LEDE_BLOCKS]
        stems = {w[:STEM] for text in lede for w in _content_words(text)}
        return {position for position, index in enumerate(head[:TITLE_WITHIN])
                if self._title_like(blocks[index].text)
                and any(w[:STEM] in stems for w in _content_words(blocks[index].text))}

    @staticmethod
    def _title_like(text: str) -> bool:
        f = features(text)
        if not 2 <= f.words <= TITLE_MAX_WORDS or f.ellipsis or f.numeric >= 0.3 \
                or is_captioned_line(text) or is_credit(text) or _LINKED.search(text):
            return False
        normed = norm(text)
        if lexicon().line_category(normed) or lexicon().is_header(normed) or lexicon().prefix_category(normed):
            return False
        return not f.terminal or bool(_ABBREVIATION_END.search(text))

    @staticmethod
    def _subtitle_like(text: str) -> bool:
        f = features(text)
        return (3 <= f.words <= SUBTITLE_MAX_WORDS and not MAIL_HEADER.match(text) and "@" not in text
                and not f.ellipsis and not is_captioned_line(text)
                and not is_credit(text) and not lexicon().line_category(norm(text)))

    def _corroborated(self, blocks: list[Block], head: list[int], position: int, capitalised: float) -> bool:
        """Something under the candidate says it heads an article: a byline, timestamp,
        masthead or picture credit, or a dek followed by the body; or, for the very first
        line, headline casing with the body or a byline right under it."""
        lex = lexicon()
        rest = head[position + 1:]
        for index in rest:
            text = blocks[index].text
            if lex.is_byline(text) or lex.has_date(text) or is_masthead(text) or is_credit(text) \
                    or is_captioned_line(text):
                return True
        ends_head = len(head) < len(blocks)  # the zone stopped at a body paragraph
        if len(rest) == 1 and ends_head and self._subtitle_like(blocks[rest[0]].text):
            return True
        return position == 0 and capitalised >= HEADLINE_CASE and not rest and ends_head

    @staticmethod
    def _read_tail(blocks: list[Block], kept: list[int], md: dict, claims: dict[int, list[str]]) -> None:
        for index in kept[-TAIL_BLOCKS:]:
            text = blocks[index].text
            if len(text) > MAX_TRAILER_CHARS:
                continue  # trailer lines are short; long ones would only cost regex time
            note = PRINT_NOTE.match(text)
            if note:
                fact = parse_date(note.group("when"))
                if fact:
                    md["date"], md["date_text"] = fact.iso, fact.text
                md["publication"] = note.group("publication").strip()
                claims[index] = ["date", "publication"] if fact else ["publication"]
                continue
            contact = parse_contact_authors(text)
            if contact and not md["authors"]:
                md["authors"] = contact
                claims[index] = ["authors"]
        end = ArticleEnd(blocks)
        for index in kept[-TAIL_BLOCKS:]:
            if len(blocks[index].text) > MAX_TRAILER_CHARS:
                continue
            copyright_line = COPYRIGHT.match(blocks[index].text)
            if copyright_line and index not in claims and md["publication"] is None \
                    and is_masthead(copyright_line.group("holder").strip()) \
                    and not end.closes(index):  # a wire notice closing the article is its text
                md["publication"] = copyright_line.group("holder").strip()
                claims[index] = ["publication"]


class _HeadReading:
    """The head's lines read in order, each by the first reader that takes it: a byline, a date line, a
    masthead, an aggregator's attribution, then the title, and the dek right under it. A reader fills
    ``md`` and returns the fields the line is claimed for (its ledger rule), or None to pass it on."""

    def __init__(self, stage: MetadataStage, blocks: list[Block], head: list[int], md: dict,
                 echoed: set[int]) -> None:
        self.stage = stage
        self.blocks = blocks
        self.head = head
        self.md = md
        self.echoed = echoed
        self.title_at: int | None = None

    def fields_of(self, position: int, index: int) -> list[str] | None:
        text = self.blocks[index].text
        f = features(text)
        fields = (self.byline(text, f) or self.date_line(index, text, f) or self.masthead(text)
                  or self.attribution(text, f))
        if fields:
            return fields
        if self.title_at is None:
            return self.title(position, text, f)
        return self.subtitle(position, text)

    def byline(self, text: str, f: LineFeatures) -> list[str] | None:
        if not (lexicon().is_byline(text) and f.words <= DATE_LINE_WORDS):
            return None
        people, outlets = parse_byline(text)
        if not (people or outlets):
            return None  # a line read as metadata lands in a field: this one names nobody
        self.md["authors"] = self.md["authors"] or people
        self.md["publication"] = self.md["publication"] or (outlets[0] if outlets else None)
        return ["authors"] if people else ["publication"]

    def date_line(self, index: int, text: str, f: LineFeatures) -> list[str] | None:
        """A short dated line, not a timeline's entry between two paragraphs."""
        if not (f.words <= DATE_LINE_WORDS and not is_prose(f) and lexicon().has_date(text)
                and not between_prose(self.blocks, index)):
            return None
        fact = parse_date(text)
        self.md["date_text"] = self.md["date_text"] or text
        self.md["date"] = self.md["date"] or (fact.iso if fact else None)
        return ["date"]

    def masthead(self, text: str) -> list[str] | None:
        if not is_masthead(text):
            return None
        self.md["publication"] = self.md["publication"] or text
        return ["publication"]

    def attribution(self, text: str, f: LineFeatures) -> list[str] | None:
        """An aggregator's "AFP: ..." teaser under the title."""
        return ["attribution"] if is_attribution(text) and f.words > DATE_LINE_WORDS \
            and self.title_at is not None else None

    def title(self, position: int, text: str, f: LineFeatures) -> list[str] | None:
        """The first title-like line near the top that the lede echoes (when any is echoed) and the lines
        under it corroborate; a byline glued to it gives the authors too."""
        stage, md = self.stage, self.md
        if not (position < TITLE_WITHIN and stage._title_like(text)
                and (not self.echoed or position in self.echoed)
                and stage._corroborated(self.blocks, self.head, position, f.capitalised)):
            return None
        self.title_at = position
        glued = GLUED_BYLINE.match(text)
        authors = parse_authors(glued.group("names")) if glued else []
        if glued and authors:
            md["title"], md["authors"] = glued.group("title"), md["authors"] or authors
            return ["title", "authors"]
        md["title"] = SUBJECT.sub("", title_text(text))  # "# Title": html2text's heading mark is no word of it
        return ["title"]

    def subtitle(self, position: int, text: str) -> list[str] | None:
        if self.title_at is not None and position == self.title_at + 1 and self.md["subtitle"] is None \
                and self.stage._subtitle_like(text):
            self.md["subtitle"] = text
            return ["subtitle"]
        return None

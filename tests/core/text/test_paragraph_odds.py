"""The odds that a full line ending a sentence hides a paragraph end, and what unwrap does with them."""

import textwrap

from archiver.core.stages.unwrap import HIDDEN_END_PROBABILITY
from archiver.core.text.paragraph_odds import ParagraphOdds
from archiver.core.text.sentences import ends_sentence
from archiver.core.text.wrapping import is_full
from archiver.document import clean_bytes

SENTENCES = [
    "The council met on Monday to discuss the budget for the coming year.",
    "Members argued for hours about the cost of the new bridge.",
    "Several residents spoke against the plan at the public hearing.",
    "The mayor said she would decide within a month.",
    "A final vote is expected before the end of the summer.",
    "Engineers warned that repairs to the old bridge would cost even more.",
    "Local businesses said the closure of the road had hurt their trade.",
    "The opposition called for an independent review of the figures.",
]


def _wrap(paragraphs: list[str], width: int) -> list[str]:
    return [line for p in paragraphs for line in textwrap.wrap(p, width)]


def _hidden_points(paragraphs: list[str], width: int) -> tuple[int, int]:
    """Full lines that end a sentence before a capital: (inside a paragraph, at a paragraph's end)."""
    inner = ends = 0
    for k, p in enumerate(paragraphs):
        lines = textwrap.wrap(p, width)
        following = [*lines[1:], *(textwrap.wrap(paragraphs[k + 1], width)[:1] if k + 1 < len(paragraphs) else [])]
        for i, (a, b) in enumerate(zip(lines, following, strict=False)):
            if is_full(a, b, width) and ends_sentence(a) and b[:1].isupper():
                if i + 1 < len(lines):
                    inner += 1
                else:
                    ends += 1
    return inner, ends


def test_counts_come_from_what_the_wrap_shows() -> None:
    lines = ["The council met on Monday. Members argued for hours about the", "bridge.",
             "A vote is expected soon."]
    odds = ParagraphOdds.count(lines, 62)
    assert odds.inner_ends == 1  # "Monday. Members"
    assert odds.shown_ends == 1  # "bridge." before "A": the next word would have fitted
    assert odds.words_per_line == 11


def test_more_paragraph_ends_and_longer_next_words_raise_the_odds() -> None:
    rare = ParagraphOdds(width=70, shown_ends=2, inner_ends=40, words_per_line=11)
    common = ParagraphOdds(width=70, shown_ends=30, inner_ends=10, words_per_line=11)
    assert rare.end_probability("The next") < 0.25 < common.end_probability("The next")
    assert common.end_probability("A b") < common.end_probability("Extraordinarily b")
    assert 0 < rare.end_probability("X") < common.end_probability("X") < 1


WIDTHS = range(50, 80)


def _paragraphs_of(text: str) -> list[str]:
    return clean_bytes(text.encode(), "w.txt")["text"].rstrip("\n").split("\n\n")


def test_long_paragraphs_keep_a_full_line_that_ends_a_sentence() -> None:
    # Paragraphs of eight sentences: most sentence ends are inside paragraphs, so such a line goes on.
    paragraphs = [" ".join(SENTENCES[i:] + SENTENCES[:i]) for i in range(4)]
    widths = [w for w in WIDTHS if _hidden_points(paragraphs, w)[0] and not _hidden_points(paragraphs, w)[1]]
    assert len(widths) >= 10  # widths at which a full line ends a sentence inside a paragraph
    for width in widths:
        assert _paragraphs_of("\n".join(_wrap(paragraphs, width)) + "\n") == paragraphs, width


def test_one_sentence_paragraphs_end_at_a_full_line_that_ends_a_sentence() -> None:
    paragraphs = SENTENCES * 2
    widths = [w for w in WIDTHS if _hidden_points(paragraphs, w)[1]]
    assert len(widths) >= 10  # widths at which a paragraph's last line is full
    for width in widths:
        assert _paragraphs_of("\n".join(_wrap(paragraphs, width)) + "\n") == paragraphs, width


def test_a_run_that_stops_unfinished_is_a_heading_of_its_own() -> None:
    heading = "Extraordinary costs of the plan"
    paragraphs = [" ".join(SENTENCES[i:] + SENTENCES[:i]) for i in range(3)]
    widths = [w for w in WIDTHS
              if is_full(_wrap(paragraphs, w)[-1], heading, w) and not _hidden_points(paragraphs, w)[1]]
    assert len(widths) >= 3  # the line before the heading is full, and no other paragraph end is hidden
    for width in widths:
        lines = [*_wrap(paragraphs, width), heading, *_wrap(paragraphs[:1], width)]
        # The document's own odds say "goes on": only the heading rule ends the paragraph here.
        assert ParagraphOdds.count(lines, width).end_probability(heading) < HIDDEN_END_PROBABILITY
        assert _paragraphs_of("\n".join(lines) + "\n") == [*paragraphs, heading, paragraphs[0]], width


def test_abbreviations_of_several_languages_do_not_end_sentences() -> None:
    assert not ends_sentence("eine App für 25 Mio.") and not ends_sentence("steht bundesweit ca.")
    assert not ends_sentence("около 5 млн.") and not ends_sentence("talked to Sen.")
    assert ends_sentence("they said so in 2016.") and ends_sentence("the cost of it.”")

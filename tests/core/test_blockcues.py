"""The cues of ``archiver/core/blockcues.py`` that the boilerplate model reads about threads of posts."""

from __future__ import annotations

import math
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from archiver.core.blockcues import (
    _CODE,
    _GLUED,
    _LINK,
    _SENTENCE_INSIDE,
    _SEPARATORS,
    CONTEXT_NAMES,
    FEATURE_NAMES,
    _code_separators_sentences,
    _glued_joins,
    _has_link,
    _letters_and_marks,
    _low_high_around,
    document_cues,
    header_shape,
    neighbour_cues,
    thread_cues,
)
from archiver.core.text.textfeatures import features, latin1_form
from tests.helpers import blocks_of


def test_headers_of_one_thread_share_a_shape_whatever_the_names_and_dates() -> None:
    assert header_shape("Progress Trap said,") == header_shape("Jacob said,") == header_shape("Ann Lee Moss said,")
    assert header_shape("October 25, 2012 at 8:28 pm") == header_shape("June 3, 2011 at 9:02 pm")
    assert header_shape("by dave (516195) * writes: on Tuesday July 24, @10:39AM (#40749459) Homepage") == \
        header_shape("by ann (12) writes: on Monday July 2, @1:39PM (#40749451) Homepage")


def test_different_lines_have_different_shapes() -> None:
    assert header_shape("Jacob said,") != header_shape("Jacob wrote:")
    assert header_shape("Home") != header_shape("About")
    assert header_shape("") == ""


def _thread() -> tuple[list[str], list[int], list[bool]]:
    article = [f"The article's paragraph number {n}, which runs on for a while as the paragraphs of articles do, "
               "with a clause or two more." for n in range(3)]
    thread: list[str] = []
    comments = ("Great piece, thanks.", "I disagree with most of this, and here is why it matters to me.",
                "Where can I read the report?", "Same here")
    for name, comment in zip(("Ann said,", "Bob said,", "Cy said,", "Di said,"), comments, strict=True):
        thread += [name, comment]
    texts = article + thread
    return texts, [len(t.split()) for t in texts], [False] * len(texts)


def test_a_comment_sits_among_recurring_headers_and_the_article_does_not() -> None:
    texts, words, dated = _thread()
    rows = thread_cues(texts, words, dated)
    header, comment, article = rows[3], rows[-1], rows[0]
    assert header[0] == math.log1p(3)  # three other headers share its shape
    assert article[0] == 0.0  # too long to be a header
    assert article[1] == 0.0 and comment[1] == math.log1p(4)  # recurring headers before it
    assert comment[2] > article[2]  # and around it


def test_dated_short_lines_are_counted_before_and_around() -> None:
    texts = ["Some prose of the article that runs on.", "May 2, 2012 at 8:28 pm", "A comment.",
             "May 3, 2012 at 9:01 pm", "Another comment."]
    rows = thread_cues(texts, [len(t.split()) for t in texts], [False, True, False, True, False])
    assert rows[0][3] == 0.0 and rows[4][3] == math.log1p(2)
    assert rows[2][4] == 0.5  # two dated lines among its four neighbours


_LETTERS_GONE = re.compile(r"[\W\d_]+")
_MARKS_LEFT = re.compile(r"(?:[^\W_]|\s)+")
# Pieces of lines: ASCII, the typographic marks an ASCII stand-in replaces, other scripts, links. No control
# characters: the whitespace stage has taken them out before any cue is read.
_PIECES = st.sampled_from(["a", "Z", "word", "iPhone", "aB", "ß", "Ä", "é", "я", "中", "_", "7", " ", "\t", ".", ",",
                           "’", "“", "”", "—", "–", "‘", "…", "•", "|", "[", "]", "(", "](", "://", "http", "WWW.",
                           "www", ".com", ".COM", ".html", ".php", ".aspx", ".comic", "\u00a0", "€", "{", "};",
                           "=", "<", ">", "\\", "/", "!", "?", "。", "»", "·", "\n", "...", "„", "‚", "‹", "›", "″", "′",
                           "ü", "Ö", "ÿ", "×", "÷", "ª", "²", "½", "µ", "\x85", "\xad", "ł", "Ω", "ǅ"])


@settings(max_examples=2000)
@given(st.lists(_PIECES, max_size=14).map("".join))
@example("See www.example.org/page – or [here](x) “now”")
@example("He said “NeighboursIraq” … and—left")
@example("„Grüße“ – sagte Müller… ÄrzteKammer € 5")
def test_the_fast_counts_equal_the_regexes_they_replace(text: str) -> None:
    """Letters and marks, glued joins and links are counted from the line's Latin-1 bytes or from dot to dot;
    each must say what the regex over the whole line says."""
    latin1 = latin1_form(text)
    assert _letters_and_marks(text, latin1) == (len(_LETTERS_GONE.sub("", text)), len(_MARKS_LEFT.sub("", text)))
    assert _glued_joins(text, latin1) == len(_GLUED.findall(text))
    assert _has_link(text) == (_LINK.search(text) is not None)
    assert _code_separators_sentences(text) == (len(_CODE.findall(text)), len(_SEPARATORS.findall(text)),
                                                len(_SENTENCE_INSIDE.findall(text)))


@given(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=8), st.integers(0, 7))
def test_the_neighbours_low_and_high_are_min_and_max_of_the_two_on_each_side(p: list[float], i: int) -> None:
    i = min(i, len(p) - 1)
    around = p[max(0, i - 2):i] + p[i + 1:i + 3]
    assert _low_high_around(p, i) == ((min(around), max(around)) if around else (0.5, 0.5))


def test_a_thread_head_is_placed_by_the_text_before_it() -> None:
    """Below a thread head the cues say how far down the page it stood: a link to the comments above the
    article has nothing before it; the head of the comments has the article before it."""
    article = [f"The article's paragraph number {n}, which runs on for a while as the paragraphs of articles do."
               for n in range(4)]
    texts = ["3 comments", *article, "## 45 Comments", "Great piece, thanks for writing it.", "I disagree."]
    rows = document_cues(blocks_of(texts))
    col = {name: FEATURE_NAMES.index(name) for name in ("thread_head", "thread_head_before", "thread_head_mass",
                                                         "thread_head_distance_log")}
    assert [row[col["thread_head"]] for row in rows] == [1.0, 0, 0, 0, 0, 1.0, 0, 0]
    assert rows[0][col["thread_head_before"]] == 0.0  # nothing above the first line
    assert rows[1][col["thread_head_before"]] == 1.0 and rows[1][col["thread_head_mass"]] == 0.0
    assert rows[6][col["thread_head_mass"]] > 0.8  # the article lies above the comments' head
    assert rows[7][col["thread_head_distance_log"]] == math.log1p(2)
    above = sum(features(text).words for text in texts[:5])  # the article and the link above it
    assert rows[7][FEATURE_NAMES.index("thread_head_words_log")] == math.log1p(above)
    p_mass = CONTEXT_NAMES.index("thread_head_p_mass")
    around = neighbour_cues([0.2, 0.9, 0.9, 0.9, 0.9, 0.1, 0.4, 0.3], rows)
    assert around[0][p_mass] == -1.0 and around[2][p_mass] == 0.0
    assert around[6][p_mass] > 0.9  # all the content the first model saw lies above the head

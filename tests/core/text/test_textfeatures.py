"""The per-line features: the fast forms must find exactly what their plain regex definitions find."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from archiver.core.text.textfeatures import (
    _CJK,
    _STAND_INS,
    MARKS_BEYOND_LATIN1,
    _features,
    _first_max,
    _ranked_votes,
    _skeleton,
    _stopword_languages,
    ascii_stand_in,
    ends_in_ellipsis,
    ends_sentence,
    features,
    is_prose,
    lower_all,
    words_of,
)
from tests.helpers import typographic_lines

# The definitions the fast forms replace (textfeatures 0.4.0).
WORD = re.compile(r"\w+")
TERMINAL = re.compile(r"[.!?。！？…؟।][\"'”’»)\]]*$|[\"”’»][.!?…]?$")
ELLIPSIS = re.compile(r"(\.\.\.|…)[\"”’]?$|\[(?:\.\.\.|…)\]$")

# Line ends and word joints are where the fast forms could go wrong: draw them often.
_PIECES = st.sampled_from([".", "!", "?", "…", "...", "[…]", "[...]", "\"", "”", "’", "»", ")", "]", "'", " ",
                           "\u00a0", "\t", "_", "-", "²", "½", "٣", "Ω", "İ", "The", "the", "de", "La", "12",
                           "。", "؟", "।", "日本語", "한국어", "\u200b", "\u0301", "ΟΔΟΣ", "Σ", "ς", "DE", "Und",
                           "Ǆ", "ǅ"])
lines = st.lists(st.one_of(st.text(max_size=12), _PIECES), max_size=24).map("".join)
# ASCII lines take the byte-table paths: every ASCII character, controls included; so do Latin-1 lines, with
# the typographic marks beyond Latin-1 standing in as "!".
ascii_lines = st.text(st.characters(max_codepoint=127), max_size=80)
latin1_lines = st.lists(st.one_of(st.text(st.characters(max_codepoint=255), max_size=12),
                                  st.sampled_from([*MARKS_BEYOND_LATIN1, "Straße", "„Grüß Gott“"])),
                        max_size=16).map("".join)


def reference_votes(tokens: list[str]) -> list[tuple[str, int]]:
    hits: dict[str, int] = {}
    for token in tokens:
        for language in _stopword_languages().get(token.lower(), ()):
            hits[language] = hits.get(language, 0) + 1
    return sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))


def reference_features(text: str) -> tuple:
    tokens = WORD.findall(text)
    cjk = 0 if text.isascii() else len(_CJK.findall(text))
    words = len(tokens) + cjk // 2 if cjk else len(tokens)
    density, best = 0.0, ""
    if tokens:
        ranked = reference_votes(tokens)
        if ranked:
            best, hits = ranked[0]
            density = hits / len(tokens)
    alpha = [t for t in tokens if t[0].isalpha()]
    capitalised = sum(1 for t in alpha if t[0].isupper()) / len(alpha) if alpha else 0.0
    stripped = text.rstrip()
    return (words, bool(TERMINAL.search(stripped)), bool(ELLIPSIS.search(stripped)),
            density if not cjk else max(density, 0.3), best, capitalised,
            sum(1 for t in tokens if t.isdigit()) / len(tokens) if tokens else 0.0)


@given(st.one_of(lines, ascii_lines, typographic_lines, latin1_lines))
@example("snake_case, U.S.\x1fend 12.5%")
def test_words_are_exactly_the_regex_words(text: str) -> None:
    assert words_of(text) == WORD.findall(text)


@given(st.one_of(lines, ascii_lines, typographic_lines))
@example("X (Group A):\x1c 10th_place\t#1!")
def test_skeleton_is_exactly_the_regex_skeleton(text: str) -> None:
    assert _skeleton(text) == re.sub(r"[\w\s]+", "", text)


@given(lines)
def test_votes_equal_the_reference_count(text: str) -> None:
    assert _ranked_votes(WORD.findall(text)) == reference_votes(WORD.findall(text))


@given(lines)
def test_sentence_and_ellipsis_ends_are_exactly_the_regex_ends(text: str) -> None:
    stripped = text.rstrip()
    assert ends_sentence(stripped) == bool(TERMINAL.search(stripped))
    assert ends_in_ellipsis(stripped) == bool(ELLIPSIS.search(stripped))


@given(st.one_of(lines, ascii_lines, typographic_lines, latin1_lines))
def test_features_equal_the_reference_definition(text: str) -> None:
    f = _features(text)
    assert (f.words, f.terminal, f.ellipsis, f.stop_density, f.stop_language, f.capitalised,
            f.numeric) == reference_features(text)


def test_line_ends_that_are_not_sentence_ends() -> None:
    assert not ends_sentence(")") and not ends_sentence("]]") and not ends_sentence("")
    assert ends_sentence("He left.)") and ends_sentence("“Go.”") and ends_sentence("so »")
    assert ends_in_ellipsis("and then…”") and ends_in_ellipsis("read more [...]")
    assert not ends_in_ellipsis("”") and not ends_in_ellipsis("..x")


def test_a_sentence_reads_as_prose_and_a_menu_does_not() -> None:
    sentence = "The minister said on Tuesday that the talks would resume in the spring of next year."
    assert is_prose(features(sentence))
    f = features("Home News Sport Weather")
    assert not is_prose(f) and f.capitalised == 1.0 and f.stop_language == ""
    assert features("Der Minister sagte, dass die Gespräche im Frühjahr wieder aufgenommen werden.").stop_language \
        == "de"


def test_stand_ins_are_separators_that_case_folding_keeps() -> None:
    """What lets the helpers read a line through its ASCII stand-in: every mark is, like its stand-in, no word
    character and no whitespace, and folds to itself; only the right single quote stands in as the apostrophe
    (``norm`` deletes both)."""
    for mark, stand_in in _STAND_INS:
        assert not WORD.match(mark) and not mark.isspace() and mark.casefold() == mark.lower() == mark
        assert stand_in == ("'" if mark == "’" else " ")
    assert ascii_stand_in("It’s “done” — 1…2 • ok") == "It's  done    1 2   ok"
    assert ascii_stand_in("Plain ASCII") == "Plain ASCII"
    assert ascii_stand_in("Café — ouvert") is None and ascii_stand_in("a\u00a0b") is None


@given(st.lists(st.integers(min_value=0, max_value=5), max_size=25))
def test_first_max_is_max_then_index(counts: list[int]) -> None:
    top, first = _first_max(counts)
    assert top == max(counts, default=0)
    if top:
        assert first == counts.index(top)  # a tie goes to the first, the alphabetically first language


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(["ΟΔΟΣ", "Σ", "ς", "İstanbul", "STRASSE", "ẞ", "Ǆ", "word", "ΑΣ", "x", " ", "-", "Ⅻ"]),
                max_size=10).map("".join))
def test_lowering_the_words_joined_lowers_each_word(text: str) -> None:
    """One ``lower()`` of the words joined by spaces equals a ``lower()`` per word (Greek's final sigma, the
    dotted capital I and other context rules included)."""
    tokens = words_of(text)
    assert lower_all(tokens) == [token.lower() for token in tokens]

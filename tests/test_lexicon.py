"""The lexicon's cheap pre-checks never hide a match of the patterns they stand before."""

from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.lexicon import lexicon, norm


def _phrase_words() -> list[str]:
    return sorted({w for p in lexicon().phrase_category for w in p.replace("#", " # ").split()})


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_phrase_words(), "x", "1", "42", "'", ".", "-"]), max_size=12))
def test_a_line_with_a_phrase_may_hold_one(words: list[str]) -> None:
    normed = norm(" ".join(words))
    if lexicon().phrases.search(normed):
        assert lexicon().may_hold_phrase(normed)


def test_every_phrase_is_seen_alone_and_in_a_sentence() -> None:
    for phrase in lexicon().phrase_category:
        for line in (phrase, f"well, {phrase} today", f"x{phrase}"):
            if lexicon().phrases.search(norm(line)):
                assert lexicon().may_hold_phrase(norm(line)), line

"""The evidence the glued-words stage weighs: name lists, spaced phrases, word frequencies."""

from __future__ import annotations

from archiver.core.text.names import common_words, is_phrase, name_lexicon, phrases, zipf


def test_the_name_lists_load_and_hold_what_the_stage_asks() -> None:
    names = name_lexicon()
    assert {"Kyle", "Maria", "Qasem"} <= names.given
    assert "Mc" in names.prefixes and not names.given & {"", "#"}
    assert names.titles and names.heads and names.tails


def test_a_phrase_is_a_pair_the_web_writes_spaced() -> None:
    assert "new york" in phrases()
    assert is_phrase(["New", "York"]) and is_phrase(["Final", "Cut"])
    assert not is_phrase(["You", "Tube"])  # written glued as often: a name of its own
    assert not is_phrase(["Qwzx", "Vbnm"])


def test_word_frequencies_are_offline_and_never_raise() -> None:
    assert zipf("the", "en") > 7 > zipf("suleimani", "en")
    assert zipf("haus", "de") > 4
    assert zipf("anything", "xx-unknown") == 0.0
    assert zipf("tokyo", "ja") >= 0.0  # CJK tokenizers are not installed: a Latin word is looked up in English
    assert "the" in common_words("en") and common_words("xx-unknown") == frozenset()

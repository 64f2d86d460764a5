"""Language identification: script first, function words where they leave no doubt, then the model."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.core.text.langid import by_function_words, family, identify, probability_of

GERMAN = ("Die Bundesregierung will die Mietpreisbremse in den großen Städten verschärfen und bis zum Jahr "
          "2029 verlängern, wie aus einem Gesetzentwurf hervorgeht, der am Mittwoch beraten werden soll.")
ENGLISH = ("The council voted on Tuesday to extend the programme for another year, after a long debate about "
           "its cost and about the families who depend on it.")


def test_scripts_of_one_language_decide_at_once() -> None:
    assert identify("東京の天気は晴れです").language == "ja"
    assert identify("서울의 날씨").language == "ko"
    tag = identify("سپاه پاسداران انقلاب اسلامی ایران اعلام کرد که این عملیات ادامه خواهد داشت")
    assert (tag.language, tag.script) == ("fa", "Arab")


def test_latin_text_by_its_words() -> None:
    assert identify(GERMAN).language == "de" and identify(ENGLISH).language == "en"
    assert by_function_words(GERMAN * 2) is not None and by_function_words(GERMAN * 2).language == "de"


def test_short_or_letterless_text_is_undetermined() -> None:
    assert identify("12:30 | 4.5").language == "und"
    assert identify("Share this").language == "und"  # too few letters to say
    assert by_function_words("Share this") is None


def test_families_hold_languages_the_model_confuses() -> None:
    assert "ms" in family("id") and "en" in family("en") and family("xx") == frozenset({"xx"})
    assert probability_of(GERMAN, "de") > 0.9 > probability_of(GERMAN, "en")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_a_tag_the_same_way_twice(text: str) -> None:
    first = identify(text)
    assert first == identify(text) and 0.0 <= first.confidence <= 1.0

"""Scripts: the per-distinct-character count must give exactly what the per-character regex count gave."""

import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from archiver.core.text.scripts import _WEIGHT, ScriptCount, _dominant_script, _script_of, dominant_script
from tests.helpers import typographic_lines

# The definition the fast form replaces (scripts 0.4.0).
ASCII_LETTER = re.compile(r"[A-Za-z]")
OTHER_LETTER = re.compile(r"[^\x00-\x7f\W\d_]")


def reference_dominant_script(text: str) -> ScriptCount:
    counts: Counter[str] = Counter()
    ascii_letters = len(ASCII_LETTER.findall(text))
    if ascii_letters:
        counts["Latn"] = ascii_letters
    for ch in OTHER_LETTER.findall(text):
        script = _script_of(ch)
        counts[script] += _WEIGHT.get(script, 1)
    if not counts:
        return ScriptCount("Zyyy", 0)
    if counts["Hira"] or counts["Kana"]:
        japanese = counts["Hira"] + counts["Kana"] + counts["Hani"]
        if japanese * 2 >= sum(counts.values()):
            return ScriptCount("Jpan", japanese)
    script, letters = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return ScriptCount(script, letters)


_PIECES = st.sampled_from(["Hello", "مرحبا", "پچ", "Привет", "日本", "ひらがな", "カタ", "한국", "Ελλάδα", "١٢", "²",
                           "½", "_", "é", " ", "12", "Grüße", "ª", "µ", "ÿ", "×", "„", "“", "—"])
texts = st.lists(st.one_of(st.text(max_size=10), _PIECES), max_size=20).map("".join)
latin1_texts = st.text(st.characters(max_codepoint=255), max_size=40)


@given(st.one_of(texts, typographic_lines, latin1_texts))
def test_dominant_script_equals_the_per_character_count(text: str) -> None:
    assert _dominant_script(text) == reference_dominant_script(text)


def test_every_latin1_letter_lies_in_the_latin_range() -> None:
    """The Latin-1 shortcut counts every letter of a Latin-1 line as Latin: true of each one."""
    latin1_letters = [chr(b) for b in range(256) if OTHER_LETTER.fullmatch(chr(b)) or ASCII_LETTER.fullmatch(chr(b))]
    assert len(latin1_letters) > 52 and {_script_of(ch) for ch in latin1_letters} == {"Latn"}


def test_scripts_of_plain_lines() -> None:
    assert dominant_script("The news today") == ScriptCount("Latn", 12)
    assert dominant_script("خبر امروز").script == "Arab"
    assert dominant_script("東京でニュース").script == "Jpan"
    assert dominant_script("2024 — 12:30") == ScriptCount("Zyyy", 0)

"""Unicode script of a text (ISO 15924), decided by counting letters per script range.

A line in Arabic, Cyrillic or Hangul script is decided by its script far
faster and more reliably than by a statistical language model, and some
scripts name their language outright.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from archiver.core.memo import line_memo, remember
from archiver.core.text.textfeatures import latin1_form
from archiver.core.value import Value

# (first code point, last code point, ISO 15924 code); letters outside these are "Zyyy".
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "Latn"), (0x1E00, 0x1EFF, "Latn"),
    (0x0370, 0x03FF, "Grek"), (0x1F00, 0x1FFF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x0980, 0x09FF, "Beng"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "Hang"), (0xAC00, 0xD7AF, "Hang"), (0x3130, 0x318F, "Hang"),
    (0x3040, 0x309F, "Hira"), (0x30A0, 0x30FF, "Kana"),
    (0x4E00, 0x9FFF, "Hani"), (0x3400, 0x4DBF, "Hani"),
)

# Scripts that name their language (Han alone is ambiguous, but kana means Japanese).
SCRIPT_LANGUAGE: dict[str, str] = {
    "Grek": "el", "Armn": "hy", "Hebr": "he", "Thai": "th", "Geor": "ka", "Hang": "ko", "Jpan": "ja",
    "Beng": "bn",
}
# Letters only Persian (or Urdu) write with, among Arabic-script languages.
PERSIAN_LETTERS = frozenset("پچژگکی")
URDU_LETTERS = frozenset("ٹڈڑںےھ")


def _range_of(ch: str) -> tuple[int, int, str]:
    """The script range holding ``ch``: (first, last, script); Zyyy is an empty range."""
    code = ord(ch)
    for first, last, script in _RANGES:
        if first <= code <= last:
            return first, last, script
    return 0, -1, "Zyyy"


@lru_cache(maxsize=65536)
def _script_of(ch: str) -> str:
    return _range_of(ch)[2]


class ScriptCount(Value):
    __slots__ = ("letters", "script")

    def __init__(self, script: str, letters: int) -> None:
        self.script: Final = script    # dominant ISO 15924 code; "Jpan" for kana mixed with Han; "Zyyy": no letters
        self.letters: Final = letters  # letters in that script

    def _key(self) -> tuple[object, ...]:
        return (self.script, self.letters)


# A CJK character carries about as much as a short alphabetic word: weigh it so.
_WEIGHT = {"Hani": 3, "Hira": 3, "Kana": 3, "Hang": 2}


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# A run of non-ASCII letters (word characters that are not digits): a word of a non-Latin script.
_OTHER_LETTERS = re.compile(r"[^\x00-\x7f\W\d_]+")


# Latin-1's letters: ASCII's and the non-ASCII ones ``_OTHER_LETTERS`` takes ("ä", "ß", "ª", "²"), which all lie in
# the first Latin range (tests/core/text/test_scripts.py checks), so a Latin-1 line is Latin by a byte count.
_LATIN1_LETTERS: Final = _ASCII_LETTERS + bytes(b for b in range(128, 256) if _OTHER_LETTERS.fullmatch(chr(b)))
_NOT_LATIN1_LETTERS: Final = bytes(b for b in range(256) if b not in _LATIN1_LETTERS)


def _ascii_letters(text: str) -> int:
    data = text.encode("ascii", "ignore")
    return len(data) - len(data.translate(None, _ASCII_LETTERS))


_DOMINANT_MEMO: Final[dict[str, ScriptCount]] = line_memo()


def dominant_script(text: str) -> ScriptCount:
    """The script most of the text's letters are in (CJK characters weighed as words); remembered per line."""
    found = _DOMINANT_MEMO.get(text)
    return found if found is not None else remember(_DOMINANT_MEMO, text, _dominant_script(text))


def _dominant_script(text: str) -> ScriptCount:
    """The script count, worked out.

    Counted per word, not per character: a run of letters lying between the lowest and the highest code
    point of one script range is all that script (two to six times faster than a look-up per letter)."""
    latin1 = latin1_form(text)
    if latin1 is not None:  # ASCII, German, French, Spanish: every letter Latin (typographic marks are none)
        letters = len(latin1.translate(None, _NOT_LATIN1_LETTERS))
        return ScriptCount("Latn", letters) if letters else ScriptCount("Zyyy", 0)
    latin = _ascii_letters(text)
    counts: dict[str, int] = {"Latn": latin} if latin else {}  # a dict: Counter's defaults are Python code
    for run in _OTHER_LETTERS.findall(text):
        first, last, script = _range_of(run[0])
        if first <= ord(min(run)) and ord(max(run)) <= last:
            counts[script] = counts.get(script, 0) + _WEIGHT.get(script, 1) * len(run)
        else:  # a run across scripts, or of letters outside every range
            for ch in run:
                script = _script_of(ch)
                counts[script] = counts.get(script, 0) + _WEIGHT.get(script, 1)
    if not counts:
        return ScriptCount("Zyyy", 0)
    if "Hira" in counts or "Kana" in counts:
        japanese = counts.get("Hira", 0) + counts.get("Kana", 0) + counts.get("Hani", 0)
        if japanese * 2 >= sum(counts.values()):
            return ScriptCount("Jpan", japanese)
    script, letters = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return ScriptCount(script, letters)

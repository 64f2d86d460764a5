"""Language-neutral cues of running prose versus page furniture, computed per line.

Menus, headlines, credits and buttons are short, unpunctuated and poor in
function words; article sentences are long, end in punctuation and are rich in
them. Stopword lists for 22 languages are data (archiver/data/stopwords.json).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Final

from archiver.core.memo import line_memo, remember
from archiver.core.value import Value

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# A line ends like a sentence when, past any closing quotes or brackets, its last character ends a sentence,
# or when it ends in a closing quote: r"[.!?。！？…؟।][\"'”’»)\]]*$|[\"”’»][.!?…]?$", tested on the end alone.
_SENTENCE_ENDS = ".!?。！？…؟।"
_CLOSERS = "\"'”’»)]"
_QUOTE_CLOSERS = "\"”’»"


def has_cjk(text: str) -> bool:
    """Whether the text holds a character of a script written without spaces between words (Han, kana,
    Hangul)."""
    return _CJK.search(text) is not None


# An ellipsis at the end, possibly in a closing quote, or a blog excerpt's cut "[…]":
# r"(\.\.\.|…)[\"”’]?$|\[(?:\.\.\.|…)\]$".
_ELLIPSES = ("...", "…")
_CUT_MARKS = ("[...]", "[…]")


_ASCII_WORD = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
# Every byte that is not an ASCII word character becomes a space: an ASCII line's words are then its split.
_ASCII_WORDS_ONLY = bytes(c if c in _ASCII_WORD else 32 for c in range(256))


# The non-ASCII characters of most lines in English, most frequent first: curly quotes, dashes, the ellipsis,
# the bullet (in the development texts, four non-ASCII lines in five hold no others). None is a word
# character, a letter, a digit or whitespace, and case folding leaves each as it is; so the per-line helpers
# that treat every such character alike, as a separator, read the line the same with an ASCII stand-in for
# it: the apostrophe for the right single quote (``norm`` deletes both), a space for the others.
_STAND_INS = (("’", "'"), ("”", " "), ("“", " "), ("—", " "), ("–", " "), ("‘", " "), ("…", " "), ("•", " "))


def has_digit(text: str) -> bool:
    """A decimal digit anywhere in the text (``\\d``): one C scan, asked before costlier scans that need one."""
    return _DIGIT.search(text) is not None


def ascii_stand_in(text: str) -> str | None:
    """``text`` if it is ASCII; with its typographic marks replaced by their stand-ins when they are its only
    non-ASCII characters; else None. The helpers' ASCII paths are several times faster than the general ones
    (``words_of``: 2 against 9 µs a line, compiled)."""
    if text.isascii():  # a flag of the string: no scan
        return text
    return _typographic_stand_in(text)


_STAND_IN_MEMO: Final[dict[str, str | None]] = line_memo()


def _typographic_stand_in(text: str) -> str | None:
    """Asked of one line by several helpers (features, norm, scripts, widths, spaces): made once."""
    if text in _STAND_IN_MEMO:  # None is an answer too
        return _STAND_IN_MEMO[text]
    return remember(_STAND_IN_MEMO, text, _make_stand_in(text))


def _make_stand_in(text: str) -> str | None:
    for mark, stand_in in _STAND_INS:
        text = text.replace(mark, stand_in)  # the same object when the mark is absent
        if text.isascii():
            return text
    return None


def words_of(text: str) -> list[str]:
    """The text's words, as ``\\w+`` finds them, without a regex call per word (the pipeline's hottest loop).

    An ASCII line (or its ASCII stand-in), or a Latin-1 one (``latin1_form``), has its non-word bytes turned
    into spaces and is split (a byte table says which are ``\\w``); otherwise whitespace splits first, and only
    a chunk holding a non-word character goes to the regex."""
    plain = ascii_stand_in(text)
    return _ascii_words(plain) if plain is not None else _unicode_words(text)


def _ascii_words(plain: str) -> list[str]:
    return _ascii_word_bytes(plain).decode("ascii").split()


def _ascii_word_bytes(plain: str) -> bytes:
    """An ASCII line's bytes with every non-word byte a space: its words are the split."""
    return plain.encode("ascii").translate(_ASCII_WORDS_ONLY)


# Typographic marks beyond Latin-1 (quotes, dashes, the ellipsis, the bullet, the euro sign): none is a word
# character, a space or a letter, like "!", which stands in for each so that a line in German, French or Spanish
# with curly quotes still has a Latin-1 form, read with byte tables as ASCII lines are.
MARKS_BEYOND_LATIN1: Final = "".join(mark for mark, _ in _STAND_INS) + "„‚€‹›″′"
_LATIN1_WORDS_ONLY: Final = bytes(c if _WORD.fullmatch(chr(c)) else 32 for c in range(256))


_LATIN1_MEMO: Final[dict[str, bytes | None]] = line_memo()


def latin1_form(text: str) -> bytes | None:
    """The line as Latin-1 bytes, its ``MARKS_BEYOND_LATIN1`` as "!"; None when other characters remain
    (Cyrillic, Greek, CJK, Polish letters). A non-ASCII line's answer is remembered: the word split, the
    learned cues and the script count each ask it of the same line."""
    if text.isascii():
        return text.encode("ascii")
    if text in _LATIN1_MEMO:  # None is an answer too
        return _LATIN1_MEMO[text]
    return remember(_LATIN1_MEMO, text, _make_latin1_form(text))


def _make_latin1_form(text: str) -> bytes | None:
    for mark in MARKS_BEYOND_LATIN1:
        if mark in text:
            text = text.replace(mark, "!")
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def _latin1_words(latin1: bytes) -> list[str]:
    """A ``latin1_form``'s words: non-word bytes to spaces, then split, as for ASCII."""
    return latin1.translate(_LATIN1_WORDS_ONLY).decode("latin-1").split()


def _unicode_words(text: str) -> list[str]:
    latin1 = latin1_form(text)
    return _latin1_words(latin1) if latin1 is not None else _words_by_chunks(text)  # Latin-1: German, French


def _words_by_chunks(text: str) -> list[str]:
    words: list[str] = []
    for chunk in text.split():
        if chunk.isalnum():
            words.append(chunk)
        else:
            words.extend(_WORD.findall(chunk))
    return words


def ends_sentence(stripped: str) -> bool:
    """``stripped`` (no trailing whitespace) ends like a sentence; its end is read, not the whole line."""
    if not stripped:
        return False
    if stripped[-1] in _QUOTE_CLOSERS:
        return True
    core = stripped.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_ENDS


def ends_in_ellipsis(stripped: str) -> bool:
    """``stripped`` ends in an ellipsis (perhaps inside a closing quote) or in a cut mark "[…]"."""
    if stripped.endswith(_ELLIPSES) or stripped.endswith(_CUT_MARKS):
        return True
    return len(stripped) > 1 and stripped[-1] in "\"”’" and stripped[:-1].endswith(_ELLIPSES)


_SKELETON = re.compile(r"[\w\s]+")


_ASCII_WORD_OR_SPACE = _ASCII_WORD + b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"  # str patterns' \s also takes \x1c-\x1f


_SKELETON_MEMO: Final[dict[str, str]] = line_memo()


def skeleton(text: str) -> str:
    """The line's punctuation alone: list items of one template share it ("X (Group A): 10th")."""
    found = _SKELETON_MEMO.get(text)
    return found if found is not None else remember(_SKELETON_MEMO, text, _skeleton(text))


def _skeleton(text: str) -> str:
    if ascii_stand_in(text) is not None:  # no word character or space beyond ASCII: UTF-8 bytes keep the rest
        return text.encode("utf-8").translate(None, _ASCII_WORD_OR_SPACE).decode("utf-8")
    return _SKELETON.sub("", text)


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    raw = resources.files("archiver") / "data" / "stopwords.json"
    data = json.loads(raw.read_text(encoding="utf-8"))
    return {lang: frozenset(words) for lang, words in data.items()}


@lru_cache(maxsize=1)
def _stopword_languages() -> dict[str, tuple[str, ...]]:
    """Word -> the languages whose function words include it (languages in sorted order)."""
    index: dict[str, list[str]] = {}
    for language, words in sorted(stopwords().items()):
        for word in words:
            index.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in index.items()}


_VOTE_INDEX: Final[list[tuple[tuple[str, ...], dict[str, tuple[int, ...]]]]] = []


def _vote_index() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """The stopword languages in alphabetical order, and word -> the positions of its languages there: votes
    are counted in a list, not a dict keyed by language name (a third of the cost). Built once; read from a
    list, like ``lexicon()``, since every new line asks."""
    if not _VOTE_INDEX:
        _VOTE_INDEX.append(_build_vote_index())
    return _VOTE_INDEX[0]


def _build_vote_index() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    languages = tuple(sorted(stopwords()))
    position = {language: i for i, language in enumerate(languages)}
    return languages, {word: tuple(position[language] for language in found)
                       for word, found in _stopword_languages().items()}


def _vote_counts(lowered: list[str]) -> list[int]:
    """Per language (in ``_vote_index`` order), how many of the lower-cased words are its function words."""
    languages, index = _vote_index()
    counts = [0] * len(languages)
    for word in lowered:
        positions = index.get(word)
        if positions is not None:
            for p in positions:
                counts[p] = counts[p] + 1  # "+=" on a list item is the generic in-place add, compiled
    return counts


def _first_max(counts: list[int]) -> tuple[int, int]:
    """The largest count (0 for none) and the first position holding it: ``max`` and ``index`` in one compiled
    loop (``max(counts, default=0)`` went through the generic built-in call, 6,000 instructions a line)."""
    top, first = 0, 0
    for position, count in enumerate(counts):
        if count > top:
            top, first = count, position
    return top, first


def lower_all(tokens: list[str]) -> list[str]:
    """The tokens lower-cased in one call on them joined (a token holds no space, and lower-casing makes
    none), not one call each."""
    return " ".join(tokens).lower().split(" ") if tokens else []


def _ranked_votes(tokens: list[str]) -> list[tuple[str, int]]:
    """Per language, how many tokens are its function words: most first, ties to the alphabetically first."""
    languages = _vote_index()[0]
    votes = [(languages[i], count) for i, count in enumerate(_vote_counts(lower_all(tokens))) if count]
    return sorted(votes, key=lambda kv: (-kv[1], kv[0]))


def function_word_votes(text: str) -> tuple[int, list[tuple[str, int]]]:
    """The text's word count and its function-word votes per language (see ``_ranked_votes``)."""
    tokens = words_of(text)
    return len(tokens), _ranked_votes(tokens)


class LineFeatures(Value):
    """A line's cues (``features``)."""

    __slots__ = ("capitalised", "ellipsis", "numeric", "stop_density", "stop_language", "terminal", "words")

    def __init__(self, words: int, terminal: bool, ellipsis: bool, stop_density: float, stop_language: str,
                 capitalised: float, numeric: float) -> None:
        self.words: Final = words                  # word count; CJK text counts one word per two characters
        self.terminal: Final = terminal            # ends like a sentence
        self.ellipsis: Final = ellipsis            # ends in "..." or "…" (a teaser, or a quote)
        self.stop_density: Final = stop_density    # share of words that are function words, best language
        self.stop_language: Final = stop_language  # that best language ("" when no function word at all)
        self.capitalised: Final = capitalised      # share of alphabetic words that start upper-case
        self.numeric: Final = numeric              # share of words that are numbers (table rows, scores)

    def _key(self) -> tuple[object, ...]:
        return (self.words, self.terminal, self.ellipsis, self.stop_density, self.stop_language, self.capitalised,
                self.numeric)


_FEATURES_MEMO: Final[dict[str, LineFeatures]] = line_memo()


def features(text: str) -> LineFeatures:
    """The line's cues, from one tokenisation: function-word votes, capitals, numbers, its end. Every stage
    asks, so the first ask pays for all; on new text this is the pipeline's costliest helper."""
    found = _FEATURES_MEMO.get(text)
    return found if found is not None else remember(_FEATURES_MEMO, text, _features(text))


def _features(text: str) -> LineFeatures:
    plain = ascii_stand_in(text)
    latin1: bytes | None = None
    if plain is not None:
        words_only = _ascii_word_bytes(plain)
        tokens = words_only.decode("ascii").split()
        lowered = words_only.lower().decode("ascii").split()  # a third of the cost of lower_all
    else:
        latin1 = latin1_form(text)
        tokens = _latin1_words(latin1) if latin1 is not None else _words_by_chunks(text)
        lowered = lower_all(tokens)
    cjk = 0 if plain is not None or latin1 is not None else len(_CJK.findall(text))  # no CJK in Latin-1
    words = len(tokens) + cjk // 2 if cjk else len(tokens)
    alpha = upper = digits = 0
    for token in tokens:
        code = ord(token[0])
        if 97 <= code <= 122:  # ASCII letters by code: a str method call costs ten times as much compiled
            alpha += 1
        elif 65 <= code <= 90:
            alpha += 1
            upper += 1
        elif code >= 128 and token[0].isalpha():
            alpha += 1
            if token[0].isupper():
                upper += 1
        if token.isdigit():
            digits += 1
    top, first = _first_max(_vote_counts(lowered))
    best = _vote_index()[0][first] if top else ""  # a tie goes to the alphabetically first
    density = top / len(tokens) if tokens else 0.0
    stripped = text.rstrip()
    return LineFeatures(
        words=words,
        terminal=ends_sentence(stripped),
        ellipsis=ends_in_ellipsis(stripped),
        stop_density=density if not cjk else max(density, 0.3),
        stop_language=best,
        capitalised=upper / alpha if alpha else 0.0,
        numeric=digits / len(tokens) if tokens else 0.0,
    )


def is_prose(f: LineFeatures) -> bool:
    """A line that reads like an article sentence or paragraph."""
    return f.terminal and f.words >= 10 and f.stop_density >= 0.15


def is_headline_like(f: LineFeatures) -> bool:
    """A short line without a sentence end: a title, link, teaser or menu entry."""
    return not f.terminal and f.words <= 20
